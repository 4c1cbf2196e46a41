import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import { at, bearer, call } from '../../__fixtures__/sandbox-client.js'

describe('sandbox Scalingo half (mid-failing)', () => {
  let sandbox: Sandbox
  let paul: string
  const token = 'tk-us-sandbox-mid-failing-paul'

  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'mid-failing' })
    paul = `Bearer ${await bearer(sandbox, token)}`
  })
  afterAll(async () => {
    await sandbox.close()
  })

  test('exchange: a known token gets a JWT-like bearer, unique per exchange', async () => {
    const first = await bearer(sandbox, token)
    const second = await bearer(sandbox, token)
    expect(first.split('.')).toHaveLength(3)
    expect(first).not.toBe(second)
    const payload = JSON.parse(Buffer.from(first.split('.')[1] ?? '', 'base64url').toString()) as {
      sub: string
      exp: number
    }
    expect(payload.sub).toMatch(/^us-/)
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000)
  })

  test('exchange: an unknown token or a missing Basic header is 401 {"error"}', async () => {
    const wrong = await call(`${sandbox.scalingoAuthUrl}/v1/tokens/exchange`, {
      method: 'POST',
      auth: `Basic ${Buffer.from(':tk-us-nope').toString('base64')}`
    })
    expect(wrong.status).toBe(401)
    expect(typeof at(wrong.json, 'error')).toBe('string')
    const none = await call(`${sandbox.scalingoAuthUrl}/v1/tokens/exchange`, { method: 'POST' })
    expect(none.status).toBe(401)
  })

  test('every API call needs the bearer; the raw API token is refused', async () => {
    expect((await call(`${sandbox.scalingoApiUrl}/v1/apps`)).status).toBe(401)
    expect(
      (await call(`${sandbox.scalingoApiUrl}/v1/apps`, { auth: `Bearer ${token}` })).status
    ).toBe(401)
    expect((await call(`${sandbox.scalingoAuthUrl}/v1/users/self`)).status).toBe(401)
  })

  test('users/self and client/tfa describe the token account', async () => {
    const self = await call(`${sandbox.scalingoAuthUrl}/v1/users/self`, { auth: paul })
    expect(self.status).toBe(200)
    expect(at(self.json, 'user', 'username')).toBe('paul')
    expect(at(self.json, 'user', 'email')).toBe('paul@fleet.example')
    expect(at(self.json, 'user', 'id')).toMatch(/^us-/)
    const tfa = await call(`${sandbox.scalingoAuthUrl}/v1/client/tfa`, { auth: paul })
    expect(at(tfa.json, 'tfa', 'enabled')).toBe(false)
  })

  test('apps: owned and collaborated apps, with the owner object', async () => {
    const apps = await call(`${sandbox.scalingoApiUrl}/v1/apps`, { auth: paul })
    const list = at(apps.json, 'apps') as { name: string; owner: { username: string } }[]
    expect(list.map((a) => a.name).sort()).toEqual([
      'fleet-production',
      'fleet-staging',
      'paul-side-project'
    ])
    expect(list[0]?.owner.username).toBe('paul')
    const one = await call(`${sandbox.scalingoApiUrl}/v1/apps/fleet-production`, { auth: paul })
    expect(at(one.json, 'app', 'name')).toBe('fleet-production')
    expect(at(one.json, 'app', 'region')).toBe('osc-fr1')
    expect(Object.keys(at(one.json, 'app', 'owner') as object).sort()).toEqual([
      'email',
      'id',
      'username'
    ])
  })

  test('an unknown app is 404 {"error":"not found","resource":"app"}', async () => {
    const missing = await call(`${sandbox.scalingoApiUrl}/v1/apps/nope`, { auth: paul })
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual({ error: 'not found', resource: 'app' })
  })

  test('collaborators: the owner is not listed; pending and deleted entries are shaped as documented', async () => {
    const res = await call(`${sandbox.scalingoApiUrl}/v1/apps/fleet-production/collaborators`, {
      auth: paul
    })
    const list = at(res.json, 'collaborators') as Record<string, unknown>[]
    expect(list.some((c) => c.username === 'paul')).toBe(false)
    const rita = list.find((c) => c.username === 'rita')
    expect(rita).toMatchObject({
      status: 'accepted',
      is_limited: false,
      tfa_status: true,
      app_name: 'fleet-production'
    })
    expect(rita?.user_id).toMatch(/^us-/)
    const pending = list.find((c) => c.email === 'xena@fleet.example')
    expect(pending).toMatchObject({
      status: 'pending',
      username: 'n/a',
      user_id: '',
      tfa_status: null,
      is_limited: true
    })
    expect(list.find((c) => c.status === 'user account deleted')?.email).toBe('yann@fleet.example')
    for (const c of list) {
      expect(Object.keys(c).sort()).toEqual(
        [
          'app_id',
          'app_name',
          'email',
          'id',
          'is_limited',
          'status',
          'tfa_status',
          'user_id',
          'username'
        ].sort()
      )
    }
  })

  test('GET /v1/collaborators lists every app the account owns', async () => {
    const res = await call(`${sandbox.scalingoApiUrl}/v1/collaborators`, { auth: paul })
    const list = at(res.json, 'collaborators') as { app_name: string }[]
    expect(new Set(list.map((c) => c.app_name))).toEqual(
      new Set(['fleet-production', 'fleet-staging'])
    )
    expect(list).toHaveLength(8 + 4)
  })

  test('scm_repo_link: the link fields, and 404 when the app has none', async () => {
    const res = await call(`${sandbox.scalingoApiUrl}/v1/apps/fleet-staging/scm_repo_link`, {
      auth: paul
    })
    expect(at(res.json, 'scm_repo_link')).toMatchObject({
      owner: 'fleet',
      repo: 'infra',
      branch: 'staging',
      scm_type: 'github',
      auto_deploy_enabled: true,
      deploy_review_apps_enabled: true,
      automatic_creation_from_forks_allowed: true
    })
    const none = await call(`${sandbox.scalingoApiUrl}/v1/apps/paul-side-project/scm_repo_link`, {
      auth: paul
    })
    expect(none.status).toBe(404)
    expect(at(none.json, 'resource')).toBe('scm_repo_link')
  })

  test('scm_repo_links is paginated with meta.pagination', async () => {
    const first = await call(`${sandbox.scalingoApiUrl}/v1/scm_repo_links?per_page=1`, {
      auth: paul
    })
    expect(at(first.json, 'scm_repo_links')).toHaveLength(1)
    expect(at(first.json, 'meta', 'pagination')).toEqual({
      current_page: 1,
      prev_page: null,
      next_page: 2,
      total_pages: 2,
      total_count: 2
    })
    const second = await call(`${sandbox.scalingoApiUrl}/v1/scm_repo_links?per_page=1&page=2`, {
      auth: paul
    })
    expect(at(second.json, 'meta', 'pagination', 'next_page')).toBeNull()
    expect(at(second.json, 'scm_repo_links', 0, 'app_id')).not.toBe(
      at(first.json, 'scm_repo_links', 0, 'app_id')
    )
  })
})

