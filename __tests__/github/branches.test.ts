import { describe, expect, it } from '@jest/globals'
import { GitHubError } from '../../src/github/errors.js'
import type { Rulesets } from '../../src/github/branch-facts.js'
import { readBranch } from '../../src/github/branches.js'
import { NO_ADMIN, useFakeGitHub, type Reply, type Route } from './fake-github.js'

const R = '/repos/acme/shop'

const github = useFakeGitHub()
const client = github.client

const NOT_PROTECTED: Reply = { status: 404, body: { message: 'Branch not protected' } }

function summary(isProtected: boolean, checks?: { level: string; contexts: string[] }): Reply {
  return {
    body: {
      name: 'main',
      commit: { sha: 'abc' },
      protected: isProtected,
      protection: {
        enabled: isProtected,
        ...(checks && {
          required_status_checks: {
            enforcement_level: checks.level,
            contexts: checks.contexts,
            checks: checks.contexts.map((context) => ({ context, app_id: null }))
          }
        })
      }
    }
  }
}

const CLASSIC = {
  url: 'https://api.github.com/repos/acme/shop/branches/main/protection',
  required_status_checks: {
    strict: true,
    contexts: ['build'],
    checks: [
      { context: 'build', app_id: 15368 },
      { context: 'lint', app_id: null }
    ]
  },
  enforce_admins: { url: 'x', enabled: true },
  required_pull_request_reviews: {
    dismiss_stale_reviews: false,
    require_code_owner_reviews: false,
    required_approving_review_count: 1
  },
  allow_force_pushes: { enabled: false },
  allow_deletions: { enabled: false }
}

const RULES = [
  {
    type: 'pull_request',
    ruleset_id: 7,
    ruleset_source_type: 'Repository',
    ruleset_source: 'acme/shop',
    parameters: {
      dismiss_stale_reviews_on_push: true,
      require_code_owner_review: true,
      require_last_push_approval: false,
      required_approving_review_count: 2,
      required_review_thread_resolution: false
    }
  },
  {
    type: 'required_status_checks',
    ruleset_id: 7,
    parameters: {
      strict_required_status_checks_policy: false,
      required_status_checks: [{ context: 'ci / test' }, { context: 'build', integration_id: 1 }]
    }
  },
  { type: 'non_fast_forward', ruleset_id: 7 },
  { type: 'deletion', ruleset_id: 7 }
]

const VISIBLE_NONE: Rulesets = new Map([
  [7, { name: 'Protect main', enforcement: 'active', bypassActors: [] }]
])

function routes(classic: Reply, branch: Reply, rules: unknown[]): Record<string, Route> {
  return {
    [`GET ${R}/branches/main/protection`]: classic,
    [`GET ${R}/branches/main`]: branch,
    [`GET ${R}/rules/branches/main`]: { body: rules }
  }
}

