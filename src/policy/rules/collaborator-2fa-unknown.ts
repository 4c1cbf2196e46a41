import { label, scalingoApps, subjectOf } from '../context.js'
import { GUIDE_2FA } from '../recommendations.js'
import { defineRule } from '../rule.js'

/**
 * require-2fa, an accepted collaborator whose `tfa_status` Scalingo did not give (absent or
 * null): unknown is neither on nor off, so it is reported, never passed.
 */
export default defineRule({
  id: 'collaborator-2fa-unknown',
  meta: {
    title: 'Collaborator 2FA unknown',
    severity: { small: 'notice', mid: 'notice', large: 'warning' },
    recommendation: GUIDE_2FA,
    description:
      "Scalingo did not give an accepted collaborator's two-factor authentication status, so it could not be checked.",
    fix: "Check the collaborator's 2FA in the app's Collaborators page of the Scalingo dashboard (or ask them), and accept the finding with an ignore entry once confirmed."
  },
  check(ctx) {
    if (!ctx.config.require2fa) return []
    return scalingoApps(ctx).flatMap((app) =>
      app.collaborators
        .filter((c) => c.status === 'accepted' && c.tfa === null)
        .map((c) => ({
          app: app.name,
          subject: subjectOf(c),
          message:
            `Scalingo did not say whether ${label(c)}, a collaborator on ${app.name}, uses ` +
            'two-factor authentication; unknown is not a pass.'
        }))
    )
  }
})
