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
  regionsResponse,
  tfaResponse
} from '../../src/scalingo/schemas.js'
import { API, AUTH, TOKEN, clientFor, type Route } from './fake-scalingo.js'

/*
 * Scalingo's documented responses (developers documentation, official clients; see
 * __fixtures__/documented/scalingo/SOURCES.md) served as they are, through the real client.
 */

function example(name: string): unknown {
  return JSON.parse(text(`${name}.json`)) as unknown
}

function text(file: string): string {
  const url = new URL(`../../__fixtures__/documented/scalingo/${file}`, import.meta.url)
  return readFileSync(url, 'utf8')
}

/**
 * A documented example that is not JSON as written (SOURCES.md says which), minimally repaired:
 * trailing commas before `}` or `]` removed, and the `…` that elide fields or entries dropped.
 * The .txt file stays verbatim; only this parsed copy is repaired.
 */
function repaired(name: string): unknown {
  const raw = text(`${name}.txt`)
  expect(() => JSON.parse(raw) as unknown).toThrow()
  const fixed = raw
    .replace(/,\s*…/g, '')
    .replace(/^\s*…\s*$/gm, '')
    .replace(/,(\s*[}\]])/g, '$1')
    .replace(/("[^"]*"|\d|true|false|null)\s*\n(\s*)}/g, '$1\n$2}')
  return JSON.parse(fixed) as unknown
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
    ['regions', regionsResponse],
    ['apps', appsResponse],
    ['app', appResponse],
    ['app-collaborators', collaboratorsResponse],
    ['app-collaborators-recorded', collaboratorsResponse],
    ['scm-repo-link', scmLinkResponse],
    ['scm-repo-links', scmLinksResponse]
  ] as const)('%s', (name, schema) => {
    const result = schema.safeParse(example(name))
    expect(result.error?.issues).toBeUndefined()
    expect(result.success).toBe(true)
  })

  it('the documented example objects, wrapped as the API roots them', () => {
    expect(appResponse.safeParse({ app: repaired('app-object') }).success).toBe(true)
    const link = { scm_repo_link: example('scm-repo-link-object') }
    expect(scmLinkResponse.safeParse(link).success).toBe(true)
    const collaborator = { collaborators: [example('collaborator-object')] }
    expect(collaboratorsResponse.safeParse(collaborator).success).toBe(true)
  })

  it('GET /v1/collaborators as documented is not JSON (a trailing comma); repaired, it is read', () => {
    expect(collaboratorsResponse.safeParse(repaired('collaborators')).success).toBe(true)
  })

  it('GET /v1/apps as documented elides every field but the name: no owner, so it is refused', () => {
    const result = appsResponse.safeParse(repaired('apps-list'))
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['apps.0.id', 'apps.0.owner'])
    )
  })

  it('the documented 429 body is plain text', () => {
    expect(text('rate-limit.txt')).toBe('Retry later\n')
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
      { id: '51e938266edff4fac9100005', name: 'example-app', owner, parentApp: null, region: null },
      {
        id: '51e938266edff4fac9100005',
        name: 'example-app-2',
        owner,
        parentApp: null,
        region: null
      }
    ])
  })

  it('maps GET /v1/apps/{app}', async () => {
    const { client } = documentedClient({ [`GET ${API}/v1/apps/example-app`]: ok('app') })
    await expect(client.getApp(API, 'example-app')).resolves.toEqual({
      id: '51e938266edff4fac9100005',
      name: 'example-app',
      owner,
      parentApp: null,
      region: null
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
  it('maps the app collaborators example (collaborators.md): pending "n/a", user_id, null 2FA', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/example-app/collaborators`]: ok('app-collaborators')
    })
    await expect(client.appCollaborators(API, 'example-app')).resolves.toEqual([
      {
        id: 'us-8ba226e5-93e0-4545-8363-9c16b2d68d67',
        username: 'soulou',
        email: 'foo@example.com',
        status: 'accepted',
        isLimited: false,
        tfa: true
      },
      {
        id: null,
        username: null,
        email: 'bar@example.com',
        status: 'pending',
        isLimited: true,
        tfa: null
      }
    ])
  })

  it('takes the account id from user_id in the recorded sample, whose entry has no tfa_status', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/example-app/collaborators`]: ok('app-collaborators-recorded')
    })
    const [collaborator] = await client.appCollaborators(API, 'example-app')
    expect(collaborator?.id).toBe('us-d5b215fa-0fcc-4d61-ba8f-24e94597490f')
    expect(collaborator?.username).toBe('collaborator')
    // tfa_status absent: unknown, never a pass.
    expect(collaborator?.tfa).toBeNull()
  })

  it('reads is_limited and tfa_status as "true"/"false" too, as the attribute table types them', async () => {
    const entry = example('collaborator-object') as Record<string, unknown>
    const { client } = documentedClient({
      [`GET ${API}/v1/apps/my-app/collaborators`]: {
        status: 200,
        body: { collaborators: [{ ...entry, tfa_status: 'false', is_limited: 'true' }] }
      }
    })
    const [collaborator] = await client.appCollaborators(API, 'my-app')
    expect(collaborator).toMatchObject({ tfa: false, isLimited: true })
  })

  it('maps GET /v1/collaborators (repaired) with the app of each entry', async () => {
    const { client } = documentedClient({
      [`GET ${API}/v1/collaborators`]: { status: 200, body: repaired('collaborators') }
    })
    const list = await client.listCollaborators(API)
    expect(
      list.map((c) => [
        c.appName,
        c.collaborator.email,
        c.collaborator.isLimited,
        c.collaborator.tfa
      ])
    ).toEqual([
      ['my-app', 'foo@example.com', false, true],
      ['my-app', 'bar@example.com', true, null],
      ['another-app', 'foo@example.com', true, true]
    ])
  })
})

