import { makeConfig } from '../../__fixtures__/config.js'
import {
  makeApp,
  makeBranch,
  makeCollaborator,
  makeFacts,
  makeGitHub,
  makeScalingo,
  makeScmLink,
  makeToken,
  makeUnavailable,
  seen
} from '../../__fixtures__/facts.js'
import { thresholdsFor } from '../../src/policy/evaluate.js'
import type { RuleContext } from '../../src/policy/context.js'
import type { Config, Facts, RuleId, TeamSize } from '../../src/types.js'

export interface Scenario {
  readonly facts: Facts
  readonly config: Config
}

/** A config under which the default facts are healthy at every size. */
export const HEALTHY_CONFIG: Partial<Config> = {
  owners: ['owner@example.com'],
  serviceAccounts: ['owner@example.com', 'deployer@example.com']
}

export function ctxOf(
  facts: Facts,
  config: Partial<Config> = {},
  size: TeamSize = 'mid'
): RuleContext {
  const full = makeConfig({ ...HEALTHY_CONFIG, ...config })
  return { facts, config: full, size, thresholds: thresholdsFor(full, size) }
}

const withApp = (app: Parameters<typeof makeApp>[0]): Facts =>
  makeFacts({ scalingo: makeScalingo({ apps: [makeApp(app)] }) })
const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
  makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })
const scenario = (facts: Facts, config: Partial<Config> = {}): Scenario => ({
  facts,
  config: makeConfig({ ...HEALTHY_CONFIG, ...config })
})

/** For every rule, facts and config under which it fires (at sizes where it is not off). */
export const FIRING: Readonly<Record<RuleId, Scenario>> = {
  'owner-unexpected': scenario(makeFacts(), { owners: ['cto@example.com'] }),
  'owner-not-service-account': scenario(makeFacts(), { serviceAccounts: [] }),
  'too-many-collaborators': scenario(
    withApp({ collaborators: Array.from({ length: 6 }, () => makeCollaborator()) })
  ),
  'collaborator-not-lead': scenario(withApp({ collaborators: [makeCollaborator()] }), {
    leads: ['lead@example.com']
  }),
  'account-not-in-roster': scenario(
    withApp({ collaborators: [makeCollaborator({ isLimited: true })] }),
    { members: ['someone@example.com'] }
  ),
  'too-many-accounts': scenario(withApp({ collaborators: [makeCollaborator()] }), {
    maxAccounts: 1
  }),
  'collaborator-without-2fa': scenario(
    withApp({ collaborators: [makeCollaborator({ tfa: false })] })
  ),
  'owner-without-2fa': scenario(
    makeFacts({
      scalingo: makeScalingo({ token: makeToken({ account: makeApp().owner, tfaEnabled: false }) })
    })
  ),
  'invitation-pending': scenario(
    withApp({
      collaborators: [makeCollaborator({ status: 'pending', isLimited: true, tfa: null })]
    })
  ),
  'collaborator-account-deleted': scenario(
    withApp({ collaborators: [makeCollaborator({ status: 'user account deleted' })] })
  ),
  'token-not-app-scoped': scenario(
    makeFacts({
      scalingo: makeScalingo({ token: makeToken({ reachableApps: ['my-app', 'other-app'] }) })
    })
  ),
  'token-not-service-account': scenario(makeFacts(), { serviceAccounts: ['owner@example.com'] }),
  'review-apps-from-forks': scenario(
    withApp({ scmLink: makeScmLink({ reviewAppsEnabled: true, reviewAppsFromForks: true }) })
  ),
  'scm-link-other-repo': scenario(withApp({ scmLink: makeScmLink({ owner: 'someone-else' }) })),
  'branch-unprotected': scenario(withBranch({ protected: seen(false) })),
  'reviews-not-required': scenario(withBranch({ requiredApprovals: seen(null) })),
  'code-owner-review-not-required': scenario(withBranch({ codeOwnerReviews: seen(false) })),
  'status-checks-not-required': scenario(withBranch({ requiredStatusChecks: seen([]) })),
  'no-ci-workflow': scenario(makeFacts({ github: makeGitHub({ workflows: seen([]) }) })),
  'force-push-allowed': scenario(withBranch({ forcePushAllowed: seen(true) })),
  'deletion-allowed': scenario(withBranch({ deletionAllowed: seen(true) })),
  'admins-can-bypass': scenario(withBranch({ adminsBypass: seen(true) })),
  'protection-partially-readable': scenario(
    withBranch({ unreadable: [{ what: 'enforce_admins', permission: 'Administration: read' }] })
  ),
  'scalingo-unavailable': scenario(
    makeFacts({ scalingo: makeScalingo({ failures: [makeUnavailable()] }) })
  ),
  'github-unavailable': scenario(
    makeFacts({
      github: makeGitHub({
        failures: [
          makeUnavailable({ app: null, what: 'workflows of acme/shop', reason: 'HTTP 500' })
        ]
      })
    })
  ),
  'ignore-expired': scenario(makeFacts(), {
    ignore: [
      {
        rule: 'no-ci-workflow',
        app: null,
        subject: null,
        until: '2026-01-01',
        reason: 'CI moves to Buildkite',
        raw: 'no-ci-workflow until 2026-01-01 # CI moves to Buildkite'
      }
    ]
  })
}
