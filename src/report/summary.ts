import { sameAccount } from '../accounts.js'
import { plural } from '../plural.js'
import type {
  Account,
  AppFacts,
  BranchFacts,
  Config,
  Facts,
  GitHubFacts,
  ScalingoFacts,
  Seen,
  TokenFacts,
  Verdict
} from '../types.js'
import { SEVERITIES } from '../types.js'
import { isEventsFailure } from '../access/changes.js'
import { auditedApp, environmentState, secretsLabel, triggerLabel } from '../policy/deploys.js'
import { BoundedText, utf8Bytes } from './budget.js'
import { cell, safeUrl } from './escape.js'
import { HEADING, ICON, countOpen, countsLine } from './findings.js'
import { groupFindings, renderGroup } from './groups.js'
import { nameList, table } from './markdown.js'
import type { Redactor } from './redact.js'

export interface SummaryContext {
  readonly verdict: Verdict
  readonly facts: Facts
  readonly config: Config
  readonly redactor: Redactor
  /** Link to this workflow run, when known. */
  readonly runUrl?: string | null
  /** "owner/repo"; defaults to the repository that was read, else the one the config names. */
  readonly repoLabel?: string | null
  /** Defaults to SUMMARY_MAX_BYTES. */
  readonly maxBytes?: number
  /** With `access-report`: why the register was not written; null when it was. */
  readonly registerBlocked?: string | null
  /** Findings left out of the `findings` output (GitHub's output limit); 0 or absent: none. */
  readonly findingsOmitted?: number
}

type Cell = (s: string | null | undefined, max?: number) => string

/**
 * A section of the summary: its lines, in the order of SECTIONS. A new section (deploys from
 * workflows, access changes…) is one function added there.
 */
export type SummarySection = (ctx: SummaryContext, t: Cell) => string[]

/** GitHub accepts 1 MiB of job summary per step; stay clear of it. */
export const SUMMARY_MAX_BYTES = 1_000_000

/** Row caps: a summary that lists 500 apps helps nobody; the report file has them all. */
export const CAPS = {
  apps: 100,
  branches: 50,
  findings: 100,
  accepted: 100,
  names: 10,
  notChecked: 50,
  changes: 200
}

const CUT_NOTICE =
  "> [!NOTE]\n> This summary was shortened to fit GitHub's 1 MiB limit. The JSON report file (`report-file` output) has everything."

/** The job summary: verdict, team size, who has access, how the branch is guarded, findings. */
export function renderSummary(ctx: SummaryContext): string {
  const { verdict, facts, config, redactor } = ctx
  const out = new BoundedText(ctx.maxBytes ?? SUMMARY_MAX_BYTES, CUT_NOTICE, utf8Bytes)
  // Every API- or input-derived string goes through here: redacted, clipped, escaped.
  const t = (s: string | null | undefined, max?: number): string =>
    cell(s === null || s === undefined ? s : redactor.text(s), max)
  const findings = verdict.findings.map(redactor.finding)
  const counts = countOpen(findings)
  const repo = ctx.repoLabel ?? repoLabelOf(facts, config)

  // Verdict
  const pass = verdict.result === 'pass'
  out.push(
    `## ${pass ? '✅' : '❌'} Scalingo access governance: ${pass ? 'pass' : 'fail'}`,
    '',
    `**${countsLine(counts)}**${repo ? ` on ${t(repo)}` : ''} · fails on: ${failOnText(config)}`
  )
  if (verdict.incomplete) {
    out.push(
      '',
      '> [!WARNING]',
      '> The audit could not read everything it needs, so it cannot pass. See **Not checked** below.'
    )
  }

  for (const section of SECTIONS) out.push(...section(ctx, t))

  const run = safeUrl(ctx.runUrl)
  if (run) out.push('', `<sub>[Workflow run](${run})</sub>`)
  return out.toString()
}

function accessRegisterSection({ config, registerBlocked }: SummaryContext, t: Cell): string[] {
  if (config.accessReport === null || registerBlocked === undefined) return []
  return [
    '',
    registerBlocked === null
      ? `**Access register:** written to ${t(config.accessReport)} (not redacted; \`access-report\` output).`
      : `**Access register:** not written: ${t(registerBlocked)}.`
  ]
}

