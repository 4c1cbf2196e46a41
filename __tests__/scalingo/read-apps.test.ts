import { describe, expect, it } from '@jest/globals'
import { makeConfig } from '../../__fixtures__/config.js'
import { collectScalingoFacts } from '../../src/scalingo/read-apps.js'
import type { AppTarget, ScalingoFacts } from '../../src/types.js'
import { API, AUTH, authRoutes, clientFor, type Route } from './fake-scalingo.js'

const API2 = 'https://api.region2.test'
const target = (name: string, apiUrl = API, region = 'osc-fr1'): AppTarget => ({
  name,
  region,
  apiUrl
})

const me = { id: 'u-1', username: 'ops-bot', email: 'ops@acme.test' }
const someoneElse = { id: 'u-9', username: 'carol', email: 'carol@other.test' }

const collaborator = (appId: string, appName: string, email: string) => ({
  id: `c-${email}`,
  user_id: `u-${email}`,
  email,
  username: email.split('@')[0],
  status: 'accepted',
  is_limited: false,
  tfa_status: true,
  app_id: appId,
  app_name: appName
})
const link = (appId: string, branch: string) => ({
  app_id: appId,
  scm_type: 'github',
  owner: 'acme',
  repo: 'shop',
  branch,
  auto_deploy_enabled: true,
  deploy_review_apps_enabled: true,
  automatic_creation_from_forks_allowed: false
})

/** The token's account owns web (a-1) and admin (a-2) and collaborates on shared (a-3). */
/** GET {auth}/v1/regions naming each region's API (developers documentation, regions.md). */
function regionsRoute(apis: Readonly<Record<string, string>>): Route {
  return {
    status: 200,
    body: { regions: Object.entries(apis).map(([name, api]) => ({ name, api })) }
  }
}

function routes(api = API): Record<string, Route> {
  return {
    ...authRoutes(),
    [`GET ${api}/v1/apps`]: {
      status: 200,
      body: {
        apps: [
          { id: 'a-1', name: 'web', owner: me },
          { id: 'a-2', name: 'admin', owner: me },
          { id: 'a-3', name: 'shared', owner: someoneElse }
        ]
      }
    },
    [`GET ${api}/v1/collaborators`]: {
      status: 200,
      body: {
        collaborators: [
          collaborator('a-1', 'web', 'alice@acme.test'),
          collaborator('a-2', 'admin', 'bob@acme.test'),
          collaborator('a-1', 'web', 'dan@acme.test')
        ]
      }
    },
    [`GET ${api}/v1/scm_repo_links`]: {
      status: 200,
      body: { scm_repo_links: [link('a-1', 'main')] }
    },
    [`GET ${api}/v1/apps/shared/collaborators`]: {
      status: 200,
      body: { collaborators: [collaborator('a-3', 'shared', 'erin@acme.test')] }
    },
    [`GET ${api}/v1/apps/shared/scm_repo_link`]: {
      status: 404,
      body: { error: 'not found', resource: 'scm_repo_link' }
    },
    // Absent from the bulk list (links made by the token's account): asked for itself.
    [`GET ${api}/v1/apps/admin/scm_repo_link`]: {
      status: 404,
      body: { error: 'not found', resource: 'scm_repo_link' }
    }
  }
}

const ROUND_A = [
  `POST ${AUTH}/v1/tokens/exchange`,
  `GET ${AUTH}/v1/users/self`,
  `GET ${AUTH}/v1/client/tfa`,
  `GET ${API}/v1/apps`,
  `GET ${API}/v1/collaborators`,
  `GET ${API}/v1/scm_repo_links`
]

/** With scalingo-api-url set (it stands for every region: no regions call) unless `apiUrl` is null. */
async function collect(
  table: Record<string, Route>,
  apps: AppTarget[],
  apiUrl: string | null = API
): Promise<{ facts: Extract<ScalingoFacts, { status: 'read' }>; calls: string[] }> {
  const { client, fake } = clientFor(table)
  const facts = await collectScalingoFacts(
    makeConfig({ apps, scalingoAuthUrl: AUTH, scalingoApiUrl: apiUrl }),
    client
  )
  if (facts.status !== 'read') throw new Error('expected read facts')
  expect(facts.requests).toBe(fake.calls.length)
  return { facts, calls: fake.calls }
}

