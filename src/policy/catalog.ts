import type { RuleId } from '../types.js'
import { byRuleId } from './rules/index.js'

/** What every rule means, where it comes from and how to fix it: read by reports and SARIF. */
export interface RuleInfo {
  /** Short human name. */
  readonly title: string
  /** One line: what a finding of this rule means. */
  readonly description: string
  /** The sentence of Scalingo's guide (or of the design) the rule enforces. */
  readonly recommendation: string
  /** One line: what to change in Scalingo's dashboard/CLI or on GitHub. */
  readonly fix: string
}

export const HELP_BASE = 'https://github.com/scalingo-access-governance/action#'

/** Link to the README section of a rule (one heading per rule id). */
export function helpUrl(rule: RuleId): string {
  return `${HELP_BASE}${rule}`
}

/** The texts of each rule module's `meta`, by id. */
export const RULE_CATALOG: Readonly<Record<RuleId, RuleInfo>> = byRuleId(({ meta }): RuleInfo =>
  Object.freeze({
    title: meta.title,
    description: meta.description,
    recommendation: meta.recommendation,
    fix: meta.fix
  })
)
