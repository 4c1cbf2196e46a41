import { branchCheck, branchSentence, rulesetFix } from '../branch-check.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule } from '../rule.js'

/** The branch may be deleted. */
export default defineRule({
  id: 'deletion-allowed',
  meta: {
    title: 'Branch deletion allowed',
    severity: { small: 'off', mid: 'warning', large: 'warning' },
    recommendation: GUIDE_BRANCHES,
    description: 'The branch may be deleted.',
    fix: 'Add a branch ruleset with the deletion rule (Settings → Rules → Rulesets: Restrict deletions), or create it with the gh api call the finding gives.'
  },
  check: branchCheck(
    (b) => b.deletionAllowed,
    (allowed) => allowed,
    (b) => `${branchSentence(b)} and may be deleted; its protection would go with it.`,
    rulesetFix('Restrict deletions', () => [{ type: 'deletion' }])
  )
})