describe('collectScalingoFacts', () => {
  it('reads owned apps from the bulk endpoints, and asks for a link the bulk list lacks', async () => {
    const { facts, calls } = await collect(routes(), [target('web'), target('admin')])
    expect([...calls].sort()).toEqual([...ROUND_A, `GET ${API}/v1/apps/admin/scm_repo_link`].sort())
    expect(facts.requests).toBe(7)
    expect(facts.failures).toEqual([])
    expect(facts.token).toEqual({
      account: me,
      tfaEnabled: true,
      reachableApps: [
        { region: null, name: 'web' },
        { region: null, name: 'admin' },
        { region: null, name: 'shared' }
      ],
      reviewApps: 0
    })
    expect(facts.apps.map((a) => a.name)).toEqual(['web', 'admin'])
    const [web, admin] = facts.apps
    expect(web?.owner).toEqual(me)
    expect(web?.collaborators.map((c) => c.email)).toEqual(['alice@acme.test', 'dan@acme.test'])
    expect(web?.scmLink).toMatchObject({
      branch: 'main',
      autoDeploy: true,
      reviewAppsEnabled: true
    })
    expect(admin?.collaborators.map((c) => c.email)).toEqual(['bob@acme.test'])
    // Absent from the bulk list (made by someone else, or no link): the app's own answer, 404.
    expect(admin?.scmLink).toBeNull()
  })

  it('hands each page of links over with the audited apps it names, and only those', async () => {
    const table = routes()
    table[`GET ${API}/v1/scm_repo_links`] = {
      status: 200,
      body: {
        // a-3 (shared) is not audited here; a-9 is no listed app.
        scm_repo_links: [link('a-1', 'main'), link('a-3', 'dev'), link('a-9', 'x')],
        meta: { pagination: { next_page: 2 } }
      }
    }
    table[`GET ${API}/v1/scm_repo_links?page=2`] = {
      status: 200,
      body: { scm_repo_links: [link('a-2', 'release')] }
    }
    const { client } = clientFor(table)
    const pages: string[][] = []
    await collectScalingoFacts(
      makeConfig({
        apps: [target('web'), target('admin')],
        scalingoAuthUrl: AUTH,
        scalingoApiUrl: API
      }),
      client,
      { onScmLinkPage: (apps) => pages.push(apps.map((a) => `${a.name}@${a.scmLink?.branch}`)) }
    )
    expect(pages).toEqual([['web@main'], ['admin@release']])
  })

  it('tells apps apart by name when the list gives two of them the same id', async () => {
    const table = routes()
    table[`GET ${API}/v1/apps`] = {
      status: 200,
      body: {
        apps: [
          { id: 'a-1', name: 'web', owner: me },
          { id: 'a-1', name: 'admin', owner: me }
        ]
      }
    }
    table[`GET ${API}/v1/apps/web/scm_repo_link`] = {
      status: 200,
      body: { scm_repo_link: link('a-1', 'main') }
    }
    table[`GET ${API}/v1/apps/admin/scm_repo_link`] = {
      status: 404,
      body: { error: 'not found', resource: 'scm_repo_link' }
    }
    const { facts, calls } = await collect(table, [target('web'), target('admin')])
    const [web, admin] = facts.apps
    expect(web?.collaborators.map((c) => c.email)).toEqual(['alice@acme.test', 'dan@acme.test'])
    expect(admin?.collaborators.map((c) => c.email)).toEqual(['bob@acme.test'])
    // The bulk link of id a-1 could be either app's: each is asked for its own.
    expect(calls).toContain(`GET ${API}/v1/apps/admin/scm_repo_link`)
    expect(web?.scmLink?.branch).toBe('main')
    expect(admin?.scmLink).toBeNull()
  })

  it('asks per app for an app the account only collaborates on', async () => {
    const { facts, calls } = await collect(routes(), [target('shared'), target('web')])
    expect(calls.slice(ROUND_A.length).sort()).toEqual([
      `GET ${API}/v1/apps/shared/collaborators`,
      `GET ${API}/v1/apps/shared/scm_repo_link`
    ])
    expect(facts.requests).toBe(8)
    expect(facts.failures).toEqual([])
    const shared = facts.apps[0]
    expect(shared?.name).toBe('shared')
    expect(shared?.owner).toEqual(someoneElse)
    expect(shared?.collaborators.map((c) => c.email)).toEqual(['erin@acme.test'])
    expect(shared?.scmLink).toBeNull()
  })

  it('uses a bulk link for a collaborated app instead of asking again', async () => {
    const table = routes()
    table[`GET ${API}/v1/scm_repo_links`] = {
      status: 200,
      body: { scm_repo_links: [link('a-1', 'main'), link('a-3', 'production')] }
    }
    const { facts, calls } = await collect(table, [target('shared')])
    expect(calls).not.toContain(`GET ${API}/v1/apps/shared/scm_repo_link`)
    expect(facts.apps[0]?.scmLink?.branch).toBe('production')
  })

  it('falls back to per-app calls when a bulk endpoint answers 404', async () => {
    const table = routes()
    table[`GET ${API}/v1/collaborators`] = { status: 404, body: { error: 'not found' } }
    table[`GET ${API}/v1/scm_repo_links`] = { status: 404, body: { error: 'not found' } }
    table[`GET ${API}/v1/apps/web/collaborators`] = {
      status: 200,
      body: { collaborators: [collaborator('a-1', 'web', 'alice@acme.test')] }
    }
    table[`GET ${API}/v1/apps/web/scm_repo_link`] = {
      status: 200,
      body: { scm_repo_link: link('a-1', 'main') }
    }
    const { facts, calls } = await collect(table, [target('web')])
    expect(calls.slice(ROUND_A.length).sort()).toEqual([
      `GET ${API}/v1/apps/web/collaborators`,
      `GET ${API}/v1/apps/web/scm_repo_link`
    ])
    expect(facts.failures).toEqual([])
    expect(facts.apps[0]?.collaborators.map((c) => c.email)).toEqual(['alice@acme.test'])
    expect(facts.apps[0]?.scmLink?.branch).toBe('main')
  })

  it('reports an app that is neither listed nor found', async () => {
    const table = routes()
    table[`GET ${API}/v1/apps/ghost`] = {
      status: 404,
      body: { error: 'not found', resource: 'app' }
    }
    table[`GET ${API}/v1/apps/ghost/collaborators`] = {
      status: 404,
      body: { error: 'not found', resource: 'app' }
    }
    table[`GET ${API}/v1/apps/ghost/scm_repo_link`] = {
      status: 404,
      body: { error: 'not found', resource: 'app' }
    }
    const { facts, calls } = await collect(table, [target('ghost'), target('web')])
    expect(calls.filter((c) => c === `GET ${API}/v1/apps/ghost`)).toHaveLength(1)
    expect(facts.apps.map((a) => a.name)).toEqual(['web'])
    expect(facts.failures).toHaveLength(1)
    expect(facts.failures[0]).toMatchObject({ app: 'ghost', what: 'app ghost' })
    expect(facts.failures[0]?.reason).toMatch(
      /^app ghost not found or not visible to the token's account/
    )
  })

  it('reads an app missing from the list through getApp', async () => {
    const table = routes()
    table[`GET ${API}/v1/apps/hidden`] = {
      status: 200,
      body: { app: { id: 'a-7', name: 'hidden', owner: someoneElse } }
    }
    table[`GET ${API}/v1/apps/hidden/collaborators`] = { status: 200, body: { collaborators: [] } }
    table[`GET ${API}/v1/apps/hidden/scm_repo_link`] = { status: 404, body: { error: 'not found' } }
    const { facts } = await collect(table, [target('hidden')])
    expect(facts.failures).toEqual([])
    expect(facts.apps[0]).toEqual({
      name: 'hidden',
      scalingoName: 'hidden',
      region: 'osc-fr1',
      parentApp: null,
      owner: someoneElse,
      collaborators: [],
      scmLink: null
    })
  })

  it('leaves out an app whose collaborators cannot be read, and says why', async () => {
    const table = routes()
    table[`GET ${API}/v1/apps/shared/collaborators`] = {
      status: 403,
      body: { error: 'forbidden', code: 'x' }
    }
    const { facts } = await collect(table, [target('shared')])
    expect(facts.apps).toEqual([])
    expect(facts.failures).toEqual([
      {
        app: 'shared',
        what: 'collaborators of shared',
        reason: 'Scalingo GET /v1/apps/shared/collaborators → HTTP 403: forbidden'
      }
    ])
  })

  it('reports an unreadable bulk list for owned apps instead of an empty one', async () => {
    const table = routes()
    table[`GET ${API}/v1/collaborators`] = { status: 401, body: { error: 'expired' } }
    const { facts, calls } = await collect(table, [target('web')])
    expect(calls).toHaveLength(ROUND_A.length)
    expect(facts.apps).toEqual([])
    expect(facts.failures.map((f) => f.what)).toEqual(['collaborators of web'])
  })

  it('keeps an app whose link cannot be read, listing the failure', async () => {
    const table = routes()
    table[`GET ${API}/v1/apps/shared/scm_repo_link`] = { status: 500, body: 'oops' }
    const { facts } = await collect(table, [target('shared')])
    expect(facts.apps.map((a) => a.name)).toEqual(['shared'])
    expect(facts.failures).toEqual([
      {
        app: 'shared',
        what: 'SCM link of shared',
        reason: 'Scalingo GET /v1/apps/shared/scm_repo_link → HTTP 500: oops'
      }
    ])
  })

  it('reports a refused token exchange and reads nothing else', async () => {
    const table = routes()
    table[`POST ${AUTH}/v1/tokens/exchange`] = {
      status: 401,
      body: { error: 'invalid credentials' }
    }
    const { facts, calls } = await collect(table, [target('web')])
    expect(calls).toEqual([`POST ${AUTH}/v1/tokens/exchange`])
    expect(facts).toEqual({
      status: 'read',
      token: null,
      apps: [],
      failures: [
        {
          app: null,
          what: 'Scalingo token exchange',
          reason: 'token exchange refused: HTTP 401 — check scalingo-api-token'
        }
      ],
      requests: 1
    })
  })

  it('keeps going when 2FA cannot be read', async () => {
    const table = routes()
    table[`GET ${AUTH}/v1/client/tfa`] = { status: 403, body: { error: 'forbidden' } }
    const { facts } = await collect(table, [target('web')])
    expect(facts.token?.tfaEnabled).toBeNull()
    expect(facts.apps.map((a) => a.name)).toEqual(['web'])
    expect(facts.failures).toEqual([
      {
        app: null,
        what: "2FA status of the Scalingo token's account",
        reason: 'Scalingo GET /v1/client/tfa → HTTP 403: forbidden'
      }
    ])
  })

  it('asks per app when the account behind the token is unknown', async () => {
    const table = routes()
    table[`GET ${AUTH}/v1/users/self`] = { status: 500, body: 'down' }
    table[`GET ${API}/v1/apps/web/collaborators`] = {
      status: 200,
      body: { collaborators: [collaborator('a-1', 'web', 'alice@acme.test')] }
    }
    const { facts, calls } = await collect(table, [target('web')])
    expect(facts.token).toBeNull()
    // Ownership unknown: the bulk list may not cover the app, so it is asked for directly;
    // the link was in the bulk list, so it is not asked again.
    expect(calls.slice(ROUND_A.length + 2)).toEqual([`GET ${API}/v1/apps/web/collaborators`])
    expect(facts.apps[0]?.collaborators.map((c) => c.email)).toEqual(['alice@acme.test'])
    expect(facts.failures.map((f) => f.what)).toEqual(['account behind the Scalingo token'])
  })

  it('queries each regional API once and merges reachable apps', async () => {
    const table = { ...routes(), ...routes(API2) }
    table[`GET ${AUTH}/v1/regions`] = regionsRoute({ 'osc-fr1': API, region2: API2 })
    table[`GET ${API2}/v1/apps`] = {
      status: 200,
      body: { apps: [{ id: 'b-1', name: 'eu-web', owner: me }] }
    }
    table[`GET ${API2}/v1/collaborators`] = { status: 200, body: { collaborators: [] } }
    table[`GET ${API2}/v1/scm_repo_links`] = { status: 200, body: { scm_repo_links: [] } }
    const { facts, calls } = await collect(
      table,
      [target('web'), target('eu-web', API2, 'region2'), target('web')],
      null
    )
    expect(calls.filter((c) => c.endsWith('/v1/apps'))).toEqual(
      expect.arrayContaining([`GET ${API}/v1/apps`, `GET ${API2}/v1/apps`])
    )
    // exchange, self, 2FA, regions, then apps, collaborators and links in each region, and
    // eu-web's own link (the bulk list of region2 holds none the account made).
    expect(calls).toHaveLength(4 + 3 * 2 + 1)
    expect(facts.apps.map((a) => a.name)).toEqual(['web', 'eu-web'])
    expect(facts.token?.reachableApps).toEqual([
      { region: 'osc-fr1', name: 'web' },
      { region: 'osc-fr1', name: 'admin' },
      { region: 'osc-fr1', name: 'shared' },
      { region: 'region2', name: 'eu-web' }
    ])
  })

  it('lists a region whose app list failed, and the apps it hides', async () => {
    const table = routes()
    table[`GET ${API}/v1/apps`] = { status: 502, body: 'bad gateway' }
    const { facts } = await collect(table, [target('web')])
    expect(facts.apps).toEqual([])
    expect(facts.failures.map((f) => f.what)).toEqual([
      'apps the Scalingo token reaches on api.test',
      'owner of web'
    ])
    expect(facts.token?.reachableApps).toEqual([])
  })

  it('asks for the link of an app whose link someone else made (absent from the bulk list)', async () => {
    const table = routes()
    table[`GET ${API}/v1/scm_repo_links`] = { status: 200, body: { scm_repo_links: [] } }
    table[`GET ${API}/v1/apps/web/scm_repo_link`] = {
      status: 200,
      body: {
        scm_repo_link: {
          ...link('a-1', 'production'),
          url: 'https://github.com',
          linker: { id: 'u-7', username: 'lead', email: 'lead@acme.test' }
        }
      }
    }
    const { facts, calls } = await collect(table, [target('web')])
    expect(calls).toContain(`GET ${API}/v1/apps/web/scm_repo_link`)
    expect(facts.apps[0]?.scmLink).toMatchObject({
      branch: 'production',
      url: 'https://github.com',
      linker: { id: 'u-7', username: 'lead', email: 'lead@acme.test' }
    })
  })

  it('falls back per app when bulk entries name no app, never an app with no one', async () => {
    const table = routes()
    const anonymous = { ...collaborator('a-1', 'web', 'alice@acme.test') } as Record<
      string,
      unknown
    >
    delete anonymous.app_id
    delete anonymous.app_name
    table[`GET ${API}/v1/collaborators`] = { status: 200, body: { collaborators: [anonymous] } }
    table[`GET ${API}/v1/scm_repo_links`] = {
      status: 200,
      body: { scm_repo_links: [{ ...link('a-1', 'main'), app_id: undefined }] }
    }
    table[`GET ${API}/v1/apps/web/collaborators`] = {
      status: 200,
      body: { collaborators: [collaborator('a-1', 'web', 'alice@acme.test')] }
    }
    table[`GET ${API}/v1/apps/web/scm_repo_link`] = {
      status: 200,
      body: { scm_repo_link: link('a-1', 'main') }
    }
    const { facts, calls } = await collect(table, [target('web')])
    expect(calls).toEqual(
      expect.arrayContaining([
        `GET ${API}/v1/apps/web/collaborators`,
        `GET ${API}/v1/apps/web/scm_repo_link`
      ])
    )
    expect(facts.apps[0]?.collaborators.map((c) => c.email)).toEqual(['alice@acme.test'])
    expect(facts.apps[0]?.scmLink?.branch).toBe('main')
  })

  it('leaves review apps out of the reach and counts them; a restricted region is no failure', async () => {
    const table = routes()
    table[`GET ${AUTH}/v1/regions`] = regionsRoute({ 'osc-fr1': API, 'osc-secnum-fr1': API2 })
    table[`GET ${API}/v1/apps`] = {
      status: 200,
      body: {
        apps: [
          { id: 'a-1', name: 'web', owner: me },
          { id: 'a-4', name: 'web-pr12', owner: me, parent_app_name: 'web' }
        ]
      }
    }
    table[`GET ${API2}/v1/apps`] = { status: 403, body: { error: 'forbidden' } }
    const { facts, calls } = await collect(table, [target('web')], null)
    expect(calls).toContain(`GET ${API2}/v1/apps`)
    expect(facts.failures).toEqual([])
    expect(facts.token?.reachableApps).toEqual([{ region: 'osc-fr1', name: 'web' }])
    expect(facts.token?.reviewApps).toBe(1)
  })

  it('names apps region/name when two audited apps share a name', async () => {
    const table = { ...routes(), ...routes(API2) }
    table[`GET ${AUTH}/v1/regions`] = regionsRoute({ 'osc-fr1': API, 'osc-secnum-fr1': API2 })
    const { facts } = await collect(
      table,
      [target('web'), target('web', API2, 'osc-secnum-fr1'), target('admin')],
      null
    )
    expect(facts.apps.map((a) => [a.name, a.scalingoName, a.region])).toEqual([
      ['osc-fr1/web', 'web', 'osc-fr1'],
      ['osc-secnum-fr1/web', 'web', 'osc-secnum-fr1'],
      ['admin', 'admin', 'osc-fr1']
    ])
  })

  it('costs 7 requests for owned apps whose links the account made, 6 with scalingo-api-url', async () => {
    const table = routes()
    table[`GET ${API}/v1/scm_repo_links`] = {
      status: 200,
      body: { scm_repo_links: [link('a-1', 'main'), link('a-2', 'main')] }
    }
    const apps = [target('web'), target('admin')]
    expect((await collect(table, apps)).calls).toHaveLength(6)
    expect((await collect(table, apps, null)).calls).toHaveLength(7)
  })
})
