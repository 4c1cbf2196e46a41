import { branchReport, branchSentence } from '../branch-check.js'
import { githubBranches } from '../context.js'
import { GUIDE_REVIEW } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'

/**
 * The repository lets GitHub Actions approve pull requests (`can_approve_pull_request_reviews`):
 * any workflow, written by anyone who may push a branch, can then give the approval that the
 * branch's required reviews ask for. Reported on each audited branch that requires reviews (or
 * whose reviews could not be seen); unreadable, it is listed by protection-partially-readable.
 */
export default defineRule({
  id: 'actions-can-approve-reviews',
  meta: {
    title: 'GitHub Actions can approve pull requests',
    severity: { small: 'off', mid: 'notice', large: 'warning' },
    recommendation: GUIDE_REVIEW,
    description:
      'The repository lets GitHub Actions approve pull requests, so a workflow can satisfy the required reviews of the deploying branch.',
    fix: 'In Settings → Actions → General → Workflow permissions, clear "Allow GitHub Actions to create and approve pull requests" (or gh api -X PUT repos/OWNER/REPO/actions/permissions/workflow -F can_approve_pull_request_reviews=false).'
  },
  check(ctx) {
    const { github } = ctx.facts
    if (github.status !== 'read') return []
    if (!github.actionsCanApprove.seen || !github.actionsCanApprove.value) return []
    return githubBranches(ctx).flatMap((b): Report[] => {
      const approvals = b.requiredApprovals
      if (approvals.seen && (approvals.value === null || approvals.value === 0)) return []
      return [
        branchReport(
          b,
          `${branchSentence(b)}, and ${github.owner}/${github.repo} lets GitHub Actions approve pull requests; ` +
            'a workflow can give the approval its required reviews ask for, so a change can merge with no person reviewing it.'
        )
      ]
    })
  }
})