function teamSizeSection({ verdict }: SummaryContext, t: Cell): string[] {
  return ['', `**Team size:** ${verdict.teamSize.size} (${t(verdict.teamSize.why)})`]
}

function truncatedSection({ findingsOmitted, verdict }: SummaryContext): string[] {
  if (!findingsOmitted) return []
  return [
    '',
    '> [!NOTE]',
    `> The \`findings\` output holds ${verdict.findings.length - findingsOmitted} of ${verdict.findings.length} findings (GitHub's output limit; \`findings-truncated\` is \`true\`). The report file (\`report-file\` output) has them all.`
  ]
}

function findingsSection(ctx: SummaryContext, t: Cell): string[] {
  const groups = groupFindings(ctx.verdict.findings, ctx.redactor.finding)
  const lines = ['', '### Findings']
  const open = groups.filter((g) => !g.accepted)
  if (open.length === 0) lines.push('', 'No findings: nothing to fix.')
  for (const severity of SEVERITIES) {
    const ofLevel = open.filter((g) => g.severity === severity)
    if (ofLevel.length === 0) continue
    const n = ofLevel.reduce((sum, g) => sum + g.findings.length, 0)
    lines.push('', `#### ${ICON[severity]} ${HEADING[severity]} (${n})`)
    for (const g of ofLevel.slice(0, CAPS.findings))
      lines.push('', renderGroup(g, { t, maxCommands: 50 }))
    if (ofLevel.length > CAPS.findings) {
      lines.push('', `…and ${ofLevel.length - CAPS.findings} more (see the report file).`)
    }
  }
  const accepted = groups.filter((g) => g.accepted)
  if (accepted.length > 0) {
    const count = accepted.reduce((sum, g) => sum + g.findings.length, 0)
    lines.push('', `### Accepted findings (${count})`)
    for (const g of accepted.slice(0, CAPS.accepted))
      lines.push('', renderGroup(g, { t, maxCommands: 5 }))
    if (accepted.length > CAPS.accepted) {
      lines.push('', `…and ${accepted.length - CAPS.accepted} more accepted findings.`)
    }
  }
  return lines
}

function notCheckedSection({ facts }: SummaryContext, t: Cell): string[] {
  const lines = ['', '### Not checked']
  const gaps = notChecked(facts, t)
  if (gaps.length === 0) lines.push('', 'Everything the rules need was read.')
  else {
    lines.push('')
    for (const gap of gaps.slice(0, CAPS.notChecked)) lines.push(`- ${gap}`)
    if (gaps.length > CAPS.notChecked) lines.push(`- …and ${gaps.length - CAPS.notChecked} more`)
  }
  return lines
}

/** The summary after its verdict line, in order. */
export const SECTIONS: readonly SummarySection[] = [
  truncatedSection,
  teamSizeSection,
  (ctx, t) => ['', '### Scalingo apps', ...scalingoSection(ctx.facts.scalingo, t)],
  accessRegisterSection,
  ({ facts, config }, t) =>
    config.changesSince === null ? [] : changesSection(facts.scalingo, config, t),
  (ctx, t) => ['', '### Deploying branch protection', ...githubSection(ctx.facts.github, t)],
  ({ facts, config }, t) =>
    facts.github.status === 'read'
      ? ['', '### Deploys from workflows', ...deploySection(facts, config, t)]
      : [],
  findingsSection,
  notCheckedSection
]

function scalingoSection(scalingo: ScalingoFacts, t: Cell): string[] {
  if (scalingo.status === 'skipped') return ['', `Skipped: ${t(scalingo.reason)}`]
  const lines: string[] = []
  if (scalingo.token) lines.push('', `API token account: ${tokenLine(scalingo.token, t)}`)
  if (scalingo.apps.length === 0) {
    lines.push('', 'No app could be read.')
    return lines
  }
  lines.push('')
  lines.push(
    ...table(
      ['App', 'Region', 'Owner', 'Accounts', '2FA', 'SCM link'],
      scalingo.apps.map((app) => appRow(app, scalingo.token, t)),
      CAPS.apps,
      'apps (see the report file)'
    )
  )
  // Who: lists, out of the table's cells, so that its columns stay narrow.
  lines.push(
    '',
    `<details><summary>Who has access (${plural(scalingo.apps.length, 'app')})</summary>`,
    ''
  )
  for (const app of scalingo.apps.slice(0, CAPS.apps)) lines.push(...whoHasAccess(app, t))
  lines.push('', '</details>')
  return lines
}

