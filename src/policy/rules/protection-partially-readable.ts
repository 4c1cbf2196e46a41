import { branchReport, branchSentence } from '../branch-check.js'
import { githubBranches } from '../context.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'

/**
 * The token could not see part of the protection; lists each item and what would show it:
 * Administration: read for classic protection and the Actions approval setting; for a ruleset's
 * bypass actors, someone who may edit the ruleset (organization admins for organization rulesets).
 */
export default defineRule({
  id: 'protection-partially-readable',
  meta: {
    title: 'Protection partially readable',
    severity: { small: 'notice', mid: 'notice', large: 'notice' },
    recommendation: GUIDE_BRANCHES,
    description:
      'The token could not read every branch protection setting; what was not seen is listed.',
    fix: 'Give the github-token Administration: read to audit classic protection fully, or use rulesets; bypass actors of organization rulesets are shown only to organization admins.'
  },
  check(ctx) {
    return githubBranches(ctx).flatMap((branch): Report[] => {
      if (branch.unreadable.length === 0) return []
      const items = branch.unreadable.map((u) => `${u.what} (needs ${u.permission})`).join('; ')
      return [
        branchReport(
          branch,
          `${branchSentence(branch)}, but part of its protection could not be checked: ${items}.`
        )
      ]
    })
  }
})
