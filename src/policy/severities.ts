import type { RuleId, TeamSize } from '../types.js'
import type { Level } from './rule.js'
import { byRuleId } from './rules/index.js'

export type { Level } from './rule.js'

/**
 * Default severity of every rule at each team size (DESIGN §2), from each rule module's
 * `meta.severity`. `off`: not reported at that size. Severity depends only on the rule and the
 * size; thresholds decide whether a rule fires.
 */
export const SEVERITY_BY_SIZE: Readonly<Record<RuleId, Readonly<Record<TeamSize, Level>>>> =
  byRuleId(({ meta }) => meta.severity)

export interface Thresholds {
  readonly maxCollaborators: number
  readonly minApprovals: number
}

/** Thresholds used when the matching input is not set. */
export const DEFAULTS_BY_SIZE: Readonly<Record<TeamSize, Thresholds>> = Object.freeze({
  small: { maxCollaborators: 5, minApprovals: 1 },
  mid: { maxCollaborators: 3, minApprovals: 1 },
  large: { maxCollaborators: 3, minApprovals: 2 }
})
