import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/** One request, as a route handler sees it. */
export interface RouteRequest {
  readonly method: string
  /** Path under the service prefix, as the platform documents it (`/v1/apps`). */
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** Absolute URL of the service prefix (`http://127.0.0.1:PORT/github/api/v3`), for links. */
  readonly base: string
  /** The region of a regional Scalingo API (`/scalingo/region/<name>/api`); absent on /scalingo/api. */
  readonly region?: string
}

/** What a handler answers; the server turns it into bytes (and may spoil it with a fault). */
export interface Reply {
  readonly status: number
  /** JSON body; absent for 204. */
  readonly json?: unknown
  /** Plain-text body, used instead of `json`. */
  readonly text?: string
  readonly headers?: Readonly<Record<string, string>>
}

export function reply(status: number, json?: unknown, headers?: Record<string, string>): Reply {
  return { status, json, headers }
}

export type AuthKind = 'basic' | 'bearer' | 'token' | 'none' | 'other'

/** The Authorization scheme and its credential; the credential never leaves the handlers. */
export function readAuthorization(headers: IncomingHttpHeaders): {
  kind: AuthKind
  credential: string | null
} {
  const value = headers.authorization
  if (value === undefined || value.trim() === '') return { kind: 'none', credential: null }
  const match = /^(\S+)\s+(.+)$/.exec(value.trim())
  const scheme = match?.[1]?.toLowerCase()
  const credential = match?.[2]?.trim() ?? null
  if (scheme === 'basic' || scheme === 'bearer' || scheme === 'token') {
    return { kind: scheme, credential }
  }
  return { kind: 'other', credential: null }
}

/** Stable hex derived from a seed, so ids stay the same from run to run. */
export function stableHex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length)
}

export function stableUuid(seed: string): string {
  const h = stableHex(seed, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function stableNumber(seed: string): number {
  return (Number.parseInt(stableHex(seed, 8), 16) % 900_000_000) + 100_000_000
}

export interface Page<T> {
  readonly items: T[]
  readonly page: number
  readonly perPage: number
  readonly totalPages: number
}

/** `page` / `per_page` slicing; out-of-range values fall back the way both APIs do. */
export function paginate<T>(
  all: readonly T[],
  query: URLSearchParams,
  defaults: { perPage: number; maxPerPage: number }
): Page<T> {
  const perPageRaw = Number.parseInt(query.get('per_page') ?? '', 10)
  const perPage =
    Number.isFinite(perPageRaw) && perPageRaw > 0
      ? Math.min(perPageRaw, defaults.maxPerPage)
      : defaults.perPage
  const pageRaw = Number.parseInt(query.get('page') ?? '', 10)
  const page = Number.isFinite(pageRaw) && pageRaw > 0 ? pageRaw : 1
  const totalPages = Math.max(1, Math.ceil(all.length / perPage))
  return { items: all.slice((page - 1) * perPage, page * perPage), page, perPage, totalPages }
}

/** GitHub's Link header (`<url>; rel="next", …`), or null when everything fits on one page. */
export function linkHeader(
  url: string,
  query: URLSearchParams,
  page: Page<unknown>
): string | null {
  if (page.totalPages <= 1) return null
  const link = (n: number, rel: string): string => {
    const q = new URLSearchParams(query)
    q.set('per_page', String(page.perPage))
    q.set('page', String(n))
    return `<${url}?${q.toString()}>; rel="${rel}"`
  }
  const parts: string[] = []
  if (page.page > 1) parts.push(link(page.page - 1, 'prev'))
  if (page.page < page.totalPages) parts.push(link(page.page + 1, 'next'))
  parts.push(link(page.totalPages, 'last'))
  if (page.page > 1) parts.push(link(1, 'first'))
  return parts.join(', ')
}

/** Fixed timestamps keep responses deterministic. */
export const CREATED_AT = '2024-03-04T09:30:00.000Z'
export const UPDATED_AT = '2025-05-12T14:05:00.000Z'
