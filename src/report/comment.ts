import { COMMENT_MARKER, SEVERITIES, type Verdict } from '../types.js'
import { cell, safeUrl } from './escape.js'
import { HEADING, ICON, countOpen, countsLine } from './findings.js'
import { appsText, groupFindings, renderGroup, type FindingGroup } from './groups.js'
import type { Redactor } from './redact.js'

/**
 * GitHub rejects comment bodies over 65,536 characters; the comment stays under this, a margin
 * for GitHub's own normalisation. What does not fit is counted and left to the job summary.
 */
export const COMMENT_MAX_CHARS = 60_000

export interface CommentContext {
  readonly verdict: Verdict
  readonly redactor: Redactor
  /** GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID, when known. */
  readonly runUrl?: string | null
  /** Defaults to COMMENT_MAX_CHARS. */
  readonly maxChars?: number
}

/** Apps a section names: the group's apps, or the repository for repository-wide findings. */
function sectionOf(g: FindingGroup): string {
  return g.apps.length === 0 ? 'Repository' : appsText(g.apps)
}

/**
 * The sticky pull request comment, for a reviewer's glance at a comment's width (about 780 px):
 * verdict and counts first, then one short line per group of findings (by severity, then app),
 * each with its details and fix in a collapsed block. No table, so nothing is cut off.
 */
export function renderComment(ctx: CommentContext): string {
  const { verdict, redactor } = ctx
  const max = ctx.maxChars ?? COMMENT_MAX_CHARS
  const t = (s: string | null | undefined, limit = 300): string =>
    cell(s === null || s === undefined ? s : redactor.text(s), limit)
  const findings = verdict.findings.map(redactor.finding)
  const counts = countOpen(findings)
  const groups = groupFindings(verdict.findings, redactor.finding)
  const open = groups.filter((g) => !g.accepted)
  const accepted = groups.filter((g) => g.accepted)
  const run = safeUrl(ctx.runUrl)
  const pass = verdict.result === 'pass'

  const head: string[] = [
    COMMENT_MARKER,
    `### ${pass ? '✅' : '❌'} Scalingo access governance: ${pass ? 'pass' : 'fail'}`,
    '',
    `**${countsLine(counts)}** · team size **${verdict.teamSize.size}**`
  ]
  if (verdict.incomplete) {
    head.push('', '> [!WARNING]', '> Some facts could not be read, so the audit cannot pass.')
  }
  if (open.length === 0 && !verdict.incomplete) {
    head.push(
      '',
      `Nothing to fix: access to the Scalingo apps and the deploying branch follow the recommendations for a ${verdict.teamSize.size} team.`
    )
  }
  const foot = [
    '',
    run
      ? `<sub>[Full report in the job summary](${run})</sub>`
      : '<sub>Full report in the job summary.</sub>'
  ]

  // Blocks in reading order; each one whole or not at all, so no <details> is left open.
  const blocks: { text: string; findings: number }[] = []
  for (const severity of SEVERITIES) {
    const ofLevel = open.filter((g) => g.severity === severity)
    if (ofLevel.length === 0) continue
    const n = ofLevel.reduce((sum, g) => sum + g.findings.length, 0)
    blocks.push({ text: `\n#### ${ICON[severity]} ${HEADING[severity]} (${n})`, findings: 0 })
    let section: string | null = null
    for (const g of [...ofLevel].sort((a, b) =>
      sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0
    )) {
      const name = sectionOf(g)
      const header = name === section ? '' : `\n**${t(name, 200)}**\n`
      section = name
      blocks.push({
        text: `${header}\n${renderGroup(g, { t, showApps: false, maxCommands: 5, maxMessages: 3 })}`,
        findings: g.findings.length
      })
    }
  }
  if (accepted.length > 0) {
    const lines = accepted.map((g) => renderGroup(g, { t, maxCommands: 5 }))
    blocks.push({
      text: `\n<details><summary>Accepted findings (${counts.accepted})</summary>\n\n${lines.join('\n\n')}\n\n</details>`,
      findings: accepted.reduce((sum, g) => sum + g.findings.length, 0)
    })
  }

  const fixed = [...head, ...foot].join('\n').length + 400
  const kept: string[] = []
  let used = fixed
  let leftGroups = 0
  let leftFindings = 0
  for (const block of blocks) {
    if (leftGroups === 0 && used + block.text.length + 1 <= max) {
      kept.push(block.text)
      used += block.text.length + 1
    } else if (block.findings > 0) {
      leftGroups++
      leftFindings += block.findings
    }
  }
  const cut =
    leftGroups === 0
      ? []
      : [
          '',
          `_Shortened to fit a GitHub comment: ${leftFindings} more findings (${leftGroups} lines) are in the job summary, with every fix._`
        ]
  return `${[...head, ...kept, ...cut, ...foot].join('\n')}\n`
}

/**
 * Groups within a severity by their apps (repository-wide first, then by first app, the same set
 * of apps together under one heading), keeping rule order within a set.
 */
function sortKey(g: FindingGroup): string {
  return g.apps.length === 0 ? '' : `\u0001${g.apps.join('\u0000')}`
}
