import { scalingoApps } from '../context.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { defineRule, type Report } from '../rule.js'
import { linkHost, linkedRepository, linksRepository } from '../../repositories.js'

/**
 * The SCM link deploys from another repository than the one being audited: host (the link's
 * `url`, else its `scm_type`, against GITHUB_SERVER_URL), owner and name compared
 * case-insensitively, so a GitLab or other-host `acme/web` is not github.com `acme/web`.
 */
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
    const thisRepo = { host: ctx.config.githubHost, ...here }
    const shown = `${thisRepo.host}/${here.owner}/${here.repo}`
    return scalingoApps(ctx).flatMap((app): Report[] => {
      const link = app.scmLink
      if (link === null || linksRepository(link, thisRepo)) return []
      // owner/repo on this host (as before); host/owner/repo on another one.
      const linked =
        linkHost(link) === thisRepo.host ? `${link.owner}/${link.repo}` : linkedRepository(link)
      return [
        {
          app: app.name,
          subject: linked,
          message:
            `${app.name} deploys from ${linked} (${link.scmType}), not from ${shown}; ` +
            'the branch rules checked here do not guard what reaches the app.'
        }
      ]
    })
  }
})
