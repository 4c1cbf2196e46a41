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
  [
    7,
    {
      name: 'Protect main',
      enforcement: 'active',
      sourceType: 'Repository',
      currentUserCanBypass: null,
      bypassActors: []
    }
  ]
])

/** A CODEOWNERS file at .github/CODEOWNERS, as the contents API answers it. */
const CODEOWNERS: Reply = {
  body: {
    type: 'file',
    encoding: 'base64',
    content: Buffer.from('* @acme/leads\n').toString('base64')
  }
}

function routes(classic: Reply, branch: Reply, rules: unknown[] | Reply): Record<string, Route> {
  return {
    [`GET ${R}/branches/main/protection`]: classic,
    [`GET ${R}/branches/main`]: branch,
    [`GET ${R}/rules/branches/main`]: Array.isArray(rules) ? { body: rules } : rules,
    [`GET ${R}/contents/.github/CODEOWNERS`]: CODEOWNERS
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
      unreadable: [],
      protectionNotOnPlan: false,
      locked: false,
      requiredWorkflows: [],
      codeOwnersMissing: false,
      ruleTypes: []
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
          sourceType: 'Repository',
          currentUserCanBypass: null,
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
      [
        7,
        {
          name: 'Org rules',
          enforcement: 'active',
          sourceType: 'Repository',
          currentUserCanBypass: null,
          bypassActors: null
        }
      ]
    ])
    const octokit = await client(routes(NOT_PROTECTED, summary(true), RULES))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], hidden)

    expect(facts.adminsBypass).toEqual({ seen: false })
    expect(facts.unreadable).toEqual([
      {
        what: 'bypass actors of ruleset "Org rules" (id 7)',
        permission:
          'a repository admin: GitHub shows a ruleset’s bypass actors only to those who may edit it'
      }
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

  it('leaves unseen only what a rule with malformed parameters would show, not the branch', async () => {
    const bad = [
      {
        type: 'pull_request',
        ruleset_id: 7,
        parameters: { required_approving_review_count: 'two' }
      },
      { type: 'deletion', ruleset_id: 7 }
    ]
    const octokit = await client(routes(NOT_PROTECTED, summary(true), bad))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)

    expect(facts.protected).toEqual({ seen: true, value: true })
    expect(facts.deletionAllowed).toEqual({ seen: true, value: false })
    expect(facts.requiredApprovals).toEqual({ seen: false })
    expect(facts.unreadable.map((u) => u.what)).toEqual([
      'required approving reviews: the pull_request rule of ruleset 7 (required_approving_review_count: Invalid input: expected number, received string)'
    ])
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

/*
 * GitHub Free, private repository: the three protection endpoints answer 403 with this body
 * (quoted in desktop/desktop#17764, #17781, #18420: "Upgrade to GitHub Pro or make this
 * repository public to enable this feature."; "GitHub Team" for an organization's repository).
 */
const planLimit = (docs: string, team = false): Reply => ({
  status: 403,
  body: {
    message: `Upgrade to GitHub ${team ? 'Team' : 'Pro'} or make this repository public to enable this feature.`,
    documentation_url: `https://docs.github.com/rest/${docs}`,
    status: '403'
  }
})

describe('readBranch on what GitHub really answers', () => {
  it('judges a private repository on GitHub Free as a branch that cannot be protected', async () => {
    for (const team of [false, true]) {
      const octokit = await client(
        routes(
          planLimit('branches/branch-protection#get-branch-protection', team),
          summary(false),
          planLimit('repos/rules#get-rules-for-a-branch', team)
        )
      )
      const facts = await readBranch(octokit, 'acme', 'shop', 'main', ['my-app'], new Map())
      expect(facts).toMatchObject({
        protected: { seen: true, value: false },
        protectionNotOnPlan: true,
        requiredApprovals: { seen: true, value: null },
        requiredStatusChecks: { seen: true, value: [] },
        forcePushAllowed: { seen: true, value: true },
        deletionAllowed: { seen: true, value: true },
        adminsBypass: { seen: true, value: false },
        unreadable: []
      })
    }
  })

  it('reads a rate-limited 403 as a failure, never as a hidden protection', async () => {
    const limited: Reply = {
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
      }
    }
    const octokit = await client(routes(limited, summary(true), []))
    const error = await readBranch(octokit, 'acme', 'shop', 'main', [], new Map()).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(GitHubError)
    expect((error as GitHubError).refusal).toBe('rate-limit')
    expect((error as GitHubError).message).toContain('GitHub rate limit reached')
  })

  it('reads a secondary rate limit (message only, no header) as a rate limit too', async () => {
    const limited: Reply = {
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
      },
      headers: { 'retry-after': '3600' }
    }
    const octokit = await client(routes(NO_ADMIN, summary(true), limited))
    const error = await readBranch(octokit, 'acme', 'shop', 'main', [], new Map()).catch(
      (e: unknown) => e
    )
    expect((error as GitHubError).refusal).toBe('rate-limit')
  })

  it('takes a server without rulesets (404 on the rules) for no rule', async () => {
    const octokit = await client(
      routes({ body: CLASSIC }, summary(true), { status: 404, body: { message: 'Not Found' } })
    )
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], new Map())
    expect(facts.protected).toEqual({ seen: true, value: true })
    expect(facts.ruleTypes).toEqual([])
  })

  it('parses rules without parameters: a bare pull_request rule requires no approval', async () => {
    const rules = [
      { type: 'pull_request', ruleset_id: 7 },
      { type: 'required_status_checks', ruleset_id: 7 },
      { type: 'creation', ruleset_id: 7 }
    ]
    const octokit = await client(routes(NOT_PROTECTED, summary(true), rules))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)
    expect(facts.protected).toEqual({ seen: true, value: true })
    expect(facts.requiredApprovals).toEqual({ seen: true, value: 0 })
    expect(facts.codeOwnerReviews).toEqual({ seen: true, value: false })
    expect(facts.requiredStatusChecks).toEqual({ seen: true, value: [] })
    expect(facts.unreadable).toEqual([])
  })

  it('leaves a branch whose rules guard no push unprotected, and keeps unknown types', async () => {
    const rules = [
      { type: 'creation', ruleset_id: 7 },
      { type: 'non_fast_forward', ruleset_id: 7 },
      { type: 'required_signatures', ruleset_id: 7 },
      { type: 'copilot_code_review', ruleset_id: 7, parameters: { review_on_push: true } },
      {
        type: 'branch_name_pattern',
        ruleset_id: 7,
        parameters: { operator: 'regex', pattern: 'x' }
      },
      { type: 'a_rule_from_2030', ruleset_id: 7, parameters: { anything: [1] } }
    ]
    // Without Administration: read; the summary's `protected` is true for any rule.
    const octokit = await client(routes(NO_ADMIN, summary(false), rules))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)
    expect(facts.protected).toEqual({ seen: true, value: false })
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: false })
    expect(facts.ruleTypes).toEqual(rules.map((r) => r.type))
  })

  it.each(['workflows', 'merge_queue', 'update', 'required_deployments'])(
    'counts a %s rule as protection',
    async (type) => {
      const octokit = await client(routes(NO_ADMIN, summary(false), [{ type, ruleset_id: 7 }]))
      const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)
      expect(facts.protected).toEqual({ seen: true, value: true })
    }
  )

  it('reads required workflows and a locked branch (update rule) that nobody force-pushes', async () => {
    const rules = [
      {
        type: 'workflows',
        ruleset_id: 7,
        parameters: {
          do_not_enforce_on_create: false,
          workflows: [
            { path: '.github/workflows/ci.yml', repository_id: 1, ref: 'refs/heads/main' }
          ]
        }
      },
      { type: 'update', ruleset_id: 7, parameters: { update_allows_fetch_and_merge: false } }
    ]
    const octokit = await client(routes(NOT_PROTECTED, summary(false), rules))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)
    expect(facts.requiredWorkflows).toEqual(['.github/workflows/ci.yml@refs/heads/main'])
    expect(facts.locked).toBe(true)
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: false })
  })

  it('reads classic lock_branch as locked, and null entries of the bypass allowances', async () => {
    const classic = {
      ...CLASSIC,
      lock_branch: { enabled: true },
      allow_force_pushes: { enabled: true },
      required_pull_request_reviews: {
        ...CLASSIC.required_pull_request_reviews,
        // OpenAPI: `apps` items are the nullable `integration` schema.
        bypass_pull_request_allowances: { users: [null], teams: [], apps: [null, { slug: 'bot' }] }
      }
    }
    const octokit = await client(routes({ body: classic }, summary(true), []))
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], new Map())
    expect(facts.locked).toBe(true)
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: false })
    expect(facts.bypassActors).toEqual([{ type: 'Integration', id: 'bot', mode: 'pull_request' }])
  })

  it('asks for a CODEOWNERS file on the branch when code owner review is required', async () => {
    const octokit = await client({
      ...routes(NOT_PROTECTED, summary(true), RULES),
      [`GET ${R}/contents/.github/CODEOWNERS`]: { status: 404, body: { message: 'Not Found' } }
    })
    const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)
    expect(facts.codeOwnerReviews).toEqual({ seen: true, value: false })
    expect(facts.codeOwnersMissing).toBe(true)
    const asked = github.server.hits.filter((h) => h.path.includes('/contents/'))
    expect(asked.map((h) => h.path).sort()).toEqual([
      `${R}/contents/.github/CODEOWNERS`,
      `${R}/contents/CODEOWNERS`,
      `${R}/contents/docs/CODEOWNERS`
    ])
    expect(asked.every((h) => h.query.get('ref') === 'main')).toBe(true)
  })

  it('finds CODEOWNERS in docs/, and leaves it unseen when a read fails', async () => {
    const file = CODEOWNERS
    let octokit = await client({
      ...routes(NOT_PROTECTED, summary(true), RULES),
      [`GET ${R}/contents/.github/CODEOWNERS`]: { status: 404, body: { message: 'Not Found' } },
      [`GET ${R}/contents/docs/CODEOWNERS`]: file
    })
    let facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)
    expect(facts.codeOwnerReviews).toEqual({ seen: true, value: true })

    octokit = await client({
      ...routes(NOT_PROTECTED, summary(true), RULES),
      [`GET ${R}/contents/.github/CODEOWNERS`]: { status: 500, body: { message: 'boom' } }
    })
    facts = await readBranch(octokit, 'acme', 'shop', 'main', [], VISIBLE_NONE)
    expect(facts.codeOwnerReviews).toEqual({ seen: false })
    expect(facts.unreadable.map((u) => u.what)).toContain(
      'whether a CODEOWNERS file is on the branch'
    )
  })

  it('uses current_user_can_bypass when the bypass actors are hidden', async () => {
    const hidden = (current: string | null, sourceType = 'Organization'): Rulesets =>
      new Map([
        [
          7,
          {
            name: 'Org rules',
            enforcement: 'active',
            sourceType,
            currentUserCanBypass: current,
            bypassActors: null
          }
        ]
      ])
    const octokit = await client(routes({ body: CLASSIC }, summary(true), RULES))
    for (const current of ['always', 'pull_requests_only', 'exempt']) {
      const facts = await readBranch(octokit, 'acme', 'shop', 'main', [], hidden(current))
      expect(facts.adminsBypass).toEqual({ seen: true, value: true })
    }
    const never = await readBranch(octokit, 'acme', 'shop', 'main', [], hidden('never'))
    expect(never.adminsBypass).toEqual({ seen: false })
    // Who can see them: those who may edit the ruleset, organization admins here.
    expect(never.unreadable).toEqual([
      {
        what: 'bypass actors of organization ruleset "Org rules" (id 7)',
        permission:
          'an organization admin: GitHub shows an organization ruleset’s bypass actors only to those who may edit it'
      }
    ])
    const enterprise = await readBranch(
      octokit,
      'acme',
      'shop',
      'main',
      [],
      hidden(null, 'Enterprise')
    )
    expect(enterprise.unreadable[0]?.permission).toMatch(/^an enterprise owner/)
  })
})
