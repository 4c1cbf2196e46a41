import { branchCheck, branchSentence, rulesetFix } from '../branch-check.js'
import { pullRequestRule } from '../fixes.js'
import { plural } from '../context.js'
import { GUIDE_REVIEW } from '../recommendations.js'
import { defineRule } from '../rule.js'

/**
 * No review rule, or fewer required approvals than min-approvals (or the size's default).
 * `min-approvals: 0` asks for no review: it never fires.
 */
export default defineRule({
  id: 'reviews-not-required',
  meta: {
    title: 'Reviews not required',
    severity: { small: 'warning', mid: 'error', large: 'error' },
    recommendation: GUIDE_REVIEW,
    description: 'The branch requires no approving review, or fewer than min-approvals.',
    fix: 'Add a branch ruleset whose pull request rule requires min-approvals approvals (Settings → Rules → Rulesets), or create it with the gh api call the finding gives.'
  },
  check: branchCheck(
    (b) => b.requiredApprovals,
    (approvals, ctx) =>
      ctx.thresholds.minApprovals > 0 &&
      (approvals === null || approvals < ctx.thresholds.minApprovals),
    (b, approvals, ctx) => {
      const now =
        approvals === null
          ? 'requires no pull request review'
          : `requires ${plural(approvals, 'approving review')}`
      return (
        `${branchSentence(b)} and ${now} (expected at least ${ctx.thresholds.minApprovals}); ` +
        'unreviewed changes can reach it.'
      )
    },
    (branch, repo, ctx) =>
      rulesetFix(`Require ${plural(ctx.thresholds.minApprovals, 'approval')}`, (c) => [
        pullRequestRule(c.thresholds.minApprovals)
      ])(branch, repo, ctx)
  )
})
