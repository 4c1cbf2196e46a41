import { z } from 'zod'

/** Which half of the sandbox a request went to. */
export type Service = 'scalingo-auth' | 'scalingo-api' | 'github'

const base = {
  /** `scalingo` covers the auth and API services. */
  service: z.enum(['scalingo', 'github', 'any']).default('any'),
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .optional(),
  /**
   * Path as the platform documents it (`/v1/apps/my-app`, `/repos/o/r/branches/main`) or with the
   * sandbox prefix; `*` matches any run of characters, so `/v1/apps/*` is a prefix.
   */
  path: z.string().min(1),
  /** Apply to the first `times` matching requests only (flaky: the number of 5xx answers). */
  times: z.number().int().positive().optional()
}

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional()
  }),
  z.strictObject({
    ...base,
    kind: z.literal('retry-after'),
    retryAfter: z.number().int().min(0).default(1)
  }),
  z.strictObject({ ...base, kind: z.literal('429') }),
  /**
   * GitHub's rate limits (docs: "Rate limits for the REST API"): `primary` answers 403 with
   * `x-ratelimit-remaining: 0` and `x-ratelimit-reset` `resetIn` seconds ahead; `secondary`
   * answers 403 "You have exceeded a secondary rate limit" with `retry-after: resetIn`.
   */
  z.strictObject({
    ...base,
    kind: z.literal('rate-limit'),
    limit: z.enum(['primary', 'secondary']).default('primary'),
    resetIn: z.number().int().min(0).default(1)
  }),
  z.strictObject({
    ...base,
    kind: z.literal('flaky'),
    status: z.number().int().min(500).max(599).default(503)
  }),
  z.strictObject({ ...base, kind: z.literal('reset') }),
  z.strictObject({
    ...base,
    kind: z.literal('hang'),
    /** `headers`: never answer; `body`: send the headers and part of the body, never end. */
    hang: z.enum(['headers', 'body']).default('headers')
  }),
  z.strictObject({ ...base, kind: z.literal('malformed') }),
  z.strictObject({
    ...base,
    kind: z.literal('missing-field'),
    /** Dotted path; arrays are walked through (`collaborators.tfa_status`, `app.owner.email`). */
    field: z.string().min(1)
  }),
  z.strictObject({ ...base, kind: z.literal('extra-fields') })
])

/** A fault as callers write it (defaults optional). */
export type Fault = z.input<typeof faultSchema>
export type ParsedFault = z.output<typeof faultSchema>
export type FaultKind = ParsedFault['kind']

export function parseFaults(value: unknown): ParsedFault[] {
  const parsed = z.array(faultSchema).safeParse(value)
  if (!parsed.success) throw new Error(`Invalid faults:\n${z.prettifyError(parsed.error)}`)
  return parsed.data
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${escaped}$`)
}

function serviceMatches(wanted: ParsedFault['service'], actual: Service): boolean {
  if (wanted === 'any') return true
  if (wanted === 'github') return actual === 'github'
  return actual === 'scalingo-auth' || actual === 'scalingo-api'
}

interface ActiveFault {
  readonly fault: ParsedFault
  readonly pattern: RegExp
  hits: number
}

/** The faults in force and how many requests each has hit. */
export class FaultSet {
  private active: ActiveFault[] = []

  set(faults: readonly Fault[]): void {
    this.active = parseFaults(faults).map((fault) => ({
      fault,
      pattern: globToRegExp(fault.path),
      hits: 0
    }))
  }

  list(): ParsedFault[] {
    return this.active.map((a) => a.fault)
  }

  /** The first fault that applies to this request, counted as a hit; null when none. */
  take(service: Service, method: string, path: string, fullPath: string): ParsedFault | null {
    for (const entry of this.active) {
      const { fault } = entry
      const limit = fault.times ?? (fault.kind === 'flaky' ? 1 : Infinity)
      if (entry.hits >= limit) continue
      if (!serviceMatches(fault.service, service)) continue
      if (fault.method !== undefined && fault.method !== method) continue
      if (![path, fullPath, safeDecode(path)].some((p) => entry.pattern.test(p))) continue
      entry.hits += 1
      return fault
    }
    return null
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/** Removes a dotted field path from a JSON value, walking through arrays. Returns a copy. */
export function dropField(value: unknown, field: string): unknown {
  const copy: unknown = structuredClone(value)
  const walk = (node: unknown, segments: readonly string[]): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, segments)
      return
    }
    if (node === null || typeof node !== 'object') return
    const [head, ...rest] = segments
    if (head === undefined) return
    const record = node as Record<string, unknown>
    if (rest.length === 0) Reflect.deleteProperty(record, head)
    else walk(record[head], rest)
  }
  walk(copy, field.split('.'))
  return copy
}

/** Adds unknown fields to every object, as a newer API version might. Returns a copy. */
export function addExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addExtraFields)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) out[key] = addExtraFields(inner)
  out.x_sandbox_extra = 'a field this client does not know'
  out.x_sandbox_nested = { added_in: '2099-01-01', flags: [1, 2, 3] }
  return out
}

/** A JSON text cut in the middle, so that it no longer parses. */
export function malformedJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null'
  return `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}<<truncated`
}