function changesSection(scalingo: ScalingoFacts, config: Config, t: Cell): string[] {
  const window = config.changesSince
  if (window === null) return []
  const day = window.since.slice(0, 10)
  const label = /^\d+d$/.test(window.input) ? `${day} (${window.input})` : day
  const lines = ['', `### Access changes since ${label}`]
  if (scalingo.status === 'skipped' || scalingo.changes === undefined) {
    return [...lines, '', 'Not read: Scalingo was not read (see **Not checked**).']
  }
  const unread = scalingo.failures.filter(isEventsFailure)
  if (unread.length > 0) {
    lines.push(
      '',
      '> [!WARNING]',
      `> The events of ${nameList(
        unread.map((f) => f.app ?? ''),
        CAPS.names,
        '—',
        (n) => t(n, 120)
      )} could not be read, so this list is incomplete (see **Not checked**).`
    )
  }
  if (scalingo.changes.length === 0) {
    return [...lines, '', 'No access change on the audited apps in this window.']
  }
  lines.push('')
  lines.push(
    ...table(
      ['When (UTC)', 'Who', 'What', 'App', 'Account'],
      scalingo.changes.map((c) => [
        c.at.slice(0, 16).replace('T', ' '),
        t(c.actor),
        t(c.what),
        t(c.app),
        t(c.subject)
      ]),
      CAPS.changes,
      'changes (see the report file)'
    )
  )
  return lines
}

function whoHasAccess(app: AppFacts, t: Cell): string[] {
  const accepted = app.collaborators.filter((c) => c.status === 'accepted')
  const list = (accounts: readonly string[]): string =>
    nameList(accounts, CAPS.names * 2, 'none', (n) => t(n, 120))
  const others = app.collaborators
    .filter((c) => c.status !== 'accepted')
    .map((c) => (c.status === 'pending' ? display(c) : `${display(c)} (${c.status})`))
  return [
    `- **${t(app.name)}**: owner ${t(display(app.owner))}`,
    `  - Collaborators: ${list(accepted.filter((c) => !c.isLimited).map(display))}`,
    `  - Limited Collaborators: ${list(accepted.filter((c) => c.isLimited).map(display))}`,
    ...(others.length > 0 ? [`  - Pending or deleted: ${list(others)}`] : [])
  ]
}

function tokenLine(token: TokenFacts, t: Cell): string {
  const tfa = token.tfaEnabled === null ? '2FA unknown' : token.tfaEnabled ? '2FA on' : '2FA off'
  const review = token.reviewApps > 0 ? ` and ${plural(token.reviewApps, 'review app')}` : ''
  return `${t(display(token.account))} (${tfa}; reaches ${plural(token.reachableApps.length, 'app')}${review})`
}

function appRow(app: AppFacts, token: TokenFacts | null, t: Cell): string[] {
  const accepted = app.collaborators.filter((c) => c.status === 'accepted')
  const full = accepted.filter((c) => !c.isLimited)
  const limited = accepted.filter((c) => c.isLimited)
  const others = app.collaborators
    .filter((c) => c.status !== 'accepted')
    .map((c) => (c.status === 'pending' ? display(c) : `${display(c)} (${c.status})`))

  // The owner's 2FA is only known when the token belongs to the owner.
  const ownerTfa = token && sameAccount(token.account, app.owner) ? token.tfaEnabled : null
  // On, off and unknown: a status Scalingo did not give is neither (the owner's only with the token).
  const on = accepted.filter((c) => c.tfa === true).length + (ownerTfa === true ? 1 : 0)
  const off = accepted.filter((c) => c.tfa === false).length + (ownerTfa === false ? 1 : 0)
  const unknown = accepted.filter((c) => c.tfa === null).length
  const tfa =
    on + off + unknown === 0
      ? '—'
      : [`${on} on`, `${off} off`, ...(unknown > 0 ? [`${unknown} unknown`] : [])].join(', ')

  const scmLink = app.scmLink
  const scm = scmLink
    ? `${scmLink.owner}/${scmLink.repo}${scmLink.branch ? `@${scmLink.branch}` : ''}` +
      [
        scmLink.autoDeploy ? 'auto-deploy' : '',
        scmLink.reviewAppsFromForks ? 'review apps from forks' : ''
      ]
        .filter(Boolean)
        .map((s) => ` (${s})`)
        .join('')
    : null

  const accounts = [
    `${full.length} full`,
    `${limited.length} limited`,
    ...(others.length > 0 ? [`${others.length} pending or deleted`] : [])
  ].join(', ')
  return [t(app.name), t(app.region), t(display(app.owner), 60), accounts, tfa, t(scm, 80)]
}

