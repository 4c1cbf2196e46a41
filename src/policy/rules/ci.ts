import type { Draft } from '../../types.js'
import { RULE_CATALOG } from '../catalog.js'
import type { Rule } from '../context.js'

/**
 * Workflows were read, and no active one runs on pull requests. An active workflow whose
 * triggers are unknown (null) might, so then nothing is reported. Inactive workflows run on
 * nothing, whatever their file says.
 */
export const noCiWorkflow: Rule = (ctx) => {
  const { github } = ctx.facts
  if (github.status !== 'read' || !github.workflows.seen) return []
  const active = github.workflows.value.filter((w) => w.state === 'active')
  if (active.some((w) => w.onPullRequest !== false)) return []
  const repository = `${github.owner}/${github.repo}`
  return [
    {
      rule: 'no-ci-workflow',
      app: null,
      subject: repository,
      message:
        `No active workflow of ${repository} runs on pull requests; ` +
        'changes are not built and tested before they merge.',
      fix: RULE_CATALOG['no-ci-workflow'].fix
    } satisfies Draft
  ]
}
