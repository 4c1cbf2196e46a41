import { GUIDE_DEPLOY } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'
import {
  auditedApp,
  deployJobs,
  secretsLabel,
  subjectOfJob,
  SUGGESTED_ENVIRONMENT
} from '../deploys.js'

/**
 * A deploy job that declares no `environment:` can only read repository or organization secrets,
 * which every workflow on every branch can read: a push of any branch can deploy or leak them.
 */
export default defineRule({
  id: 'deploy-secret-outside-environment',
  meta: {
    title: 'Deploy secret outside an environment',
    severity: { small: 'warning', mid: 'warning', large: 'error' },
    recommendation: GUIDE_DEPLOY,
    description:
      'A workflow job reads a Scalingo secret (deploy-secrets) without an environment, so the secret is readable by any workflow on any branch.',
    fix: 'Add "environment: production" to the job, move the secret into it (gh secret set NAME --env production, then gh secret delete NAME) and protect the environment.'
  },
  check(ctx) {
    return deployJobs(ctx)
      .filter((job) => job.environment === null)
      .map((job): Report => {
        const app = auditedApp(job, ctx.config.apps)
        const target = app ?? job.apps[0] ?? 'the Scalingo app'
        const where = subjectOfJob(job)
        const secrets = secretsLabel(job)
        const names = job.secrets.length > 0 ? job.secrets : ['NAME']
        const env = SUGGESTED_ENVIRONMENT
        const move = names
          .map((name) => `gh secret set ${name} --env ${env} then gh secret delete ${name}`)
          .join('; ')
        const fix =
          job.unfollowed !== null
            ? `A job that calls a reusable workflow cannot declare an environment: in ${job.unfollowed}, add "environment: ${env}" to the job that deploys, move the secret into that environment (${move}) and pass it no longer from ${where}.`
            : `In ${job.path}, add "environment: ${env}" under "jobs.${job.job}:"; move the secret into that environment (${move}); then protect it in Settings → Environments → ${env} → Required reviewers.`
        return {
          app,
          subject: where,
          message:
            `${where} reads ${secrets} outside any environment, so the secret is a repository or organization secret: ` +
            `anyone with write access can push a branch whose workflow reads it and deploy to ${target}, or leak it, without review.`,
          fix
        }
      })
  }
})
