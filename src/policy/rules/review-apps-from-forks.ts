import { scalingoApps } from '../context.js'
import { GUIDE_REVIEW } from '../recommendations.js'
import { noReviewAppsFromForks } from '../fixes.js'
import { defineRule, type Report } from '../rule.js'

/** The SCM link creates review apps from forks automatically. */
export default defineRule({
  id: 'review-apps-from-forks',
  meta: {
    title: 'Review apps from forks',
    severity: { small: 'warning', mid: 'warning', large: 'error' },
    recommendation: GUIDE_REVIEW,
    description: 'The SCM link creates review apps automatically for pull requests from forks.',
    fix: 'Disable review apps from forks: `scalingo --app APP --region REGION integration-link-update --no-allow-review-apps-from-forks` (not `--allow-review-apps-from-forks=false`, which turns it on).'
  },
  check(ctx) {
    return scalingoApps(ctx).flatMap((app): Report[] => {
      const link = app.scmLink
      if (link === null || !link.reviewAppsEnabled || !link.reviewAppsFromForks) return []
      return [
        {
          app: app.name,
          subject: `${link.owner}/${link.repo}`,
          message:
            `${app.name} creates review apps automatically for pull requests from forks; ` +
            "anyone can then run code with a copy of the app's environment.",
          fix: `Stop review apps from forks on ${app.name} with the command shown (dashboard: the app's Review Apps settings).`,
          command: noReviewAppsFromForks(app)
        }
      ]
    })
  }
})
