import { describe, expect, it } from '@jest/globals'
import { MockAgent } from 'undici'
import { createScalingoClient, type ScalingoClient } from '../../src/scalingo/client.js'
import { ScalingoError } from '../../src/scalingo/errors.js'
import {
  API,
  AUTH,
  BEARER,
  TOKEN,
  authRoutes,
  clientFor,
  fakeScalingo,
  type Route
} from './fake-scalingo.js'

async function failure(promise: Promise<unknown>): Promise<ScalingoError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  if (!(error instanceof ScalingoError))
    throw new Error(`expected a ScalingoError, got ${String(error)}`)
  return error
}

describe('token exchange', () => {
  it('exchanges once for concurrent callers and masks token then bearer', async () => {
    const { client, fake, secrets } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps`]: { status: 200, body: { apps: [] } }
    })
    expect(secrets).toEqual([TOKEN]) // masked before any request
    await Promise.all([client.self(), client.tfa(), client.listApps(API), client.authenticate()])
    expect(fake.calls.filter((c) => c.endsWith('/v1/tokens/exchange'))).toHaveLength(1)
    expect(fake.calls[0]).toBe(`POST ${AUTH}/v1/tokens/exchange`)
    expect(secrets).toEqual([TOKEN, BEARER])
    expect(client.requestCount).toBe(4)
  })

  it('sends HTTP Basic with an empty user and the token as password', async () => {
    const { client, fake } = clientFor(authRoutes())
    await client.authenticate()
    const expected = `Basic ${Buffer.from(`:${TOKEN}`).toString('base64')}`
    expect(fake.requests[0]?.headers.authorization).toBe(expected)
    expect(fake.requests[0]?.headers.accept).toBe('application/json')
    expect(fake.requests[0]?.headers['user-agent']).toMatch(/scalingo-access-governance/)
  })

  it('sends the bearer on every later call', async () => {
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps`]: { status: 200, body: { apps: [] } }
    })
    await client.self()
    await client.listApps(API)
    const later = fake.requests.slice(1)
    expect(later).toHaveLength(2)
    for (const call of later) expect(call.headers.authorization).toBe(`Bearer ${BEARER}`)
  })

  it('shares one refused exchange and names the status', async () => {
    const { client, fake } = clientFor({
      [`POST ${AUTH}/v1/tokens/exchange`]: { status: 401, body: { error: 'invalid token' } }
    })
    const [a, b] = await Promise.all([failure(client.self()), failure(client.listApps(API))])
    expect(a).toBe(b)
    expect(a.status).toBe(401)
    expect(a.message).toBe('Scalingo POST /v1/tokens/exchange → HTTP 401: invalid token')
    expect(fake.calls).toHaveLength(1)
  })
})

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
      owner: { id: 'u-1', username: 'o', email: 'o@x.test' }
    })
    expect(fake.calls).toEqual([
      'POST http://127.0.0.1:1234/scalingo/auth/v1/tokens/exchange',
      'GET http://127.0.0.1:1234/scalingo/api/v1/apps/my%20app%2Fx'
    ])
  })
})

