import { branchCheck, branchSentence, rulesetFix } from '../branch-check.js'
import { STATUS_CHECK_PLACEHOLDER, statusChecksRule } from '../fixes.js'
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
    fix: 'Add a branch ruleset whose required_status_checks rule names the CI checks (Settings → Rules → Rulesets), or create it with the gh api call the finding gives.'
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
      'changes can merge without CI passing.',
    (branch, repo, ctx) => {
      const base = rulesetFix('Require status checks', () => [statusChecksRule()])(
        branch,
        repo,
        ctx
      )
      return {
        ...base,
        fix: `${base.fix} Replace ${STATUS_CHECK_PLACEHOLDER} with the name of the CI job that must pass (as it shows on a pull request's checks).`
      }
    }
  )
})
