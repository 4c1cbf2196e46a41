import { describe, expect, it } from '@jest/globals'
import { ScalingoError } from '../../src/scalingo/errors.js'
import { MAX_PAGES } from '../../src/scalingo/apps.js'
import { API, AUTH, authRoutes, clientFor } from './fake-scalingo.js'

// src/scalingo/apps.ts: app, collaborator and SCM link reads, through the client.

async function failure(promise: Promise<unknown>): Promise<ScalingoError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  if (!(error instanceof ScalingoError))
    throw new Error(`expected a ScalingoError, got ${String(error)}`)
  return error
}

describe('URLs', () => {
  it('keeps a base path prefix and encodes app names', async () => {
    const auth = 'http://127.0.0.1:1234/scalingo/auth/'
    const api = 'http://127.0.0.1:1234/scalingo/api'
    const { client, fake } = clientFor(
      {
        ...authRoutes('http://127.0.0.1:1234/scalingo/auth'),
        [`GET ${api}/v1/apps/my%20app%2Fx`]: {
          status: 200,
          body: {
            app: {
              id: 'a-1',
              name: 'my app/x',
              owner: { id: 'u-1', username: 'o', email: 'o@x.test' }
            }
          }
        }
      },
      { authUrl: auth }
    )
    const app = await client.getApp(`${api}/`, 'my app/x')
    expect(app).toEqual({
      id: 'a-1',
      name: 'my app/x',
      owner: { id: 'u-1', username: 'o', email: 'o@x.test' },
      parentApp: null,
      region: null
    })
    expect(fake.calls).toEqual([
      'POST http://127.0.0.1:1234/scalingo/auth/v1/tokens/exchange',
      'GET http://127.0.0.1:1234/scalingo/api/v1/apps/my%20app%2Fx'
    ])
  })
})

