import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule } from '../rule.js'

/**
 * Workflows were read, and no active one runs on pull requests. An active workflow whose
 * triggers are unknown (null) might, so then nothing is reported. Inactive workflows run on
 * nothing, whatever their file says.
 */
export default defineRule({
  id: 'no-ci-workflow',
  meta: {
    title: 'No CI workflow on pull requests',
    severity: { small: 'warning', mid: 'warning', large: 'warning' },
    recommendation: GUIDE_BRANCHES,
    description: 'No active GitHub Actions workflow runs on pull requests.',
    fix: 'Add a workflow triggered by pull_request that builds and tests the code.'
  },
  check(ctx) {
    const { github } = ctx.facts
    if (github.status !== 'read' || !github.workflows.seen) return []
    const active = github.workflows.value.filter((w) => w.state === 'active')
    if (active.some((w) => w.onPullRequest !== false)) return []
    const repository = `${github.owner}/${github.repo}`
    return [
      {
        app: null,
        subject: repository,
        message:
          `No active workflow of ${repository} runs on pull requests; ` +
          'changes are not built and tested before they merge.'
      }
    ]
  }
})
