import type { IncomingHttpHeaders } from 'node:http'
import type { Dispatcher } from 'undici'
import type { z } from 'zod'
import { Budget, SCALINGO_RATE_LIMIT, systemClock, type Slot } from './budget.js'
import { ScalingoError, errorDetail, stripSecrets } from './errors.js'

/** Total attempts for a retryable failure (the first try included). */
export const MAX_ATTEMPTS = 3
/** Waits before the 2nd and 3rd attempts when the server gives no Retry-After. */
const BACKOFF_MS = [200, 400] as const
/** A Retry-After longer than this is shortened to Scalingo's rate-limit window. */
const MAX_RETRY_AFTER_MS = SCALINGO_RATE_LIMIT.windowMs
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])

export interface HttpRequest {
  readonly method: 'GET' | 'POST'
  /** Base URL, possibly with a path prefix (http://127.0.0.1:1234/scalingo/api). */
  readonly base: string
  /** API path starting with /v1/, already URL-encoded where it holds names. */
  readonly path: string
  /** Query string without `?`, or empty. */
  readonly query?: string
  readonly authorization: string
}

export interface HttpResponse {
  readonly status: number
  readonly body: string
}

export interface TransportOptions {
  readonly dispatcher: Dispatcher
  readonly timeoutMs: number
  readonly signal?: AbortSignal
  readonly userAgent: string
  /** Secrets known so far (API token, bearer), removed from any error text. */
  readonly secrets: () => readonly string[]
  /** One line per attempt: method, host and path, status, time (never a header or a body). */
  readonly trace?: (line: string) => void
  /** The token's request budget (budget.ts); Scalingo's 60 a minute on the system clock by default. */
  readonly budget?: Budget
}

type Attempt =
  | {
      readonly outcome: 'response'
      readonly status: number
      readonly headers: IncomingHttpHeaders
      readonly body: string
    }
  | { readonly outcome: 'timeout' | 'aborted' | 'network'; readonly error: unknown }

/**
 * Sends requests with a bounded retry (429, 5xx and network errors; three attempts), a
 * deadline per attempt that covers headers and body, and the run's abort signal.
 *
 * Undici's retry interceptor was not used: on the last 5xx it throws without the body (so the
 * error could not say why), it resumes interrupted bodies with Range requests, its backoff
 * sleep ignores the abort signal, and it has no deadline for a whole attempt.
 */
export class Transport {
  /** Requests actually sent, retries included. */
  requestCount = 0
  /** 429 answers met. */
  tooManyCount = 0
  readonly budget: Budget

  constructor(private readonly options: TransportOptions) {
    this.budget = options.budget ?? new Budget({ ...SCALINGO_RATE_LIMIT, clock: systemClock })
  }

  /** A 2xx or a 404 response (the caller decides what 404 means); else a ScalingoError. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const target = resolve(request)
    if (target === null) {
      throw new ScalingoError({
        kind: 'network',
        status: null,
        method: request.method,
        path: request.path,
        detail: 'the base URL is not a valid URL'
      })
    }
    for (let attempt = 1; ; attempt++) {
      if (this.options.signal?.aborted) throw this.aborted(request)
      const slot = await this.slot(request)
      this.requestCount++
      const started = performance.now()
      const result = await this.attempt(target, request, slot)
      this.trace(target, request, result, started)
      if (result.outcome === 'response') {
        if ((result.status >= 200 && result.status < 300) || result.status === 404) {
          return { status: result.status, body: result.body }
        }
        if (result.status === 429) this.tooManyCount++
        if (!RETRYABLE_STATUSES.has(result.status) || attempt >= MAX_ATTEMPTS) {
          throw this.httpError(request, result.status, result.body)
        }
        const retryAfter = retryAfterMs(result.headers)
        // A 429 is the account's budget spent elsewhere: every request waits for it to refill.
        await this.wait(
          request,
          result.status === 429
            ? this.budget.tooMany(retryAfter)
            : (retryAfter ?? backoffMs(attempt))
        )
        continue
      }
      if (result.outcome === 'aborted') throw this.aborted(request, result.error)
      if (result.outcome === 'timeout' && attempt >= MAX_ATTEMPTS) {
        // Retried like any network failure; the run-wide deadline bounds the attempts in time.
        throw new ScalingoError({
          kind: 'timeout',
          status: null,
          method: request.method,
          path: request.path,
          detail: `timed out after ${formatMs(this.options.timeoutMs)}, ${MAX_ATTEMPTS} times (no complete response)`,
          cause: result.error
        })
      }
      if (
        result.outcome === 'network' &&
        (attempt >= MAX_ATTEMPTS || !isRetryableNetworkError(result.error))
      ) {
        throw new ScalingoError({
          kind: 'network',
          status: null,
          method: request.method,
          path: request.path,
          detail: this.clean(networkDetail(result.error)),
          cause: result.error
        })
      }
      await this.wait(request, backoffMs(attempt))
    }
  }

  /** An HTTP failure as a ScalingoError; also for a 404 that the caller counts as one. */
  httpError(request: HttpRequest, status: number, body: string): ScalingoError {
    const excerpt = this.clean(body)
    return new ScalingoError({
      kind: 'http',
      status,
      method: request.method,
      path: request.path,
      detail: this.clean(errorDetail(body)),
      bodyExcerpt: excerpt
    })
  }

