// No API path of its own: one client made of the auth (auth.ts), app (apps.ts) and event
// (events.ts) families, over the shared transport (http.ts).
import type { Dispatcher } from 'undici'
import { NO_PROXY_SETTINGS, proxyDispatcher, type ProxySettings } from '../proxy.js'
import { appCalls, type AppCalls } from './apps.js'
import { authCalls, createSession, type AuthCalls } from './auth.js'
import { eventCalls, type EventCalls } from './events.js'
import { Budget, SCALINGO_RATE_LIMIT, systemClock, type Clock } from './budget.js'
import { Transport } from './http.js'

export const DEFAULT_TIMEOUT_MS = 30_000
const USER_AGENT = 'scalingo-access-governance (GitHub Action)'

export interface ScalingoClientOptions {
  readonly apiToken: string
  /** Auth service base, e.g. https://auth.scalingo.com (a path prefix is kept). */
  readonly authUrl: string
  /** Replaces the proxy-aware default (tests inject a MockAgent or the sandbox's). */
  readonly dispatcher?: Dispatcher
  /** HTTP(S)_PROXY / NO_PROXY as the run's config read them; direct when absent. */
  readonly proxy?: ProxySettings
  /** Request traces (core.debug in the action): method, host and path, status, time. */
  readonly trace?: (line: string) => void
  /** Per attempt, headers and body included. */
  readonly timeoutMs?: number
  /** Aborts every request and every wait (the run's deadline). */
  readonly signal?: AbortSignal
  readonly setSecret: (secret: string) => void
  /** Told of each wait that Scalingo's 60 requests a minute impose (the run's deadline grows by it). */
  readonly onPacing?: (waitMs: number) => void
  /** The budget's clock; the system clock by default (tests share a fake one with the sandbox). */
  readonly clock?: Clock
}

export interface ScalingoClient extends AuthCalls, AppCalls, EventCalls {
  /** Requests actually sent so far, retries included. */
  readonly requestCount: number
  /** 429 answers met so far. */
  readonly tooManyCount: number
  /** Time spent pacing requests within the budget, in ms. */
  readonly pacedMs: number
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
    dispatcher: options.dispatcher ?? proxyDispatcher(options.proxy ?? NO_PROXY_SETTINGS),
    trace: options.trace,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal,
    userAgent: USER_AGENT,
    secrets: () => secrets,
    budget: new Budget({
      ...SCALINGO_RATE_LIMIT,
      clock: options.clock ?? systemClock,
      onPace: options.onPacing
    })
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
    get tooManyCount() {
      return transport.tooManyCount
    },
    get pacedMs() {
      return transport.budget.pacedMs
    },
    ...authCalls(session),
    ...appCalls(session),
    ...eventCalls(session)
  }
}
