import {
  PLAN_FIX,
  PLAN_WHY,
  branchReport,
  branchSentence,
  repoOf,
  rulesetFix
} from '../branch-check.js'
import { githubBranches } from '../context.js'
import { pullRequestRule } from '../fixes.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'

/**
 * Nothing stops a direct push: no classic protection and no active ruleset rule among
 * pull_request, required_status_checks, workflows, merge_queue, update, required_deployments.
 * On GitHub Free a private repository cannot be protected at all: the message says so.
 */
export default defineRule({
  id: 'branch-unprotected',
  meta: {
    title: 'Branch unprotected',
    severity: { small: 'warning', mid: 'error', large: 'error' },
    recommendation: GUIDE_BRANCHES,
    description:
      'Nothing stops a direct push to the audited branch: no branch protection and no ruleset rule that guards pushes.',
    fix: 'Add a branch ruleset that requires a pull request (Settings → Rules → Rulesets), or create it with the gh api call the finding gives.'
  },
  check(ctx) {
    return githubBranches(ctx).flatMap((b): Report[] => {
      if (!b.protected.seen || b.protected.value) return []
      if (b.protectionNotOnPlan) {
        return [
          {
            ...branchReport(
              b,
              `${branchSentence(b)} and cannot be protected: ${PLAN_WHY} ` +
                '(GitHub answers 403 "…make this repository public to enable this feature"); ' +
                'anyone with write access can push to it directly.'
            ),
            fix: PLAN_FIX
          }
        ]
      }
      const rules =
        b.ruleTypes.length > 0
          ? ` (its ruleset rules, ${b.ruleTypes.join(', ')}, do not stop a push)`
          : ''
      const repo = repoOf(ctx)
      const fix = rulesetFix('Require a pull request', (c) => [
        pullRequestRule(c.thresholds.minApprovals)
      ])
      return [
        {
          ...branchReport(
            b,
            `${branchSentence(b)} and has no branch protection or ruleset rule that guards pushes${rules}; ` +
              'anyone with write access can push to it directly.'
          ),
          ...(repo ? fix(b, repo, ctx) : {})
        }
      ]
    })
  }
})
