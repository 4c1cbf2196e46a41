import { isFull, matchesAny, plural, scalingoApps } from '../context.js'
import type { AppFacts, Config } from '../../types.js'
import { GUIDE_ROLE_SPLIT } from '../recommendations.js'
import { makeLimited } from '../fixes.js'
import { defineRule, type Report } from '../rule.js'

/** Full Collaborators (accepted or pending) on an app exceed max-collaborators. */
export default defineRule({
  id: 'too-many-collaborators',
  meta: {
    title: 'Too many full Collaborators',
    severity: { small: 'warning', mid: 'warning', large: 'warning' },
    recommendation: GUIDE_ROLE_SPLIT,
    description:
      'More accounts hold the full Collaborator role on the app than max-collaborators allows.',
    fix: 'Make developers Limited Collaborators: `scalingo --app APP --region REGION collaborators-update --limited=true EMAIL` for each, or raise max-collaborators.'
  },
  check(ctx) {
    const limit = ctx.thresholds.maxCollaborators
    return scalingoApps(ctx).flatMap((app): Report[] => {
      const count = app.collaborators.filter(isFull).length
      if (count <= limit) return []
      return [
        {
          app: app.name,
          subject: null,
          message:
            `${app.name} has ${plural(count, 'full Collaborator')} (limit ${limit}); ` +
            'each one can read secrets, change settings and manage the team.',
          ...demote(app, ctx.config)
        }
      ]
    })
  }
})

/** The full Collaborators who are not leads, owners or service accounts: the ones to make Limited. */
function demote(app: AppFacts, config: Config): { fix: string; command?: string } {
  const candidates = app.collaborators.filter(
    (c) =>
      isFull(c) &&
      c.email !== null &&
      !matchesAny(c, config.leads, config.owners, config.serviceAccounts)
  )
  const emails = candidates.flatMap((c) => (c.email === null ? [] : [c.email])).slice(0, 20)
  if (emails.length === 0) {
    return {
      fix: `Make developers of ${app.name} Limited Collaborators (\`${makeLimited(app, 'EMAIL')}\` for each), or raise max-collaborators.`
    }
  }
  return {
    fix: `Make the full Collaborators of ${app.name} who are not leads Limited with the commands shown, or raise max-collaborators.`,
    command: emails.map((email) => makeLimited(app, email)).join('\n')
  }
}
