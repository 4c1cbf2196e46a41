import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule } from '../rule.js'

/**
 * Workflows were read, and no active one runs on `pull_request` or `merge_group`, the audit's
 * own workflow (GITHUB_WORKFLOW_REF) aside: it runs on pull requests but tests nothing.
 * `pull_request_target` does not count (it runs the base branch's code). An active workflow
 * whose triggers are unknown (null) might, so then nothing is reported. Inactive workflows run
 * on nothing, whatever their file says.
 */
export default defineRule({
  id: 'no-ci-workflow',
  meta: {
    title: 'No CI workflow on pull requests',
    severity: { small: 'warning', mid: 'warning', large: 'warning' },
    recommendation: GUIDE_BRANCHES,
    description:
      'No active GitHub Actions workflow but the audit’s own runs on pull requests (or merge_group) to build and test the change.',
    fix: 'Add a workflow triggered by pull_request (and merge_group with a merge queue) that builds and tests the code.'
  },
  check(ctx) {
    const { github } = ctx.facts
    if (github.status !== 'read' || !github.workflows.seen) return []
    const audit = ctx.config.auditJob?.path ?? null
    const active = github.workflows.value.filter((w) => w.state === 'active' && w.path !== audit)
    if (active.some((w) => w.onPullRequest !== false)) return []
    const repository = `${github.owner}/${github.repo}`
    return [
      {
        app: null,
        subject: repository,
        message:
          `No active workflow of ${repository}, the audit’s own aside, ` +
          'runs on pull_request or merge_group (pull_request_target runs the base branch’s code); ' +
          'changes are not built and tested before they merge.'
      }
    ]
  }
})
