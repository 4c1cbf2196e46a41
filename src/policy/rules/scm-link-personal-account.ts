import { label, matchesAny, relinkFix, scalingoApps, subjectOf } from '../context.js'
import { defineRule, type Report } from '../rule.js'

/** service-accounts set, and the SCM link was made by an account that is not one. */
export default defineRule({
  id: 'scm-link-personal-account',
  meta: {
    title: 'SCM link made by a personal account',
    severity: { small: 'off', mid: 'notice', large: 'warning' },
    recommendation:
      'We recommend using a dedicated service account when you need application-scoped API access, and generate API tokens from it.',
    description:
      "The app's SCM link was made by an account that is not in service-accounts: that person's SCM integration deploys the app.",
    fix: 'From the service account, delete and re-create the link (scalingo --app APP integration-link-delete, then integration-link-create REPOSITORY_URL with the same options).'
  },
  check(ctx) {
    const { serviceAccounts } = ctx.config
    if (serviceAccounts.length === 0) return []
    return scalingoApps(ctx).flatMap((app): Report[] => {
      const linker = app.scmLink?.linker ?? null
      if (linker === null || matchesAny(linker, serviceAccounts)) return []
      return [
        {
          app: app.name,
          subject: subjectOf(linker),
          message:
            `The SCM link of ${app.name} was made by ${label(linker)}, which is not in service-accounts; ` +
            "deployments go through that person's SCM integration, and Scalingo will not change the linker's role.",
          fix: relinkFix(app)
        }
      ]
    })
  }
})
