import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Rulesets } from '../../src/github/branch-facts.js'
import { readBranch } from '../../src/github/branches.js'
import { upsertComment } from '../../src/github/comments.js'
import { readRepo } from '../../src/github/repository.js'
import { readRulesets } from '../../src/github/rules.js'
import {
  branchRuleListSchema,
  branchSummarySchema,
  classicProtectionSchema,
  contentFileSchema,
  repoSchema,
  rulesetListSchema,
  rulesetSchema,
  workflowListSchema
} from '../../src/github/schemas.js'
import { readWorkflows } from '../../src/github/workflows.js'
import { COMMENT_MARKER } from '../../src/types.js'
import { NO_ADMIN, useFakeGitHub } from './fake-github.js'

/*
 * GitHub's own example responses (github/rest-api-description, see
 * __fixtures__/documented/github/SOURCES.md) served as they are, through the real adapters.
 */

function example(name: string): unknown {
  const url = new URL(`../../__fixtures__/documented/github/${name}.json`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as unknown
}

const R = '/repos/octocat/Hello-World'
const B = `${R}/branches/main`
const github = useFakeGitHub()
const client = github.client

describe('schemas accept every documented example', () => {
  it.each([
    ['full-repository', repoSchema],
    ['branch-with-protection', branchSummarySchema],
    ['branch-protection', classicProtectionSchema],
    ['repository-rule-items', branchRuleListSchema],
    ['repository-ruleset-items', rulesetListSchema],
    ['repository-ruleset', rulesetSchema],
    ['content-file', contentFileSchema]
  ] as const)('%s', (name, schema) => {
    const result = schema.safeParse(example(name))
    expect(result.error?.issues).toBeUndefined()
    expect(result.success).toBe(true)
  })

  it('workflow list items', () => {
    const page = example('workflow-paginated') as { workflows: unknown }
    expect(workflowListSchema.safeParse(page.workflows).success).toBe(true)
  })

  it('rejects the directory listing where a file is expected', () => {
    expect(contentFileSchema.safeParse(example('content-directory')).success).toBe(false)
  })
})

describe('repository', () => {
  it('reads the default branch and visibility of full-repository', async () => {
    const octokit = await client({ [`GET ${R}`]: { body: example('full-repository') } })
    await expect(readRepo(octokit, 'octocat', 'Hello-World')).resolves.toEqual({
      defaultBranch: 'master',
      isPrivate: false
    })
  })
})

describe('rulesets', () => {
  it('reads the list, the bypass actors of a visible ruleset, and tolerates a hidden one', async () => {
    const octokit = await client({
      [`GET ${R}/rulesets`]: { body: example('repository-ruleset-items') },
      [`GET ${R}/rulesets/42`]: { body: example('repository-ruleset') },
      [`GET ${R}/rulesets/314`]: { status: 404, body: { message: 'Not Found' } }
    })
    const rulesets = await readRulesets(octokit, 'octocat', 'Hello-World')
    expect([...rulesets.keys()]).toEqual([42, 314])
    expect(rulesets.get(42)).toEqual({
      name: 'super cool ruleset',
      enforcement: 'active',
      sourceType: 'Repository',
      currentUserCanBypass: null,
      bypassActors: [{ type: 'Team', id: '234', mode: 'always' }]
    })
    expect(rulesets.get(314)).toEqual({
      name: 'Another ruleset',
      enforcement: 'enabled',
      sourceType: 'Repository',
      currentUserCanBypass: null,
      bypassActors: null
    })
  })
})

describe('branch', () => {
  const rulesets: Rulesets = new Map([
    [
      42,
      {
        name: 'super cool ruleset',
        enforcement: 'active',
        sourceType: 'Repository',
        currentUserCanBypass: null,
        bypassActors: [{ type: 'Team', id: '234', mode: 'always' }]
      }
    ]
  ])

  it('maps the classic branch-protection example', async () => {
    const octokit = await client({
      [`GET ${B}/protection`]: { body: example('branch-protection') },
      [`GET ${B}`]: { body: example('branch-with-protection') },
      [`GET ${R}/rules/branches/main`]: { body: [] },
      // The example asks for code owner reviews: a CODEOWNERS file makes them real.
      [`GET ${R}/contents/CODEOWNERS`]: {
        body: {
          type: 'file',
          encoding: 'base64',
          content: Buffer.from('* @o\n').toString('base64')
        }
      }
    })
    const facts = await readBranch(octokit, 'octocat', 'Hello-World', 'main', ['my-app'], null)
    expect(facts.sources).toEqual(['classic', 'branch', 'rulesets'])
    expect(facts.protected).toEqual({ seen: true, value: true })
    expect(facts.requiredApprovals).toEqual({ seen: true, value: 2 })
    expect(facts.codeOwnerReviews).toEqual({ seen: true, value: true })
    expect(facts.requiredStatusChecks).toEqual({
      seen: true,
      value: ['continuous-integration/travis-ci']
    })
    // The example allows force pushes but locks the branch (lock_branch): nobody pushes at all.
    expect(facts.locked).toBe(true)
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: false })
    expect(facts.deletionAllowed).toEqual({ seen: true, value: true })
    // enforce_admins.enabled is true and no review allowances: admins do not bypass.
    expect(facts.adminsBypass).toEqual({ seen: true, value: false })
    expect(facts.bypassActors).toEqual([])
    expect(facts.unreadable).toEqual([])
    expect(facts.deploysTo).toEqual(['my-app'])
  })

  it('ignores rule types it does not judge and reports the unseen org ruleset', async () => {
    const octokit = await client({
      [`GET ${B}/protection`]: { body: example('branch-protection') },
      [`GET ${B}`]: { body: example('branch-with-protection') },
      [`GET ${R}/rules/branches/main`]: { body: example('repository-rule-items') }
    })
    const facts = await readBranch(octokit, 'octocat', 'Hello-World', 'main', [], rulesets)
    // commit_message_pattern / commit_author_email_pattern change no branch fact.
    expect(facts.requiredApprovals).toEqual({ seen: true, value: 2 })
    expect(facts.requiredStatusChecks).toEqual({
      seen: true,
      value: ['continuous-integration/travis-ci']
    })
    // Ruleset 42 has a Team that always bypasses; ruleset 73 (organization) is not visible.
    expect(facts.adminsBypass).toEqual({ seen: true, value: true })
    expect(facts.bypassActors).toEqual([{ type: 'Team', id: '234', mode: 'always' }])
    // Its rules say it is an organization's: organization admins can see its bypass actors.
    expect(facts.unreadable).toEqual([
      {
        what: 'bypass actors of organization ruleset 73',
        permission:
          'an organization admin: GitHub shows an organization ruleset’s bypass actors only to those who may edit it'
      }
    ])
  })

  it('reads the branch summary and rules without Administration: read', async () => {
    const octokit = await client({
      [`GET ${B}/protection`]: NO_ADMIN,
      [`GET ${B}`]: { body: example('branch-with-protection') },
      [`GET ${R}/rules/branches/main`]: { body: example('repository-rule-items') }
    })
    const facts = await readBranch(octokit, 'octocat', 'Hello-World', 'main', [], rulesets)
    expect(facts.sources).toEqual(['branch', 'rulesets'])
    // The summary says protected: false, and the two ruleset rules (commit message and author
    // email patterns) stop no push: the branch is not protected.
    expect(facts.protected).toEqual({ seen: true, value: false })
    expect(facts.requiredApprovals).toEqual({ seen: true, value: null })
    expect(facts.codeOwnerReviews).toEqual({ seen: true, value: false })
    // enforcement_level "off" with no contexts: no required check.
    expect(facts.requiredStatusChecks).toEqual({ seen: true, value: [] })
    expect(facts.forcePushAllowed).toEqual({ seen: true, value: true })
    expect(facts.deletionAllowed).toEqual({ seen: true, value: true })
  })
})

