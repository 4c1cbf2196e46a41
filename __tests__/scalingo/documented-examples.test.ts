import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ScalingoError } from '../../src/scalingo/errors.js'
import {
  appResponse,
  appsResponse,
  collaboratorsResponse,
  exchangeResponse,
  scmLinkResponse,
  scmLinksResponse,
  selfResponse,
  tfaResponse
} from '../../src/scalingo/schemas.js'
import { API, AUTH, TOKEN, clientFor, type Route } from './fake-scalingo.js'

/*
 * Scalingo's documented responses (developers documentation, official clients; see
 * __fixtures__/documented/scalingo/SOURCES.md) served as they are, through the real client.
 */

function example(name: string): unknown {
  const url = new URL(`../../__fixtures__/documented/scalingo/${name}.json`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as unknown
}

const ok = (name: string): Route => ({ status: 200, body: example(name) })

/** The client on a fake Scalingo whose token exchange answers the documented example. */
const documentedClient = (routes: Record<string, Route>) =>
  clientFor({ [`POST ${AUTH}/v1/tokens/exchange`]: ok('tokens-exchange'), ...routes })

describe('schemas accept every documented example', () => {
  it.each([
    ['tokens-exchange', exchangeResponse],
    ['users-self', selfResponse],
    ['client-tfa', tfaResponse],
    ['apps', appsResponse],
    ['app', appResponse],
    ['app-collaborators', collaboratorsResponse],
    ['app-collaborators-recorded', collaboratorsResponse],
    ['collaborators', collaboratorsResponse],
    ['collaborators-attribute-table', collaboratorsResponse],
    ['scm-repo-link', scmLinkResponse],
    ['scm-repo-links', scmLinksResponse]
  ] as const)('%s', (name, schema) => {
    const result = schema.safeParse(example(name))
    expect(result.error?.issues).toBeUndefined()
    expect(result.success).toBe(true)
  })

  it('the documented example objects, wrapped as the API roots them', () => {
    expect(appResponse.safeParse({ app: example('app-object') }).success).toBe(true)
    const link = { scm_repo_link: example('scm-repo-link-object') }
    expect(scmLinkResponse.safeParse(link).success).toBe(true)
  })
})

describe('auth service', () => {
  it('exchanges the token and masks the documented bearer', async () => {
    const { client, secrets } = documentedClient({})
    await client.authenticate()
    expect(secrets).toEqual([TOKEN, 'the-bearer-token'])
  })

  it('maps users/self and client/tfa', async () => {
    const { client } = documentedClient({
      [`GET ${AUTH}/v1/users/self`]: ok('users-self'),
      [`GET ${AUTH}/v1/client/tfa`]: ok('client-tfa')
    })
    await expect(client.self()).resolves.toEqual({
      id: 'us-d13d3065-e7fa-4b1a-827a-ce1c92415f9c',
      username: 'doc-account',
      email: 'documentation@scalingo.com'
    })
    await expect(client.tfa()).resolves.toBe(false)
  })
})

describe('apps', () => {
  const owner = {
    id: '51d73c1e6edfeab537000001',
    username: 'example-user',
    email: 'user@example.com'
  }

  it('maps GET /v1/apps', async () => {
    const { client } = documentedClient({ [`GET ${API}/v1/apps`]: ok('apps') })
    await expect(client.listApps(API)).resolves.toEqual([
      { id: '51e938266edff4fac9100005', name: 'example-app', owner },
      { id: '51e938266edff4fac9100005', name: 'example-app-2', owner }
    ])
  })

  it('maps GET /v1/apps/{app}', async () => {
    const { client } = documentedClient({ [`GET ${API}/v1/apps/example-app`]: ok('app') })
    await expect(client.getApp(API, 'example-app')).resolves.toEqual({
      id: '51e938266edff4fac9100005',
      name: 'example-app',
      owner
    })
  })

  it('names the documented 404 body', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/123`]: { status: 404, body: example('error-not-found') }
    })
    const error = await client.getApp(API, '123').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ScalingoError)
    expect((error as ScalingoError).status).toBe(404)
  })
})

describe('collaborators', () => {
  it('maps the app collaborators example: pending "n/a" username is unknown', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/example-app/collaborators`]: ok('app-collaborators')
    })
    await expect(client.appCollaborators(API, 'example-app')).resolves.toEqual([
      {
        // No user_id in this example: the account id is unknown (the `id` is the invitation's).
        id: null,
        username: 'soulou',
        email: 'foo@example.com',
        status: 'accepted',
        isLimited: false,
        tfa: null
      },
      {
        id: null,
        username: null,
        email: 'bar@example.com',
        status: 'pending',
        isLimited: false,
        tfa: null
      }
    ])
  })

  it('takes the account id from user_id in the recorded sample', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/example-app/collaborators`]: ok('app-collaborators-recorded')
    })
    const [collaborator] = await client.appCollaborators(API, 'example-app')
    expect(collaborator?.id).toBe('us-d5b215fa-0fcc-4d61-ba8f-24e94597490f')
    expect(collaborator?.username).toBe('collaborator')
  })

  it('maps is_limited, tfa_status and every status value', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/example-app/collaborators`]: ok('collaborators-attribute-table')
    })
    const list = await client.appCollaborators(API, 'example-app')
    expect(list.map((c) => [c.email, c.status, c.isLimited, c.tfa])).toEqual([
      ['foo@example.com', 'accepted', false, true],
      ['limited@example.com', 'accepted', true, false],
      ['bar@example.com', 'pending', false, false],
      ['gone@example.com', 'user account deleted', false, false]
    ])
    expect(list[0]?.id).toBe('us-8ba226e5-93e0-4545-8363-9c16b2d68d67')
    expect(list[2]).toMatchObject({ id: null, username: null })
  })

  it('maps GET /v1/collaborators with the app of each entry', async () => {
    const { client } = documentedClient({ [`GET ${API}/v1/collaborators`]: ok('collaborators') })
    const list = await client.listCollaborators(API)
    expect(list).toEqual([
      {
        appId: '54101e25736f7563d5060000',
        appName: 'my-app',
        collaborator: {
          id: '54101e25736f7563d5060000',
          username: 'soulou',
          email: 'foo@example.com',
          status: 'accepted',
          isLimited: false,
          tfa: null
        }
      },
      {
        appId: '54101e25736f7563d5060000',
        appName: 'my-app',
        collaborator: {
          id: null,
          username: null,
          email: 'bar@example.com',
          status: 'pending',
          isLimited: false,
          tfa: null
        }
      }
    ])
  })
})