describe('regions', () => {
  it('maps GET {auth}/v1/regions (regions.md)', async () => {
    const { client } = documentedClient({ [`GET ${AUTH}/v1/regions`]: ok('regions') })
    await expect(client.regions()).resolves.toEqual([
      { name: 'osc-fr1', api: 'https://api.osc-fr1.scalingo.com' },
      { name: 'osc-secnum-fr1', api: 'https://api.osc-secnum-fr1.scalingo.com' }
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
      url: null,
      linker: {
        id: 'us-aa263090-9a23-81f5-8c7c-5fd9a50a8fa8',
        username: 'john',
        email: 'john.doe@example.com'
      },
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

  it('follows the documented next_page; a page that points back before the last is unavailable', async () => {
    // The documented page says page 1 of 4, next 2; served again as page 2, it points back.
    const { client, fake } = documentedClient({
      [`GET ${API}/v1/scm_repo_links`]: ok('scm-repo-links'),
      [`GET ${API}/v1/scm_repo_links?page=2`]: ok('scm-repo-links')
    })
    await expect(client.scmRepoLinks(API)).rejects.toThrow(/points to no next page/)
    expect(fake.calls.filter((c) => c.includes('/v1/scm_repo_links'))).toEqual([
      `GET ${API}/v1/scm_repo_links`,
      `GET ${API}/v1/scm_repo_links?page=2`
    ])
  })

  it('reads the documented links page, linker and all', async () => {
    const last = example('scm-repo-links') as { meta: { pagination: Record<string, unknown> } }
    const { client } = documentedClient({
      [`GET ${API}/v1/scm_repo_links`]: {
        status: 200,
        // The documented page is page 1 of 4; made the last one so the list ends.
        body: {
          ...last,
          meta: { pagination: { ...last.meta.pagination, next_page: null, total_pages: 1 } }
        }
      }
    })
    const links = await client.scmRepoLinks(API)
    expect(links).toHaveLength(2)
    expect(links[0]).toEqual({
      appId: '1d6e59a0-5377-11e8-90e6-0242ac110052',
      link: {
        scmType: 'github',
        url: null,
        linker: {
          id: 'us-aa263090-9a23-81f5-8c7c-5fd9a50a8fa8',
          username: 'john',
          email: 'john.doe@example.com'
        },
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
