import { describe, expect, it } from '@jest/globals'
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
  makeWorkflow,
  seen,
  unseen
} from '../../__fixtures__/facts.js'
import { runRules } from '../../src/policy/evaluate.js'
import { RULES } from '../../src/policy/rules/index.js'
import type { FactRuleId } from '../../src/policy/context.js'
import type { Collaborator, Config, Facts, TeamSize } from '../../src/types.js'
import { FIRING, ctxOf } from './scenarios.js'

const run = (rule: FactRuleId, facts: Facts, config: Partial<Config> = {}, size?: TeamSize) =>
  RULES[rule](ctxOf(facts, config, size))

const withCollaborators = (...collaborators: Collaborator[]): Facts =>
  makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })

const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
  makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })

describe('healthy facts', () => {
  it('fire no rule at any size', () => {
    for (const size of ['small', 'mid', 'large'] as const) {
      expect(runRules(ctxOf(makeFacts(), {}, size))).toEqual([])
    }
  })

  it('fire nothing when both platforms were skipped', () => {
    const facts: Facts = {
      scalingo: { status: 'skipped', reason: 'no token' },
      github: { status: 'skipped', reason: 'no repository' }
    }
    expect(runRules(ctxOf(facts, { owners: ['x'], leads: ['y'], maxAccounts: 0 }))).toEqual([])
  })
})

describe.each(Object.keys(RULES) as FactRuleId[])('%s', (rule) => {
  it('fires in its scenario, one line, with a fix', () => {
    const { facts, config } = FIRING[rule]
    const drafts = RULES[rule]({ ...ctxOf(facts, config, 'large') })
    expect(drafts.length).toBeGreaterThan(0)
    for (const draft of drafts) {
      expect(draft.rule).toBe(rule)
      expect(draft.message).not.toMatch(/\n|\*\*|`/)
      expect(draft.fix).not.toMatch(/\n|\*\*|`/)
      expect(draft.fix.length).toBeGreaterThan(10)
    }
  })
})

describe('owner rules', () => {
  it('owner-unexpected fires only when owners is set and the owner matches none', () => {
    expect(run('owner-unexpected', makeFacts(), { owners: [] })).toEqual([])
    expect(run('owner-unexpected', makeFacts(), { owners: ['OWNER'] })).toEqual([])
    expect(run('owner-unexpected', makeFacts(), { owners: ['Owner@Example.com'] })).toEqual([])
    expect(run('owner-unexpected', makeFacts(), { owners: ['cto@example.com'] })).toEqual([
      expect.objectContaining({ app: 'my-app', subject: 'owner@example.com' })
    ])
  })

  it('owner-not-service-account fires when the list is empty or misses the owner', () => {
    expect(run('owner-not-service-account', makeFacts(), { serviceAccounts: [] })).toHaveLength(1)
    expect(
      run('owner-not-service-account', makeFacts(), { serviceAccounts: ['bot@example.com'] })
    ).toHaveLength(1)
    expect(run('owner-not-service-account', makeFacts(), { serviceAccounts: ['owner'] })).toEqual(
      []
    )
  })

  it('uses the username, else the id, as subject when there is no email', () => {
    const facts = makeFacts({
      scalingo: makeScalingo({
        apps: [
          makeApp({ name: 'a', owner: { id: 'u1', username: 'alice', email: null } }),
          makeApp({ name: 'b', owner: { id: 'u2', username: null, email: null } })
        ]
      })
    })
    const subjects = run('owner-not-service-account', facts).map((d) => d.subject)
    expect(subjects).toEqual(['alice', 'u2'])
  })
})

