import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { Dispatcher } from 'undici'
import { NO_PROXY_SETTINGS, fetchThrough, proxyDispatcher, type ProxySettings } from '../proxy.js'

/** The toolkit's client (REST endpoint methods and pagination), with retry and throttling. */
export type Octokit = ReturnType<typeof getOctokit>

/** Each request (headers and body) is abandoned after this. */
export const REQUEST_TIMEOUT_MS = 30_000
/** Statuses that a retry cannot fix (peter-evans/create-pull-request's list). */
export const DO_NOT_RETRY: readonly number[] = [400, 401, 403, 404, 410, 422, 451]
/** Retries after the first attempt, for 5xx, 429 and network errors. */
export const RETRIES = 2
/** A rate-limit wait longer than this would outlive the run deadline, so it is not attempted. */
export const MAX_RATE_LIMIT_WAIT_S = 30
/** Time kept after a rate-limit wait for the retried request and the report. */
export const AFTER_WAIT_MARGIN_MS = 15_000

export interface OctokitLog {
  debug(message: string): void
  warn(message: string): void
}

export interface CreateOctokitOptions {
  readonly token: string
  /** From GITHUB_API_URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  readonly baseUrl: string
  /** Aborts every request, retries included, when the run's deadline passes. */
  readonly signal?: AbortSignal
  /** When the run's deadline passes (epoch ms): a rate-limit wait must end well before it. */
  readonly deadlineAt?: number
  /** Replaces the transport (tests); by default undici's fetch through the proxy settings. */
  readonly request?: { readonly fetch?: typeof fetch }
  /** HTTP(S)_PROXY / NO_PROXY as the run's config read them; direct when absent. */
  readonly proxy?: ProxySettings
  /** Shared with the Scalingo client when given, so both go through one connection pool. */
  readonly dispatcher?: Dispatcher
  /** debug: one line per attempt (method, path, status, time) and Octokit's own messages. */
  readonly log?: OctokitLog
  /** Per-request timeout; at most REQUEST_TIMEOUT_MS. */
  readonly timeoutMs?: number
}

const QUIET: OctokitLog = { debug: () => undefined, warn: () => undefined }

/**
 * The one GitHub client, the toolkit's `getOctokit` with retry (explicit do-not-retry list) and
 * throttling (rate limits retried at most twice), a timeout per request and the run-wide abort
 * signal. The toolkit's own proxy fetch is replaced, not kept: Octokit takes `request` as a
 * whole, and the toolkit's is fixed at import for GITHUB_API_URL (not `github-api-url`), so the
 * timed fetch goes through the same undici EnvHttpProxyAgent as the Scalingo client instead.
 */
export function createOctokit(options: CreateOctokitOptions): Octokit {
  const log = options.log ?? QUIET
  const timeoutMs = Math.min(options.timeoutMs ?? REQUEST_TIMEOUT_MS, REQUEST_TIMEOUT_MS)
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _o: unknown,
      retryCount: number
    ) => {
      const endsInTime =
        Date.now() + retryAfter * 1000 + AFTER_WAIT_MARGIN_MS <=
        (options.deadlineAt ?? Number.POSITIVE_INFINITY)
      const retrying = retryCount < RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S && endsInTime
      log.warn(
        `GitHub ${kind} on ${request.method} ${request.url}: ` +
          (retrying ? `retrying in ${retryAfter}s` : 'giving up')
      )
      return retrying
    }
  const transport =
    options.request?.fetch ??
    fetchThrough(options.dispatcher ?? proxyDispatcher(options.proxy ?? NO_PROXY_SETTINGS))
  const options_ = {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'scalingo-access-governance',
    request: { fetch: timedFetch(transport, timeoutMs, options.signal, log) },
    // Waits of 0.25 s then 1 s: a transient 5xx clears fast, and the run has a 100 s deadline.
    retry: { doNotRetry: [...DO_NOT_RETRY], retries: RETRIES, retryAfterBaseValue: 250 },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit')
    },
    // Only the message: Octokit passes request options (headers included) as extra arguments.
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.debug(message),
      // Failed requests are logged here; the reader decides which failures matter.
      error: (message: string) => log.debug(message),
      warn: (message: string) => log.warn(message)
    }
  }
  return getOctokit(options.token, options_, retry, throttling)
}

/**
 * fetch with a fresh timeout per attempt (so a retry gets its own 30 s) tied to the run signal.
 * Once the run signal fires, the failure is an AbortError, which Octokit does not retry.
 */
function timedFetch(
  base: typeof fetch,
  timeoutMs: number,
  run: AbortSignal | undefined,
  log: OctokitLog
): typeof fetch {
  return async (input, init) => {
    if (run?.aborted) throw runAborted()
    const started = performance.now()
    const trace = (outcome: string): void =>
      log.debug(
        `GitHub ${init?.method ?? 'GET'} ${pathOf(input)} → ${outcome} in ${elapsed(started)}`
      )
    const timeout = AbortSignal.timeout(timeoutMs)
    const signals = [timeout]
    if (run) signals.push(run)
    if (init?.signal) signals.push(init.signal)
    try {
      const response = await base(input, { ...init, signal: AbortSignal.any(signals) })
      // Read the body under the same deadline: Octokit turns a body that fails half-way into
      // data "", which octokit.paginate would take for an empty list (no workflows, no rules).
      const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer()
      const buffered = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
      })
      // Octokit reports response.url; the constructor cannot set it.
      Object.defineProperty(buffered, 'url', { value: response.url })
      trace(String(response.status))
      return buffered
    } catch (error) {
      if (run?.aborted) {
        trace('aborted (run deadline)')
        throw runAborted()
      }
      // Octokit turns this into a retryable 500-like failure with this message.
      if (timeout.aborted) {
        trace('no answer (timeout)')
        throw new Error(`no answer within ${timeoutMs} ms`, { cause: error })
      }
      trace('network error')
      throw error
    }
  }
}

/** Path and query of a request URL: never its origin's credentials, never a header or a body. */
function pathOf(input: Parameters<typeof fetch>[0]): string {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  if (!URL.canParse(href)) return '(unreadable URL)'
  const url = new URL(href)
  return `${url.pathname}${url.search}`
}

function elapsed(started: number): string {
  return `${Math.round(performance.now() - started)} ms`
}

/** Statuses whose Response may not carry a body. */
const NULL_BODY: ReadonlySet<number> = new Set([204, 205, 304])

function runAborted(): Error {
  // A plain Error (not a DOMException) so `instanceof Error` holds in every realm.
  const error = new Error('the run deadline passed')
  error.name = 'AbortError'
  return error
}
