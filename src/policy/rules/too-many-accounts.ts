import { isDeleted, plural, scalingoApps } from '../context.js'
import { GUIDE_NO_ACCOUNT } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'

/** max-accounts set and owner + collaborators (not deleted) exceed it. */
export default defineRule({
  id: 'too-many-accounts',
  meta: {
    title: 'Too many Scalingo accounts',
    severity: { small: 'warning', mid: 'warning', large: 'warning' },
    recommendation: GUIDE_NO_ACCOUNT,
    description: 'The owner and collaborators of the app together exceed max-accounts.',
    fix: 'Remove collaborators who only need GitHub access, or raise max-accounts.'
  },
  check(ctx) {
    const limit = ctx.config.maxAccounts
    if (limit === null) return []
    return scalingoApps(ctx).flatMap((app): Report[] => {
      const count = 1 + app.collaborators.filter((c) => !isDeleted(c)).length
      if (count <= limit) return []
      return [
        {
          app: app.name,
          subject: null,
          message:
            `${app.name} has ${plural(count, 'Scalingo account')} (owner and collaborators, limit ${limit}); ` +
            'each account is one more way in.'
        }
      ]
    })
  }
})
