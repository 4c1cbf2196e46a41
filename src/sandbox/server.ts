import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  FaultSet,
  addExtraFields,
  dropField,
  malformedJson,
  parseFaults,
  type Fault,
  type ParsedFault,
  type Service
} from './faults.js'
import { GitHubApi, type SandboxComment } from './github-api.js'
import {
  readAuthorization,
  reply,
  type AuthKind,
  type Reply,
  type RouteRequest
} from './http-util.js'
import { ScalingoApi } from './scalingo-api.js'
import { loadScenario, parseScenario, type Scenario } from './scenario.js'

/** One request the sandbox received; it never holds a credential, only its scheme. */
export interface RecordedRequest {
  readonly service: Service
  readonly method: string
  /** Path under the service prefix, as the platform documents it. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** null: no answer was given (reset or hang fault). */
  readonly status: number | null
  readonly auth: AuthKind
  /** The fault that shaped the answer, if one did. */
  readonly fault: ParsedFault['kind'] | null
  /** Milliseconds since the sandbox started, when the request arrived (the benchmark's rounds). */
  readonly startedAt: number
  /** When the answer was fully written; null when none was (reset or hang fault). */
  readonly endedAt: number | null
}

export interface SandboxOptions {
  /** A bundled scenario's name, or scenario data (validated). */
  readonly scenario: Scenario | string
  /** 0 (default): any free port. */
  readonly port?: number
  /** Delay before every answer. */
  readonly latencyMs?: number
  readonly faults?: readonly Fault[]
  /** The clock of Scalingo's per-token budget (ms); tests share a fake one with the client. */
  readonly clock?: () => number
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  readonly url: string
  readonly scalingoAuthUrl: string
  /** One API base for every region. */
  readonly scalingoApiUrl: string
  /** GHES-like base (`/api/v3`). */
  readonly githubApiUrl: string
  readonly scenario: Scenario
  /** A snapshot of the request log. */
  readonly requests: readonly RecordedRequest[]
  /** A snapshot of the pull request's comments. */
  readonly comments: readonly SandboxComment[]
  /** Scalingo bearers issued by the token exchange so far (leak tests look for them). */
  readonly issuedBearers: readonly string[]
  setFaults(faults: readonly Fault[]): void
  setLatency(ms: number): void
  /** Clears the request log and the faults, and restores the scenario's comments. */
  reset(): void
  close(): Promise<void>
}

const PREFIXES: readonly { readonly prefix: string; readonly service: Service }[] = [
  { prefix: '/scalingo/auth', service: 'scalingo-auth' },
  { prefix: '/scalingo/api', service: 'scalingo-api' },
  { prefix: '/github/api/v3', service: 'github' },
  // GraphQL, where Octokit puts it for a GHES-like `/api/v3` base.
  { prefix: '/github/api/graphql', service: 'github' }
]

/** Query parameters that may carry a credential; the log keeps their name only. */
const SECRET_QUERY = /token|secret|password|key|code|sig/i

const MAX_BODY = 1024 * 1024

