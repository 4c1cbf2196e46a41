import { branchCheck, branchSentence, rulesetFix } from '../branch-check.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule } from '../rule.js'

/** Force pushes to the branch are allowed. */
export default defineRule({
  id: 'force-push-allowed',
  meta: {
    title: 'Force pushes allowed',
    severity: { small: 'off', mid: 'warning', large: 'warning' },
    recommendation: GUIDE_BRANCHES,
    description: 'History of the branch may be rewritten by force pushes.',
    fix: 'Add a branch ruleset with the non_fast_forward rule (Settings → Rules → Rulesets: Block force pushes), or create it with the gh api call the finding gives.'
  },
  check: branchCheck(
    (b) => b.forcePushAllowed,
    (allowed) => allowed,
    (b) =>
      `${branchSentence(b)} and allows force pushes; ` +
      'its history, reviewed commits included, can be rewritten.',
    rulesetFix('Block force pushes', () => [{ type: 'non_fast_forward' }])
  )
})
