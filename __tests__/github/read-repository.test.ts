import { describe, expect, it } from '@jest/globals'
import { chooseBranches, startGitHubRead } from '../../src/github/read-repository.js'
import type { AppFacts, ScmLink } from '../../src/types.js'
import { makeAccount, makeApp, makeScmLink } from '../../__fixtures__/facts.js'
import { NO_ADMIN, TOKEN, useFakeGitHub, type Route } from './fake-github.js'

function app(name: string, link: Partial<ScmLink> | null): AppFacts {
  return makeApp({
    name,
    owner: makeAccount({ id: 'u1' }),
    scmLink: link === null ? null : makeScmLink(link)
  })
}

const base = { host: 'github.com', owner: 'acme', repo: 'shop', defaultBranch: 'main' }
const TARGET = {
  owner: 'acme',
  repo: 'shop',
  workspace: null,
  deploySecrets: ['*SCALINGO*'],
  auditJob: null
}

describe('chooseBranches', () => {
  it('takes the explicit branch first, with the apps that deploy it', () => {
    const apps = [app('prod', { branch: 'production' }), app('staging', { branch: 'main' })]
    expect(chooseBranches({ ...base, explicit: 'production', apps })).toEqual([
      { branch: 'production', deploysTo: ['prod'] }
    ])
    expect(chooseBranches({ ...base, explicit: 'hotfix', apps })).toEqual([
      { branch: 'hotfix', deploysTo: [] }
    ])
  })

  it('else every branch auto-deployed from this repository, each once', () => {
    const apps = [
      app('prod', { branch: 'production' }),
      app('staging', { branch: 'main', owner: 'ACME', repo: 'Shop' }),
      app('review', { branch: 'production' })
    ]
    expect(chooseBranches({ ...base, explicit: null, apps })).toEqual([
      { branch: 'production', deploysTo: ['prod', 'review'] },
      { branch: 'main', deploysTo: ['staging'] }
    ])
  })

  it('ignores links that do not auto-deploy from this GitHub repository', () => {
    const apps = [
      app('manual', { branch: 'production', autoDeploy: false }),
      app('other-repo', { branch: 'production', repo: 'blog' }),
      app('other-owner', { branch: 'production', owner: 'evil' }),
      app('gitlab', { branch: 'production', scmType: 'gitlab', url: 'https://gitlab.com' }),
      app('gitlab-no-url', { branch: 'production', scmType: 'gitlab', url: null }),
      app('ghe', {
        branch: 'production',
        scmType: 'github-enterprise',
        url: 'https://ghe.acme.test'
      }),
      app('no-branch', { branch: null }),
      app('unlinked', null)
    ]
    expect(chooseBranches({ ...base, explicit: null, apps })).toEqual([
      { branch: 'main', deploysTo: [] }
    ])
  })

  it('compares the host too, case-insensitively: a GitHub Enterprise link deploys there (#13)', () => {
    const apps = [
      app('ghe', {
        branch: 'production',
        scmType: 'github-enterprise',
        url: 'https://GHE.acme.test/'
      }),
      app('dotcom', { branch: 'main', scmType: 'github', url: null })
    ]
    expect(chooseBranches({ ...base, host: 'ghe.acme.test', explicit: null, apps })).toEqual([
      { branch: 'production', deploysTo: ['ghe'] }
    ])
    expect(chooseBranches({ ...base, explicit: null, apps })).toEqual([
      { branch: 'main', deploysTo: ['dotcom'] }
    ])
  })

  it('accepts GitHub Enterprise links', () => {
    const apps = [app('prod', { branch: 'release', scmType: 'github-enterprise' })]
    expect(chooseBranches({ ...base, explicit: null, apps })).toEqual([
      { branch: 'release', deploysTo: ['prod'] }
    ])
  })

  it('has nothing to audit when neither a link nor the default branch is known', () => {
    expect(chooseBranches({ ...base, defaultBranch: null, explicit: null, apps: [] })).toEqual([])
  })
})