/** Starts the loopback Scalingo + GitHub server. Listens on 127.0.0.1 only. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const scenario =
    typeof options.scenario === 'string'
      ? loadScenario(options.scenario)
      : parseScenario(options.scenario)
  const scalingo = new ScalingoApi(scenario, options.clock)
  const github = new GitHubApi(scenario)
  const faults = new FaultSet()
  faults.set(options.faults ?? [])
  let latencyMs = options.latencyMs ?? 0
  const log: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  const t0 = performance.now()
  const now = (): number => Math.round((performance.now() - t0) * 1000) / 1000

  const info = (): Record<string, unknown> => ({
    url: origin,
    scalingoAuthUrl: `${origin}/scalingo/auth`,
    scalingoApiUrl: `${origin}/scalingo/api`,
    githubApiUrl: `${origin}/github/api/v3`,
    scenario: scenario.name,
    repository: `${scenario.repository.owner}/${scenario.repository.name}`,
    pullRequest: scenario.repository.pullRequest,
    tokens: {
      scalingo: Object.keys(scenario.tokens.scalingo),
      github: scenario.tokens.github
    },
    inputs: scenario.inputs
  })

  const admin = (method: string, path: string, body: string): Reply => {
    if (method === 'GET' && path === '/__sandbox/requests') return reply(200, log)
    if (method === 'GET' && path === '/__sandbox/comments') return reply(200, github.listComments())
    if (method === 'GET' && path === '/__sandbox/info') return reply(200, info())
    if (method === 'GET' && path === '/__sandbox/faults') return reply(200, faults.list())
    if (method === 'POST' && path === '/__sandbox/faults') {
      try {
        const parsed: unknown = body.trim() === '' ? [] : JSON.parse(body)
        const list =
          typeof parsed === 'object' &&
          parsed !== null &&
          !Array.isArray(parsed) &&
          'faults' in parsed
            ? parsed.faults
            : parsed
        faults.set(parseFaults(list))
        return reply(200, faults.list())
      } catch (err) {
        return reply(400, { error: err instanceof Error ? err.message : 'invalid faults' })
      }
    }
    if (method === 'POST' && path === '/__sandbox/reset') {
      reset()
      return reply(200, { reset: true })
    }
    return reply(404, { error: 'unknown sandbox endpoint' })
  }

  const reset = (): void => {
    log.length = 0
    scalingo.resetBudget()
    faults.set([])
    github.resetComments()
  }

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, ms)
      timers.add(timer)
    })

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedAt = now()
    const target = new URL(req.url ?? '/', origin)
    const method = (req.method ?? 'GET').toUpperCase()
    const body = await readBody(req)

    if (target.pathname.startsWith('/__sandbox/')) {
      send(res, admin(method, target.pathname, body))
      return
    }
    // Regional APIs, as GET /v1/regions lists them: /scalingo/region/<name>/api.
    const regional = /^\/scalingo\/region\/([a-z0-9-]+)\/api(?=\/|$)/.exec(target.pathname)
    const route =
      regional?.[1] !== undefined
        ? { prefix: regional[0], service: 'scalingo-api' as const, region: regional[1] }
        : PREFIXES.find(
            (p) => target.pathname === p.prefix || target.pathname.startsWith(`${p.prefix}/`)
          )
    if (route === undefined) {
      send(
        res,
        reply(404, {
          error: 'not a sandbox path; use /scalingo/auth, /scalingo/api or /github/api/v3'
        })
      )
      return
    }
    // GraphQL has one path: recorded as /graphql, as GitHub.com spells it.
    const path = route.prefix.endsWith('/graphql')
      ? '/graphql'
      : target.pathname.slice(route.prefix.length) || '/'
    const record: {
      -readonly [K in keyof RecordedRequest]: RecordedRequest[K]
    } = {
      service: route.service,
      method,
      path,
      query: safeQuery(target.searchParams),
      status: null,
      auth: readAuthorization(req.headers).kind,
      fault: null,
      startedAt,
      endedAt: null
    }
    log.push(record)
    res.once('finish', () => {
      record.endedAt = now()
    })

    if (latencyMs > 0) await delay(latencyMs)
    if (res.destroyed) return

    const fault = faults.take(route.service, method, path, target.pathname)
    record.fault = fault?.kind ?? null
    const routeRequest: RouteRequest = {
      method,
      path,
      query: target.searchParams,
      headers: req.headers,
      body,
      base: `${origin}${route.prefix}`,
      ...('region' in route ? { region: route.region } : {})
    }
    const answer = (): Reply =>
      route.service === 'github'
        ? github.handle(routeRequest)
        : route.service === 'scalingo-auth'
          ? scalingo.handleAuth(routeRequest)
          : scalingo.handleApi(routeRequest)

    // Scalingo's per-token budget counts every request that reaches it, faulted ones aside.
    const limited =
      fault === null && route.service !== 'github' ? scalingo.rateLimited(routeRequest) : null
    if (limited !== null) {
      record.status = limited.status
      send(res, limited)
      return
    }
    if (fault === null) {
      const r = answer()
      record.status = r.status
      send(res, r)
      return
    }
    switch (fault.kind) {
      case 'status': {
        const r: Reply =
          typeof fault.body === 'string'
            ? { status: fault.status, text: fault.body }
            : reply(fault.status, fault.body ?? faultBody(route.service, fault.status))
        record.status = r.status
        send(res, r)
        return
      }
      case 'retry-after':
        record.status = 429
        send(res, {
          status: 429,
          text: 'Too Many Requests\n',
          headers: { 'retry-after': String(fault.retryAfter) }
        })
        return
      case 'rate-limit':
        record.status = 403
        send(res, rateLimited(fault.limit, fault.resetIn))
        return
      case '429':
        record.status = 429
        send(res, { status: 429, text: 'Too Many Requests\n' })
        return
      case 'flaky':
        record.status = fault.status
        send(res, reply(fault.status, faultBody(route.service, fault.status)))
        return
      case 'reset':
        req.socket.destroy()
        return
      case 'hang':
        if (fault.hang === 'body') {
          record.status = 200
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          res.write('{"partial": ')
        }
        // Nothing more is written; close() destroys the socket.
        return
      case 'malformed': {
        const r = answer()
        record.status = r.status
        send(res, {
          status: r.status,
          text: malformedJson(r.json),
          headers: { ...r.headers, 'content-type': 'application/json; charset=utf-8' }
        })
        return
      }
      case 'missing-field': {
        const r = answer()
        record.status = r.status
        send(res, { ...r, json: dropField(r.json, fault.field) })
        return
      }
      case 'extra-fields': {
        const r = answer()
        record.status = r.status
        send(res, { ...r, json: addExtraFields(r.json) })
        return
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        send(res, reply(500, { error: err instanceof Error ? err.message : 'sandbox error' }))
      } else {
        res.destroy()
      }
    })
  })
  // Keep-alive sockets must not outlive close().
  server.keepAliveTimeout = 1000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`

  return {
    url: origin,
    scalingoAuthUrl: `${origin}/scalingo/auth`,
    scalingoApiUrl: `${origin}/scalingo/api`,
    githubApiUrl: `${origin}/github/api/v3`,
    scenario,
    get requests() {
      return log.map((r) => ({ ...r }))
    },
    get comments() {
      return github.listComments()
    },
    get issuedBearers() {
      return scalingo.issuedBearers()
    },
    setFaults(list) {
      faults.set(list)
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms)
    },
    reset,
    close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}

/** GitHub's rate-limited answers; the secondary body is the one captured in public issue threads. */
function rateLimited(limit: 'primary' | 'secondary', resetIn: number): Reply {
  const docs = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
  if (limit === 'secondary') {
    return reply(
      403,
      {
        message: 'You have exceeded a secondary rate limit',
        documentation_url: `${docs}#about-secondary-rate-limits`
      },
      { 'retry-after': String(resetIn) }
    )
  }
  const reset = Math.ceil(Date.now() / 1000) + resetIn
  return reply(
    403,
    {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url: `${docs}#about-the-primary-rate-limit`
    },
    {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '1000',
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-resource': 'core'
    }
  )
}

function faultBody(service: Service, status: number): unknown {
  return service === 'github'
    ? {
        message: `Sandbox fault: HTTP ${status}`,
        documentation_url: 'https://docs.github.com/rest'
      }
    : { error: `sandbox fault: HTTP ${status}` }
}

function safeQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of params) out[key] = SECRET_QUERY.test(key) ? '[redacted]' : value
  return out
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > MAX_BODY) throw new Error('request body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function send(res: ServerResponse, r: Reply): void {
  if (res.destroyed) return
  const headers: Record<string, string> = {
    'x-sandbox': 'scalingo-access-governance',
    ...(r.headers ?? {})
  }
  let payload = ''
  if (r.text !== undefined) {
    payload = r.text
    headers['content-type'] ??= 'text/plain; charset=utf-8'
  } else if (r.json !== undefined && r.status !== 204) {
    payload = JSON.stringify(r.json)
    headers['content-type'] = 'application/json; charset=utf-8'
  }
  headers['content-length'] = String(Buffer.byteLength(payload))
  res.writeHead(r.status, headers)
  res.end(payload)
}
