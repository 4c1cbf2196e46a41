import { describe, expect, it } from '@jest/globals'
import { startGitHubRead } from '../../src/github/read-repository.js'
import { readEnvironments } from '../../src/github/environments.js'
import { NO_ADMIN, useFakeGitHub, type Route } from './fake-github.js'

const R = '/repos/acme/shop'
const file = (text: string) => ({
  body: { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') }
})

// Bodies in the shape of GitHub's OpenAPI description (`environment`, `deployment-branch-policy`).
const ENVIRONMENTS: Route = {
  body: {
    total_count: 3,
    environments: [
      {
        id: 1,
        node_id: 'EN_1',
        name: 'production',
        url: `https://api.github.com${R}/environments/production`,
        html_url: 'https://github.com/acme/shop/deployments',
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
        protection_rules: [
          { id: 3, node_id: 'GA_3', type: 'wait_timer', wait_timer: 30 },
          {
            id: 4,
            node_id: 'GA_4',
            type: 'required_reviewers',
            prevent_self_review: true,
            reviewers: [
              { type: 'User', reviewer: { login: 'octocat', id: 1 } },
              { type: 'Team', reviewer: { slug: 'leads', id: 2, name: 'Leads' } }
            ]
          }
        ],
        deployment_branch_policy: { protected_branches: true, custom_branch_policies: false }
      },
      {
        id: 2,
        node_id: 'EN_2',
        name: 'qa',
        url: `https://api.github.com${R}/environments/qa`,
        html_url: 'https://github.com/acme/shop/deployments',
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
        protection_rules: [{ id: 5, node_id: 'GA_5', type: 'branch_policy' }],
        deployment_branch_policy: { protected_branches: false, custom_branch_policies: true }
      },
      {
        id: 3,
        node_id: 'EN_3',
        name: 'open',
        url: `https://api.github.com${R}/environments/open`,
        html_url: 'https://github.com/acme/shop/deployments',
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
        deployment_branch_policy: null
      }
    ]
  }
}
const QA_POLICIES: Route = {
  body: {
    total_count: 2,
    branch_policies: [
      { id: 9, node_id: 'P_9', name: 'release/*', type: 'branch' },
      { id: 10, node_id: 'P_10', name: 'v*', type: 'tag' }
    ]
  }
}

describe('readEnvironments', () => {
  const github = useFakeGitHub()

  it('reads reviewers, wait timer and branch policies, custom ones only where they exist', async () => {
    const octokit = await github.client({
      [`GET ${R}/environments`]: ENVIRONMENTS,
      [`GET ${R}/environments/qa/deployment-branch-policies`]: QA_POLICIES
    })
    expect(await readEnvironments(octokit, 'acme', 'shop')).toEqual([
      {
        name: 'production',
        reviewers: ['octocat', 'leads'],
        preventSelfReview: true,
        waitTimer: 30,
        branchPolicy: { kind: 'protected' }
      },
      {
        name: 'qa',
        reviewers: [],
        preventSelfReview: false,
        waitTimer: 0,
        branchPolicy: {
          kind: 'custom',
          policies: [
            { name: 'release/*', type: 'branch' },
            { name: 'v*', type: 'tag' }
          ]
        }
      },
      { name: 'open', reviewers: [], preventSelfReview: false, waitTimer: 0, branchPolicy: null }
    ])
    expect(github.server.hits.map((h) => h.path)).toEqual([
      `${R}/environments`,
      `${R}/environments/qa/deployment-branch-policies`
    ])
  })

  it('names the permission when the token may not read them', async () => {
    const octokit = await github.client({ [`GET ${R}/environments`]: NO_ADMIN })
    await expect(readEnvironments(octokit, 'acme', 'shop')).rejects.toThrow(
      `HTTP 403 on GET ${R}/environments: Resource not accessible by integration (give the token Actions: read)`
    )
  })
})

describe('startGitHubRead: deploy jobs and environments', () => {
  const github = useFakeGitHub()
  const deploy = `on: push
jobs:
  deploy:
    environment: production
    runs-on: ubuntu-latest
    steps:
      - run: scalingo --app shop deploy
        env: { SCALINGO_API_TOKEN: "\${{ secrets.SCALINGO_API_TOKEN }}" }
`
  const routes = (environments: Route, workflow = deploy): Record<string, Route> => ({
    [`GET ${R}`]: { body: { default_branch: 'main', private: false } },
    [`GET ${R}/actions/workflows`]: {
      body: {
        total_count: 1,
        workflows: [
          { id: 1, name: 'Deploy', path: '.github/workflows/deploy.yml', state: 'active' }
        ]
      }
    },
    [`GET ${R}/contents/.github/workflows/deploy.yml`]: file(workflow),
    [`GET ${R}/rulesets`]: { body: [] },
    [`GET ${R}/environments`]: environments,
    [`GET ${R}/environments/qa/deployment-branch-policies`]: QA_POLICIES
  })
  const target = {
    owner: 'acme',
    repo: 'shop',
    workspace: null,
    deploySecrets: ['*SCALINGO*'],
    auditJob: null
  }

  it('reads the workflow file once for both the CI check and the deploy jobs', async () => {
    const octokit = await github.client(routes(ENVIRONMENTS))
    const facts = await startGitHubRead(octokit, target).finish([])
    if (facts.status !== 'read') throw new Error('unreachable')
    expect(github.server.hitsOn(`GET ${R}/contents/.github/workflows/deploy.yml`)).toBe(1)
    expect(facts.deploys).toMatchObject({
      seen: true,
      value: { jobs: [{ job: 'deploy', environment: { name: 'production' } }] }
    })
    expect(facts.environments.seen).toBe(true)
    expect(facts.failures).toEqual([])
  })

  it('makes unreadable environments a failure of that part only, naming what was not checked', async () => {
    const octokit = await github.client(routes(NO_ADMIN))
    const facts = await startGitHubRead(octokit, target).finish([])
    if (facts.status !== 'read') throw new Error('unreachable')
    expect(facts.environments).toEqual({ seen: false })
    expect(facts.deploys.seen).toBe(true)
    expect(facts.workflows.seen).toBe(true)
    expect(facts.failures).toHaveLength(1)
    expect(facts.failures[0]?.what).toContain('not checked: deploy-environment-unprotected')
    expect(facts.failures[0]?.reason).toContain('Actions: read')
  })

  it('does not ask for environments when no deploy job declares one', async () => {
    const octokit = await github.client(
      routes(NO_ADMIN, deploy.replace('    environment: production\n', ''))
    )
    const facts = await startGitHubRead(octokit, target).finish([])
    expect(github.server.hitsOn(`GET ${R}/environments`)).toBe(0)
    expect(facts.status === 'read' && facts.failures).toEqual([])
  })
})
