import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import { at, bearer, call } from '../../__fixtures__/sandbox-client.js'

describe('sandbox admin endpoints and request log', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'mid-failing' })
  })
  afterAll(async () => {
    await sandbox.close()
  })

  test('listens on 127.0.0.1 and exposes the service bases', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.scalingoAuthUrl).toBe(`${sandbox.url}/scalingo/auth`)
    expect(sandbox.scalingoApiUrl).toBe(`${sandbox.url}/scalingo/api`)
    expect(sandbox.githubApiUrl).toBe(`${sandbox.url}/github/api/v3`)
  })

  test('the request log never holds a token, only the authorization kind', async () => {
    const scalingoToken = 'tk-us-sandbox-mid-failing-paul'
    const githubToken = 'ghs_sandbox_mid_failing_admin'
    const issued = await bearer(sandbox, scalingoToken)
    await call(`${sandbox.scalingoApiUrl}/v1/apps?access_token=${issued}`, {
      auth: `Bearer ${issued}`
    })
    await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api`, { auth: `token ${githubToken}` })
    await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api`)

    const log = JSON.stringify(sandbox.requests)
    const remote = await call(`${sandbox.url}/__sandbox/requests`)
    for (const secret of [
      scalingoToken,
      githubToken,
      issued,
      Buffer.from(`:${scalingoToken}`).toString('base64')
    ]) {
      expect(log).not.toContain(secret)
      expect(remote.text).not.toContain(secret)
    }
    expect(sandbox.requests.map((r) => `${r.service} ${r.auth} ${r.status}`)).toEqual([
      'scalingo-auth basic 200',
      'scalingo-api bearer 200',
      'github token 200',
      'github none 401'
    ])
    expect(sandbox.requests[1]?.query).toEqual({ access_token: '[redacted]' })
  })

  test('GET /__sandbox/comments, POST /__sandbox/faults, POST /__sandbox/reset', async () => {
    const comments = await call(`${sandbox.url}/__sandbox/comments`)
    expect((comments.json as unknown[]).length).toBe(1)

    const set = await call(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: [{ service: 'github', path: '/repos/*', kind: 'status', status: 500 }]
    })
    expect(set.status).toBe(200)
    expect(at(set.json, 0, 'kind')).toBe('status')
    const broken = await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api`, {
      auth: 'token ghs_sandbox_mid_failing_admin'
    })
    expect(broken.status).toBe(500)

    const invalid = await call(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: [{ kind: 'nope' }]
    })
    expect(invalid.status).toBe(400)

    await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api/issues/314/comments`, {
      method: 'POST',
      auth: 'token ghs_sandbox_mid_failing_admin',
      body: { body: 'x' }
    })
    const reset = await call(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })
    expect(reset.status).toBe(200)
    expect(sandbox.requests).toEqual([])
    expect(sandbox.comments).toHaveLength(1)
    const healed = await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api`, {
      auth: 'token ghs_sandbox_mid_failing_admin'
    })
    expect(healed.status).toBe(200)
    // Admin calls themselves are not logged.
    expect(sandbox.requests.map((r) => r.service)).toEqual(['github'])
  })

  test('GET /__sandbox/info gives the bases, tokens and inputs', async () => {
    const info = await call(`${sandbox.url}/__sandbox/info`)
    expect(at(info.json, 'githubApiUrl')).toBe(sandbox.githubApiUrl)
    expect(at(info.json, 'repository')).toBe('fleet/fleet-api')
    expect(at(info.json, 'inputs', 'apps')).toBe('fleet-production\nfleet-staging')
  })

  test('an unknown path outside the prefixes is 404', async () => {
    expect((await call(`${sandbox.url}/v1/apps`)).status).toBe(404)
  })
})
