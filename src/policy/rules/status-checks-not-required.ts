import { branchCheck, branchSentence } from '../branch-check.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule } from '../rule.js'

/**
 * The branch requires no status check: neither classic required checks, a ruleset
 * `required_status_checks` rule nor a ruleset `workflows` rule (required workflows are CI too).
 */
export default defineRule({
  id: 'status-checks-not-required',
  meta: {
    title: 'Status checks not required',
    severity: { small: 'notice', mid: 'error', large: 'error' },
    recommendation: GUIDE_BRANCHES,
    description: 'No status check or required workflow must pass before changes reach the branch.',
    fix: 'Require the CI status checks to pass in the branch protection or ruleset.'
  },
  check: branchCheck(
    // Required workflows are read from the rules, which every token sees: they settle it alone.
    (b) =>
      b.requiredWorkflows.length > 0
        ? { seen: true, value: [...b.requiredWorkflows] }
        : b.requiredStatusChecks,
    (checks) => checks.length === 0,
    (b) =>
      `${branchSentence(b)} and requires no status check; ` +
      'changes can merge without CI passing.'
  )
})
