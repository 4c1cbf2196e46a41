import { scalingoApps } from '../context.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'

/** The SCM link deploys from another repository than the one being audited. */
export default defineRule({
  id: 'scm-link-other-repo',
  meta: {
    title: 'SCM link to another repository',
    severity: { small: 'notice', mid: 'notice', large: 'notice' },
    recommendation: GUIDE_BRANCHES,
    description: 'The app deploys from a different repository than the one running this audit.',
    fix: 'Link the app to this repository in the Scalingo Deploy settings, or run the audit from the linked one.'
  },
  check(ctx) {
    const here = ctx.config.repository
    if (here === null) return []
    const thisRepo = `${here.owner}/${here.repo}`
    return scalingoApps(ctx).flatMap((app): Report[] => {
      const link = app.scmLink
      if (link === null) return []
      const linked = `${link.owner}/${link.repo}`
      if (linked.toLowerCase() === thisRepo.toLowerCase()) return []
      return [
        {
          app: app.name,
          subject: linked,
          message:
            `${app.name} deploys from ${linked}, not from ${thisRepo}; ` +
            'the branch rules checked here do not guard what reaches the app.'
        }
      ]
    })
  }
})
