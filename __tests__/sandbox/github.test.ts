import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import { at, call } from '../../__fixtures__/sandbox-client.js'

const noop = (): void => undefined
const quiet = { debug: noop, info: noop, warn: noop, error: noop }

describe('sandbox GitHub half', () => {
  const sandboxes: Sandbox[] = []
  const open = async (scenario: string): Promise<Sandbox> => {
    const s = await startSandbox({ scenario })
    sandboxes.push(s)
    return s
  }
  const octokit = (s: Sandbox, token: string): Octokit =>
    new Octokit({ auth: token, baseUrl: s.githubApiUrl, log: quiet })

  let classic: Sandbox
  let rulesets: Sandbox
  let noAdmin: Sandbox
  beforeAll(async () => {
    classic = await open('github-classic')
    rulesets = await open('github-rulesets')
    noAdmin = await open('github-no-admin')
  })
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.close()))
  })

  test('unknown or missing token → 401; another repository → 404', async () => {
    const none = await call(`${classic.githubApiUrl}/repos/demo/app`)
    expect(none.status).toBe(401)
    const bad = await call(`${classic.githubApiUrl}/repos/demo/app`, { auth: 'token ghp_unknown' })
    expect(bad.status).toBe(401)
    expect(at(bad.json, 'message')).toBe('Bad credentials')
    const other = await call(`${classic.githubApiUrl}/repos/demo/other`, {
      auth: 'Bearer ghs_sandbox_github_classic_admin'
    })
    expect(other.status).toBe(404)
  })

  test('repository: default branch, private, visibility', async () => {
    const { data } = await octokit(classic, 'ghs_sandbox_github_classic_admin').rest.repos.get({
      owner: 'demo',
      repo: 'app'
    })
    expect(data.default_branch).toBe('main')
    expect(data.private).toBe(true)
    expect(data.visibility).toBe('private')
  })

  test('branch summary: protected, protection.required_status_checks', async () => {
    const { data } = await octokit(
      noAdmin,
      'ghs_sandbox_github_no_admin_workflow'
    ).rest.repos.getBranch({
      owner: 'demo',
      repo: 'app',
      branch: 'main'
    })
    expect(data.protected).toBe(true)
    expect(data.protection.enabled).toBe(true)
    expect(data.protection.required_status_checks).toMatchObject({
      enforcement_level: 'everyone',
      contexts: ['test'],
      checks: [{ context: 'test', app_id: null }]
    })
    const other = await call(`${noAdmin.githubApiUrl}/repos/demo/app/branches/feature%2Fx`, {
      auth: 'token ghs_sandbox_github_no_admin_workflow'
    })
    expect(at(other.json, 'protected')).toBe(false)
    const missing = await call(`${noAdmin.githubApiUrl}/repos/demo/app/branches/nope`, {
      auth: 'token ghs_sandbox_github_no_admin_workflow'
    })
    expect(missing.status).toBe(404)
  })

  test('classic protection: full shape with Administration: read', async () => {
    const { data } = await octokit(
      classic,
      'ghs_sandbox_github_classic_admin'
    ).rest.repos.getBranchProtection({
      owner: 'demo',
      repo: 'app',
      branch: 'main'
    })
    expect(data.required_pull_request_reviews).toMatchObject({
      required_approving_review_count: 2,
      require_code_owner_reviews: true,
      dismiss_stale_reviews: true
    })
    expect(data.required_status_checks).toMatchObject({ strict: true, contexts: ['test'] })
    expect(data.enforce_admins?.enabled).toBe(false)
    expect(data.allow_force_pushes?.enabled).toBe(false)
    expect(data.allow_deletions?.enabled).toBe(false)
  })

  test('classic protection: 403 for the workflow token, 404 "Branch not protected" when none', async () => {
    const denied = await call(`${noAdmin.githubApiUrl}/repos/demo/app/branches/main/protection`, {
      auth: 'token ghs_sandbox_github_no_admin_workflow'
    })
    expect(denied.status).toBe(403)
    expect(at(denied.json, 'message')).toBe('Resource not accessible by integration')
    const none = await call(`${rulesets.githubApiUrl}/repos/demo/app/branches/main/protection`, {
      auth: 'token ghs_sandbox_github_rulesets_admin'
    })
    expect(none.status).toBe(404)
    expect(at(none.json, 'message')).toBe('Branch not protected')
  })

  test('rules for a branch: active ruleset rules with their source, paginated by Link', async () => {
    const kit = octokit(rulesets, 'ghs_sandbox_github_rulesets_admin')
    const first = await kit.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
      owner: 'demo',
      repo: 'app',
      branch: 'main',
      per_page: 3
    })
    expect(first.data).toHaveLength(3)
    expect(first.headers.link).toContain('rel="next"')
    const all = await kit.paginate('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
      owner: 'demo',
      repo: 'app',
      branch: 'main',
      per_page: 3
    })
    expect(all.map((r) => r.type).sort()).toEqual([
      'deletion',
      'non_fast_forward',
      'pull_request',
      'required_status_checks'
    ])
    const pr = all.find((r) => r.type === 'pull_request')
    expect(pr).toMatchObject({
      ruleset_source_type: 'Repository',
      ruleset_source: 'demo/app',
      ruleset_id: 31,
      parameters: { required_approving_review_count: 2, require_code_owner_review: true }
    })
    const branchSummary = await kit.rest.repos.getBranch({
      owner: 'demo',
      repo: 'app',
      branch: 'main'
    })
    expect(branchSummary.data.protected).toBe(true)
  })

  test('a ruleset in evaluate mode is not an active rule', async () => {
    const s = await open('large-failing')
    const res = await call(`${s.githubApiUrl}/repos/bigco/monolith/rules/branches/main`, {
      auth: 'token ghs_sandbox_large_failing_admin'
    })
    expect(res.json).toEqual([])
    const release = await call(`${s.githubApiUrl}/repos/bigco/monolith/rules/branches/release`, {
      auth: 'token ghs_sandbox_large_failing_admin'
    })
    expect((release.json as unknown[]).length).toBe(1)
  })

  test('rulesets: bypass_actors only for a token with Administration: read', async () => {
    const s = await open('large-failing')
    const list = await call(`${s.githubApiUrl}/repos/bigco/monolith/rulesets`, {
      auth: 'token ghs_sandbox_large_failing_workflow'
    })
    expect((list.json as { id: number }[]).map((r) => r.id)).toEqual([101, 102])
    const admin = await call(`${s.githubApiUrl}/repos/bigco/monolith/rulesets/101`, {
      auth: 'token ghs_sandbox_large_failing_admin'
    })
    expect(at(admin.json, 'bypass_actors', 0)).toEqual({
      actor_id: 5,
      actor_type: 'RepositoryRole',
      bypass_mode: 'always'
    })
    expect(at(admin.json, 'conditions', 'ref_name', 'include')).toEqual(['refs/heads/release'])
    const workflow = await call(`${s.githubApiUrl}/repos/bigco/monolith/rulesets/101`, {
      auth: 'token ghs_sandbox_large_failing_workflow'
    })
    expect(workflow.status).toBe(200)
    expect(at(workflow.json, 'bypass_actors')).toBeUndefined()
    expect(at(workflow.json, 'rules', 0, 'type')).toBe('pull_request')
  })

  test('workflows and their YAML through the contents API (base64)', async () => {
    const kit = octokit(classic, 'ghs_sandbox_github_classic_admin')
    const { data } = await kit.rest.actions.listRepoWorkflows({ owner: 'demo', repo: 'app' })
    expect(data.total_count).toBe(1)
    expect(data.workflows[0]).toMatchObject({
      name: 'CI',
      path: '.github/workflows/ci.yml',
      state: 'active'
    })
    const file = await kit.rest.repos.getContent({
      owner: 'demo',
      repo: 'app',
      path: '.github/workflows/ci.yml'
    })
    const content = at(file.data, 'content')
    expect(at(file.data, 'encoding')).toBe('base64')
    expect(Buffer.from(String(content), 'base64').toString('utf8')).toContain('pull_request')
    const dir = await kit.rest.repos.getContent({
      owner: 'demo',
      repo: 'app',
      path: '.github/workflows'
    })
    expect(Array.isArray(dir.data)).toBe(true)
    const missing = await call(`${classic.githubApiUrl}/repos/demo/app/contents/nope.txt`, {
      auth: 'token ghs_sandbox_github_classic_admin'
    })
    expect(missing.status).toBe(404)
  })

  test('comments: list, create, update; 403 for a read-only token', async () => {
    const s = await open('mid-failing')
    const kit = octokit(s, 'ghs_sandbox_mid_failing_admin')
    const before = await kit.paginate(kit.rest.issues.listComments, {
      owner: 'fleet',
      repo: 'fleet-api',
      issue_number: 314
    })
    expect(before).toHaveLength(1)
    const created = await kit.rest.issues.createComment({
      owner: 'fleet',
      repo: 'fleet-api',
      issue_number: 314,
      body: '<!-- marker -->\nfirst'
    })
    expect(created.status).toBe(201)
    expect(created.data.user?.login).toBe('github-actions[bot]')
    const updated = await kit.rest.issues.updateComment({
      owner: 'fleet',
      repo: 'fleet-api',
      comment_id: created.data.id,
      body: '<!-- marker -->\nsecond'
    })
    expect(updated.data.body).toBe('<!-- marker -->\nsecond')
    expect(s.comments.map((c) => c.body)).toEqual([
      'Looks good once the tracking tests pass.',
      '<!-- marker -->\nsecond'
    ])

    const readOnly = octokit(s, 'ghs_sandbox_mid_failing_fork')
    await expect(
      readOnly.rest.issues.updateComment({
        owner: 'fleet',
        repo: 'fleet-api',
        comment_id: created.data.id,
        body: 'x'
      })
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      readOnly.rest.issues.createComment({
        owner: 'fleet',
        repo: 'fleet-api',
        issue_number: 314,
        body: 'x'
      })
    ).rejects.toMatchObject({ status: 403 })
    expect(s.comments).toHaveLength(2)
  })

  test('comments are paginated with a Link header', async () => {
    const s = await open('mid-failing')
    const kit = octokit(s, 'ghs_sandbox_mid_failing_admin')
    for (let i = 0; i < 4; i++) {
      await kit.rest.issues.createComment({
        owner: 'fleet',
        repo: 'fleet-api',
        issue_number: 314,
        body: `c${i}`
      })
    }
    const page = await kit.rest.issues.listComments({
      owner: 'fleet',
      repo: 'fleet-api',
      issue_number: 314,
      per_page: 2
    })
    expect(page.data).toHaveLength(2)
    expect(page.headers.link).toMatch(/page=2.*rel="next"/)
    const all = await kit.paginate(kit.rest.issues.listComments, {
      owner: 'fleet',
      repo: 'fleet-api',
      issue_number: 314,
      per_page: 2
    })
    expect(all).toHaveLength(5)
  })
})
