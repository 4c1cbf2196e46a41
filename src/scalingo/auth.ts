// POST /v1/tokens/exchange (auth service)
// GET /v1/users/self (auth service)
// GET /v1/client/tfa (auth service)
// GET /v1/regions (auth service)
import type { Account } from '../types.js'
import type { HttpRequest, Transport } from './http.js'
import { exchangeResponse, regionsResponse, selfResponse, tfaResponse } from './schemas.js'
import { toAccount } from './to-facts.js'

export interface Fetched {
  readonly request: HttpRequest
  readonly status: number
  readonly body: string
}

/** The bearer of one run, and GETs that carry it. */
export interface Session {
  readonly transport: Transport
  /** Auth service base, e.g. https://auth.scalingo.com (a path prefix is kept). */
  readonly authBase: string
  /** Exchanges the API token for a bearer, once; concurrent callers share the exchange. */
  exchange(): Promise<string>
  /** GET with the bearer; a 404 comes back as a response, for the caller to judge. */
  get(base: string, path: string, query?: string): Promise<Fetched>
  /** GET where a 404 is an error like any other. */
  getOk(base: string, path: string, query?: string): Promise<Fetched>
}

export interface SessionOptions {
  readonly apiToken: string
  readonly authBase: string
  readonly setSecret: (secret: string) => void
  /** The bearer is added here as soon as it is known, so error text can strip it. */
  readonly secrets: string[]
}

export function createSession(transport: Transport, options: SessionOptions): Session {
  const { authBase } = options
  let bearer: Promise<string> | null = null
  const exchange = (): Promise<string> => {
    bearer ??= (async () => {
      const request: HttpRequest = {
        method: 'POST',
        base: authBase,
        path: '/v1/tokens/exchange',
        authorization: `Basic ${Buffer.from(`:${options.apiToken}`).toString('base64')}`
      }
      const response = await transport.send(request)
      if (response.status === 404) throw transport.httpError(request, 404, response.body)
      const { token } = transport.parse(request, response.body, exchangeResponse)
      options.setSecret(token)
      options.secrets.push(token)
      return token
    })()
    return bearer
  }

  async function get(base: string, path: string, query = ''): Promise<Fetched> {
    const token = await exchange()
    const request: HttpRequest = {
      method: 'GET',
      base,
      path,
      query,
      authorization: `Bearer ${token}`
    }
    const response = await transport.send(request)
    return { request, body: response.body, status: response.status }
  }

  async function getOk(base: string, path: string, query = ''): Promise<Fetched> {
    const fetched = await get(base, path, query)
    if (fetched.status === 404) throw transport.httpError(fetched.request, 404, fetched.body)
    return fetched
  }

  return { transport, authBase, exchange, get, getOk }
}

/** What the auth service says about the token and its account. */
export interface AuthCalls {
  /** Exchanges the API token for a bearer, once; concurrent callers share the exchange. */
  authenticate(): Promise<void>
  self(): Promise<Account>
  tfa(): Promise<boolean>
  /** Every region the account can use, with its regional API base. */
  regions(): Promise<{ name: string; api: string }[]>
}

export function authCalls(session: Session): AuthCalls {
  const { transport, authBase } = session
  return {
    async authenticate() {
      await session.exchange()
    },

    async self() {
      const { request, body } = await session.getOk(authBase, '/v1/users/self')
      const { user } = transport.parse(request, body, selfResponse)
      return toAccount(user)
    },

    async tfa() {
      const { request, body } = await session.getOk(authBase, '/v1/client/tfa')
      return transport.parse(request, body, tfaResponse).tfa.enabled
    },

    async regions() {
      const { request, body } = await session.getOk(authBase, '/v1/regions')
      return transport
        .parse(request, body, regionsResponse)
        .regions.map((r) => ({ name: r.name, api: r.api.replace(/\/+$/, '') }))
    }
  }
}
