import { branchCheck, branchSentence } from '../branch-check.js'
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
    fix: 'Block force pushes in the branch protection or ruleset.'
  },
  check: branchCheck(
    (b) => b.forcePushAllowed,
    (allowed) => allowed,
    (b) =>
      `${branchSentence(b)} and allows force pushes; ` +
      'its history, reviewed commits included, can be rewritten.'
  )
})
