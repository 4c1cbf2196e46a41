import { GUIDE_DEPLOY } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'
import {
  auditedApp,
  deployJobs,
  environmentState,
  subjectOfJob,
  SUGGESTED_ENVIRONMENT,
  unguardedTriggers
} from '../deploys.js'

/**
 * A deploy job with no protected environment is guarded only by its triggers: it fires when one
 * of them can start from a ref that branch rules do not guard (any branch or tag, a manual or
 * external event). An environment the audit could not read is reported by github-unavailable.
 */
export default defineRule({
  id: 'deploy-trigger-unguarded',
  meta: {
    title: 'Deploy trigger unguarded',
    severity: { small: 'warning', mid: 'error', large: 'error' },
    recommendation: GUIDE_DEPLOY,
    description:
      'A Scalingo deploy job without a protected environment can start from a ref that branch rules do not guard (any branch or tag, workflow_dispatch, pull_request_target, …).',
    fix: 'Put the job behind a protected environment (Settings → Environments → NAME → Required reviewers), or limit its triggers to pushes to a protected branch.'
  },
  check(ctx) {
    const { github } = ctx.facts
    if (github.status !== 'read') return []
    return deployJobs(ctx).flatMap((job): Report[] => {
      const state = environmentState(ctx.facts, job)
      if (state.kind === 'unread') return []
      if (state.kind === 'found' && state.guard.protected) return []
      const loose = unguardedTriggers(job, github.branches, github.defaultBranch)
      if (loose.length === 0) return []
      const app = auditedApp(job, ctx.config.apps)
      const target = app ?? job.apps[0] ?? 'the Scalingo app'
      const where = subjectOfJob(job)
      const env =
        state.kind === 'found'
          ? state.environment.name
          : state.kind === 'absent'
            ? state.name
            : SUGGESTED_ENVIRONMENT
      const gate =
        state.kind === 'none'
          ? 'no environment'
          : state.kind === 'found'
            ? `environment ${env}, which guards nothing`
            : state.kind === 'absent'
              ? `environment ${env}, which does not exist yet (created unprotected on the first run)`
              : 'an environment chosen at run time'
      const add =
        state.kind === 'none'
          ? `add "environment: ${env}" under "jobs.${job.job}:" in ${job.path} and `
          : ''
      return [
        {
          app,
          subject: where,
          message:
            `${where} deploys with ${gate}, and can start from refs no branch rule guards — ${loose.map((l) => l.why).join('; ')}: ` +
            `anyone with write access can deploy to ${target} without review.`,
          fix:
            `${add ? add.charAt(0).toUpperCase() + add.slice(1) : ''}require reviewers in Settings → Environments → ${env} → Required reviewers ` +
            `(or Deployment branches and tags → Protected branches only), or limit its triggers to "push: branches: [${github.defaultBranch ?? 'main'}]" on a protected branch.`
        }
      ]
    })
  }
})