describe('collaborator rules', () => {
  const full = (n: number, extra: Partial<Collaborator> = {}): Collaborator[] =>
    Array.from({ length: n }, () => makeCollaborator(extra))

  it('too-many-collaborators counts full accepted and pending, against the size default', () => {
    // mid default: 3
    expect(run('too-many-collaborators', withCollaborators(...full(3)))).toEqual([])
    const drafts = run(
      'too-many-collaborators',
      withCollaborators(
        ...full(3),
        makeCollaborator({ status: 'pending' }),
        ...full(5, { isLimited: true }),
        ...full(2, { status: 'user account deleted' })
      )
    )
    expect(drafts).toEqual([expect.objectContaining({ app: 'my-app', subject: null })])
    expect(drafts[0]?.message).toContain('4 full Collaborators (limit 3)')
    // small default: 5
    expect(run('too-many-collaborators', withCollaborators(...full(5)), {}, 'small')).toEqual([])
    expect(run('too-many-collaborators', withCollaborators(...full(6)), {}, 'small')).toHaveLength(
      1
    )
  })

  it('too-many-collaborators reads max-collaborators when set', () => {
    expect(
      run('too-many-collaborators', withCollaborators(...full(2)), { maxCollaborators: 1 })
    ).toHaveLength(1)
    expect(
      run('too-many-collaborators', withCollaborators(...full(4)), { maxCollaborators: 4 })
    ).toEqual([])
  })

  it('collaborator-not-lead needs a roster and a full collaborator outside leads/owners/service accounts', () => {
    const lead = makeCollaborator({ email: 'Lead@Example.com' })
    const stranger = makeCollaborator({ email: 'x@example.com', username: 'x' })
    const pending = makeCollaborator({ email: 'p@example.com', status: 'pending' })
    const limited = makeCollaborator({ isLimited: true })
    const bot = makeCollaborator({ username: 'deployer', email: null })
    const facts = withCollaborators(lead, stranger, pending, limited, bot)
    expect(run('collaborator-not-lead', facts, { leads: [] })).toEqual([])
    const drafts = run('collaborator-not-lead', facts, {
      leads: ['lead@example.com'],
      serviceAccounts: ['deployer']
    })
    expect(drafts.map((d) => d.subject)).toEqual(['x@example.com', 'p@example.com'])
    // members alone also set the roster
    expect(run('collaborator-not-lead', facts, { members: ['m'] })).toHaveLength(4)
    // an entry matches the email or the username, not the id
    expect(
      run('collaborator-not-lead', facts, { leads: ['lead@example.com', stranger.id ?? ''] })
    ).toHaveLength(3)
  })

  it('account-not-in-roster checks owner and collaborators, skipping deleted ones', () => {
    const member = makeCollaborator({ username: 'bob', isLimited: true })
    const outsider = makeCollaborator({ email: 'eve@example.com', isLimited: true })
    const gone = makeCollaborator({ email: 'gone@example.com', status: 'user account deleted' })
    const facts = withCollaborators(member, outsider, gone)
    expect(run('account-not-in-roster', facts, { leads: [], members: [] })).toEqual([])
    expect(run('account-not-in-roster', facts, { members: ['BOB'] }).map((d) => d.subject)).toEqual(
      ['eve@example.com']
    )
    // owner not in owners/service-accounts is an account outside the roster too
    expect(
      run('account-not-in-roster', facts, {
        owners: [],
        serviceAccounts: [],
        members: ['bob', 'eve@example.com']
      }).map((d) => d.subject)
    ).toEqual(['owner@example.com'])
  })

  it('too-many-accounts counts the owner and non-deleted collaborators', () => {
    const facts = withCollaborators(
      makeCollaborator(),
      makeCollaborator({ status: 'pending' }),
      makeCollaborator({ status: 'user account deleted' })
    )
    expect(run('too-many-accounts', facts, { maxAccounts: null })).toEqual([])
    expect(run('too-many-accounts', facts, { maxAccounts: 3 })).toEqual([])
    const drafts = run('too-many-accounts', facts, { maxAccounts: 2 })
    expect(drafts).toEqual([expect.objectContaining({ app: 'my-app', subject: null })])
    expect(drafts[0]?.message).toContain('3 Scalingo accounts')
  })

  it('invitation-pending and collaborator-account-deleted follow the status', () => {
    const facts = withCollaborators(
      makeCollaborator({ email: 'p@example.com', status: 'pending' }),
      makeCollaborator({ email: 'd@example.com', status: 'user account deleted' }),
      makeCollaborator({ status: 'accepted' }),
      makeCollaborator({ status: 'suspended' })
    )
    expect(run('invitation-pending', facts).map((d) => d.subject)).toEqual(['p@example.com'])
    expect(run('collaborator-account-deleted', facts).map((d) => d.subject)).toEqual([
      'd@example.com'
    ])
  })
})

