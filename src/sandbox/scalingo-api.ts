import { randomBytes } from 'node:crypto'
import {
  CREATED_AT,
  UPDATED_AT,
  paginate,
  readAuthorization,
  reply,
  stableHex,
  stableUuid,
  type Reply,
  type RouteRequest
} from './http-util.js'
import type {
  Scenario,
  ScenarioAccount,
  ScenarioApp,
  ScenarioCollaborator,
  ScenarioEvent
} from './scenario.js'

const HOUR_MS = 60 * 60 * 1000

/**
 * Scalingo's auth service and regional API, shaped like the developers documentation and the
 * official go-scalingo client: `{"user": …}`, `{"apps": […]}`, `{"collaborators": […]}`,
 * `{"scm_repo_link": …}`, errors as `{"error": …}` with `resource` on 404.
 */
export class ScalingoApi {
  /** Issued bearer → account key. */
  private readonly bearers = new Map<string, string>()
  /** Issued bearer → the API token it was exchanged for (the rate limit counts per token). */
  private readonly bearerTokens = new Map<string, string>()
  /** API token → when its counted requests arrived. */
  private readonly arrivals = new Map<string, number[]>()
  private readonly accounts: ReadonlyMap<string, ScenarioAccount>
  /** 429 answers given so far. */
  tooManyCount = 0

  constructor(
    private readonly scenario: Scenario,
    /** The budget's clock (ms); tests share a fake one with the client. */
    private readonly clock: () => number = Date.now
  ) {
    this.accounts = new Map(scenario.accounts.map((a) => [a.id, a]))
  }

  /** Forgets the requests counted against every token's budget. */
  resetBudget(): void {
    this.arrivals.clear()
    this.tooManyCount = 0
  }

  /**
   * The per-token minute budget (index.md "Rate Limit"): past `requests` in `windowMs`, 429 with
   * the plain-text body `Retry later` and no Retry-After. null when the request may go on.
   */
  rateLimited(req: RouteRequest): Reply | null {
    const limit = this.scenario.scalingo.rateLimit
    if (limit === null) return null
    const token = this.tokenOf(req)
    if (token === null) return null
    const now = this.clock()
    const recent = (this.arrivals.get(token) ?? []).filter((at) => at > now - limit.windowMs)
    if (recent.length >= limit.requests) {
      this.arrivals.set(token, recent)
      this.tooManyCount++
      return { status: 429, text: 'Retry later' }
    }
    recent.push(now)
    this.arrivals.set(token, recent)
    return null
  }

  private tokenOf(req: RouteRequest): string | null {
    const auth = readAuthorization(req.headers)
    if (auth.credential === null) return null
    if (auth.kind === 'bearer') return this.bearerTokens.get(auth.credential) ?? null
    if (auth.kind !== 'basic') return null
    const decoded = Buffer.from(auth.credential, 'base64').toString('utf8')
    return decoded.slice(decoded.indexOf(':') + 1)
  }

  /** Every bearer issued so far (tests check none leaks into the request log). */
  issuedBearers(): string[] {
    return [...this.bearers.keys()]
  }

  handleAuth(req: RouteRequest): Reply {
    if (req.method === 'POST' && req.path === '/v1/tokens/exchange') return this.exchange(req)
    const account = this.authenticate(req)
    if (account === null) return unauthorized()
    if (req.method !== 'GET') return notFound()
    switch (req.path) {
      case '/v1/users/self':
        return reply(200, { user: this.user(account) })
      case '/v1/client/tfa':
        return reply(200, {
          tfa: { enabled: account.tfa, provider: account.tfa ? 'totp' : null, uris: [] }
        })
      case '/v1/regions':
        return reply(200, { regions: this.regions(req) })
      default:
        return notFound()
    }
  }

