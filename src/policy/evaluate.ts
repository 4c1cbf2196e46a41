import {
  RULE_IDS,
  SEVERITIES,
  type Account,
  type Config,
  type Draft,
  type Facts,
  type FailOn,
  type Finding,
  type Severity,
  type TeamSize,
  type Verdict
} from '../types.js'
import { applyAcceptance } from './accept.js'
import { helpUrl } from './catalog.js'
import { subjectOf, type RuleContext } from './context.js'
import { draftsOf } from './rule.js'
import { RULES } from './rules/index.js'
import { DEFAULTS_BY_SIZE, SEVERITY_BY_SIZE, type Thresholds } from './severities.js'
import { decideTeamSize } from './team-size.js'

export function thresholdsFor(config: Config, size: TeamSize): Thresholds {
  const defaults = DEFAULTS_BY_SIZE[size]
  return {
    maxCollaborators: config.maxCollaborators ?? defaults.maxCollaborators,
    minApprovals: config.minApprovals ?? defaults.minApprovals
  }
}

/** Every rule's drafts, in catalog order (`ignore-expired`, reading the ignore input, last). */
export function runRules(ctx: RuleContext): Draft[] {
  return RULES.flatMap((rule) => draftsOf(rule, ctx))
}

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity)

/**
 * Code-point order: the same on every runner whatever its locale, and without the cost of
 * loading a collator (about 10 ms on the first comparison).
 */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** error, warning, notice; then app (repository-wide first), rule in catalog order, subject. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    compareText(a.app ?? '', b.app ?? '') ||
    RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule) ||
    compareText(a.subject ?? '', b.subject ?? '')
  )
}

function fails(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false
  return findings.some((f) => rank(f.severity) <= rank(failOn))
}

/** Every account the facts name: the token's, owners, collaborators, SCM linkers. */
function knownAccounts(facts: Facts): Account[] {
  const { scalingo } = facts
  if (scalingo.status !== 'read') return []
  return [
    ...(scalingo.token ? [scalingo.token.account] : []),
    ...scalingo.apps.flatMap((app) => [
      app.owner,
      ...app.collaborators,
      ...(app.scmLink?.linker ? [app.scmLink.linker] : [])
    ])
  ]
}

/** Pure: facts and config in, the verdict out. */
export function evaluate(facts: Facts, config: Config): Verdict {
  const teamSize = decideTeamSize(config, facts.scalingo)
  const size = teamSize.size
  const ctx: RuleContext = { facts, config, size, thresholds: thresholdsFor(config, size) }

  const judged = runRules(ctx).flatMap((draft): Finding[] => {
    const level = SEVERITY_BY_SIZE[draft.rule][size]
    return level === 'off' ? [] : [{ ...draft, severity: level, help: helpUrl(draft.rule) }]
  })
  const accounts = knownAccounts(facts)
  const accountsOf = (finding: Finding): Account[] => {
    const subject = finding.subject?.toLowerCase()
    return subject === undefined
      ? []
      : accounts.filter((a) => subjectOf(a)?.toLowerCase() === subject)
  }
  const findings = applyAcceptance(judged, config.ignore, config.today, accountsOf).sort(
    compareFindings
  )

  const open = findings.filter((f) => f.accepted === undefined)
  const count = (severity: Severity): number => open.filter((f) => f.severity === severity).length
  const incomplete = open.some(
    (f) => f.rule === 'scalingo-unavailable' || f.rule === 'github-unavailable'
  )
  return {
    result: incomplete || fails(open, config.failOn) ? 'fail' : 'pass',
    teamSize,
    findings,
    counts: { errors: count('error'), warnings: count('warning'), notices: count('notice') },
    incomplete
  }
}