describe('two-factor rules', () => {
  it('collaborator-without-2fa: accepted and false only, when require-2fa', () => {
    const facts = withCollaborators(
      makeCollaborator({ email: 'no@example.com', tfa: false }),
      makeCollaborator({ tfa: null }),
      makeCollaborator({ status: 'pending', tfa: false }),
      makeCollaborator({ tfa: true })
    )
    expect(run('collaborator-without-2fa', facts).map((d) => d.subject)).toEqual(['no@example.com'])
    expect(run('collaborator-without-2fa', facts, { require2fa: false })).toEqual([])
  })

  it('owner-without-2fa: the token account owns the app and its 2FA is off', () => {
    const owner = makeApp().owner
    const facts = (account: typeof owner, tfaEnabled: boolean | null): Facts =>
      makeFacts({ scalingo: makeScalingo({ token: makeToken({ account, tfaEnabled }) }) })
    expect(run('owner-without-2fa', facts(owner, false))).toEqual([
      expect.objectContaining({ app: 'my-app', subject: 'owner@example.com' })
    ])
    expect(run('owner-without-2fa', facts(owner, false), { require2fa: false })).toEqual([])
    expect(run('owner-without-2fa', facts(owner, null))).toEqual([])
    expect(run('owner-without-2fa', facts(owner, true))).toEqual([])
    expect(run('owner-without-2fa', facts(makeToken().account, false))).toEqual([])
    // no id on one side: matched by email
    expect(
      run(
        'owner-without-2fa',
        facts({ id: null, username: null, email: 'OWNER@example.com' }, false)
      )
    ).toHaveLength(1)
    // ids differ: another account, whatever the email says
    expect(run('owner-without-2fa', facts({ ...owner, id: 'us-other' }, false))).toEqual([])
  })
})

describe('token rules', () => {
  it('token-not-app-scoped names how many other apps and up to five', () => {
    const reachable = ['my-app', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'a']
    const facts = makeFacts({
      scalingo: makeScalingo({ token: makeToken({ reachableApps: reachable }) })
    })
    const [draft, ...rest] = run('token-not-app-scoped', facts)
    expect(rest).toEqual([])
    expect(draft).toMatchObject({ app: null, subject: 'deployer@example.com' })
    expect(draft?.message).toContain('7 other apps (a, b, c, d, e, and 2 more)')
    expect(draft?.message).not.toContain('f,')
  })

  it('token-not-app-scoped compares names exactly and needs a token', () => {
    const only = (reachableApps: string[]): Facts =>
      makeFacts({ scalingo: makeScalingo({ token: makeToken({ reachableApps }) }) })
    expect(run('token-not-app-scoped', only(['my-app']))).toEqual([])
    expect(run('token-not-app-scoped', only(['My-App']))).toHaveLength(1)
    expect(
      run('token-not-app-scoped', makeFacts({ scalingo: makeScalingo({ token: null }) }))
    ).toEqual([])
  })

  it('token-not-service-account only when service-accounts is set', () => {
    expect(run('token-not-service-account', makeFacts(), { serviceAccounts: [] })).toEqual([])
    expect(
      run('token-not-service-account', makeFacts(), { serviceAccounts: ['deployer'] })
    ).toEqual([])
    expect(run('token-not-service-account', makeFacts(), { serviceAccounts: ['bot'] })).toEqual([
      expect.objectContaining({ app: null, subject: 'deployer@example.com' })
    ])
  })
})