describe('startGitHubRead', () => {
  const R = '/repos/acme/shop'
  const github = useFakeGitHub()

  const healthy: Record<string, Route> = {
    [`GET ${R}`]: { body: { default_branch: 'main', private: false } },
    [`GET ${R}/actions/workflows`]: {
      body: {
        total_count: 1,
        workflows: [{ id: 1, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' }]
      }
    },
    [`GET ${R}/contents/.github/workflows/ci.yml`]: {
      body: {
        type: 'file',
        encoding: 'base64',
        content: Buffer.from('on: pull_request\n').toString('base64')
      }
    },
    [`GET ${R}/rulesets`]: { body: [] },
    [`GET ${R}/branches/main/protection`]: NO_ADMIN,
    [`GET ${R}/branches/main`]: {
      body: { name: 'main', protected: false, protection: { enabled: false } }
    },
    [`GET ${R}/rules/branches/main`]: { body: [] }
  }

  it('starts the branch-independent reads at once and assembles the facts', async () => {
    const octokit = await github.client(healthy)
    const read = startGitHubRead(octokit, TARGET)

    expect(await read.defaultBranch()).toBe('main')
    // Nothing about the branch was asked before finish().
    expect(github.server.hits.some((hit) => hit.path.includes('/branches/'))).toBe(false)
    const facts = await read.finish([{ branch: 'main', deploysTo: ['my-app'] }])

    expect(facts).toMatchObject({
      status: 'read',
      owner: 'acme',
      repo: 'shop',
      defaultBranch: 'main',
      isPrivate: false,
      workflows: { seen: true, value: [{ name: 'CI', onPullRequest: true }] },
      failures: []
    })
    if (facts.status !== 'read') throw new Error('unreachable')
    expect(facts.branches.map((b) => [b.branch, b.deploysTo])).toEqual([['main', ['my-app']]])
    expect(facts.requests).toBe(github.server.hits.length)
  })

  it('lists a failed read as a failure, never as an unprotected branch or an empty list', async () => {
    const octokit = await github.client({
      [`GET ${R}/rulesets`]: { body: [] },
      [`GET ${R}/actions/workflows`]: {
        status: 403,
        body: { message: 'Resource not accessible by integration' }
      }
    })
    const read = startGitHubRead(octokit, TARGET)

    expect(await read.defaultBranch()).toBeNull()
    const facts = await read.finish([{ branch: 'main', deploysTo: [] }])
    if (facts.status !== 'read') throw new Error('expected read facts')

    expect(facts.defaultBranch).toBeNull()
    expect(facts.isPrivate).toBeNull()
    expect(facts.branches).toEqual([])
    expect(facts.workflows).toEqual({ seen: false })
    expect(facts.failures.map((f) => f.what)).toEqual([
      'repository acme/shop',
      'workflows of acme/shop',
      'protection of branch main'
    ])
    expect(facts.failures[0]?.reason).toMatch(/^HTTP 404 on GET \/repos\/acme\/shop: /)
    expect(facts.failures[1]?.reason).toContain('give the token Actions: read')
    expect(JSON.stringify(facts)).not.toContain(TOKEN)
  })

  it('reads the branches when the rulesets may not be listed, leaving bypass actors unseen', async () => {
    const octokit = await github.client({
      ...healthy,
      [`GET ${R}/rulesets`]: {
        status: 403,
        body: { message: 'Resource not accessible by integration' }
      },
      [`GET ${R}/branches/main`]: { body: { name: 'main', protected: true } },
      [`GET ${R}/rules/branches/main`]: { body: [{ type: 'deletion', ruleset_id: 3 }] }
    })
    const facts = await startGitHubRead(octokit, TARGET).finish([{ branch: 'main', deploysTo: [] }])
    if (facts.status !== 'read') throw new Error('expected read facts')

    // A 403 on the list is a permission gap, not a failed audit: the branch is still judged and
    // the unseen bypass actors surface through protection-partially-readable.
    expect(facts.failures).toEqual([])
    expect(facts.branches[0]?.deletionAllowed).toEqual({ seen: true, value: false })
    expect(facts.branches[0]?.adminsBypass).toEqual({ seen: false })
  })
})