  handleApi(req: RouteRequest): Reply {
    const account = this.authenticate(req)
    if (account === null) return unauthorized()
    if (req.method !== 'GET') return notFound()
    // A regional API (/scalingo/region/<name>/api) serves that region's apps; /scalingo/api all.
    const visible = this.visibleApps(account.id).filter(
      (app) => req.region === undefined || app.region === req.region
    )
    if (req.path === '/v1/apps') {
      return reply(200, { apps: visible.map((app) => this.app(app)) })
    }
    if (req.path === '/v1/collaborators') {
      const owned = visible.filter((app) => app.owner === account.id)
      return reply(200, {
        collaborators: owned.flatMap((app) =>
          app.collaborators.map((c, i) => this.collaborator(app, c, i))
        )
      })
    }
    if (req.path === '/v1/scm_repo_links') {
      // "All SCM Integration Links linked by your account": a link another account made is not here.
      const links = visible.filter(
        (app) => app.scmLink !== null && (app.scmLink.linker ?? app.owner) === account.id
      )
      const { maxPerPage, pagination } = this.scenario.scalingo
      const page = paginate(links, req.query, { perPage: 30, maxPerPage })
      const last = page.page >= page.totalPages
      return reply(200, {
        scm_repo_links: page.items.map((app) => this.scmLink(app)),
        meta: {
          pagination:
            pagination === 'go'
              ? // go-utils pagination.Meta: ints, never null; the last page points at itself.
                {
                  current_page: page.page,
                  per_page: page.perPage,
                  prev_page: Math.max(page.page - 1, 1),
                  next_page: last ? page.totalPages : page.page + 1,
                  total_pages: page.totalPages,
                  total_count: links.length
                }
              : {
                  current_page: page.page,
                  prev_page: page.page > 1 ? page.page - 1 : null,
                  next_page: last ? null : page.page + 1,
                  total_pages: page.totalPages,
                  total_count: links.length
                }
        }
      })
    }
    const match = /^\/v1\/apps\/([^/]+)(\/collaborators|\/scm_repo_link|\/events)?$/.exec(req.path)
    if (!match?.[1]) return notFound()
    const name = decodeURIComponent(match[1])
    const app = visible.find((a) => a.name === name || this.appId(a) === name)
    if (app === undefined) return reply(404, { error: 'not found', resource: 'app' })
    switch (match[2]) {
      case undefined:
        return reply(200, { app: this.app(app) })
      case '/collaborators':
        return reply(200, {
          collaborators: app.collaborators.map((c, i) => this.collaborator(app, c, i))
        })
      case '/events':
        return this.events(app, req.query)
      default:
        return app.scmLink === null
          ? reply(404, { error: 'not found', resource: 'scm_repo_link' })
          : reply(200, { scm_repo_link: this.scmLink(app) })
    }
  }

