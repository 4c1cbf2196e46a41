import { label, scalingoApps, subjectOf } from '../context.js'
import { GUIDE_AUDIT } from '../recommendations.js'
import { defineRule } from '../rule.js'

/** A collaborator whose status is pending. */
export default defineRule({
  id: 'invitation-pending',
  meta: {
    title: 'Pending invitation',
    severity: { small: 'notice', mid: 'notice', large: 'notice' },
    recommendation: GUIDE_AUDIT,
    description: 'A collaborator invitation has not been accepted yet.',
    fix: 'Ask the invitee to accept the invitation, or revoke it in the app Collaborators page.'
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
            'whoever accepts it gets access, and its 2FA status cannot be checked yet.'
        }))
    )
  }
})
