import { describe, expect, it } from '@jest/globals'
import { readAccessChanges, readAppEvents, MAX_EVENT_PAGES } from '../../src/scalingo/events.js'
import { limiter } from '../../src/promises.js'
import { API, authRoutes, clientFor, type Route } from './fake-scalingo.js'

/*
 * GET /v1/apps/{app}/events as Scalingo's developers documentation shows it (events.md, "List
 * the Events of an App"; pagination in index.md): `page` / `per_page`, `meta.pagination` with
 * current_page, next_page (null on the last page), prev_page, total_pages, total_count.
 */

const SINCE = new Date('2026-11-19T15:30:00.000Z')
const user = {
  username: 'johndoe',
  email: 'john@doe.com',
  id: 'us-0e6d8e46-5cd0-42a4-acba-372b2be605ac'
}

function event(
  createdAt: string,
  type = 'deployment',
  typeData: unknown = { status: 'success' }
): unknown {
  return {
    id: createdAt,
    created_at: createdAt,
    user,
    app_id: 'a-1',
    app_name: 'my-app',
    type,
    type_data: typeData
  }
}

function page(
  events: unknown[],
  current: number,
  total: number,
  nextOverride?: number | null
): unknown {
  return {
    events,
    meta: {
      pagination: {
        current_page: current,
        next_page: nextOverride !== undefined ? nextOverride : current < total ? current + 1 : null,
        prev_page: current > 1 ? current - 1 : null,
        total_pages: total,
        total_count: 999
      }
    }
  }
}

const url = (n: number): string => `GET ${API}/v1/apps/my-app/events?page=${n}&per_page=50`

function routes(pages: Record<number, unknown>): Record<string, Route> {
  const r: Record<string, Route> = { ...authRoutes() }
  for (const [n, body] of Object.entries(pages)) r[url(Number(n))] = { status: 200, body }
  return r
}

describe('readAppEvents', () => {
  it('an event exactly at the window start is in; one millisecond before is out', async () => {
    const { client } = clientFor(
      routes({
        1: page(
          [
            event('2026-11-20T10:00:00.000Z'),
            event('2026-11-19T15:30:00.000Z'),
            event('2026-11-19T15:29:59.999Z')
          ],
          1,
          1
        )
      })
    )
    const events = await readAppEvents(client, API, 'my-app', SINCE)
    expect(events.map((e) => e.at)).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-19T15:30:00.000Z'
    ])
  })

  it('reads offsets as the instants they are (+02:00 and -05:00 around the boundary)', async () => {
    const { client } = clientFor(
      routes({
        1: page(
          [
            // 17:30+02:00 is 15:30Z: exactly the start, in.
            event('2026-11-19T17:30:00.000+02:00'),
            // 10:29:59-05:00 is 15:29:59Z: one second before, out.
            event('2026-11-19T10:29:59-05:00')
          ],
          1,
          1
        )
      })
    )
    const events = await readAppEvents(client, API, 'my-app', SINCE)
    expect(events.map((e) => e.at)).toEqual(['2026-11-19T15:30:00.000Z'])
  })

  it('follows next_page and stops at the first page that reaches older events', async () => {
    const { client, fake } = clientFor(
      routes({
        1: page([event('2026-11-25T00:00:00Z'), event('2026-11-24T00:00:00Z')], 1, 4),
        2: page([event('2026-11-22T00:00:00Z'), event('2026-11-10T00:00:00Z')], 2, 4),
        3: page([event('2026-11-01T00:00:00Z')], 3, 4),
        4: page([event('2026-10-01T00:00:00Z')], 4, 4)
      })
    )
    const events = await readAppEvents(client, API, 'my-app', SINCE)
    expect(events).toHaveLength(3)
    const eventCalls = fake.calls.filter((c) => c.includes('/events'))
    expect(eventCalls).toEqual([url(1), url(2)])
  })

  it('ends on next_page null, and on a Go-style next_page equal to the current page', async () => {
    for (const next of [null, 2]) {
      const { client, fake } = clientFor(
        routes({
          1: page([event('2026-11-25T00:00:00Z')], 1, 2),
          2: page([event('2026-11-24T00:00:00Z')], 2, 2, next)
        })
      )
      const events = await readAppEvents(client, API, 'my-app', SINCE)
      expect(events).toHaveLength(2)
      expect(fake.calls.filter((c) => c.includes('/events'))).toEqual([url(1), url(2)])
    }
  })

  it('a window that needs more pages than the cap is an error, never a short list', async () => {
    const r: Record<string, Route> = { ...authRoutes() }
    for (let n = 1; n <= MAX_EVENT_PAGES + 1; n++) {
      r[url(n)] = { status: 200, body: page([event('2026-11-25T00:00:00Z')], n, 100) }
    }
    const { client } = clientFor(r)
    await expect(readAppEvents(client, API, 'my-app', SINCE)).rejects.toThrow(/cut short/)
  })

  it('an event without a time zone is a schema error', async () => {
    const { client } = clientFor(routes({ 1: page([event('2026-11-25T00:00:00')], 1, 1) }))
    await expect(readAppEvents(client, API, 'my-app', SINCE)).rejects.toThrow()
  })
})

describe('readAccessChanges', () => {
  it('keeps the access events of each app, newest first; a failed app is a failure naming its events', async () => {
    const { client } = clientFor({
      ...routes({
        1: page(
          [
            event('2026-11-25T00:00:00Z', 'new_collaborator', {
              collaborator: { email: 'test@example.com', is_limited: 'true' }
            }),
            event('2026-11-24T00:00:00Z'),
            event('2026-11-23T00:00:00Z', 'unlink_scm', {
              repo_name: 'johndoe/sample-go-martini',
              linker_username: 'johndoe',
              source: 'https://github.com/johndoe/sample-go-martini'
            })
          ],
          1,
          1
        )
      }),
      [`GET ${API}/v1/apps/other/events?page=1&per_page=50`]: {
        status: 403,
        body: { error: 'forbidden' }
      }
    })
    const targets = [
      { name: 'my-app', region: 'osc-fr1', apiUrl: API },
      { name: 'other', region: 'osc-fr1', apiUrl: API }
    ]
    const read = await readAccessChanges(client, targets, SINCE, limiter(2))
    expect(read.changes).toEqual([
      {
        app: 'my-app',
        at: '2026-11-25T00:00:00.000Z',
        actor: 'john@doe.com',
        what: 'collaborator invited as Limited Collaborator',
        subject: 'test@example.com'
      },
      {
        app: 'my-app',
        at: '2026-11-23T00:00:00.000Z',
        actor: 'john@doe.com',
        what: 'SCM link removed',
        subject: 'johndoe/sample-go-martini'
      }
    ])
    expect(read.failures).toHaveLength(1)
    expect(read.failures[0]?.app).toBe('other')
    expect(read.failures[0]?.what).toBe('events of other (access changes for changes-since)')
    expect(read.failures[0]?.reason).toMatch(/403/)
  })
})
