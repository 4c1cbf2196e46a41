import { isDeleted, label, scalingoApps, subjectOf } from '../context.js'
import { GUIDE_AUDIT } from '../recommendations.js'
import { removeCollaborator } from '../fixes.js'
import { defineRule } from '../rule.js'

/** A collaborator whose status is "user account deleted". */
export default defineRule({
  id: 'collaborator-account-deleted',
  meta: {
    title: 'Collaborator account deleted',
    severity: { small: 'warning', mid: 'warning', large: 'warning' },
    recommendation: GUIDE_AUDIT,
    description: 'A collaborator entry points to a Scalingo account that was deleted.',
    fix: 'Remove the stale entry: `scalingo --app APP --region REGION collaborators-remove EMAIL` (or the app Collaborators page).'
  },
  check(ctx) {
    return scalingoApps(ctx).flatMap((app) =>
      app.collaborators.filter(isDeleted).map((c) => ({
        app: app.name,
        subject: subjectOf(c),
        message:
          `${app.name} still lists ${label(c)}, whose Scalingo account was deleted; ` +
          'stale entries hide who really has access.',
        ...(c.email === null
          ? {}
          : {
              fix: `Remove the stale entry ${c.email} from ${app.name} with the command shown.`,
              command: removeCollaborator(app, c.email)
            })
      }))
    )
  }
})
