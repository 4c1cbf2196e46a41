import { STATUS_CODES } from 'node:http'

export type ScalingoErrorKind = 'http' | 'network' | 'timeout' | 'schema'

export interface ScalingoErrorInit {
  readonly kind: ScalingoErrorKind
  /** HTTP status; null when no response came (network error, timeout, abort). */
  readonly status: number | null
  readonly method: string
  /** API path without base, host or query, e.g. /v1/apps/my-app. */
  readonly path: string
  /** What went wrong, already free of secrets. */
  readonly detail: string
  /** Start of the response body, already free of secrets. */
  readonly bodyExcerpt?: string
  readonly cause?: unknown
}

/**
 * A Scalingo request that failed or answered with an unexpected body.
 * Carries status, method and path only: never a header, a token or a whole body.
 */
export class ScalingoError extends Error {
  override readonly name = 'ScalingoError'
  readonly kind: ScalingoErrorKind
  readonly status: number | null
  readonly method: string
  readonly path: string
  /** At most 200 characters, token-free; empty when there was no body. */
  readonly bodyExcerpt: string

  constructor(init: ScalingoErrorInit) {
    super(messageFor(init), init.cause === undefined ? undefined : { cause: init.cause })
    this.kind = init.kind
    this.status = init.status
    this.method = init.method
    this.path = init.path
    this.bodyExcerpt = init.bodyExcerpt ?? ''
  }
}

function messageFor(init: ScalingoErrorInit): string {
  const where = `Scalingo ${init.method} ${init.path}`
  switch (init.kind) {
    case 'http': {
      const detail = init.detail || STATUS_CODES[init.status ?? 0] || 'no detail'
      return `${where} → HTTP ${init.status ?? '?'}: ${detail}`
    }
    case 'schema':
      return `${where}: response did not match the expected shape (${init.detail})`
    case 'timeout':
      return `${where} → ${init.detail}`
    case 'network':
      return `${where} → network error: ${init.detail}`
  }
}

const EXCERPT_MAX = 200

// Defence in depth: a server (or a sandbox) echoing a credential must not leak it.
const SECRET_LIKE = [
  /\btk-us-[A-Za-z0-9_-]+/g,
  /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  /\b(?:Bearer|Basic) [A-Za-z0-9._~+/=-]{8,}/g
]

/**
 * Removes the given secrets and anything that looks like a Scalingo token, a JWT or an
 * Authorization value, collapses whitespace and control characters, and cuts to 200 chars.
 */
export function stripSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('***')
  }
  for (const pattern of SECRET_LIKE) out = out.replace(pattern, '***')
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim()
  return out.length > EXCERPT_MAX ? `${out.slice(0, EXCERPT_MAX - 1)}…` : out
}

/**
 * The human part of a Scalingo error body: `{"error": "…"}`, `{"errors": {field: [msg]}}`,
 * else the text itself. The result still goes through `stripSecrets`.
 */
export function errorDetail(body: string): string {
  const trimmed = body.trim()
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      if (isRecord(parsed)) {
        if (typeof parsed.error === 'string') return parsed.error
        if (isRecord(parsed.errors)) {
          return Object.entries(parsed.errors)
            .map(
              ([field, value]) =>
                `${field}: ${Array.isArray(value) ? value.join(', ') : String(value)}`
            )
            .join('; ')
        }
      }
    } catch {
      // Not JSON after all: fall through to the raw text.
    }
  }
  return trimmed
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
