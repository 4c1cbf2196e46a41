import { label, scalingoApps, subjectOf } from '../context.js'
import { GUIDE_AUDIT } from '../recommendations.js'
import { removeCollaborator } from '../fixes.js'
import { defineRule } from '../rule.js'

/** A collaborator whose status is pending. */
export default defineRule({
  id: 'invitation-pending',
  meta: {
    title: 'Pending invitation',
    severity: { small: 'notice', mid: 'notice', large: 'notice' },
    recommendation: GUIDE_AUDIT,
    description: 'A collaborator invitation has not been accepted yet.',
    fix: 'Ask the invitee to accept the invitation, or revoke it: `scalingo --app APP --region REGION collaborators-remove EMAIL`.'
  },
  check(ctx) {
    return scalingoApps(ctx).flatMap((app) =>
      app.collaborators
        .filter((c) => c.status === 'pending')
        .map((c) => ({
          app: app.name,
          subject: subjectOf(c),
          message:
            `The invitation of ${label(c)} to ${app.name} is still pending; ` +
            'whoever accepts it gets access, and its 2FA status cannot be checked yet.',
          ...(c.email === null
            ? {}
            : {
                fix: `Ask ${c.email} to accept the invitation to ${app.name}, or revoke it with the command shown.`,
                command: removeCollaborator(app, c.email)
              })
        }))
    )
  }
})
