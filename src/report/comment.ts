import { COMMENT_MARKER, type Verdict } from '../types.js'
import { BoundedText } from './budget.js'
import { cell, link, safeUrl } from './escape.js'
import { ICON, bySeverity, countOpen, countsLine } from './findings.js'
import { table } from './markdown.js'
import type { Redactor } from './redact.js'

/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_MAX_CHARS = 65_000

const MAX_ROWS = 100

export interface CommentContext {
  readonly verdict: Verdict
  readonly redactor: Redactor
  /** GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID, when known. */
  readonly runUrl?: string | null
  /** Defaults to COMMENT_MAX_CHARS. */
  readonly maxChars?: number
}

const CUT_NOTICE = '_Shortened to fit a GitHub comment: the job summary has every finding._'

/** The sticky pull request comment: marker, verdict, one table of findings with their fixes. */
export function renderComment(ctx: CommentContext): string {
  const { verdict, redactor } = ctx
  const t = (s: string | null | undefined, max = 300): string =>
    cell(s === null || s === undefined ? s : redactor.text(s), max)
  const findings = bySeverity(verdict.findings.map(redactor.finding))
  const counts = countOpen(findings)
  const open = findings.filter((f) => !f.accepted)
  const accepted = findings.filter((f) => f.accepted)
  const run = safeUrl(ctx.runUrl)

  const out = new BoundedText(ctx.maxChars ?? COMMENT_MAX_CHARS, CUT_NOTICE)
  const pass = verdict.result === 'pass'
  out.push(
    COMMENT_MARKER,
    `### ${pass ? '✅' : '❌'} Scalingo access governance: ${pass ? 'pass' : 'fail'}`,
    '',
    `**${countsLine(counts)}** · team size **${verdict.teamSize.size}**`
  )
  if (verdict.incomplete) {
    out.push('', '> [!WARNING]', '> Some facts could not be read, so the audit cannot pass.')
  }
  if (open.length === 0 && !verdict.incomplete) {
    out.push(
      '',
      `Nothing to fix: access to the Scalingo apps and the deploying branch follow the recommendations for a ${verdict.teamSize.size} team.`
    )
  }

  const rows = [...open, ...accepted].map((f) => {
    const severity = `${ICON[f.severity]} ${f.severity}${f.accepted ? ' (accepted)' : ''}`
    const why = f.accepted
      ? ` — accepted: ${t(f.accepted.reason ?? 'no reason given', 200)}` +
        (f.accepted.until ? `, until ${t(f.accepted.until, 20)}` : '')
      : ''
    return [
      severity,
      link(f.rule, f.help),
      t(f.app),
      t(f.subject),
      `${t(f.message)}${why}`,
      t(f.fix)
    ]
  })
  if (rows.length > 0) {
    out.push('')
    out.push(
      ...table(['Severity', 'Rule', 'App', 'Subject', 'Finding', 'Fix'], rows, MAX_ROWS, 'findings')
    )
  }
  out.push(
    '',
    run
      ? `<sub>[Full report in the job summary](${run})</sub>`
      : '<sub>Full report in the job summary.</sub>'
  )
  return out.toString()
}
