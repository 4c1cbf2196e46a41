import type { RuleId, Severity, TeamSize } from '../types.js'

export type Level = Severity | 'off'

/**
 * Default severity of every rule at each team size (DESIGN §2). `off`: not reported at that size.
 * Severity depends only on the rule and the size; thresholds decide whether a rule fires.
 */
export const SEVERITY_BY_SIZE: Readonly<Record<RuleId, Readonly<Record<TeamSize, Level>>>> =
  Object.freeze({
    'owner-unexpected': { small: 'error', mid: 'error', large: 'error' },
    'owner-not-service-account': { small: 'off', mid: 'notice', large: 'error' },
    'too-many-collaborators': { small: 'warning', mid: 'warning', large: 'warning' },
    'collaborator-not-lead': { small: 'notice', mid: 'warning', large: 'error' },
    'account-not-in-roster': { small: 'off', mid: 'warning', large: 'warning' },
    'too-many-accounts': { small: 'warning', mid: 'warning', large: 'warning' },
    'collaborator-without-2fa': { small: 'warning', mid: 'warning', large: 'error' },
    'owner-without-2fa': { small: 'warning', mid: 'warning', large: 'error' },
    'invitation-pending': { small: 'notice', mid: 'notice', large: 'notice' },
    'collaborator-account-deleted': { small: 'warning', mid: 'warning', large: 'warning' },
    'token-not-app-scoped': { small: 'off', mid: 'notice', large: 'warning' },
    'token-not-service-account': { small: 'off', mid: 'notice', large: 'warning' },
    'review-apps-from-forks': { small: 'warning', mid: 'warning', large: 'error' },
    'scm-link-other-repo': { small: 'notice', mid: 'notice', large: 'notice' },
    'branch-unprotected': { small: 'warning', mid: 'error', large: 'error' },
    'reviews-not-required': { small: 'warning', mid: 'error', large: 'error' },
    'code-owner-review-not-required': { small: 'off', mid: 'notice', large: 'warning' },
    'status-checks-not-required': { small: 'notice', mid: 'error', large: 'error' },
    'no-ci-workflow': { small: 'warning', mid: 'warning', large: 'warning' },
    'force-push-allowed': { small: 'off', mid: 'warning', large: 'warning' },
    'deletion-allowed': { small: 'off', mid: 'warning', large: 'warning' },
    'admins-can-bypass': { small: 'off', mid: 'notice', large: 'warning' },
    'protection-partially-readable': { small: 'notice', mid: 'notice', large: 'notice' },
    'scalingo-unavailable': { small: 'error', mid: 'error', large: 'error' },
    'github-unavailable': { small: 'error', mid: 'error', large: 'error' },
    'ignore-expired': { small: 'warning', mid: 'warning', large: 'warning' }
  } satisfies Record<RuleId, Record<TeamSize, Level>>)

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
