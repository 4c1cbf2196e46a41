import type { Draft } from '../../types.js'
import { RULE_CATALOG } from '../catalog.js'
import { scalingoApps, type Rule } from '../context.js'

/** The SCM link creates review apps from forks automatically. */
export const reviewAppsFromForks: Rule = (ctx) =>
  scalingoApps(ctx).flatMap((app): Draft[] => {
    const link = app.scmLink
    if (link === null || !link.reviewAppsEnabled || !link.reviewAppsFromForks) return []
    return [
      {
        rule: 'review-apps-from-forks',
        app: app.name,
        subject: `${link.owner}/${link.repo}`,
        message:
          `${app.name} creates review apps automatically for pull requests from forks; ` +
          "anyone can then run code with a copy of the app's environment.",
        fix: RULE_CATALOG['review-apps-from-forks'].fix
      }
    ]
  })

/** The SCM link deploys from another repository than the one being audited. */
export const scmLinkOtherRepo: Rule = (ctx) => {
  const here = ctx.config.repository
  if (here === null) return []
  const thisRepo = `${here.owner}/${here.repo}`
  return scalingoApps(ctx).flatMap((app): Draft[] => {
    const link = app.scmLink
    if (link === null) return []
    const linked = `${link.owner}/${link.repo}`
    if (linked.toLowerCase() === thisRepo.toLowerCase()) return []
    return [
      {
        rule: 'scm-link-other-repo',
        app: app.name,
        subject: linked,
        message:
          `${app.name} deploys from ${linked}, not from ${thisRepo}; ` +
          'the branch rules checked here do not guard what reaches the app.',
        fix: RULE_CATALOG['scm-link-other-repo'].fix
      }
    ]
  })
}
