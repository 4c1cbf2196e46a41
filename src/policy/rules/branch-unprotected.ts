import { branchCheck, branchSentence } from '../branch-check.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule } from '../rule.js'

/** The branch is protected neither by classic protection nor by an active ruleset rule. */
export default defineRule({
  id: 'branch-unprotected',
  meta: {
    title: 'Branch unprotected',
    severity: { small: 'warning', mid: 'error', large: 'error' },
    recommendation: GUIDE_BRANCHES,
    description: 'The audited branch has no branch protection and no ruleset.',
    fix: 'Add a branch protection rule or a ruleset for the branch in the GitHub repository settings.'
  },
  check: branchCheck(
    (b) => b.protected,
    (isProtected) => !isProtected,
    (b) =>
      `${branchSentence(b)} and has no branch protection or ruleset; ` +
      'anyone with write access can push to it directly.'
  )
})
