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

// src/scalingo/http.ts: retries and secrets stripped from errors, through the client.

async function failure(promise: Promise<unknown>): Promise<ScalingoError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  if (!(error instanceof ScalingoError))
    throw new Error(`expected a ScalingoError, got ${String(error)}`)
  return error
}

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
    api
      .intercept({ path: '/v1/apps?per_page=100' })
      .replyWithError(new Error('socket hang up'))
      .times(1)
    api.intercept({ path: '/v1/apps?per_page=100' }).reply(200, { apps: [] })
    api
      .intercept({ path: '/v1/collaborators?per_page=100' })
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
