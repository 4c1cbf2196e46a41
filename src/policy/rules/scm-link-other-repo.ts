import { scalingoApps } from '../context.js'
import { GUIDE_BRANCHES } from '../recommendations.js'
import { scalingoCommand, shellArg } from '../fixes.js'
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
    fix: 'Relink the app to this repository (`scalingo --app APP --region REGION integration-link-delete`, then `integration-link-create --branch BRANCH --auto-deploy REPOSITORY-URL`), or run the audit from the linked one.'
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
            'the branch rules checked here do not guard what reaches the app.',
          fix: `If ${app.name} should deploy from ${shown}, relink it with the commands shown (Scalingo's SCM integration of the account running them links it); otherwise run this audit in ${linked}.`,
          command: [
            scalingoCommand(app, 'integration-link-delete'),
            scalingoCommand(
              app,
              'integration-link-create',
              ...(link.branch ? ['--branch', shellArg(link.branch)] : []),
              ...(link.autoDeploy ? ['--auto-deploy'] : []),
              shellArg(`https://${shown}`)
            )
          ].join('\n')
        }
      ]
    })
  }
})