describe('readBranch', () => {
  it('reads classic protection alone', async () => {
    const octokit = await client(routes({ body: CLASSIC }, summary(true), []))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', ['my-app'], new Map())

    expect(facts).toEqual({
      branch: 'main',
      deploysTo: ['my-app'],
      sources: ['classic', 'branch', 'rulesets'],
      protected: { seen: true, value: true },
      requiredApprovals: { seen: true, value: 1 },
      codeOwnerReviews: { seen: true, value: false },
      requiredStatusChecks: { seen: true, value: ['build', 'lint'] },
      forcePushAllowed: { seen: true, value: false },
      deletionAllowed: { seen: true, value: false },
      adminsBypass: { seen: true, value: false },
      bypassActors: [],
      unreadable: []
    })
  })

  it('reads rulesets alone when classic says "Branch not protected"', async () => {
    const octokit = await client(routes(NOT_PROTECTED, summary(true), RULES))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)

    expect(facts.sources).toEqual(['classic', 'branch', 'rulesets'])
    expect(facts.requiredApprovals).toEqual({ seen: true, value: 2 })
    expect(facts.codeOwnerReviews).toEqual({ seen: true, value: true })
    expect(facts.requiredStatusChecks).toEqual({ seen: true, value: ['ci / test', 'build'] })
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: false })
    expect(facts.deletionAllowed).toEqual({ seen: true, value: false })
    expect(facts.adminsBypass).toEqual({ seen: true, value: false })
    expect(facts.unreadable).toEqual([])
  })

  it('merges both: the highest approvals, any code owner rule, the union of checks', async () => {
    const classic = {
      ...CLASSIC,
      allow_force_pushes: { enabled: true },
      allow_deletions: { enabled: true }
    }
    const octokit = await client(routes({ body: classic }, summary(true), RULES.slice(0, 2)))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)

    expect(facts.requiredApprovals).toEqual({ seen: true, value: 2 })
    expect(facts.codeOwnerReviews).toEqual({ seen: true, value: true })
    expect(facts.requiredStatusChecks).toEqual({
      seen: true,
      value: ['build', 'lint', 'ci / test']
    })
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: true })
    expect(facts.deletionAllowed).toEqual({ seen: true, value: true })
  })

  it('when classic is hidden, keeps what the summary and rules show and lists the rest', async () => {
    const octokit = await client(
      routes(NO_ADMIN, summary(true, { level: 'non_admins', contexts: ['build'] }), [])
    )
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], new Map())

    expect(facts.sources).toEqual(['branch', 'rulesets'])
    expect(facts.protected).toEqual({ seen: true, value: true })
    expect(facts.requiredStatusChecks).toEqual({ seen: true, value: ['build'] })
    // non_admins: the status checks do not apply to admins.
    expect(facts.adminsBypass).toEqual({ seen: true, value: true })
    expect(facts.requiredApprovals).toEqual({ seen: false })
    expect(facts.codeOwnerReviews).toEqual({ seen: false })
    expect(facts.forcePushAllowed).toEqual({ seen: false })
    expect(facts.deletionAllowed).toEqual({ seen: false })
    expect(facts.unreadable).toHaveLength(4)
    expect(facts.unreadable.every((u) => u.permission === 'Administration: read')).toBe(true)
    expect(facts.unreadable.map((u) => u.what)).toContain('required approving reviews')
  })

  it('when classic is hidden, a rule that blocks something is still seen', async () => {
    const octokit = await client(routes(NO_ADMIN, summary(true), RULES))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)

    expect(facts.requiredApprovals).toEqual({ seen: true, value: 2 })
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: false })
    expect(facts.deletionAllowed).toEqual({ seen: true, value: false })
    expect(facts.requiredStatusChecks).toEqual({ seen: true, value: ['ci / test', 'build'] })
    // enforce_admins is classic-only: could be off.
    expect(facts.adminsBypass).toEqual({ seen: false })
    expect(facts.unreadable.map((u) => u.what)).toEqual([
      'whether admins are exempt (enforce_admins)'
    ])
  })

  it('sees everything when the summary says unprotected and no rule applies', async () => {
    const octokit = await client(routes(NO_ADMIN, summary(false), []))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], new Map())

    expect(facts).toMatchObject({
      sources: ['branch', 'rulesets'],
      protected: { seen: true, value: false },
      requiredApprovals: { seen: true, value: null },
      codeOwnerReviews: { seen: true, value: false },
      requiredStatusChecks: { seen: true, value: [] },
      forcePushAllowed: { seen: true, value: true },
      deletionAllowed: { seen: true, value: true },
      adminsBypass: { seen: true, value: false },
      unreadable: []
    })
  })

  it('reports visible ruleset bypass actors', async () => {
    const rulesets: Rulesets = new Map([
      [
        7,
        {
          name: 'Protect main',
          enforcement: 'active',
          bypassActors: [{ type: 'RepositoryRole', id: '5', mode: 'always' }]
        }
      ]
    ])
    const octokit = await client(routes(NOT_PROTECTED, summary(true), RULES))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], rulesets)

    expect(facts.adminsBypass).toEqual({ seen: true, value: true })
    expect(facts.bypassActors).toEqual([{ type: 'RepositoryRole', id: '5', mode: 'always' }])
  })

  it('leaves bypass unseen when a ruleset hides its bypass actors', async () => {
    const hidden: Rulesets = new Map([
      [7, { name: 'Org rules', enforcement: 'active', bypassActors: null }]
    ])
    const octokit = await client(routes(NOT_PROTECTED, summary(true), RULES))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], hidden)

    expect(facts.adminsBypass).toEqual({ seen: false })
    expect(facts.unreadable).toEqual([
      { what: 'bypass actors of ruleset "Org rules" (id 7)', permission: 'Administration: read' }
    ])
  })

  it('counts classic pull request bypass allowances as bypass actors', async () => {
    const classic = {
      ...CLASSIC,
      required_pull_request_reviews: {
        ...CLASSIC.required_pull_request_reviews,
        bypass_pull_request_allowances: { users: [{ login: 'alice' }], teams: [], apps: [] }
      }
    }
    const octokit = await client(routes({ body: classic }, summary(true), []))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], new Map())

    expect(facts.adminsBypass).toEqual({ seen: true, value: true })
    expect(facts.bypassActors).toEqual([{ type: 'User', id: 'alice', mode: 'pull_request' }])
  })

  it('reads every page of the branch rules', async () => {
    const page2 = `${R}/rules/branches/main?page=2`
    let base = ''
    const octokit = await client({
      [`GET ${R}/branches/main/protection`]: NOT_PROTECTED,
      [`GET ${R}/branches/main`]: summary(true),
      [`GET ${R}/rules/branches/main`]: (hit) =>
        hit.query.get('page') === '2'
          ? { body: RULES.slice(2) }
          : { body: RULES.slice(0, 2), headers: { link: `<${base}${page2}>; rel="next"` } }
    })
    base = github.server.baseUrl
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)

    expect(github.server.hitsOn(`GET ${R}/rules/branches/main`)).toBe(2)
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: false })
    expect(facts.requiredApprovals).toEqual({ seen: true, value: 2 })
  })

  it('fails, rather than calling the branch unprotected, when the summary cannot be read', async () => {
    const octokit = await client(
      routes(NOT_PROTECTED, { status: 404, body: { message: 'Branch not found' } }, [])
    )
    const error = await readBranch(octokit, 'acme', 'shop', 'main', [], new Map()).catch(
      (e: unknown) => e
    )

    expect(error).toBeInstanceOf(GitHubError)
    expect((error as GitHubError).message).toContain('branch main does not exist in acme/shop')
  })

  it('rejects a rule whose parameters are malformed', async () => {
    const bad = [
      {
        type: 'pull_request',
        ruleset_id: 7,
        parameters: { required_approving_review_count: 'two' }
      }
    ]
    const octokit = await client(routes(NOT_PROTECTED, summary(true), bad))
    const error = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE).catch(
      (e: unknown) => e
    )

    expect(error).toBeInstanceOf(GitHubError)
    expect((error as GitHubError).message).toMatch(/unexpected pull_request rule/)
  })

  it('encodes a branch name with a slash as one path segment', async () => {
    const name = 'release/v1'
    const octokit = await client({
      [`GET ${R}/branches/${name}/protection`]: NOT_PROTECTED,
      [`GET ${R}/branches/${name}`]: summary(false),
      [`GET ${R}/rules/branches/${name}`]: { body: [] }
    })
    const facts = await readBranch(octokit, 'acme', 'shop', name, [], new Map())
    expect(facts.branch).toBe(name)
    expect(facts.protected).toEqual({ seen: true, value: false })
    expect(github.server.hits.map((hit) => hit.rawPath)).toContain(`${R}/branches/release%2Fv1`)
  })
})
