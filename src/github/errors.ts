/** The permission of the endpoints that only repository administrators may read. */
export const ADMINISTRATION_READ = 'Administration: read'

/** What a failed GitHub request was for, so the error can say what to do. */
export interface RequestTarget {
  readonly method: string
  /** Path without the API base or query, e.g. /repos/acme/shop/branches/main. */
  readonly path: string
  /** Fine-grained permission the endpoint needs, e.g. "Contents: read". */
  readonly permission: string
  /** Hint for a 404, when it means something more precise than "not found". */
  readonly notFound?: string
}

/**
 * Why GitHub refused, when the refusal is not about the token's permissions:
 * - `rate-limit`: 403/429 with `x-ratelimit-remaining: 0`, a `retry-after` header, or a message
 *   naming a (secondary) rate limit (docs: "Rate limits for the REST API");
 * - `plan`: the repository's plan has no such feature, as GitHub Free answers for the protection
 *   and rules endpoints of a private repository: 403 "Upgrade to GitHub Pro or make this
 *   repository public to enable this feature." ("GitHub Team" for organizations).
 */
export type Refusal = 'rate-limit' | 'plan'

/**
 * A GitHub request that failed, or answered with an unexpected body.
 * Carries status, method and path only: never a header, a token or a whole body.
 */
export class GitHubError extends Error {
  override readonly name = 'GitHubError'
  /** HTTP status; null when no response came (network error, timeout, abort). */
  readonly status: number | null
  readonly method: string
  readonly path: string
  /** What to do about it, when we know. */
  readonly hint: string | null
  /** A rate limit or the plan, rather than a permission; null otherwise. */
  readonly refusal: Refusal | null

  constructor(
    status: number | null,
    target: RequestTarget,
    detail: string,
    hint: string | null,
    options?: { cause?: unknown; refusal?: Refusal | null }
  ) {
    const where = `${target.method} ${target.path}`
    const head = status === null ? `request failed on ${where}` : `HTTP ${status} on ${where}`
    super(`${head}: ${clean(detail)}${hint === null ? '' : ` (${hint})`}`, options)
    this.status = status
    this.method = target.method
    this.path = target.path
    this.hint = hint
    this.refusal = options?.refusal ?? null
  }
}

/** A 403/404 that means the token may not see it: not a rate limit, not the plan. */
export function isHidden(error: unknown): boolean {
  return (
    error instanceof GitHubError &&
    (error.status === 403 || error.status === 404) &&
    error.refusal === null
  )
}

/** GitHub Free's answer for protection and rules on a private repository. */
export function isPlanLimit(error: unknown): boolean {
  return error instanceof GitHubError && error.refusal === 'plan'
}

const PLAN_MESSAGE =
  /make this repository public to enable this feature|upgrade to github (?:pro|team)/i

/** Classifies a refusal from the status, the headers and the message. */
export function refusalOf(
  status: number,
  message: string,
  headers: Readonly<Record<string, unknown>>
): Refusal | null {
  if (status !== 403 && status !== 429) return null
  const header = (name: string): string => {
    const value = headers[name]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
  }
  if (
    status === 429 ||
    header('x-ratelimit-remaining') === '0' ||
    header('retry-after') !== '' ||
    /rate limit/i.test(message)
  ) {
    return 'rate-limit'
  }
  return PLAN_MESSAGE.test(message) ? 'plan' : null
}

/** Turns whatever a request threw into a GitHubError for that target. */
export function toGitHubError(error: unknown, target: RequestTarget): GitHubError {
  if (error instanceof GitHubError) return error
  if (isHttpError(error)) {
    const refusal = refusalOf(error.status, error.message, headersOf(error))
    const hint = hintFor(error.status, refusal, target)
    return new GitHubError(error.status, target, error.message, hint, { cause: error, refusal })
  }
  if (error instanceof Error) {
    const detail = error.name === 'AbortError' ? 'aborted (the run deadline passed)' : error.message
    return new GitHubError(null, target, detail, null, { cause: error })
  }
  return new GitHubError(null, target, String(error), null)
}

/** Octokit's RequestError with a response (not a declared dependency, so duck-typed). */
function isHttpError(error: unknown): error is Error & { status: number } {
  return (
    error instanceof Error &&
    'status' in error &&
    typeof error.status === 'number' &&
    'response' in error &&
    error.response !== undefined
  )
}

/** The response headers of Octokit's RequestError, lower-cased names. */
function headersOf(error: Error): Readonly<Record<string, unknown>> {
  const response: unknown = 'response' in error ? error.response : undefined
  if (typeof response !== 'object' || response === null || !('headers' in response)) return {}
  const headers: unknown = response.headers
  return typeof headers === 'object' && headers !== null ? { ...headers } : {}
}

function hintFor(status: number, refusal: Refusal | null, target: RequestTarget): string | null {
  if (status === 401) return 'the GitHub token was rejected: check the github-token input'
  if (refusal === 'rate-limit') {
    return 'GitHub rate limit reached and not lifted within the run: run again later or use a token with a higher limit'
  }
  if (refusal === 'plan') {
    return 'the repository plan has no branch protection: upgrade to GitHub Pro or Team, or make the repository public'
  }
  if (status === 403) return `give the token ${target.permission}`
  if (status === 404)
    return target.notFound ?? `check the name, or give the token ${target.permission}`
  return null
}

// Defence in depth: a token must never reach a message, even if a server echoed one.
const TOKEN_LIKE = /\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})\b/g

function clean(detail: string): string {
  const oneLine = detail.replace(TOKEN_LIKE, '***').replace(/\s+/g, ' ').trim()
  const text = oneLine === '' ? 'no detail' : oneLine
  return text.length > 200 ? `${text.slice(0, 197)}...` : text
}