describe('SCM links', () => {
  it('maps GET /v1/apps/{app}/scm_repo_link', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/example-app/scm_repo_link`]: ok('scm-repo-link')
    })
    await expect(client.appScmRepoLink(API, 'example-app')).resolves.toEqual({
      scmType: 'github',
      owner: 'my-username',
      repo: 'my-company',
      branch: 'master',
      autoDeploy: true,
      reviewAppsEnabled: false,
      reviewAppsFromForks: false
    })
  })

  it('a 404 naming the app is an error, not "no link"', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/example-app/scm_repo_link`]: {
        status: 404,
        body: example('error-not-found')
      }
    })
    await expect(client.appScmRepoLink(API, 'example-app')).rejects.toBeInstanceOf(ScalingoError)
  })

  it('follows the documented next_page and stops when it no longer moves forward', async () => {
    // The documented page says next_page 2; serving it again as page 2 must not loop.
    const { client, fake } = documentedClient({
      [`GET ${API}/v1/scm_repo_links`]: ok('scm-repo-links'),
      [`GET ${API}/v1/scm_repo_links?page=2`]: ok('scm-repo-links')
    })
    const links = await client.scmRepoLinks(API)
    expect(fake.calls.filter((c) => c.includes('/v1/scm_repo_links'))).toEqual([
      `GET ${API}/v1/scm_repo_links`,
      `GET ${API}/v1/scm_repo_links?page=2`
    ])
    expect(links).toHaveLength(4)
    expect(links[0]).toEqual({
      appId: '1d6e59a0-5377-11e8-90e6-0242ac110052',
      link: {
        scmType: 'github',
        owner: 'my-username',
        repo: 'my-project-1',
        branch: 'master',
        autoDeploy: true,
        reviewAppsEnabled: false,
        reviewAppsFromForks: false
      }
    })
    expect(links[1]?.appId).toBe('3c212baa-80aa-48a4-81b1-ea8daa9b508d')
  })
})
