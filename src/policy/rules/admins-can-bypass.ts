import { branchCheck, branchSentence } from '../branch-check.js'
import { settingsUrl } from '../fixes.js'
import { GUIDE_REVIEW } from '../recommendations.js'
import { defineRule } from '../rule.js'

/** Admins (classic enforce_admins off) or ruleset bypass actors skip the branch rules. */
export default defineRule({
  id: 'admins-can-bypass',
  meta: {
    title: 'Admins can bypass',
    severity: { small: 'off', mid: 'notice', large: 'warning' },
    recommendation: GUIDE_REVIEW,
    description: 'Administrators or ruleset bypass actors skip the branch rules.',
    fix: 'Enable "Do not allow bypassing the above settings" or remove bypass actors from the ruleset.'
  },
  check: branchCheck(
    (b) => b.adminsBypass,
    (bypass) => bypass,
    (b) =>
      `${branchSentence(b)} and admins or bypass actors can skip its rules; ` +
      'the protection does not apply to the most powerful accounts.',
    (branch, repo) => ({
      fix:
        `In ${settingsUrl(repo, 'rules')}, empty the bypass list of each ruleset on ${branch.branch}; ` +
        `in ${settingsUrl(repo, 'branches')}, edit the rule for ${branch.branch} and tick ` +
        '"Do not allow bypassing the above settings".'
    })
  )
})
