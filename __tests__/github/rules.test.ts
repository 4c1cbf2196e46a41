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
    expect(rulesets.get(7)).toEqual({
      name: 'Protect main',
      enforcement: 'active',
      bypassActors: [
        { type: 'RepositoryRole', id: '5', mode: 'always' },
        { type: 'DeployKey', id: null, mode: 'always' }
      ]
    })
    expect(rulesets.get(9)).toEqual({
      name: 'Org rules',
      enforcement: 'evaluate',
      bypassActors: null
    })
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
