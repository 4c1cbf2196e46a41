import { MockAgent } from 'undici'
import { createScalingoClient, type ScalingoClient } from '../../src/scalingo/client.js'

/** One canned answer of the fake Scalingo. */
export interface Reply {
  readonly status: number
  /** Objects are sent as JSON, strings as they are. */
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

/** A fixed reply, a sequence (the last one repeats), or a function of the request. */
export type Route = Reply | readonly Reply[] | ((call: Call) => Reply)

export interface Call {
  readonly method: string
  /** Origin and path with query, e.g. https://api.test/v1/apps?page=2. */
  readonly url: string
  readonly headers: Record<string, string>
}

export interface FakeScalingo {
  readonly agent: MockAgent
  /** Every request that reached the fake, in order, as "METHOD url". */
  readonly calls: string[]
  readonly requests: Call[]
}

/**
 * A MockAgent that answers `"METHOD url"` keys from a table, records every request, and
 * answers 418 to anything not in the table (so a test sees the stray request).
 */
export function fakeScalingo(routes: Record<string, Route>): FakeScalingo {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const calls: string[] = []
  const requests: Call[] = []
  const served = new Map<string, number>()
  const origins = new Set(Object.keys(routes).map((key) => new URL(key.split(' ')[1] ?? '').origin))
  for (const origin of origins) {
    agent
      .get(origin)
      .intercept({ path: () => true, method: () => true })
      .reply((opts) => {
        const call: Call = {
          method: opts.method,
          url: `${origin}${opts.path}`,
          headers: plain(opts.headers)
        }
        // per_page=100 (PER_PAGE, sent to every list) is left out of `calls` and matched loosely:
        // a route without it answers too. `requests` keeps the URL as sent.
        const key = `${call.method} ${withoutPerPage(call.url)}`
        calls.push(key)
        requests.push(call)
        const route = routes[`${call.method} ${call.url}`] ?? routes[key]
        const index = served.get(key) ?? 0
        served.set(key, index + 1)
        const reply = pick(route, index, call)
        const data = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {})
        return { statusCode: reply.status, data, responseOptions: { headers: reply.headers ?? {} } }
      })
      .persist()
  }
  return { agent, calls, requests }
}

function withoutPerPage(url: string): string {
  const parsed = new URL(url)
  if (parsed.searchParams.get('per_page') === '100') parsed.searchParams.delete('per_page')
  return `${parsed.origin}${parsed.pathname}${parsed.search}`
}

function pick(route: Route | undefined, index: number, call: Call): Reply {
  if (route === undefined) return { status: 418, body: `no route for ${call.method} ${call.url}` }
  if (typeof route === 'function') return route(call)
  if (isSequence(route)) {
    const last = route[route.length - 1]
    return route[Math.min(index, route.length - 1)] ?? last ?? { status: 418 }
  }
  return route
}

function isSequence(route: Reply | readonly Reply[]): route is readonly Reply[] {
  return Array.isArray(route)
}

function plain(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      out[name.toLowerCase()] = value
    })
  } else if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1])
  } else if (typeof headers === 'object' && headers !== null) {
    for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value)
  }
  return out
}

export const TOKEN = 'tk-us-0123456789abcdef-test'
export const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl'
export const AUTH = 'https://auth.test'
export const API = 'https://api.test'

/**
 * The real client on a fake Scalingo that answers `routes`; `secrets` records what the client
 * asked the runner to mask, in order.
 */
export function clientFor(
  routes: Record<string, Route>,
  opts: { authUrl?: string; timeoutMs?: number } = {}
): { client: ScalingoClient; fake: FakeScalingo; secrets: string[] } {
  const fake = fakeScalingo(routes)
  const secrets: string[] = []
  const client = createScalingoClient({
    apiToken: TOKEN,
    authUrl: opts.authUrl ?? AUTH,
    dispatcher: fake.agent,
    timeoutMs: opts.timeoutMs ?? 5000,
    setSecret: (s) => secrets.push(s)
  })
  return { client, fake, secrets }
}

/** Routes every test needs: the exchange and the token's own account. */
export function authRoutes(auth = AUTH): Record<string, Route> {
  return {
    [`POST ${auth}/v1/tokens/exchange`]: { status: 200, body: { token: BEARER } },
    [`GET ${auth}/v1/users/self`]: {
      status: 200,
      body: { user: { id: 'u-1', username: 'ops-bot', email: 'ops@acme.test', fullname: 'Ops' } }
    },
    [`GET ${auth}/v1/client/tfa`]: { status: 200, body: { tfa: { enabled: true, uuid: 'x' } } },
    [`GET ${auth}/v1/regions`]: {
      status: 200,
      body: { regions: [{ name: 'osc-fr1', api: API }] }
    }
  }
}
