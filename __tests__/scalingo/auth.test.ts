import { describe, expect, it } from '@jest/globals'
import { ScalingoError } from '../../src/scalingo/errors.js'
import { API, AUTH, BEARER, TOKEN, authRoutes, clientFor } from './fake-scalingo.js'

// src/scalingo/auth.ts: the token exchange, the account and its 2FA.

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

describe('account', () => {
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
