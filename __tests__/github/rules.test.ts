import { describe, expect, it } from '@jest/globals'
import { GitHubError } from '../../src/github/errors.js'
import { readRulesets } from '../../src/github/rules.js'
import { NO_ADMIN, useFakeGitHub } from './fake-github.js'

const R = '/repos/acme/shop'

const github = useFakeGitHub()
const client = github.client

describe('readRulesets', () => {
  it('lists with includes_parents and reads bypass actors where visible', async () => {
    const octokit = await client({
      [`GET ${R}/rulesets`]: {
        body: [
          {
            id: 7,
            name: 'Protect main',
            enforcement: 'active',
            source_type: 'Repository',
            source: 'acme/shop'
          },
          {
            id: 9,
            name: 'Org rules',
            enforcement: 'evaluate',
            source_type: 'Organization',
            source: 'acme'
          }
        ]
      },
      [`GET ${R}/rulesets/7`]: {
        body: {
          id: 7,
          name: 'Protect main',
          enforcement: 'active',
          source: 'acme/shop',
          bypass_actors: [
            { actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' },
            { actor_id: null, actor_type: 'DeployKey', bypass_mode: 'always' }
          ]
        }
      },
      [`GET ${R}/rulesets/9`]: {
        body: { id: 9, name: 'Org rules', enforcement: 'evaluate', source: 'acme' }
      }
    })
    const rulesets = await readRulesets(octokit, 'acme', 'shop')

    expect(github.server.hits[0]?.query.get('includes_parents')).toBe('true')
    // A tag or push ruleset cannot guard the branch: only branch rulesets are asked for.
    expect(github.server.hits[0]?.query.get('targets')).toBe('branch')
    expect(rulesets.get(7)).toEqual({
      name: 'Protect main',
      enforcement: 'active',
      sourceType: 'Repository',
      currentUserCanBypass: null,
      bypassActors: [
        { type: 'RepositoryRole', id: '5', mode: 'always' },
        { type: 'DeployKey', id: null, mode: 'always' }
      ]
    })
    expect(rulesets.get(9)).toEqual({
      name: 'Org rules',
      enforcement: 'evaluate',
      sourceType: 'Organization',
      currentUserCanBypass: null,
      bypassActors: null
    })
  })

  it('keeps every bypass actor type and mode, the source type and current_user_can_bypass', async () => {
    const types = [
      'User',
      'Team',
      'Integration',
      'OrganizationAdmin',
      'RepositoryRole',
      'DeployKey',
      'EnterpriseOwner'
    ]
    const octokit = await client({
      [`GET ${R}/rulesets`]: {
        body: [
          {
            id: 5,
            name: 'Enterprise',
            source: 'corp',
            source_type: 'Enterprise',
            enforcement: 'active'
          }
        ]
      },
      [`GET ${R}/rulesets/5`]: {
        body: {
          id: 5,
          name: 'Enterprise',
          source: 'corp',
          source_type: 'Enterprise',
          enforcement: 'active',
          current_user_can_bypass: 'exempt',
          bypass_actors: [
            ...types.map((t, i) => ({
              actor_id: t === 'DeployKey' ? null : i,
              actor_type: t,
              bypass_mode: ['always', 'pull_request', 'exempt'][i % 3]
            })),
            // bypass_mode defaults to "always" (OpenAPI).
            { actor_id: 9, actor_type: 'Team' }
          ]
        }
      }
    })
    const info = (await readRulesets(octokit, 'acme', 'shop')).get(5)
    expect(info?.sourceType).toBe('Enterprise')
    expect(info?.currentUserCanBypass).toBe('exempt')
    expect(info?.bypassActors?.map((a) => `${a.type}:${a.mode}`)).toEqual([
      'User:always',
      'Team:pull_request',
      'Integration:exempt',
      'OrganizationAdmin:always',
      'RepositoryRole:pull_request',
      'DeployKey:exempt',
      'EnterpriseOwner:always',
      'Team:always'
    ])
  })

  it('reads no ruleset on GitHub Free for a private repository (403 naming the plan)', async () => {
    const octokit = await client({
      [`GET ${R}/rulesets`]: {
        status: 403,
        body: {
          message: 'Upgrade to GitHub Pro or make this repository public to enable this feature.',
          documentation_url: 'https://docs.github.com/rest/repos/rules#get-all-repository-rulesets',
          status: '403'
        }
      }
    })
    expect((await readRulesets(octokit, 'acme', 'shop')).size).toBe(0)
  })

  it('fails, rather than hiding the bypass actors, when a ruleset read is rate-limited', async () => {
    const octokit = await client({
      [`GET ${R}/rulesets`]: { body: [{ id: 7, name: 'Main', enforcement: 'active' }] },
      [`GET ${R}/rulesets/7`]: {
        status: 403,
        body: { message: 'API rate limit exceeded for installation ID 1.' },
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
        }
      }
    })
    const error = (await readRulesets(octokit, 'acme', 'shop').catch(
      (e: unknown) => e
    )) as GitHubError
    expect(error).toBeInstanceOf(GitHubError)
    expect(error.refusal).toBe('rate-limit')
  })

  it('fails when the list cannot be read', async () => {
    const octokit = await client({ [`GET ${R}/rulesets`]: NO_ADMIN })
    const error = (await readRulesets(octokit, 'acme', 'shop').catch(
      (e: unknown) => e
    )) as GitHubError
    expect(error.status).toBe(403)
    expect(error.hint).toBe('give the token Metadata: read')
  })
})
