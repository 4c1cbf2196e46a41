import { label, matchesAny, scalingoApps, subjectOf } from '../context.js'
import { GUIDE_SERVICE_OWNER } from '../recommendations.js'
import { PROJECT_TRANSFER } from '../fixes.js'
import { defineRule } from '../rule.js'

/** The owner is not a service account (also when none is listed: service accounts should own apps). */
export default defineRule({
  id: 'owner-not-service-account',
  meta: {
    title: 'Owner is not a service account',
    severity: { small: 'off', mid: 'notice', large: 'error' },
    recommendation: GUIDE_SERVICE_OWNER,
    description: 'The app is owned by a personal account rather than a dedicated service account.',
    fix: `Transfer the app's project to a dedicated Scalingo service account (${PROJECT_TRANSFER}) and list it in service-accounts.`
  },
  check(ctx) {
    return scalingoApps(ctx)
      .filter((app) => !matchesAny(app.owner, ctx.config.serviceAccounts))
      .map((app) => ({
        app: app.name,
        subject: subjectOf(app.owner),
        message:
          `${app.name} is owned by ${label(app.owner)}, which is not listed in service-accounts; ` +
          'a personal owner couples billing and critical permissions to one person.',
        fix: `Transfer the project holding ${app.name} to a dedicated service account (${PROJECT_TRANSFER}) and list it in service-accounts.`
      }))
  }
})