describe('SCM link rules', () => {
  const withLink = (link: Parameters<typeof makeScmLink>[0] | null): Facts =>
    makeFacts({
      scalingo: makeScalingo({
        apps: [makeApp({ scmLink: link === null ? null : makeScmLink(link) })]
      })
    })

  it('review-apps-from-forks needs review apps and forks both on', () => {
    expect(run('review-apps-from-forks', withLink({ reviewAppsEnabled: true }))).toEqual([])
    expect(run('review-apps-from-forks', withLink({ reviewAppsFromForks: true }))).toEqual([])
    expect(run('review-apps-from-forks', withLink(null))).toEqual([])
    expect(
      run(
        'review-apps-from-forks',
        withLink({ reviewAppsEnabled: true, reviewAppsFromForks: true })
      )
    ).toEqual([expect.objectContaining({ app: 'my-app' })])
  })

  it('scm-link-other-repo compares owner/repo case-insensitively', () => {
    expect(run('scm-link-other-repo', withLink({ owner: 'ACME', repo: 'Shop' }))).toEqual([])
    expect(run('scm-link-other-repo', withLink({ repo: 'shop-legacy' }))).toEqual([
      expect.objectContaining({ app: 'my-app', subject: 'acme/shop-legacy' })
    ])
    expect(run('scm-link-other-repo', withLink({ repo: 'x' }), { repository: null })).toEqual([])
    expect(run('scm-link-other-repo', withLink(null))).toEqual([])
  })
})

describe('branch rules', () => {
  it('say that the branch deploys to the app, and use it as app', () => {
    const [draft] = run('branch-unprotected', withBranch({ protected: seen(false) }))
    expect(draft).toMatchObject({ app: 'my-app', subject: 'main' })
    expect(draft?.message).toContain('branch main deploys to my-app on Scalingo')
    const [plain] = run(
      'branch-unprotected',
      withBranch({ branch: 'dev', deploysTo: [], protected: seen(false) })
    )
    expect(plain).toMatchObject({ app: null, subject: 'dev' })
    expect(plain?.message).not.toContain('Scalingo')
  })

  it('reviews-not-required: none, zero, or fewer than min-approvals', () => {
    const approvals = (n: number | null, config: Partial<Config> = {}, size?: TeamSize) =>
      run('reviews-not-required', withBranch({ requiredApprovals: seen(n) }), config, size)
    expect(approvals(null)).toHaveLength(1)
    expect(approvals(0)).toHaveLength(1)
    expect(approvals(1)).toEqual([])
    expect(approvals(1, {}, 'large')).toHaveLength(1)
    expect(approvals(2, {}, 'large')).toEqual([])
    expect(approvals(2, { minApprovals: 3 })).toHaveLength(1)
    expect(approvals(1, { minApprovals: 1 }, 'large')).toEqual([])
  })

  it('each rule fires on its own fact', () => {
    const cases: [
      FactRuleId,
      Parameters<typeof makeBranch>[0],
      Parameters<typeof makeBranch>[0]
    ][] = [
      ['branch-unprotected', { protected: seen(false) }, { protected: seen(true) }],
      ['code-owner-review-not-required', { codeOwnerReviews: seen(false) }, {}],
      ['status-checks-not-required', { requiredStatusChecks: seen([]) }, {}],
      ['force-push-allowed', { forcePushAllowed: seen(true) }, {}],
      ['deletion-allowed', { deletionAllowed: seen(true) }, {}],
      ['admins-can-bypass', { adminsBypass: seen(true) }, {}]
    ]
    for (const [rule, bad, good] of cases) {
      expect(run(rule, withBranch(bad))).toHaveLength(1)
      expect(run(rule, withBranch(good))).toEqual([])
    }
  })

  it('an unprotected branch also fires the other rules that are literally true', () => {
    const facts = withBranch({
      protected: seen(false),
      requiredApprovals: seen(null),
      codeOwnerReviews: seen(false),
      requiredStatusChecks: seen([]),
      forcePushAllowed: seen(true),
      deletionAllowed: seen(true)
    })
    const rules = runRules(ctxOf(facts)).map((d) => d.rule)
    expect(rules).toEqual([
      'branch-unprotected',
      'reviews-not-required',
      'code-owner-review-not-required',
      'status-checks-not-required',
      'force-push-allowed',
      'deletion-allowed'
    ])
  })

  it('unseen facts fire nothing but protection-partially-readable', () => {
    const facts = withBranch({
      protected: unseen(),
      requiredApprovals: unseen(),
      codeOwnerReviews: unseen(),
      requiredStatusChecks: unseen(),
      forcePushAllowed: unseen(),
      deletionAllowed: unseen(),
      adminsBypass: unseen(),
      unreadable: [
        { what: 'enforce_admins', permission: 'Administration: read' },
        { what: 'stale review dismissal', permission: 'Administration: read' }
      ]
    })
    const drafts = runRules(ctxOf(facts, {}, 'large'))
    expect(drafts.map((d) => d.rule)).toEqual(['protection-partially-readable'])
    expect(drafts[0]?.message).toContain('enforce_admins (needs Administration: read)')
    expect(drafts[0]?.message).toContain('stale review dismissal (needs Administration: read)')
  })
})

