import {
  isFull,
  isLinker,
  label,
  matchesAny,
  relinkFix,
  rosterSet,
  scalingoApps,
  subjectOf
} from '../context.js'
import { GUIDE_ROLE_SPLIT } from '../recommendations.js'
import { makeLimited } from '../fixes.js'
import { defineRule } from '../rule.js'

/** Roster set, and a full Collaborator is not a lead, an owner or a service account. */
export default defineRule({
  id: 'collaborator-not-lead',
  meta: {
    title: 'Full Collaborator who is not a lead',
    severity: { small: 'notice', mid: 'warning', large: 'error' },
    recommendation: GUIDE_ROLE_SPLIT,
    description:
      'A full Collaborator is in none of leads, owners or service-accounts and should be Limited.',
    fix: 'Make the collaborator Limited: `scalingo --app APP --region REGION collaborators-update --limited=true EMAIL`, or add the account to leads.'
  },
  check(ctx) {
    const { leads, owners, serviceAccounts } = ctx.config
    if (!rosterSet(ctx.config)) return []
    return scalingoApps(ctx).flatMap((app) =>
      app.collaborators
        .filter((c) => isFull(c) && !matchesAny(c, leads, owners, serviceAccounts))
        .map((c) =>
          isLinker(app, c)
            ? {
                app: app.name,
                subject: subjectOf(c),
                message:
                  `${label(c)} is a full Collaborator on ${app.name} but is not in leads; ` +
                  "Scalingo will not change this role while the account is the app's SCM linker.",
                fix: `${relinkFix(app)} Then make ${label(c)} a Limited Collaborator.`
              }
            : {
                app: app.name,
                subject: subjectOf(c),
                message:
                  `${label(c)} is a full Collaborator on ${app.name} but is not in leads; ` +
                  'only leads need access to secrets and team management.',
                ...(c.email === null
                  ? {
                      fix: `Make ${label(c)} a Limited Collaborator on ${app.name} (dashboard: the app's Collaborators page), or add the account to leads.`
                    }
                  : {
                      fix: `Make ${c.email} a Limited Collaborator on ${app.name} with the command shown, or add the account to leads.`,
                      command: makeLimited(app, c.email)
                    })
              }
        )
    )
  }
})
