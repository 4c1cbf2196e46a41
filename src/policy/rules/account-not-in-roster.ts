import { isDeleted, label, matchesAny, rosterSet, scalingoApps, subjectOf } from '../context.js'
import { GUIDE_NO_ACCOUNT } from '../recommendations.js'
import { removeCollaborator } from '../fixes.js'
import { defineRule } from '../rule.js'

/** Roster set, and an account on the app is in none of the lists. */
export default defineRule({
  id: 'account-not-in-roster',
  meta: {
    title: 'Account outside the roster',
    severity: { small: 'off', mid: 'warning', large: 'warning' },
    recommendation: GUIDE_NO_ACCOUNT,
    description: 'An account on the app is in none of owners, service-accounts, leads or members.',
    fix: 'Remove the collaborator: `scalingo --app APP --region REGION collaborators-remove EMAIL`, or add the account to leads or members.'
  },
  check(ctx) {
    const { leads, members, owners, serviceAccounts } = ctx.config
    if (!rosterSet(ctx.config)) return []
    return scalingoApps(ctx).flatMap((app) =>
      [app.owner, ...app.collaborators.filter((c) => !isDeleted(c))]
        .filter((account) => !matchesAny(account, owners, serviceAccounts, leads, members))
        .map((account) => ({
          app: app.name,
          subject: subjectOf(account),
          message:
            `${label(account)} has access to ${app.name} but is in none of owners, service-accounts, ` +
            'leads or members; every account is one more way in.',
          ...(account === app.owner
            ? {
                fix: `Add ${label(account)} to owners (it owns ${app.name}), or transfer the app's project.`
              }
            : account.email === null
              ? {
                  fix: `Remove ${label(account)} from ${app.name} (dashboard: the app's Collaborators page), or add the account to leads or members.`
                }
              : {
                  fix: `Remove ${account.email} from ${app.name} with the command shown, or add the account to leads or members.`,
                  command: removeCollaborator(app, account.email)
                })
        }))
    )
  }
})
