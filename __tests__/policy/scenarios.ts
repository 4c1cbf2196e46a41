import { makeConfig } from '../../__fixtures__/config.js'
import {
  makeApp,
  makeBranch,
  makeCollaborator,
  makeDeployJob,
  makeEnvironment,
  makeFacts,
  makeGitHub,
  makeScalingo,
  makeScmLink,
  makeToken,
  makeUnavailable,
  seen
} from '../../__fixtures__/facts.js'
import { expect, it } from '@jest/globals'
import { evaluate, thresholdsFor } from '../../src/policy/evaluate.js'
import type { RuleContext } from '../../src/policy/context.js'
import { draftsOf, type Level, type RuleDefinition } from '../../src/policy/rule.js'
import { SEVERITY_BY_SIZE } from '../../src/policy/severities.js'
import {
  TEAM_SIZES,
  type Config,
  type Draft,
  type Facts,
  type RuleId,
  type TeamSize
} from '../../src/types.js'

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
const withDeploy = (
  job: ReturnType<typeof makeDeployJob>,
  environments: ReturnType<typeof makeEnvironment>[] = []
): Facts =>
  makeFacts({
    github: makeGitHub({
      deploys: seen({ jobs: [job], unread: [] }),
      environments: seen(environments)
    })
  })
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
  'collaborator-2fa-unknown': scenario(
    withApp({ collaborators: [makeCollaborator({ tfa: null })] })
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
      scalingo: makeScalingo({
        token: makeToken({
          reachableApps: [
            { region: 'osc-fr1', name: 'my-app' },
            { region: 'osc-fr1', name: 'other-app' }
          ]
        })
      })
    })
  ),
  'token-not-service-account': scenario(makeFacts(), { serviceAccounts: ['owner@example.com'] }),
  'review-apps-from-forks': scenario(
    withApp({ scmLink: makeScmLink({ reviewAppsEnabled: true, reviewAppsFromForks: true }) })
  ),
  'scm-link-other-repo': scenario(withApp({ scmLink: makeScmLink({ owner: 'someone-else' }) })),
  'scm-link-personal-account': scenario(
    withApp({
      scmLink: makeScmLink({
        linker: { id: 'us-john', username: 'john', email: 'john@example.com' }
      })
    })
  ),
  'branch-unprotected': scenario(withBranch({ protected: seen(false) })),
  'reviews-not-required': scenario(withBranch({ requiredApprovals: seen(null) })),
  'code-owner-review-not-required': scenario(withBranch({ codeOwnerReviews: seen(false) })),
  'status-checks-not-required': scenario(withBranch({ requiredStatusChecks: seen([]) })),
  'no-ci-workflow': scenario(makeFacts({ github: makeGitHub({ workflows: seen([]) }) })),
  'force-push-allowed': scenario(withBranch({ forcePushAllowed: seen(true) })),
  'deletion-allowed': scenario(withBranch({ deletionAllowed: seen(true) })),
  'admins-can-bypass': scenario(withBranch({ adminsBypass: seen(true) })),
  'actions-can-approve-reviews': scenario(
    makeFacts({ github: makeGitHub({ actionsCanApprove: seen(true) }) })
  ),
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
  'deploy-secret-outside-environment': scenario(withDeploy(makeDeployJob())),
  'deploy-environment-unprotected': scenario(
    withDeploy(makeDeployJob({ environment: { name: 'production', raw: 'production' } }), [
      makeEnvironment({ reviewers: [] })
    ])
  ),
  'deploy-trigger-unguarded': scenario(withDeploy(makeDeployJob())),
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

/** A rule's drafts (id and fix filled in, as evaluate sees them) on these facts, mid size by default. */
export function run(
  rule: RuleDefinition,
  facts: Facts,
  config: Partial<Config> = {},
  size?: TeamSize
): Draft[] {
  return draftsOf(rule, ctxOf(facts, config, size))
}

/**
 * What every rule module's test checks: it fires in its FIRING scenario with one-line texts, it
 * stays quiet on healthy facts, and its severity at each size is `design`, the row of DESIGN.md §2
 * copied by hand into the test (so a typo in the module fails), in the module, in SEVERITY_BY_SIZE
 * and in the findings of evaluate.
 */
export function itIsARule(rule: RuleDefinition, design: Readonly<Record<TeamSize, Level>>): void {
  it('fires in its scenario, one line, with a fix', () => {
    const { facts, config } = FIRING[rule.id]
    const drafts = draftsOf(rule, ctxOf(facts, config, 'large'))
    expect(drafts.length).toBeGreaterThan(0)
    for (const draft of drafts) {
      expect(draft.rule).toBe(rule.id)
      expect(draft.message).not.toMatch(/\n|\*\*|`/)
      expect(draft.fix).not.toMatch(/\n|\*\*|`/)
      expect(draft.fix.length).toBeGreaterThan(10)
    }
  })

  it.each(TEAM_SIZES)('does not fire on healthy facts (%s)', (size) => {
    expect(run(rule, makeFacts(), {}, size)).toEqual([])
  })

  it('has the severities of DESIGN.md §2', () => {
    expect(rule.meta.severity).toEqual(design)
    expect(SEVERITY_BY_SIZE[rule.id]).toEqual(design)
  })

  it.each(TEAM_SIZES)('evaluate reports it at its severity for %s', (size) => {
    const { facts, config } = FIRING[rule.id]
    const found = evaluate(facts, { ...config, teamSize: size }).findings.filter(
      (f) => f.rule === rule.id
    )
    if (design[size] === 'off') {
      expect(found).toEqual([])
    } else {
      expect(found.length).toBeGreaterThan(0)
      expect(found.map((f) => f.severity)).toEqual(found.map(() => design[size]))
    }
  })
}