describe('retries', () => {
  it('retries a 429 after Retry-After', async () => {
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps`]: [
        { status: 429, body: 'Too many requests', headers: { 'retry-after': '1' } },
        { status: 200, body: { apps: [] } }
      ]
    })
    await expect(client.listApps(API)).resolves.toEqual([])
    expect(fake.calls.filter((c) => c === `GET ${API}/v1/apps`)).toHaveLength(2)
    expect(client.requestCount).toBe(3)
  })

  it('recovers from a 503', async () => {
    const { client } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/collaborators`]: [
        { status: 503, body: 'down' },
        { status: 200, body: { collaborators: [] } }
      ]
    })
    await expect(client.listCollaborators(API)).resolves.toEqual([])
    expect(client.requestCount).toBe(3)
  })

  it('gives up after three attempts on a 500', async () => {
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps`]: { status: 500, body: { error: 'boom' } }
    })
    const error = await failure(client.listApps(API))
    expect(error.kind).toBe('http')
    expect(error.status).toBe(500)
    expect(error.method).toBe('GET')
    expect(error.path).toBe('/v1/apps')
    expect(error.message).toBe('Scalingo GET /v1/apps → HTTP 500: boom')
    expect(fake.calls.filter((c) => c === `GET ${API}/v1/apps`)).toHaveLength(3)
    expect(client.requestCount).toBe(4)
  })

  it('does not retry other 4xx', async () => {
    const { client, fake } = clientFor({
      ...authRoutes(),
      [`GET ${API}/v1/apps/gone`]: { status: 404, body: { error: 'not found', resource: 'app' } }
    })
    const error = await failure(client.getApp(API, 'gone'))
    expect(error.message).toBe('Scalingo GET /v1/apps/gone → HTTP 404: not found')
    expect(fake.calls).toHaveLength(2)
  })

  it('retries network errors, then reports them', async () => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agent
      .get(AUTH)
      .intercept({ path: '/v1/tokens/exchange', method: 'POST' })
      .reply(200, { token: BEARER })
    const api = agent.get(API)
    api.intercept({ path: '/v1/apps' }).replyWithError(new Error('socket hang up')).times(1)
    api.intercept({ path: '/v1/apps' }).reply(200, { apps: [] })
    api
      .intercept({ path: '/v1/collaborators' })
      .replyWithError(new Error('socket hang up'))
      .times(3)
    const client = createScalingoClient({
      apiToken: TOKEN,
      authUrl: AUTH,
      dispatcher: agent,
      setSecret: () => {}
    })

    await expect(client.listApps(API)).resolves.toEqual([])
    const error = await failure(client.listCollaborators(API))
    expect(error.kind).toBe('network')
    expect(error.status).toBeNull()
    expect(error.message).toBe('Scalingo GET /v1/collaborators → network error: socket hang up')
    expect(client.requestCount).toBe(1 + 2 + 3)
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
      { id: '1', name: 'web', owner: { id: 'u-1', username: null, email: null } }
    ])
  })

  it('reads the account and its 2FA', async () => {
    const { client } = clientFor(authRoutes())
    await expect(client.self()).resolves.toEqual({
      id: 'u-1',
      username: 'ops-bot',
      email: 'ops@acme.test'
    })
    await expect(client.tfa()).resolves.toBe(true)
  })
})

describe('secrets', () => {
  it('never puts the token or the bearer in an error', async () => {
    const plainToken = 'not-a-known-shape-1234567890'
    const echo: Route = (call) => ({
      status: 403,
      body: {
        error: `denied for ${call.headers.authorization ?? ''} and ${plainToken} and ${BEARER}`
      }
    })
    const fake = fakeScalingo({
      [`POST ${AUTH}/v1/tokens/exchange`]: { status: 200, body: { token: BEARER } },
      [`GET ${API}/v1/apps`]: echo,
      [`GET ${API}/v1/collaborators`]: {
        status: 200,
        body: { collaborators: [{ id: BEARER, token: plainToken }] }
      }
    })
    const client: ScalingoClient = createScalingoClient({
      apiToken: plainToken,
      authUrl: AUTH,
      dispatcher: fake.agent,
      setSecret: () => {}
    })
    const errors = [
      await failure(client.listApps(API)),
      await failure(client.listCollaborators(API))
    ]
    for (const error of errors) {
      const everything = `${error.message} ${error.bodyExcerpt} ${error.path} ${JSON.stringify(error)}`
      expect(everything).not.toContain(plainToken)
      expect(everything).not.toContain(BEARER)
      expect(everything).not.toContain(Buffer.from(`:${plainToken}`).toString('base64'))
    }
    expect(errors[0]?.message).toContain('denied for')
  })
})
