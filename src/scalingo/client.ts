// No API path of its own: one client made of the auth (auth.ts) and app (apps.ts) families,
// over the shared transport (http.ts).
import { Agent, type Dispatcher } from 'undici'
import { appCalls, type AppCalls } from './apps.js'
import { authCalls, createSession, type AuthCalls } from './auth.js'
import { Transport } from './http.js'

export const DEFAULT_TIMEOUT_MS = 30_000
const USER_AGENT = 'scalingo-access-governance (GitHub Action)'

export interface ScalingoClientOptions {
  readonly apiToken: string
  /** Auth service base, e.g. https://auth.scalingo.com (a path prefix is kept). */
  readonly authUrl: string
  readonly dispatcher?: Dispatcher
  /** Per attempt, headers and body included. */
  readonly timeoutMs?: number
  /** Aborts every request and every wait (the run's deadline). */
  readonly signal?: AbortSignal
  readonly setSecret: (secret: string) => void
}

export interface ScalingoClient extends AuthCalls, AppCalls {
  /** Requests actually sent so far, retries included. */
  readonly requestCount: number
}

/**
 * The Scalingo API, read-only: token exchange on the auth service, then bearer requests to
 * the regional APIs. Every response is checked by a zod schema and mapped to src/types.ts.
 */
export function createScalingoClient(options: ScalingoClientOptions): ScalingoClient {
  // Masked before any request can print it.
  options.setSecret(options.apiToken)
  const secrets: string[] = [options.apiToken]
  const transport = new Transport({
    dispatcher: options.dispatcher ?? new Agent(),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal,
    userAgent: USER_AGENT,
    secrets: () => secrets
  })
  const session = createSession(transport, {
    apiToken: options.apiToken,
    authBase: options.authUrl,
    setSecret: options.setSecret,
    secrets
  })
  return {
    get requestCount() {
      return transport.requestCount
    },
    ...authCalls(session),
    ...appCalls(session)
  }
}
