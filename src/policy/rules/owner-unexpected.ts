import { label, matchesAny, scalingoApps, subjectOf } from '../context.js'
import { PROJECT_TRANSFER } from '../fixes.js'
import { defineRule } from '../rule.js'

/** `owners` is set and the app owner is not in it. */
export default defineRule({
  id: 'owner-unexpected',
  meta: {
    title: 'Unexpected app owner',
    severity: { small: 'error', mid: 'error', large: 'error' },
    recommendation:
      'Keep the Owner role for the CTO or an engineering manager in charge of account and billing governance.',
    description: 'The app is owned by an account that is not listed in the owners input.',
    fix: `Transfer the app's project to an expected owner (${PROJECT_TRANSFER}; the Scalingo CLI has no transfer command), or add the account to owners.`
  },
  check(ctx) {
    const { owners } = ctx.config
    if (owners.length === 0) return []
    return scalingoApps(ctx)
      .filter((app) => !matchesAny(app.owner, owners))
      .map((app) => ({
        app: app.name,
        subject: subjectOf(app.owner),
        message:
          `${app.name} is owned by ${label(app.owner)}, who is not in the owners input; ` +
          'the owner controls billing and every permission on the app.',
        fix: `Transfer the project holding ${app.name} to an account listed in owners (${PROJECT_TRANSFER}), or add ${label(app.owner)} to owners.`
      }))
  }
})