describe('sandbox Scalingo visibility (large-failing)', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'large-failing' })
  })
  afterAll(async () => {
    await sandbox.close()
  })

  test('a collaborator sees the apps it collaborates on and owns, nothing else', async () => {
    const alice = `Bearer ${await bearer(sandbox, 'tk-us-sandbox-large-failing-alice')}`
    const apps = await call(`${sandbox.scalingoApiUrl}/v1/apps`, { auth: alice })
    const names = (at(apps.json, 'apps') as { name: string }[]).map((a) => a.name)
    expect(names).toContain('bigco-production')
    expect(names).toContain('alice-sandbox')
    expect(names).toHaveLength(8)
    // She owns only alice-sandbox, which has no collaborator.
    const owned = await call(`${sandbox.scalingoApiUrl}/v1/collaborators`, { auth: alice })
    expect(at(owned.json, 'collaborators')).toEqual([])
  })

  test('an app the account cannot see answers 404 like an unknown one', async () => {
    const sandbox2 = await startSandbox({
      scenario: {
        ...sandbox.scenario,
        name: 'visibility',
        tokens: { ...sandbox.scenario.tokens, scalingo: { 'tk-us-zoe': 'zoe' } },
        inputs: {}
      }
    })
    try {
      const zoe = `Bearer ${await bearer(sandbox2, 'tk-us-zoe')}`
      const hidden = await call(`${sandbox2.scalingoApiUrl}/v1/apps/bigco-production`, {
        auth: zoe
      })
      expect(hidden.status).toBe(404)
      expect(at(hidden.json, 'resource')).toBe('app')
      const visible = await call(`${sandbox2.scalingoApiUrl}/v1/apps/legacy-crm/collaborators`, {
        auth: zoe
      })
      expect(visible.status).toBe(200)
    } finally {
      await sandbox2.close()
    }
  })

  test('a pending invitation does not make an app visible', async () => {
    const scenario = structuredClone(sandbox.scenario)
    scenario.name = 'pending-only'
    scenario.inputs = {}
    scenario.accounts.push({
      id: 'newbie',
      username: 'newbie',
      email: 'newbie@bigco.example',
      tfa: true
    })
    scenario.apps[0]?.collaborators.push({
      account: 'newbie',
      status: 'pending',
      limited: true,
      tfaStatus: 'given'
    })
    scenario.tokens.scalingo = { 'tk-us-newbie': 'newbie' }
    const sandbox3 = await startSandbox({ scenario })
    try {
      const newbie = `Bearer ${await bearer(sandbox3, 'tk-us-newbie')}`
      const apps = await call(`${sandbox3.scalingoApiUrl}/v1/apps`, { auth: newbie })
      expect(at(apps.json, 'apps')).toEqual([])
    } finally {
      await sandbox3.close()
    }
  })
})
