import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import { dropField } from '../../src/sandbox/faults.js'
import { at, bearer, call } from '../../__fixtures__/sandbox-client.js'

describe('sandbox faults', () => {
  let sandbox: Sandbox
  let auth: string
  const gh = { auth: 'token ghs_sandbox_mid_failing_admin' }
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'mid-failing' })
    auth = `Bearer ${await bearer(sandbox, 'tk-us-sandbox-mid-failing-paul')}`
  })
  beforeEach(() => {
    sandbox.reset()
    sandbox.setLatency(0)
  })
  afterAll(async () => {
    await sandbox.close()
  })
  const apps = (): Promise<Awaited<ReturnType<typeof call>>> =>
    call(`${sandbox.scalingoApiUrl}/v1/apps`, { auth })

  test('status: a fixed status and body, on the matching service, method and path only', async () => {
    sandbox.setFaults([
      {
        service: 'scalingo',
        method: 'get',
        path: '/v1/apps',
        kind: 'status',
        status: 500,
        body: { error: 'boom' }
      }
    ])
    const res = await apps()
    expect(res.status).toBe(500)
    expect(res.json).toEqual({ error: 'boom' })
    // Other paths and the GitHub half are untouched.
    expect((await call(`${sandbox.scalingoApiUrl}/v1/collaborators`, { auth })).status).toBe(200)
    expect((await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api`, gh)).status).toBe(200)
    expect((await apps()).status).toBe(500)
  })

  test('a prefix with * matches, with or without the sandbox prefix', async () => {
    sandbox.setFaults([
      { service: 'github', path: '/repos/fleet/fleet-api/branches/*', kind: 'status', status: 502 }
    ])
    const branch = await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api/branches/main`, gh)
    expect(branch.status).toBe(502)
    expect(typeof at(branch.json, 'message')).toBe('string')
    expect((await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api`, gh)).status).toBe(200)
    sandbox.setFaults([
      { path: '/repos/*/contents/.github/workflows/build.yml', kind: 'status', status: 500 }
    ])
    const encoded = await call(
      `${sandbox.githubApiUrl}/repos/fleet/fleet-api/contents/.github%2Fworkflows%2Fbuild.yml`,
      gh
    )
    expect(encoded.status).toBe(500)
    sandbox.setFaults([{ path: '/scalingo/api/v1/apps*', kind: 'status', status: 503 }])
    expect((await apps()).status).toBe(503)
  })

  test('retry-after: 429, Retry-After seconds, plain-text body', async () => {
    sandbox.setFaults([{ path: '/v1/apps', kind: 'retry-after', retryAfter: 2, times: 1 }])
    const res = await apps()
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('2')
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(res.json).toBeNull()
    expect((await apps()).status).toBe(200)
  })

  test('429: no Retry-After header', async () => {
    sandbox.setFaults([{ path: '/v1/apps', kind: '429' }])
    const res = await apps()
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBeNull()
  })

  test('flaky: the first `times` answers are 5xx, then normal', async () => {
    sandbox.setFaults([{ path: '/v1/apps', kind: 'flaky', times: 2 }])
    expect((await apps()).status).toBe(503)
    expect((await apps()).status).toBe(503)
    expect((await apps()).status).toBe(200)
    sandbox.setFaults([{ path: '/v1/apps', kind: 'flaky', status: 502 }])
    expect((await apps()).status).toBe(502)
    expect((await apps()).status).toBe(200)
  })

  test('reset: the socket is destroyed, the request is logged without a status', async () => {
    sandbox.setFaults([{ path: '/v1/apps', kind: 'reset' }])
    await expect(apps()).rejects.toThrow()
    const logged = sandbox.requests.find((r) => r.path === '/v1/apps')
    expect(logged).toMatchObject({ status: null, fault: 'reset' })
  })

  test('hang (headers): no answer ever comes', async () => {
    sandbox.setFaults([{ path: '/v1/apps', kind: 'hang' }])
    const controller = new AbortController()
    const pending = call(`${sandbox.scalingoApiUrl}/v1/apps`, { auth, signal: controller.signal })
    const settled = await Promise.race([
      pending.then(
        () => 'answered',
        () => 'failed'
      ),
      waitForLog(sandbox, 'hang')
    ])
    expect(settled).toBe('logged')
    expect(sandbox.requests.find((r) => r.fault === 'hang')?.status).toBeNull()
    controller.abort()
    await expect(pending).rejects.toThrow()
  })

  test('hang (body): headers come, the body never ends', async () => {
    sandbox.setFaults([{ path: '/v1/apps', kind: 'hang', hang: 'body' }])
    const controller = new AbortController()
    const res = await fetch(`${sandbox.scalingoApiUrl}/v1/apps`, {
      headers: { authorization: auth },
      signal: controller.signal
    })
    expect(res.status).toBe(200)
    const body = res.text()
    controller.abort()
    await expect(body).rejects.toThrow()
  })

  test('malformed: the body is not valid JSON', async () => {
    sandbox.setFaults([{ path: '/v1/apps/fleet-production', kind: 'malformed' }])
    const res = await call(`${sandbox.scalingoApiUrl}/v1/apps/fleet-production`, { auth })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/json/)
    expect(() => JSON.parse(res.text)).toThrow()
  })

  test('missing-field: drops a dotted field, through arrays', async () => {
    sandbox.setFaults([
      {
        path: '/v1/apps/*/collaborators',
        kind: 'missing-field',
        field: 'collaborators.tfa_status'
      },
      { path: '/v1/apps/fleet-production', kind: 'missing-field', field: 'app.owner.email' }
    ])
    const res = await call(`${sandbox.scalingoApiUrl}/v1/apps/fleet-production/collaborators`, {
      auth
    })
    const list = at(res.json, 'collaborators') as Record<string, unknown>[]
    expect(list.length).toBeGreaterThan(0)
    expect(list.every((c) => !('tfa_status' in c) && 'email' in c)).toBe(true)
    const app = await call(`${sandbox.scalingoApiUrl}/v1/apps/fleet-production`, { auth })
    expect(at(app.json, 'app', 'owner', 'email')).toBeUndefined()
    expect(at(app.json, 'app', 'owner', 'username')).toBe('paul')
  })

  test('missing-field on a GitHub top-level array', async () => {
    expect(dropField([{ a: 1, b: 2 }], 'a')).toEqual([{ b: 2 }])
    sandbox.setFaults([
      {
        service: 'github',
        path: '/repos/*/branches/main',
        kind: 'missing-field',
        field: 'protected'
      }
    ])
    const res = await call(`${sandbox.githubApiUrl}/repos/fleet/fleet-api/branches/main`, gh)
    expect(at(res.json, 'protected')).toBeUndefined()
    expect(at(res.json, 'name')).toBe('main')
  })

  test('extra-fields: unknown fields on every object, known ones intact', async () => {
    sandbox.setFaults([{ path: '/v1/apps', kind: 'extra-fields' }])
    const res = await apps()
    expect(at(res.json, 'x_sandbox_extra')).toBeDefined()
    expect(at(res.json, 'apps', 0, 'x_sandbox_extra')).toBeDefined()
    expect(at(res.json, 'apps', 0, 'owner', 'x_sandbox_nested', 'flags')).toEqual([1, 2, 3])
    expect(at(res.json, 'apps', 0, 'name')).toBe('fleet-production')
  })

  test('latency delays answers without changing them', async () => {
    sandbox.setLatency(30)
    const res = await apps()
    expect(res.status).toBe(200)
    expect(sandbox.requests.at(-1)?.status).toBe(200)
  })

  test('invalid faults are refused with a message', () => {
    expect(() => sandbox.setFaults([{ path: '/x', kind: 'missing-field' } as never])).toThrow(
      /field/
    )
    expect(() => sandbox.setFaults([{ path: '', kind: '429' }])).toThrow(/Invalid faults/)
  })
})

async function waitForLog(sandbox: Sandbox, kind: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if (sandbox.requests.some((r) => r.fault === kind)) return 'logged'
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return 'not logged'
}
