import type { BranchFacts, Draft, Seen } from '../../types.js'
import { RULE_CATALOG } from '../catalog.js'
import { githubBranches, plural, type FactRuleId, type Rule, type RuleContext } from '../context.js'

/** "branch main deploys to my-app on Scalingo" or "branch main". */
export function branchLabel(branch: BranchFacts): string {
  const base = `branch ${branch.branch}`
  return branch.deploysTo.length > 0
    ? `${base} deploys to ${branch.deploysTo.join(', ')} on Scalingo`
    : base
}

/** One draft per branch whose fact was seen and fails `wrong`; unseen facts never fire. */
function branchRule<T>(
  rule: FactRuleId,
  fact: (branch: BranchFacts) => Seen<T>,
  wrong: (value: T, ctx: RuleContext) => boolean,
  message: (branch: BranchFacts, value: T, ctx: RuleContext) => string
): Rule {
  return (ctx) =>
    githubBranches(ctx).flatMap((branch): Draft[] => {
      const seen = fact(branch)
      if (!seen.seen || !wrong(seen.value, ctx)) return []
      return [
        {
          rule,
          app: branch.deploysTo[0] ?? null,
          subject: branch.branch,
          message: message(branch, seen.value, ctx),
          fix: RULE_CATALOG[rule].fix
        }
      ]
    })
}

/** Sentence start; keeps the brief's wording "branch main deploys to my-app on Scalingo" intact. */
const sentence = (s: string): string => `The ${s}`

export const branchUnprotected = branchRule(
  'branch-unprotected',
  (b) => b.protected,
  (isProtected) => !isProtected,
  (b) =>
    `${sentence(branchLabel(b))} and has no branch protection or ruleset; ` +
    'anyone with write access can push to it directly.'
)

export const reviewsNotRequired = branchRule(
  'reviews-not-required',
  (b) => b.requiredApprovals,
  (approvals, ctx) => approvals === null || approvals < ctx.thresholds.minApprovals,
  (b, approvals, ctx) => {
    const now =
      approvals === null
        ? 'requires no pull request review'
        : `requires ${plural(approvals, 'approving review')}`
    return (
      `${sentence(branchLabel(b))} and ${now} (expected at least ${ctx.thresholds.minApprovals}); ` +
      'unreviewed changes can reach it.'
    )
  }
)

export const codeOwnerReviewNotRequired = branchRule(
  'code-owner-review-not-required',
  (b) => b.codeOwnerReviews,
  (required) => !required,
  (b) =>
    `${sentence(branchLabel(b))} and does not require code owner review; ` +
    'changes can merge without the people responsible for that code.'
)

export const statusChecksNotRequired = branchRule(
  'status-checks-not-required',
  (b) => b.requiredStatusChecks,
  (checks) => checks.length === 0,
  (b) =>
    `${sentence(branchLabel(b))} and requires no status check; ` +
    'changes can merge without CI passing.'
)

export const forcePushAllowed = branchRule(
  'force-push-allowed',
  (b) => b.forcePushAllowed,
  (allowed) => allowed,
  (b) =>
    `${sentence(branchLabel(b))} and allows force pushes; ` +
    'its history, reviewed commits included, can be rewritten.'
)

export const deletionAllowed = branchRule(
  'deletion-allowed',
  (b) => b.deletionAllowed,
  (allowed) => allowed,
  (b) => `${sentence(branchLabel(b))} and may be deleted; its protection would go with it.`
)

export const adminsCanBypass = branchRule(
  'admins-can-bypass',
  (b) => b.adminsBypass,
  (bypass) => bypass,
  (b) =>
    `${sentence(branchLabel(b))} and admins or bypass actors can skip its rules; ` +
    'the protection does not apply to the most powerful accounts.'
)

/** The token could not see part of the protection; lists each item and the permission that shows it. */
export const protectionPartiallyReadable: Rule = (ctx) =>
  githubBranches(ctx).flatMap((branch): Draft[] => {
    if (branch.unreadable.length === 0) return []
    const items = branch.unreadable.map((u) => `${u.what} (needs ${u.permission})`).join('; ')
    return [
      {
        rule: 'protection-partially-readable',
        app: branch.deploysTo[0] ?? null,
        subject: branch.branch,
        message: `${sentence(branchLabel(branch))}, but part of its protection could not be checked: ${items}.`,
        fix: RULE_CATALOG['protection-partially-readable'].fix
      }
    ]
  })