describe('no-ci-workflow', () => {
  const workflows = (...list: ReturnType<typeof makeWorkflow>[]): Facts =>
    makeFacts({ github: makeGitHub({ workflows: seen(list) }) })

  it('fires when no active workflow runs on pull requests', () => {
    expect(run('no-ci-workflow', workflows())).toEqual([
      expect.objectContaining({ app: null, subject: 'acme/shop' })
    ])
    expect(run('no-ci-workflow', workflows(makeWorkflow({ onPullRequest: false })))).toHaveLength(1)
    // a disabled workflow runs on nothing (the reader gives it onPullRequest null)
    expect(
      run(
        'no-ci-workflow',
        workflows(makeWorkflow({ state: 'disabled_manually', onPullRequest: null }))
      )
    ).toHaveLength(1)
  })

  it('does not fire on a pull-request workflow, unknown triggers or unseen workflows', () => {
    expect(
      run('no-ci-workflow', workflows(makeWorkflow({ onPullRequest: false }), makeWorkflow()))
    ).toEqual([])
    expect(run('no-ci-workflow', workflows(makeWorkflow({ onPullRequest: null })))).toEqual([])
    expect(
      run('no-ci-workflow', makeFacts({ github: makeGitHub({ workflows: unseen() }) }))
    ).toEqual([])
  })
})

describe('unavailable rules', () => {
  it('one finding per failure, with what and why', () => {
    const facts = makeFacts({
      scalingo: makeScalingo({
        failures: [
          makeUnavailable({
            app: 'my-app',
            what: 'app my-app',
            reason: 'HTTP 404 on GET /v1/apps/my-app'
          }),
          makeUnavailable({ app: null, what: 'Scalingo token exchange', reason: 'HTTP 401' })
        ]
      }),
      github: makeGitHub({
        failures: [
          makeUnavailable({ app: null, what: 'branch main', reason: 'HTTP 403 on GET /x' })
        ]
      })
    })
    const scalingo = run('scalingo-unavailable', facts)
    expect(scalingo.map((d) => [d.app, d.message])).toEqual([
      ['my-app', 'Could not read app my-app: HTTP 404 on GET /v1/apps/my-app'],
      [null, 'Could not read Scalingo token exchange: HTTP 401']
    ])
    expect(scalingo[0]?.fix).toMatch(/app name.*region/)
    expect(scalingo[1]?.fix).toMatch(/scalingo-api-token/)
    const github = run('github-unavailable', facts)
    expect(github).toHaveLength(1)
    expect(github[0]?.fix).toMatch(/permission/)
    expect(run('scalingo-unavailable', makeFacts())).toEqual([])
    expect(run('github-unavailable', makeFacts())).toEqual([])
  })
})