function githubSection(github: GitHubFacts, t: Cell): string[] {
  if (github.status === 'skipped') return ['', `Skipped: ${t(github.reason)}`]
  const lines: string[] = []
  if (github.branches.length === 0) lines.push('', 'No branch could be audited.')
  else {
    lines.push('')
    lines.push(
      ...table(
        [
          'Branch',
          'Deploys to',
          'Protected',
          'Approvals',
          'Required checks',
          'Code owners',
          'Force push',
          'Deletion',
          'Admin bypass'
        ],
        github.branches.map((b) => branchRow(b, t)),
        CAPS.branches,
        'branches'
      )
    )
  }
  // Long values (names of checks, where the protection was read from) out of the cells.
  if (github.branches.length > 0) lines.push('')
  for (const b of github.branches.slice(0, CAPS.branches)) {
    const from =
      b.sources.length === 0 ? 'nothing readable' : b.sources.map((s) => SOURCE[s]).join(', ')
    const required = requiredChecks(b)
    const checks =
      required === null ? 'not visible' : nameList(required, CAPS.names, 'none', (c) => t(c, 120))
    lines.push(`- **${t(b.branch, 120)}**: read from ${from}; required checks: ${checks}`)
  }
  lines.push('', `**CI workflows on pull requests:** ${workflowsLine(github, t)}`)
  return lines
}

const SOURCE: Readonly<Record<BranchFacts['sources'][number], string>> = {
  classic: 'classic protection',
  branch: 'branch summary',
  rulesets: 'rulesets'
}

function branchRow(b: BranchFacts, t: Cell): string[] {
  const yesNo = (v: Seen<boolean>, yes = 'yes', no = 'no'): string =>
    v.seen ? (v.value ? yes : no) : 'not visible'
  const approvals = b.requiredApprovals.seen
    ? b.requiredApprovals.value === null
      ? 'no review rule'
      : String(b.requiredApprovals.value)
    : 'not visible'
  const required = requiredChecks(b)
  const checks =
    required === null ? 'not visible' : required.length === 0 ? 'none' : String(required.length)
  return [
    t(b.branch, 60),
    nameList(b.deploysTo, 3, '—', (a) => t(a, 60)),
    yesNo(b.protected),
    approvals,
    checks,
    yesNo(b.codeOwnerReviews, 'required', 'not required'),
    yesNo(b.forcePushAllowed, 'allowed', 'blocked'),
    yesNo(b.deletionAllowed, 'allowed', 'blocked'),
    yesNo(b.adminsBypass, 'possible', 'no')
  ]
}

/** Required checks, required workflows (ruleset `workflows` rules) among them; null: not visible. */
function requiredChecks(b: BranchFacts): string[] | null {
  const required = [
    ...(b.requiredStatusChecks.seen ? b.requiredStatusChecks.value : []),
    ...b.requiredWorkflows.map((w) => `workflow ${w}`)
  ]
  return b.requiredStatusChecks.seen || required.length > 0 ? required : null
}

function workflowsLine(github: Extract<GitHubFacts, { status: 'read' }>, t: Cell): string {
  if (!github.workflows.seen) return 'could not be read'
  const onPr = github.workflows.value.filter(
    (w) => w.onPullRequest === true && w.state === 'active'
  )
  if (onPr.length === 0) return 'none'
  return nameList(
    onPr.map((w) => `${w.name} (${w.path})`),
    CAPS.names,
    'none',
    (w) => t(w, 200)
  )
}

