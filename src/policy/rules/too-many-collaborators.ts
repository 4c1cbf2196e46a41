import { isFull, plural, scalingoApps } from '../context.js'
import { GUIDE_ROLE_SPLIT } from '../recommendations.js'
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
    fix: 'Turn developers into Limited Collaborators in the app Collaborators page, or raise max-collaborators.'
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
            'each one can read secrets, change settings and manage the team.'
        }
      ]
    })
  }
})