  /** Parses JSON and checks it against the schema; a mismatch names the fields. */
  parse<S extends z.ZodType>(request: HttpRequest, body: string, schema: S): z.output<S> {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      throw this.schemaError(request, 'the body is not JSON', body)
    }
    const result = schema.safeParse(json, {
      error: (issue) =>
        issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined
    })
    if (result.success) return result.data
    const issues = result.error.issues.slice(0, 3).map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'
      return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`
    })
    const more =
      result.error.issues.length > 3 ? `; and ${result.error.issues.length - 3} more` : ''
    throw this.schemaError(request, `${issues.join('; ')}${more}`, body)
  }

  private schemaError(request: HttpRequest, detail: string, body: string): ScalingoError {
    return new ScalingoError({
      kind: 'schema',
      status: null,
      method: request.method,
      path: request.path,
      detail: this.clean(detail),
      bodyExcerpt: this.clean(body)
    })
  }

  private async slot(request: HttpRequest): Promise<Slot> {
    try {
      return await this.budget.take(this.options.signal)
    } catch (error) {
      throw this.aborted(request, error)
    }
  }

  private async attempt(
    target: { origin: string; path: string },
    request: HttpRequest,
    slot: Slot
  ): Promise<Attempt> {
    const own = new AbortController()
    const timer = setTimeout(() => own.abort(), this.options.timeoutMs)
    const external = this.options.signal
    const signal = external ? AbortSignal.any([external, own.signal]) : own.signal
    try {
      const response = await this.options.dispatcher.request({
        origin: target.origin,
        path: target.path,
        method: request.method,
        headers: {
          accept: 'application/json',
          authorization: request.authorization,
          'user-agent': this.options.userAgent
        },
        signal
      })
      // Reading the body inside the deadline: a response that never ends must time out.
      const body = await response.body.text()
      return { outcome: 'response', status: response.statusCode, headers: response.headers, body }
    } catch (error) {
      if (external?.aborted) return { outcome: 'aborted', error }
      if (own.signal.aborted) return { outcome: 'timeout', error }
      return { outcome: 'network', error }
    } finally {
      clearTimeout(timer)
      slot.done()
    }
  }

  private trace(
    target: { origin: string; path: string },
    request: HttpRequest,
    result: Attempt,
    started: number
  ): void {
    if (this.options.trace === undefined) return
    const outcome =
      result.outcome === 'response'
        ? String(result.status)
        : {
            timeout: 'no answer (timeout)',
            aborted: 'aborted (run deadline)',
            network: 'network error'
          }[result.outcome]
    const where = `${new URL(target.origin).host}${target.path}`
    const ms = Math.round(performance.now() - started)
    this.options.trace(this.clean(`Scalingo ${request.method} ${where} → ${outcome} in ${ms} ms`))
  }

  private async wait(request: HttpRequest, ms: number): Promise<void> {
    try {
      await this.budget.sleep(ms, this.options.signal)
    } catch (error) {
      throw this.aborted(request, error)
    }
  }

  private aborted(request: HttpRequest, cause?: unknown): ScalingoError {
    return new ScalingoError({
      kind: 'timeout',
      status: null,
      method: request.method,
      path: request.path,
      detail: 'aborted: the run deadline passed',
      cause
    })
  }

  private clean(text: string): string {
    return stripSecrets(text, this.options.secrets())
  }
}

/** Joins base and path as strings so that a base path prefix survives. */
export function joinUrl(base: string, path: string, query = ''): string {
  return `${base.replace(/\/+$/, '')}${path}${query === '' ? '' : `?${query}`}`
}

function resolve(request: HttpRequest): { origin: string; path: string } | null {
  if (!URL.canParse(joinUrl(request.base, request.path, request.query))) return null
  const url = new URL(joinUrl(request.base, request.path, request.query))
  return { origin: url.origin, path: `${url.pathname}${url.search}` }
}

function backoffMs(attempt: number): number {
  return BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0]
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | null {
  const raw = headers['retry-after']
  const value = Array.isArray(raw) ? raw[0] : raw
  if (value === undefined || value.trim() === '') return null
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now
  if (Number.isNaN(ms)) return null
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS)
}

function isRetryableNetworkError(error: unknown): boolean {
  // A request undici refuses to build will fail the same way every time.
  return !(error instanceof Error && 'code' in error && error.code === 'UND_ERR_INVALID_ARG')
}

function networkDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null
  return code !== null && !error.message.includes(code)
    ? `${error.message} (${code})`
    : error.message
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`
}
