import type { FactRuleId, Rule } from '../context.js'
import { noCiWorkflow } from './ci.js'
import {
  adminsCanBypass,
  branchUnprotected,
  codeOwnerReviewNotRequired,
  deletionAllowed,
  forcePushAllowed,
  protectionPartiallyReadable,
  reviewsNotRequired,
  statusChecksNotRequired
} from './branch-protection.js'
import {
  accountNotInRoster,
  collaboratorAccountDeleted,
  collaboratorNotLead,
  invitationPending,
  tooManyAccounts,
  tooManyCollaborators
} from './collaborators.js'
import { ownerNotServiceAccount, ownerUnexpected } from './owner.js'
import { reviewAppsFromForks, scmLinkOtherRepo } from './scm-link.js'
import { tokenNotAppScoped, tokenNotServiceAccount } from './token.js'
import { collaboratorWithout2fa, ownerWithout2fa } from './two-factor.js'
import { githubUnavailable, scalingoUnavailable } from './unavailable.js'

/** Every rule that runs on facts, by id: the type makes a forgotten rule a compile error. */
export const RULES: Readonly<Record<FactRuleId, Rule>> = Object.freeze({
  'owner-unexpected': ownerUnexpected,
  'owner-not-service-account': ownerNotServiceAccount,
  'too-many-collaborators': tooManyCollaborators,
  'collaborator-not-lead': collaboratorNotLead,
  'account-not-in-roster': accountNotInRoster,
  'too-many-accounts': tooManyAccounts,
  'collaborator-without-2fa': collaboratorWithout2fa,
  'owner-without-2fa': ownerWithout2fa,
  'invitation-pending': invitationPending,
  'collaborator-account-deleted': collaboratorAccountDeleted,
  'token-not-app-scoped': tokenNotAppScoped,
  'token-not-service-account': tokenNotServiceAccount,
  'review-apps-from-forks': reviewAppsFromForks,
  'scm-link-other-repo': scmLinkOtherRepo,
  'branch-unprotected': branchUnprotected,
  'reviews-not-required': reviewsNotRequired,
  'code-owner-review-not-required': codeOwnerReviewNotRequired,
  'status-checks-not-required': statusChecksNotRequired,
  'no-ci-workflow': noCiWorkflow,
  'force-push-allowed': forcePushAllowed,
  'deletion-allowed': deletionAllowed,
  'admins-can-bypass': adminsCanBypass,
  'protection-partially-readable': protectionPartiallyReadable,
  'scalingo-unavailable': scalingoUnavailable,
  'github-unavailable': githubUnavailable
})
