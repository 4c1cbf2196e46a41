import { RULE_CATALOG } from '../policy/catalog.js'
import type { Finding, RuleId, Severity } from '../types.js'
import { escapeMarkdown, clip, link } from './escape.js'
import { ICON } from './findings.js'

/**
 * Findings of one rule, severity and subject across apps: what a reviewer reads as one line
 * ("alice@… owns shop-01 … shop-10"). Annotations and the comment show groups; the outputs, the
 * report file and SARIF keep one finding per app.
 */
export interface FindingGroup {
  readonly rule: RuleId
  readonly severity: Severity
  readonly subject: string | null
  readonly accepted: boolean
  readonly help: string
  /** In the order they came (most severe first, then app). */
  readonly findings: readonly Finding[]
  /** Distinct apps, in order; empty for repository-wide findings. */
  readonly apps: readonly string[]
}

/**
 * Groups findings by rule, severity, subject and acceptance, keeping order. Grouping reads the
 * findings as they are (two accounts masked alike stay apart); the groups hold them through
 * `redact`.
 */
export function groupFindings(
  findings: readonly Finding[],
  redact: (f: Finding) => Finding = (f) => f
): FindingGroup[] {
  const groups = new Map<string, { first: Finding; findings: Finding[] }>()
  for (const raw of findings) {
    const key = JSON.stringify([raw.rule, raw.severity, raw.subject, raw.accepted !== undefined])
    const f = redact(raw)
    const group = groups.get(key)
    if (group) group.findings.push(f)
    else groups.set(key, { first: f, findings: [f] })
  }
  return [...groups.values()].map(({ first, findings: members }) => ({
    rule: first.rule,
    severity: first.severity,
    subject: first.subject,
    accepted: first.accepted !== undefined,
    help: first.help,
    findings: members,
    apps: [...new Set(members.flatMap((f) => (f.app === null ? [] : [f.app])))]
  }))
}

/** "shop-01", "shop-01 and shop-02", "shop-01, shop-02 … shop-10 (10 apps)". */
export function appsText(apps: readonly string[], shown = 3): string {
  if (apps.length === 0) return ''
  if (apps.length === 1) return apps[0] ?? ''
  if (apps.length === 2) return `${apps[0]} and ${apps[1]}`
  if (apps.length <= shown) return `${apps.slice(0, -1).join(', ')} and ${apps.at(-1)}`
  return `${apps.slice(0, shown - 1).join(', ')} … ${apps.at(-1)} (${apps.length} apps)`
}

/** The command in one line, for plain text: single-line commands whole, else where to find it. */
function commandText(f: Finding): string {
  if (!f.command) return ''
  return f.command.includes('\n')
    ? ' (the command is in the comment and the job summary)'
    : ` Command: ${f.command}`
}

const namesUpTo = (names: readonly string[], n: number): string =>
  names.length <= n
    ? names.join(', ')
    : `${names.slice(0, n).join(', ')} and ${names.length - n} more`

/** One plain line for an annotation of a group: title and message. */
export function groupAnnotation(g: FindingGroup): { title: string; message: string } {
  const first = g.findings[0]
  const title = g.apps.length === 0 ? g.rule : `${g.rule} (${appsText(g.apps)})`
  if (g.findings.length === 1 || first === undefined) {
    return {
      title,
      message: first ? `${first.message} Fix: ${first.fix}${commandText(first)}` : ''
    }
  }
  const who = g.subject === null ? '' : `${g.subject}: `
  return {
    title,
    message:
      `${who}${RULE_CATALOG[g.rule].title} on ${g.apps.length} apps: ${namesUpTo(g.apps, 20)}. ` +
      `${first.message} Fix (each app): ${first.fix}${commandText(first)}`
  }
}

/** A fence longer than any run of backticks in the text, so nothing can close it early. */
function fenced(code: string, lang = 'sh'): string {
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}${lang}\n${code}\n${fence}`
}

export interface GroupRenderOptions {
  /** Text of an API or input: redacted, escaped (the caller's `t`). */
  readonly t: (s: string | null | undefined, max?: number) => string
  /** Most commands shown in one group's block before "…and N more". */
  readonly maxCommands?: number
  /** Most per-app messages listed in the block. Default 10. */
  readonly maxMessages?: number
  /** Name the apps on the line (false when a heading above names them). Default true. */
  readonly showApps?: boolean
}

/**
 * A group as markdown: one short line (icon, rule link, subject, what is wrong, apps), then a
 * collapsed block with each app's finding and how to fix it, commands in code blocks.
 */
export function renderGroup(g: FindingGroup, opts: GroupRenderOptions): string {
  const { t } = opts
  const info = RULE_CATALOG[g.rule]
  const subject = g.subject === null ? '' : ` · **${t(g.subject, 120)}**`
  const where =
    g.apps.length === 0 || opts.showApps === false
      ? ''
      : ` · ${escapeMarkdown(clip(appsText(g.apps), 200))}`
  const accepted = g.accepted ? ' · _accepted_' : ''
  const line = `${ICON[g.severity]} ${link(g.rule, g.help)}${subject} · ${escapeMarkdown(info.title)}${where}${accepted}`

  const body: string[] = []
  const messages = [...new Set(g.findings.map((f) => f.message))]
  const maxMessages = opts.maxMessages ?? 10
  for (const m of messages.slice(0, maxMessages)) body.push(`- ${t(m, 600)}`)
  if (messages.length > maxMessages) {
    body.push(`- …and ${messages.length - maxMessages} more like these`)
  }
  const reasons = [
    ...new Set(
      g.findings.flatMap((f) =>
        f.accepted
          ? [
              `Accepted: ${f.accepted.reason ?? 'no reason given'}${f.accepted.until ? `, until ${f.accepted.until}` : ''}`
            ]
          : []
      )
    )
  ]
  for (const r of reasons.slice(0, 3)) body.push('', t(r, 300))

  const fixes = [...new Set(g.findings.map((f) => f.fix))]
  body.push('', `**How to fix:** ${t(fixes[0] ?? info.fix, 600)}`)
  const commands = [...new Set(g.findings.flatMap((f) => (f.command ? [f.command] : [])))]
  if (fixes.length > 1) {
    body.push(
      '',
      commands.length > 0
        ? 'Likewise for each app: the commands shown cover them all.'
        : 'Likewise for each app.'
    )
  }
  const max = opts.maxCommands ?? 20
  if (commands.length > 0) {
    body.push('', fenced(commands.slice(0, max).join('\n')))
    if (commands.length > max) {
      body.push(
        '',
        `…and ${commands.length - max} more: the job summary and the report file have them.`
      )
    }
  }
  return [line, '', '<details><summary>How to fix</summary>', '', ...body, '', '</details>'].join(
    '\n'
  )
}
