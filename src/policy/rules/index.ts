/**
 * The registry: every rule module, in catalog order (the order of the README's table, of SARIF's
 * rules and of findings of equal severity). Adding a rule is one module and one line here.
 */
import ownerUnexpected from './owner-unexpected.js'
import ownerNotServiceAccount from './owner-not-service-account.js'
import tooManyCollaborators from './too-many-collaborators.js'
import collaboratorNotLead from './collaborator-not-lead.js'
import accountNotInRoster from './account-not-in-roster.js'
import tooManyAccounts from './too-many-accounts.js'
import collaboratorWithout2fa from './collaborator-without-2fa.js'
import collaborator2faUnknown from './collaborator-2fa-unknown.js'
import ownerWithout2fa from './owner-without-2fa.js'
import invitationPending from './invitation-pending.js'
import collaboratorAccountDeleted from './collaborator-account-deleted.js'
import tokenNotAppScoped from './token-not-app-scoped.js'
import tokenNotServiceAccount from './token-not-service-account.js'
import reviewAppsFromForks from './review-apps-from-forks.js'
import scmLinkOtherRepo from './scm-link-other-repo.js'
import scmLinkPersonalAccount from './scm-link-personal-account.js'
import branchUnprotected from './branch-unprotected.js'
import reviewsNotRequired from './reviews-not-required.js'
import codeOwnerReviewNotRequired from './code-owner-review-not-required.js'
import statusChecksNotRequired from './status-checks-not-required.js'
import noCiWorkflow from './no-ci-workflow.js'
import forcePushAllowed from './force-push-allowed.js'
import deletionAllowed from './deletion-allowed.js'
import adminsCanBypass from './admins-can-bypass.js'
import actionsCanApproveReviews from './actions-can-approve-reviews.js'
import protectionPartiallyReadable from './protection-partially-readable.js'
import scalingoUnavailable from './scalingo-unavailable.js'
import githubUnavailable from './github-unavailable.js'
import ignoreExpired from './ignore-expired.js'
import deploySecretOutsideEnvironment from './deploy-secret-outside-environment.js'
import deployEnvironmentUnprotected from './deploy-environment-unprotected.js'
import deployTriggerUnguarded from './deploy-trigger-unguarded.js'
import type { RuleId } from '../../types.js'
import type { RuleDefinition } from '../rule.js'

export const RULES = [
  ownerUnexpected,
  ownerNotServiceAccount,
  tooManyCollaborators,
  collaboratorNotLead,
  accountNotInRoster,
  tooManyAccounts,
  collaboratorWithout2fa,
  collaborator2faUnknown,
  ownerWithout2fa,
  invitationPending,
  collaboratorAccountDeleted,
  tokenNotAppScoped,
  tokenNotServiceAccount,
  reviewAppsFromForks,
  scmLinkOtherRepo,
  scmLinkPersonalAccount,
  branchUnprotected,
  reviewsNotRequired,
  codeOwnerReviewNotRequired,
  statusChecksNotRequired,
  noCiWorkflow,
  forcePushAllowed,
  deletionAllowed,
  adminsCanBypass,
  actionsCanApproveReviews,
  protectionPartiallyReadable,
  scalingoUnavailable,
  githubUnavailable,
  ignoreExpired,
  deploySecretOutsideEnvironment,
  deployEnvironmentUnprotected,
  deployTriggerUnguarded
] as const

/** Every rule id, in catalog order (`RuleId` in `types.ts` is derived from `RULES` too). */
export const RULE_IDS: readonly RuleId[] = Object.freeze(RULES.map((rule) => rule.id))

/** A table with one entry per rule id, built from the modules (the severity table, the catalog). */
export function byRuleId<T>(entry: (rule: RuleDefinition) => T): Readonly<Record<RuleId, T>> {
  return Object.freeze(
    Object.fromEntries(RULES.map((rule) => [rule.id, entry(rule)])) as Record<RuleId, T>
  )
}
