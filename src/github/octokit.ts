import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'

/** Each request (headers and body) is abandoned after this. */
export const REQUEST_TIMEOUT_MS = 30_000
/** Statuses that a retry cannot fix (peter-evans/create-pull-request's list). */
export const DO_NOT_RETRY: readonly number[] = [400, 401, 403, 404, 410, 422, 451]
/** Retries after the first attempt, for 5xx, 429 and network errors. */
export const RETRIES = 2
/** A rate-limit wait longer than this would outlive the run deadline, so it is not attempted. */
export const MAX_RATE_LIMIT_WAIT_S = 30

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
  readonly request?: { readonly fetch?: typeof fetch }
  readonly log?: OctokitLog
  /** Per-request timeout; at most REQUEST_TIMEOUT_MS. */
  readonly timeoutMs?: number
}

const QUIET: OctokitLog = { debug: () => undefined, warn: () => undefined }

const GitHubOctokit = Octokit.plugin(retry, throttling)

/**
 * The one GitHub client: retry (explicit do-not-retry list), throttling (rate limits retried at
 * most twice), a timeout per request and the run-wide abort signal.
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
      const retrying = retryCount < RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S
      log.warn(
        `GitHub ${kind} on ${request.method} ${request.url}: ` +
          (retrying ? `retrying in ${retryAfter}s` : 'giving up')
      )
      return retrying
    }
  return new GitHubOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'scalingo-access-governance',
    request: { fetch: timedFetch(options.request?.fetch ?? fetch, timeoutMs, options.signal) },
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
  })
}

/**
 * fetch with a fresh timeout per attempt (so a retry gets its own 30 s) tied to the run signal.
 * Once the run signal fires, the failure is an AbortError, which Octokit does not retry.
 */
function timedFetch(
  base: typeof fetch,
  timeoutMs: number,
  run: AbortSignal | undefined
): typeof fetch {
  return async (input, init) => {
    if (run?.aborted) throw runAborted()
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
      return buffered
    } catch (error) {
      if (run?.aborted) throw runAborted()
      // Octokit turns this into a retryable 500-like failure with this message.
      if (timeout.aborted) throw new Error(`no answer within ${timeoutMs} ms`, { cause: error })
      throw error
    }
  }
}

/** Statuses whose Response may not carry a body. */
const NULL_BODY: ReadonlySet<number> = new Set([204, 205, 304])

function runAborted(): Error {
  // A plain Error (not a DOMException) so `instanceof Error` holds in every realm.
  const error = new Error('the run deadline passed')
  error.name = 'AbortError'
  return error
}