describe('responses', () => {
  it('maps a missing SCM link (404) to null', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps/web/scm_repo_link`]: {
        status: 404,
        body: { error: 'not found', resource: 'scm_repo_link' }
      }
    })
    await expect(client.appScmRepoLink(API, 'web')).resolves.toBeNull()
  })

  it('maps an SCM link, defaulting absent flags to false', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps/web/scm_repo_link`]: {
        status: 200,
        body: {
          scm_repo_link: {
            id: 'l-1',
            scm_type: 'github',
            owner: 'acme',
            repo: 'shop',
            branch: 'main',
            auto_deploy_enabled: true,
            linker: { id: 'u-1' }
          }
        }
      }
    })
    await expect(client.appScmRepoLink(API, 'web')).resolves.toEqual({
      scmType: 'github',
      url: null,
      linker: { id: 'u-1', username: null, email: null },
      owner: 'acme',
      repo: 'shop',
      branch: 'main',
      autoDeploy: true,
      reviewAppsEnabled: false,
      reviewAppsFromForks: false
    })
  })

  it('follows scm_repo_links pages and tolerates a missing meta', async () => {
    const link = (appId: string | number) => ({
      app_id: appId,
      scm_type: 'github',
      owner: 'acme',
      repo: 'shop'
    })
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/scm_repo_links`]: {
        status: 200,
        body: {
          scm_repo_links: [link('a-1')],
          meta: { pagination: { current_page: 1, next_page: 2 } }
        }
      },
      [`GET ${API}/v1/scm_repo_links?page=2`]: { status: 200, body: { scm_repo_links: [link(42)] } }
    })
    const pages: string[][] = []
    const links = await client.scmRepoLinks(API, (page) => {
      // Each page is handed over as it arrives, before the next one is asked for.
      pages.push([...page.map((l) => l.appId ?? ''), `calls:${fake.calls.length}`])
    })
    expect(pages).toEqual([
      ['a-1', 'calls:2'],
      ['42', 'calls:3']
    ])
    expect(links.map((l) => l.appId)).toEqual(['a-1', '42'])
    expect(links[1]?.link.branch).toBeNull()
    expect(fake.calls.slice(1)).toEqual([
      `GET ${API}/v1/scm_repo_links`,
      `GET ${API}/v1/scm_repo_links?page=2`
    ])
  })

  it('maps collaborators: pending ones, string flags, numeric ids, null 2FA', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps/web/collaborators`]: {
        status: 200,
        body: {
          collaborators: [
            {
              id: 'c-1',
              user_id: 17,
              email: 'a@acme.test',
              username: 'alice',
              status: 'accepted',
              is_limited: 'true',
              tfa_status: false,
              app_id: 'a-1',
              app_name: 'web'
            },
            {
              id: 'c-2',
              email: 'b@acme.test',
              username: 'n/a',
              status: 'pending',
              tfa_status: null
            },
            {
              id: 'c-3',
              email: null,
              username: null,
              user_id: 'u-3',
              status: 'user account deleted'
            }
          ]
        }
      }
    })
    await expect(client.appCollaborators(API, 'web')).resolves.toEqual([
      {
        id: '17',
        username: 'alice',
        email: 'a@acme.test',
        status: 'accepted',
        isLimited: true,
        tfa: false
      },
      {
        id: null,
        username: null,
        email: 'b@acme.test',
        status: 'pending',
        isLimited: false,
        tfa: null
      },
      {
        id: 'u-3',
        username: null,
        email: null,
        status: 'user account deleted',
        isLimited: false,
        tfa: null
      }
    ])
  })

  it('rejects a missing required field, naming it', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps`]: { status: 200, body: { apps: [{ id: 'a-1', name: 'web' }] } }
    })
    const error = await failure(client.listApps(API))
    expect(error.kind).toBe('schema')
    expect(error.message).toBe(
      'Scalingo GET /v1/apps: response did not match the expected shape (apps.0.owner: required)'
    )
  })

  it('rejects a body that is not JSON', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${AUTH}/v1/users/self`]: { status: 200, body: '<html>' }
    })
    const error = await failure(client.self())
    expect(error.kind).toBe('schema')
    expect(error.message).toMatch(/the body is not JSON/)
    expect(error.bodyExcerpt).toBe('<html>')
  })

  it('tolerates unknown fields', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps`]: {
        status: 200,
        body: {
          apps: [
            {
              id: 1,
              name: 'web',
              owner: { id: 'u-1', flags: {} },
              region: 'osc-fr1',
              new_field: [1]
            }
          ],
          meta: {}
        }
      }
    })
    await expect(client.listApps(API)).resolves.toEqual([
      {
        id: '1',
        name: 'web',
        owner: { id: 'u-1', username: null, email: null },
        parentApp: null,
        region: 'osc-fr1'
      }
    ])
  })
})

describe('lists are whole or unavailable (#13)', () => {
  const link = (appId: string) => ({
    app_id: appId,
    scm_type: 'github',
    owner: 'acme',
    repo: 'shop'
  })
  const page = (ids: string[], pagination: Record<string, number | null>) => ({
    status: 200,
    body: { scm_repo_links: ids.map(link), meta: { pagination } }
  })

  it('asks for 100 entries a page and follows next_page whatever page size the server keeps', async () => {
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/scm_repo_links`]: page(['a-1'], {
        current_page: 1,
        next_page: 2,
        total_pages: 2
      }),
      [`GET ${API}/v1/scm_repo_links?page=2`]: page(['a-2'], {
        current_page: 2,
        next_page: null,
        total_pages: 2
      })
    })
    const links = await client.scmRepoLinks(API)
    expect(links.map((l) => l.appId)).toEqual(['a-1', 'a-2'])
    expect(fake.requests.slice(1).map((r) => new URL(r.url).search)).toEqual([
      '?per_page=100',
      '?per_page=100&page=2'
    ])
  })

  it('ends on a Go-style last page, whose next_page equals total_pages, and reads previous_page', async () => {
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/scm_repo_links`]: page(['a-1'], {
        current_page: 1,
        next_page: 2,
        previous_page: 1,
        total_pages: 2
      }),
      [`GET ${API}/v1/scm_repo_links?page=2`]: page(['a-2'], {
        current_page: 2,
        next_page: 2,
        prev_page: 1,
        total_pages: 2
      })
    })
    await expect(client.scmRepoLinks(API)).resolves.toHaveLength(2)
    expect(fake.calls).toHaveLength(3)
  })

  it('a list whose pagination points nowhere before its last page is unavailable', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps`]: {
        status: 200,
        body: {
          apps: [],
          meta: { pagination: { current_page: 1, next_page: null, total_pages: 3 } }
        }
      }
    })
    const error = await failure(client.listApps(API))
    expect(error.kind).toBe('schema')
    expect(error.message).toContain('page 1 points to no next page before the last one')
  })

  it('a list past the page limit is unavailable, never complete', async () => {
    const endless = (call: { url: string }) => {
      const n = Number(new URL(call.url).searchParams.get('page') ?? '1')
      return {
        status: 200,
        body: { collaborators: [], meta: { pagination: { current_page: n, next_page: n + 1 } } }
      }
    }
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/collaborators`]: endless,
      ...Object.fromEntries(
        Array.from({ length: MAX_PAGES + 1 }, (_, i) => [
          `GET ${API}/v1/collaborators?page=${i + 2}`,
          endless
        ])
      )
    })
    const error = await failure(client.listCollaborators(API))
    expect(error.message).toContain(`more than ${MAX_PAGES} pages`)
    expect(fake.calls).toHaveLength(1 + MAX_PAGES)
  })

  it('a page that fails makes the list fail', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/scm_repo_links`]: page(['a-1'], {
        current_page: 1,
        next_page: 2,
        total_pages: 2
      }),
      [`GET ${API}/v1/scm_repo_links?page=2`]: { status: 403, body: { error: 'forbidden' } }
    })
    const error = await failure(client.scmRepoLinks(API))
    expect(error.status).toBe(403)
  })

  it('asks again without per_page when the server refuses that page size', async () => {
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps?per_page=100`]: {
        status: 422,
        body: { errors: { per_page: ['must be lower or equal to 50'] } }
      },
      [`GET ${API}/v1/apps`]: { status: 200, body: { apps: [] } }
    })
    await expect(client.listApps(API)).resolves.toEqual([])
    expect(fake.requests.slice(1).map((r) => new URL(r.url).search)).toEqual(['?per_page=100', ''])
  })
})
