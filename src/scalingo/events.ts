// GET /v1/apps/{app}/events
import { z } from 'zod'
import { accessChanges, eventsWhat, sortNewestFirst, type AppEvent } from '../access/changes.js'
import type { AccessChange, AppTarget, Unavailable } from '../types.js'
import type { Session } from './auth.js'

/*
 * An app's events (developers documentation `_scalingo_api/events.md`, "List the Events of an
 * App"): paginated with `page` and `per_page`, `meta.pagination` to follow, newest first. Only
 * as many pages are read as the window needs: the first page that reaches an event older than
 * the window is the last one asked for.
 */

/**
 * Asked per page. Scalingo documents no maximum for events ("each resource has a maximum");
 * 50 is the largest bound any of its clients states (go-scalingo, private networks), and more
 * than the CLI's 30 for `timeline`.
 */
export const EVENTS_PER_PAGE = 50
/**
 * Pages read per app at most: 1,000 events at 50 a page. A window that needs more is reported
 * as unreadable (cut short), never as complete.
 */
export const MAX_EVENT_PAGES = 20

/** A time with its zone (`Z` or `+01:00`): a time without one would depend on the runner's. */
const timestamp = z.iso.datetime({ offset: true })

const eventUser = z
  .object({ id: z.string().nullish(), username: z.string().nullish(), email: z.string().nullish() })
  .nullish()

const event = z.object({
  created_at: timestamp,
  user: eventUser,
  type: z.string(),
  type_data: z.unknown().optional()
})

const page = z.number().int()

export const eventsResponse = z.object({
  events: z.array(event),
  meta: z
    .object({
      pagination: z
        .object({
          current_page: page.nullish(),
          next_page: page.nullish(),
          total_pages: page.nullish()
        })
        .nullish()
    })
    .nullish()
})

export type EventsPage = z.output<typeof eventsResponse>

/** What a regional API says about an app's history. */
export interface EventCalls {
  /** One page of an app's events, newest first. */
  appEvents(apiBase: string, app: string, page: number, perPage: number): Promise<EventsPage>
}

export function eventCalls(session: Session): EventCalls {
  const { transport, getOk } = session
  return {
    async appEvents(apiBase, app, page, perPage) {
      const path = `/v1/apps/${encodeURIComponent(app)}/events`
      const { request, body } = await getOk(apiBase, path, `page=${page}&per_page=${perPage}`)
      return transport.parse(request, body, eventsResponse)
    }
  }
}

const text = (v: string | null | undefined): string | null => {
  const trimmed = v?.trim() ?? ''
  return trimmed === '' || trimmed === 'n/a' ? null : trimmed
}

/**
 * Every event of `app` created at or after `since`, newest first. Throws when a page cannot be
 * read or the window needs more than MAX_EVENT_PAGES pages.
 */
export async function readAppEvents(
  client: EventCalls,
  apiBase: string,
  app: string,
  since: Date
): Promise<AppEvent[]> {
  const start = since.getTime()
  const events: AppEvent[] = []
  let pageNumber = 1
  for (let read = 0; read < MAX_EVENT_PAGES; read++) {
    const body = await client.appEvents(apiBase, app, pageNumber, EVENTS_PER_PAGE)
    let reachedOlder = false
    for (const e of body.events) {
      const at = new Date(e.created_at)
      if (at.getTime() < start) {
        reachedOlder = true
        continue
      }
      events.push({
        at: at.toISOString(),
        user: {
          id: text(e.user?.id),
          username: text(e.user?.username),
          email: text(e.user?.email)
        },
        type: e.type,
        typeData: e.type_data ?? null
      })
    }
    if (reachedOlder) return events
    const pagination = body.meta?.pagination
    const current = pagination?.current_page ?? pageNumber
    const next = pagination?.next_page ?? null
    const total = pagination?.total_pages ?? null
    // The end: no next page, or (Go services) a next page that does not move forward, past the
    // last page, or an empty page.
    const last = next === null || next <= current || (total !== null && current >= total)
    if (last || body.events.length === 0) return events
    pageNumber = next
  }
  throw new Error(
    `more than ${MAX_EVENT_PAGES * EVENTS_PER_PAGE} events since ${since.toISOString()} ` +
      `(${MAX_EVENT_PAGES} pages read); the list was cut short, so set a shorter changes-since`
  )
}

export interface ChangesRead {
  /** Every access change of the apps whose events were read, newest first. */
  readonly changes: readonly AccessChange[]
  /** Apps whose events could not be read (for this part only: the rest of the audit stands). */
  readonly failures: readonly Unavailable[]
}

/**
 * The access changes of each app since `since`, through `limit` (the run's shared cap on
 * requests in flight). A failed app is a failure naming its events, never an empty list.
 */
export async function readAccessChanges(
  client: EventCalls,
  targets: readonly AppTarget[],
  since: Date,
  limit: <T>(task: () => Promise<T>) => Promise<T>
): Promise<ChangesRead> {
  const results = await Promise.all(
    targets.map(async (target) => {
      try {
        const events = await limit(() => readAppEvents(client, target.apiUrl, target.name, since))
        return { target, changes: accessChanges(target.name, events), error: null }
      } catch (error) {
        return { target, changes: [], error }
      }
    })
  )
  const failures: Unavailable[] = []
  for (const r of results) {
    if (r.error === null) continue
    failures.push({
      app: r.target.name,
      what: eventsWhat(r.target.name),
      reason: r.error instanceof Error ? r.error.message : String(r.error)
    })
  }
  return { changes: sortNewestFirst(results.flatMap((r) => r.changes)), failures }
}
