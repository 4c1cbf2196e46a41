import { HEADING, bySeverity, countOpen, countsLine } from '../report/findings.js'
import type { Redactor } from '../report/redact.js'
import {
  SEVERITIES,
  type Config,
  type Facts,
  type Finding,
  type Severity,
  type Verdict
} from '../types.js'

export interface RenderOptions {
  /** ANSI colours (stdout is a terminal and NO_COLOR is unset). */
  readonly color: boolean
  /** Wrap long lines at this width; null: never (a pipe or a file). */
  readonly width: number | null
}

export interface TableContext {
  readonly verdict: Verdict
  readonly facts: Facts
  readonly config: Config
  readonly redactor: Redactor
}

const CODES = {
  red: 31,
  yellow: 33,
  cyan: 36,
  green: 32,
  bold: 1,
  dim: 2
} as const
type Style = keyof typeof CODES

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = {
  error: 'red',
  warning: 'yellow',
  notice: 'cyan'
}

// C0 and C1 controls (ESC above all): API-supplied text must not drive the terminal.
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** One line of plain text, whatever the platforms sent: controls become visible escapes. */
export function sanitize(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/** Why a platform was not read (the command line gives the reasons, see CLI_SKIP_REASONS). */
export function skippedReasons(facts: Facts): string[] {
  const reasons: string[] = []
  if (facts.scalingo.status === 'skipped') {
    reasons.push(`Scalingo checks skipped: ${facts.scalingo.reason}.`)
  }
  if (facts.github.status === 'skipped')
    reasons.push(`GitHub checks skipped: ${facts.github.reason}.`)
  return reasons
}

/** The terminal report: verdict, findings by severity with their fix, what was not checked. */
export function renderTable(ctx: TableContext, options: RenderOptions): string {
  const { verdict, facts, config, redactor } = ctx
  const paint = (style: Style, text: string): string =>
    options.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text
  const t = (s: string | null): string => (s === null ? '—' : sanitize(redactor.text(s)))
  const findings = bySeverity(verdict.findings.map(redactor.finding))
  const open = findings.filter((f) => !f.accepted)
  const accepted = findings.filter((f) => f.accepted)
  const counts = countOpen(findings)
  const out: string[] = []

  const pass = verdict.result === 'pass'
  out.push(
    `${paint('bold', 'Scalingo access governance:')} ${paint(pass ? 'green' : 'red', pass ? 'PASS' : 'FAIL')}`
  )
  out.push(`Team size: ${t(verdict.teamSize.size)} (${t(verdict.teamSize.why)})`)
  out.push(`Apps: ${config.apps.map((app) => t(`${app.region}/${app.name}`)).join(', ')}`)
  if (facts.github.status === 'read') {
    const branches = facts.github.branches.map((b) => t(b.branch)).join(', ') || '—'
    out.push(`Repository: ${t(`${facts.github.owner}/${facts.github.repo}`)} (branch ${branches})`)
  }
  for (const reason of skippedReasons(facts)) out.push(paint('yellow', reason))

  const widths = columnWidths(findings, t)
  for (const severity of SEVERITIES) {
    const list = open.filter((f) => f.severity === severity)
    if (list.length === 0) continue
    out.push(
      '',
      paint(
        SEVERITY_STYLE[severity],
        paint('bold', `${HEADING[severity].toUpperCase()} (${list.length})`)
      )
    )
    for (const f of list) out.push(...findingLines(f, widths, t, options, paint, severity))
  }
  if (accepted.length > 0) {
    out.push('', paint('dim', `ACCEPTED (${accepted.length})`))
    for (const f of accepted) {
      out.push(...findingLines(f, widths, t, options, paint, null))
      const until = f.accepted?.until ? ` until ${f.accepted.until}` : ''
      out.push(
        paint('dim', `      Accepted${until}: ${t(f.accepted?.reason ?? 'no reason given')}`)
      )
    }
  }
  if (findings.length === 0) out.push('', paint('green', 'No findings.'))

  const window = config.changesSince
  if (window !== null && facts.scalingo.status === 'read' && facts.scalingo.changes) {
    const changes = facts.scalingo.changes
    out.push(
      '',
      paint('bold', `ACCESS CHANGES SINCE ${window.since.slice(0, 10)} (${changes.length})`)
    )
    for (const c of changes) {
      const when = c.at.slice(0, 16).replace('T', ' ')
      out.push(
        `  ${when}  ${t(c.app)}  ${t(c.actor)}: ${t(c.what)}${c.subject ? ` — ${t(c.subject)}` : ''}`
      )
    }
    if (changes.length === 0) out.push('  none')
  }

  out.push(
    '',
    `${paint('bold', 'Result:')} ${paint(pass ? 'green' : 'red', pass ? 'PASS' : 'FAIL')} — ` +
      `${countsLine(counts)} (fail-on: ${config.failOn})`
  )
  if (verdict.incomplete) {
    out.push(
      paint('red', 'The audit could not read everything it needs, so it cannot pass (see above).')
    )
  }
  return `${out.join('\n')}\n`
}

interface Widths {
  readonly rule: number
  readonly app: number
}

function columnWidths(findings: readonly Finding[], t: (s: string | null) => string): Widths {
  return {
    rule: Math.max(4, ...findings.map((f) => f.rule.length)),
    app: Math.max(3, ...findings.map((f) => t(f.app).length))
  }
}

function findingLines(
  f: Finding,
  widths: Widths,
  t: (s: string | null) => string,
  options: RenderOptions,
  paint: (style: Style, text: string) => string,
  severity: Severity | null
): string[] {
  const rule = f.rule.padEnd(widths.rule)
  const head = `  ${severity ? paint(SEVERITY_STYLE[severity], rule) : rule}  ${t(f.app).padEnd(widths.app)}  ${t(f.subject)}`
  return [
    head.trimEnd(),
    ...wrap(t(f.message), '      ', options.width),
    ...wrap(`Fix: ${t(f.fix)}`, '      ', options.width).map((line) => paint('dim', line))
  ]
}

/** Word-wraps with a hanging indent; no width: one line. */
export function wrap(text: string, indent: string, width: number | null): string[] {
  if (width === null || width <= indent.length + 20) return [`${indent}${text}`]
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(`${indent}${line}`)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(`${indent}${line}`)
  return lines
}