function deploySection(facts: Facts, config: Config, t: Cell): string[] {
  const { github } = facts
  if (github.status !== 'read') return []
  if (!github.deploys.seen)
    return ['', 'The workflow files could not be read: see **Not checked**.']
  const jobs = github.deploys.value.jobs
  const globs = config.deploySecrets.map((g) => `\`${t(g, 60)}\``).join(', ')
  if (jobs.length === 0) {
    return ['', `No workflow job reads a secret matching deploy-secrets (${globs}).`]
  }
  const rows = jobs.map((job) => {
    const state = environmentState(facts, job)
    const [environment, protection] =
      state.kind === 'none'
        ? ['none', '—']
        : state.kind === 'expression'
          ? [t(state.raw, 80), 'chosen at run time']
          : state.kind === 'absent'
            ? [t(state.name, 80), 'does not exist yet (created unprotected)']
            : state.kind === 'unread'
              ? [t(state.name, 80), 'could not be read']
              : [
                  t(state.environment.name, 80),
                  `${state.guard.protected ? '✅' : '❌'} ${t(state.guard.summary, 200)}`
                ]
    return [
      t(job.path, 120),
      t(job.job, 80),
      nameList(job.triggers.map(triggerLabel), 4, '—', (l) => t(l, 120)),
      environment,
      protection,
      t(secretsLabel(job), 160),
      t(
        job.unfollowed === null ? (job.method ?? 'not recognised') : `calls ${job.unfollowed}`,
        120
      ),
      t(auditedApp(job, config.apps) ?? job.apps[0] ?? '—', 80)
    ]
  })
  return [
    '',
    `Jobs that read a secret matching deploy-secrets (${globs}):`,
    '',
    ...table(
      ['Workflow', 'Job', 'Triggers', 'Environment', 'Protection', 'Secrets', 'Method', 'App'],
      rows,
      CAPS.branches,
      'deploy jobs (see the report file)'
    )
  ]
}

function notChecked(facts: Facts, t: Cell): string[] {
  const gaps: string[] = []
  const { scalingo, github } = facts
  if (scalingo.status === 'skipped') gaps.push(`Scalingo: skipped, ${t(scalingo.reason)}`)
  else {
    if (scalingo.token === null) gaps.push('Scalingo: the API token account could not be read')
    for (const f of scalingo.failures) gaps.push(`Scalingo: ${t(f.what)}: ${t(f.reason)}`)
    for (const app of scalingo.apps) {
      const unknown = app.collaborators.filter((c) => c.status === 'accepted' && c.tfa === null)
      for (const c of unknown) {
        gaps.push(`Scalingo: 2FA of ${t(display(c))} on ${t(app.name)} (Scalingo did not give it)`)
      }
    }
  }
  if (github.status === 'skipped') gaps.push(`GitHub: skipped, ${t(github.reason)}`)
  else {
    for (const f of github.failures) gaps.push(`GitHub: ${t(f.what)}: ${t(f.reason)}`)
    if (!github.workflows.seen) gaps.push('GitHub: CI workflows could not be listed')
    else {
      // Disabled workflows run nothing, so their triggers do not matter.
      const unknown = github.workflows.value.filter(
        (w) => w.onPullRequest === null && w.state === 'active'
      )
      for (const w of unknown) {
        gaps.push(`GitHub: triggers of workflow ${t(w.path)} could not be read`)
      }
    }
    if (github.deploys.seen) {
      for (const u of github.deploys.value.unread) {
        gaps.push(`GitHub: deploy jobs of workflow ${t(u.path)}: ${t(u.reason)}`)
      }
    }
    for (const b of github.branches) {
      for (const u of b.unreadable) {
        gaps.push(`Branch ${t(b.branch)}: ${t(u.what)} (needs ${t(u.permission)})`)
      }
    }
  }
  return gaps
}

function display(a: Account): string {
  return a.email ?? a.username ?? a.id ?? 'unknown account'
}

function repoLabelOf(facts: Facts, config: Config): string | null {
  if (facts.github.status === 'read') return `${facts.github.owner}/${facts.github.repo}`
  return config.repository ? `${config.repository.owner}/${config.repository.repo}` : null
}

function failOnText(config: Config): string {
  return config.failOn === 'never' ? 'never' : `${config.failOn} and above`
}