describe('workflows', () => {
  let dir: string | null = null
  afterEach(async () => {
    if (dir !== null) await rm(dir, { recursive: true, force: true })
    dir = null
  })

  it('lists workflow-paginated and reads triggers from the checkout', async () => {
    dir = await mkdtemp(join(tmpdir(), 'documented-'))
    await mkdir(join(dir, '.github', 'workflows'), { recursive: true })
    await writeFile(join(dir, '.github/workflows/blank.yaml'), 'on: [pull_request]\njobs: {}\n')
    await writeFile(join(dir, '.github/workflows/linter.yaml'), 'on:\n  push:\njobs: {}\n')
    const octokit = await client({
      [`GET ${R}/actions/workflows`]: { body: example('workflow-paginated') }
    })
    const workflows = await readWorkflows(octokit, 'octocat', 'Hello-World', dir)
    expect(workflows).toEqual([
      { name: 'CI', path: '.github/workflows/blank.yaml', state: 'active', onPullRequest: true },
      {
        name: 'Linter',
        path: '.github/workflows/linter.yaml',
        state: 'active',
        onPullRequest: false
      }
    ])
  })

  it('falls back to the contents API; a file that is not YAML tells nothing', async () => {
    const octokit = await client({
      [`GET ${R}/actions/workflows`]: { body: example('workflow-paginated') },
      [`GET ${R}/contents/.github/workflows/blank.yaml`]: { body: example('content-file') },
      [`GET ${R}/contents/.github/workflows/linter.yaml`]: { body: example('content-file') }
    })
    const workflows = await readWorkflows(octokit, 'octocat', 'Hello-World', null)
    // The documented file is a README: no `on:` key, so the triggers stay unknown.
    expect(workflows.map((w) => [w.name, w.onPullRequest])).toEqual([
      ['CI', null],
      ['Linter', null]
    ])
    expect(github.server.hitsOn(`GET ${R}/contents/.github/workflows/blank.yaml`)).toBe(1)
  })

  it('fails on a directory listing where the workflow file should be', async () => {
    const octokit = await client({
      [`GET ${R}/actions/workflows`]: { body: example('workflow-paginated') },
      [`GET ${R}/contents/.github/workflows/blank.yaml`]: { body: example('content-directory') },
      [`GET ${R}/contents/.github/workflows/linter.yaml`]: { body: example('content-file') }
    })
    await expect(readWorkflows(octokit, 'octocat', 'Hello-World', null)).rejects.toThrow(
      /contents\/\.github\/workflows\/blank\.yaml: unexpected response/
    )
  })
})

