import { label, scalingoApps, subjectOf } from '../context.js'
import { GUIDE_2FA } from '../recommendations.js'
import { removeCollaborator } from '../fixes.js'
import { defineRule } from '../rule.js'

/** require-2fa, an accepted collaborator whose tfa is false (unknown never fires). */
export default defineRule({
  id: 'collaborator-without-2fa',
  meta: {
    title: 'Collaborator without 2FA',
    severity: { small: 'warning', mid: 'warning', large: 'error' },
    recommendation: GUIDE_2FA,
    description: 'An accepted collaborator has not enabled two-factor authentication on Scalingo.',
    fix: 'Ask the collaborator to enable 2FA in their Scalingo account settings, or remove them: `scalingo --app APP --region REGION collaborators-remove EMAIL`.'
  },
  check(ctx) {
    if (!ctx.config.require2fa) return []
    return scalingoApps(ctx).flatMap((app) =>
      app.collaborators
        .filter((c) => c.status === 'accepted' && c.tfa === false)
        .map((c) => ({
          app: app.name,
          subject: subjectOf(c),
          message:
            `${label(c)} collaborates on ${app.name} without two-factor authentication; ` +
            'a stolen password is enough to reach the app.',
          fix:
            `Ask ${label(c)} to turn on two-factor authentication in their Scalingo account settings` +
            (c.email === null
              ? `, or remove them from ${app.name}.`
              : `, or remove them from ${app.name} with the command shown.`),
          ...(c.email === null ? {} : { command: removeCollaborator(app, c.email) })
        }))
    )
  }
})
