import { branchCheck, branchSentence, rulesetFix } from '../branch-check.js'
import { pullRequestRule } from '../fixes.js'
import { GUIDE_REVIEW } from '../recommendations.js'
import { defineRule } from '../rule.js'

/**
 * Code owner review is not required on the branch; asked for without a CODEOWNERS file on the
 * branch (.github/, root or docs/), it requires nothing, and the message says the file is missing.
 */
export default defineRule({
  id: 'code-owner-review-not-required',
  meta: {
    title: 'Code owner review not required',
    severity: { small: 'off', mid: 'notice', large: 'warning' },
    recommendation: GUIDE_REVIEW,
    description: 'Changes to the branch do not need a review from code owners.',
    fix: 'Add a CODEOWNERS file and a branch ruleset whose pull request rule requires code owner review (Settings → Rules → Rulesets), or create it with the gh api call the finding gives.'
  },
  check: branchCheck(
    (b) => b.codeOwnerReviews,
    (required) => !required,
    (b) =>
      b.codeOwnersMissing
        ? `${branchSentence(b)} and asks for code owner review, but no CODEOWNERS file is on the branch ` +
          '(.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS), so no code owner is asked; ' +
          'changes can merge without the people responsible for that code.'
        : `${branchSentence(b)} and does not require code owner review; ` +
          'changes can merge without the people responsible for that code.',
    (branch, repo, ctx) =>
      branch.codeOwnersMissing
        ? {
            fix: `Add a CODEOWNERS file (.github/CODEOWNERS) on ${branch.branch} naming who owns which paths; the rule already asks for their review.`
          }
        : rulesetFix('Require code owner review', (c) => [
            pullRequestRule(Math.max(1, c.thresholds.minApprovals), true)
          ])(branch, repo, ctx)
  )
})