describe('issue comments', () => {
  const list = `${R}/issues/1347/comments`
  // The documented comment's author is octocat: as GraphQL's viewer, the token is octocat (a
  // personal token), so that comment is the action's own.
  const viewer = (login: string) => ({ body: { data: { viewer: { login } } } })

  it('creates a comment when the documented list holds no marker', async () => {
    const octokit = await client({
      'POST /graphql': viewer('octocat'),
      [`GET ${list}`]: { body: example('issue-comment-items') },
      [`POST ${list}`]: { status: 201, body: example('issue-comment') }
    })
    const target = { owner: 'octocat', repo: 'Hello-World', issueNumber: 1347, body: 'report' }
    await expect(upsertComment(octokit, target)).resolves.toBe('created')
    expect(github.server.hitsOn(`POST ${list}`)).toBe(1)
  })

  it('edits the marked comment by the id the list gives, when the token wrote it', async () => {
    // The documented list, with the body of its comment (id 1) carrying our marker.
    const items = (example('issue-comment-items') as Record<string, unknown>[]).map((c) => ({
      ...c,
      body: `${COMMENT_MARKER}\nold report`
    }))
    const octokit = await client({
      'POST /graphql': viewer('octocat'),
      [`GET ${list}`]: { body: items },
      [`PATCH ${R}/issues/comments/1`]: { body: example('issue-comment') }
    })
    const target = {
      owner: 'octocat',
      repo: 'Hello-World',
      issueNumber: 1347,
      body: `${COMMENT_MARKER}\nnew report`
    }
    await expect(upsertComment(octokit, target)).resolves.toBe('updated')
    expect(github.server.hitsOn(`PATCH ${R}/issues/comments/1`)).toBe(1)
  })

  it("leaves the documented user's marked comment alone when the token is a bot", async () => {
    const items = (example('issue-comment-items') as Record<string, unknown>[]).map((c) => ({
      ...c,
      body: `${COMMENT_MARKER}\nold report`
    }))
    const octokit = await client({
      'POST /graphql': viewer('github-actions[bot]'),
      [`GET ${list}`]: { body: items },
      [`POST ${list}`]: { status: 201, body: example('issue-comment') }
    })
    const target = { owner: 'octocat', repo: 'Hello-World', issueNumber: 1347, body: 'report' }
    await expect(upsertComment(octokit, target)).resolves.toBe('created')
    expect(github.server.hitsOn(`PATCH ${R}/issues/comments/1`)).toBe(0)
  })
})
