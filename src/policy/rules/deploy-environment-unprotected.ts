import { GUIDE_DEPLOY } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'
import { auditedApp, deployJobs, environmentState, subjectOfJob } from '../deploys.js'

const settings = (name: string): string =>
  `In Settings → Environments → ${name}, add Required reviewers, or set Deployment branches and tags to "Protected branches only" (or to selected branches that are protected).`

/**
 * The environment of a deploy job guards nothing when it has neither required reviewers nor a
 * deployment branch policy limited to protected branches. An environment named in a workflow but
 * absent from the repository is created by the first run, unprotected; an expression cannot be
 * judged, and unknown is never fine.
 */
export default defineRule({
  id: 'deploy-environment-unprotected',
  meta: {
    title: 'Deploy environment unprotected',
    severity: { small: 'notice', mid: 'warning', large: 'error' },
    recommendation: GUIDE_DEPLOY,
    description:
      'The environment of a Scalingo deploy job has neither required reviewers nor a deployment branch policy limited to protected branches (or does not exist yet).',
    fix: 'Settings → Environments → NAME: add Required reviewers, or set Deployment branches and tags to "Protected branches only".'
  },
  check(ctx) {
    return deployJobs(ctx).flatMap((job): Report[] => {
      const state = environmentState(ctx.facts, job)
      const app = auditedApp(job, ctx.config.apps)
      const target = app ?? job.apps[0] ?? 'the Scalingo app'
      const where = subjectOfJob(job)
      const draft = (message: string, fix: string): Report[] => [
        { app, subject: where, message, fix }
      ]
      switch (state.kind) {
        case 'none':
        case 'unread':
          return []
        case 'expression':
          return draft(
            `${where} picks its environment at run time (${state.raw}), so the audit cannot tell whether it is protected: ` +
              `if the expression can name an unprotected or new environment, anyone with write access can deploy to ${target} without review.`,
            `Name the environment literally in ${job.path} ("environment: production"), and protect it: ${settings('production')}`
          )
        case 'absent':
          return draft(
            `${where} runs in environment ${state.name}, which does not exist yet: GitHub creates it on the first run with no protection, ` +
              `so anyone with write access can deploy to ${target} without review.`,
            `Create it first (Settings → Environments → New environment → ${state.name}) with protection: ${settings(state.name)}`
          )
        case 'found':
          if (state.guard.protected) return []
          return draft(
            `${where} runs in environment ${state.environment.name}, which has neither required reviewers nor a deployment branch policy limited to protected branches (${state.guard.summary}): ` +
              `anyone with write access can run it from a branch of their own and deploy to ${target} without review.`,
            settings(state.environment.name)
          )
      }
    })
  }
})
