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

  constructor(
    status: number | null,
    target: RequestTarget,
    detail: string,
    hint: string | null,
    options?: { cause?: unknown }
  ) {
    const where = `${target.method} ${target.path}`
    const head = status === null ? `request failed on ${where}` : `HTTP ${status} on ${where}`
    super(`${head}: ${clean(detail)}${hint === null ? '' : ` (${hint})`}`, options)
    this.status = status
    this.method = target.method
    this.path = target.path
    this.hint = hint
  }
}

/** Turns whatever a request threw into a GitHubError for that target. */
export function toGitHubError(error: unknown, target: RequestTarget): GitHubError {
  if (error instanceof GitHubError) return error
  if (isHttpError(error)) {
    const hint = hintFor(error.status, error.message, target)
    return new GitHubError(error.status, target, error.message, hint, { cause: error })
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

function hintFor(status: number, message: string, target: RequestTarget): string | null {
  if (status === 401) return 'the GitHub token was rejected: check the github-token input'
  if ((status === 403 || status === 429) && /rate limit/i.test(message)) {
    return 'GitHub rate limit reached: run again later or use a token with a higher limit'
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