  private exchange(req: RouteRequest): Reply {
    const auth = readAuthorization(req.headers)
    if (auth.kind !== 'basic' || auth.credential === null) return unauthorized()
    const decoded = Buffer.from(auth.credential, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const password = colon === -1 ? '' : decoded.slice(colon + 1)
    const accountKey = this.scenario.tokens.scalingo[password]
    if (accountKey === undefined) return reply(401, { error: 'invalid token' })
    const bearer = jwtLike(this.userId(accountKey))
    this.bearers.set(bearer, accountKey)
    this.bearerTokens.set(bearer, password)
    return reply(200, { token: bearer })
  }

  private authenticate(req: RouteRequest): ScenarioAccount | null {
    const auth = readAuthorization(req.headers)
    if (auth.kind !== 'bearer' || auth.credential === null) return null
    const key = this.bearers.get(auth.credential)
    return key === undefined ? null : (this.accounts.get(key) ?? null)
  }

  /** Apps an account owns or collaborates on (an accepted invitation). */
  private visibleApps(accountKey: string): ScenarioApp[] {
    return this.scenario.apps.filter(
      (app) =>
        app.owner === accountKey ||
        app.collaborators.some((c) => c.account === accountKey && c.status === 'accepted')
    )
  }

  private userId(key: string): string {
    return `us-${stableUuid(`user:${key}`)}`
  }

  private appId(app: ScenarioApp): string {
    return stableHex(`app:${app.name}`, 24)
  }

  private owner(key: string): { id: string; username: string; email: string } {
    const account = this.accounts.get(key)
    return {
      id: this.userId(key),
      username: account?.username ?? 'n/a',
      email: account?.email ?? ''
    }
  }

  private user(account: ScenarioAccount): Record<string, unknown> {
    return {
      id: this.userId(account.id),
      username: account.username,
      email: account.email,
      fullname: account.fullname ?? account.username,
      company: '',
      location: '',
      email_newsletter: false,
      flags: {}
    }
  }

  private app(app: ScenarioApp): Record<string, unknown> {
    const host = `${app.name}.${app.region}.scalingo.io`
    return {
      id: this.appId(app),
      name: app.name,
      region: app.region,
      owner: this.owner(app.owner),
      git_url: `git@ssh.${app.region}.scalingo.com:${app.name}.git`,
      url: `https://${host}`,
      base_url: `https://${host}`,
      status: 'running',
      created_at: CREATED_AT,
      updated_at: UPDATED_AT,
      last_deployed_at: UPDATED_AT,
      last_deployed_by: this.owner(app.owner).username,
      force_https: true,
      sticky_session: false,
      router_logs: false,
      dev: false,
      hds_resource: app.region.includes('secnum'),
      ...(app.parentApp === undefined ? {} : { parent_app_name: app.parentApp }),
      stack_id: 'st-7a8cf3f5-4a3b-45a8-8b8e-35ce3e3b5b36',
      flags: {},
      limits: {},
      links: {
        deployments_stream: `wss://deployments.${app.region}.scalingo.com/apps/${this.appId(app)}`
      }
    }
  }

  private collaborator(
    app: ScenarioApp,
    c: ScenarioCollaborator,
    index: number
  ): Record<string, unknown> {
    const account = c.account === undefined ? undefined : this.accounts.get(c.account)
    const pending = c.status === 'pending'
    const known = c.status === 'accepted' && account !== undefined
    const flag = (value: boolean): boolean | string =>
      this.scenario.scalingo.stringBooleans ? String(value) : value
    const tfa =
      c.tfaStatus === 'absent'
        ? {}
        : { tfa_status: c.tfaStatus === 'null' || !known ? null : flag(account.tfa) }
    return {
      id: stableHex(`collaborator:${app.name}:${index}`, 24),
      app_id: this.appId(app),
      app_name: app.name,
      // Pending invitations show "n/a" (developers documentation); deleted accounts keep theirs.
      username: pending || account === undefined ? 'n/a' : account.username,
      email: c.email ?? account?.email ?? '',
      status: c.status,
      user_id: known && c.account !== undefined ? this.userId(c.account) : '',
      is_limited: flag(c.limited),
      ...tfa
    }
  }

  /** Newest first, `page` / `per_page`, `meta.pagination` as events.md shows it. */
  private events(app: ScenarioApp, query: URLSearchParams): Reply {
    const now = Date.now()
    const all = app.events
      .flatMap((e, i) =>
        Array.from({ length: e.repeat }, (_, n) => ({
          e,
          id: stableHex(`event:${app.name}:${i}:${n}`, 24),
          at: now - (e.hoursAgo + n * e.everyHours) * HOUR_MS
        }))
      )
      .sort((a, b) => b.at - a.at)
    const page = paginate(all, query, { perPage: 30, maxPerPage: 50 })
    return reply(200, {
      events: page.items.map(({ e, id, at }) => this.event(app, e, id, at)),
      meta: {
        pagination: {
          current_page: page.page,
          next_page: page.page < page.totalPages ? page.page + 1 : null,
          prev_page: page.page > 1 ? page.page - 1 : null,
          total_pages: page.totalPages,
          total_count: all.length
        }
      }
    })
  }

  private event(
    app: ScenarioApp,
    e: ScenarioEvent,
    id: string,
    at: number
  ): Record<string, unknown> {
    return {
      id,
      created_at: withZone(at, e.zone),
      user: this.owner(e.by),
      app_id: this.appId(app),
      app_name: app.name,
      type: e.type,
      type_data: e.typeData
    }
  }

  private scmLink(app: ScenarioApp): Record<string, unknown> {
    const link = app.scmLink
    if (link === null) return {}
    return {
      id: stableUuid(`scm:${app.name}`),
      app_id: this.appId(app),
      linker: this.owner(link.linker ?? app.owner),
      owner: link.owner,
      repo: link.repo,
      branch: link.branch,
      scm_type: link.scmType,
      url: link.url ?? (link.scmType === 'github' ? 'https://github.com' : 'https://gitlab.com'),
      created_at: CREATED_AT,
      updated_at: UPDATED_AT,
      auto_deploy_enabled: link.autoDeploy,
      scm_integration_uuid: stableUuid(`integration:${link.owner}`),
      auth_integration_uuid: stableUuid(`integration:${link.owner}`),
      deploy_review_apps_enabled: link.reviewApps,
      delete_on_close_enabled: true,
      delete_stale_enabled: false,
      hours_before_delete_on_close: 0,
      hours_before_delete_stale: 0,
      automatic_creation_from_forks_allowed: link.fromForks,
      last_auto_deploy_at: link.autoDeploy ? UPDATED_AT : null
    }
  }

  private regions(req: RouteRequest): Record<string, unknown>[] {
    // Each region has its own sandbox API, serving that region's apps only.
    const origin = req.base.replace(/\/scalingo\/auth$/, '')
    const names = this.scenario.scalingo.regions ?? [
      ...new Set(this.scenario.apps.map((a) => a.region))
    ]
    return names.map((name, i) => ({
      name,
      display_name: name,
      api: `${origin}/scalingo/region/${name}/api`,
      database_api: `${origin}/scalingo/region/${name}/db-api`,
      dashboard: 'https://dashboard.scalingo.com',
      ssh: `ssh.${name}.scalingo.com:22`,
      default: i === 0
    }))
  }
}

/** `2015-02-12T18:05:14.226+01:00` or `…Z`: the instant `ms` written in that UTC offset. */
function withZone(ms: number, zone: string): string {
  if (zone === 'Z') return new Date(ms).toISOString()
  const sign = zone.startsWith('-') ? -1 : 1
  const [hours, minutes] = zone.slice(1).split(':').map(Number)
  const offsetMs = sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60 * 1000
  return new Date(ms + offsetMs).toISOString().replace('Z', zone)
}

function unauthorized(): Reply {
  return reply(401, { error: 'You are not authorized to do this operation' })
}

function notFound(): Reply {
  return reply(404, { error: 'not found' })
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url')
}

/** A JWT-shaped bearer, unique per exchange; nothing verifies its signature. */
function jwtLike(subject: string): string {
  const now = Math.floor(Date.now() / 1000)
  const header = base64url(JSON.stringify({ alg: 'HS512', typ: 'JWT' }))
  const payload = base64url(
    JSON.stringify({
      iss: 'sandbox',
      sub: subject,
      iat: now,
      exp: now + 3600,
      jti: randomBytes(12).toString('hex')
    })
  )
  return `${header}.${payload}.${base64url(randomBytes(32))}`
}
