import { afterEach } from '@jest/globals'
import type { Octokit } from '../../src/github/octokit.js'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createOctokit } from '../../src/github/octokit.js'

/** What a route answers; `hang` never answers (for timeouts). */
export interface Reply {
  readonly status?: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly hang?: boolean
}

export interface Hit {
  readonly method: string
  /** Decoded path, prefix removed, without query. */
  readonly path: string
  /** The path as sent (still percent-encoded). */
  readonly rawPath: string
  readonly query: URLSearchParams
  readonly authorization: string | undefined
  readonly accept: string | undefined
}

/** Route key: "GET /repos/acme/shop". A function gets the number of earlier hits on that key. */
export type Route = Reply | ((hit: Hit, previousHits: number) => Reply)

export interface FakeGitHub {
  /** Base URL to give Octokit (with the prefix). */
  readonly baseUrl: string
  readonly hits: Hit[]
  hitsOn(key: string): number
  close(): Promise<void>
}

/** A loopback GitHub API; unknown routes answer 404 like GitHub does. */
export async function startFakeGitHub(
  routes: Readonly<Record<string, Route>>,
  prefix = ''
): Promise<FakeGitHub> {
  const hits: Hit[] = []
  const counts = new Map<string, number>()
  const open = new Set<ServerResponse>()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const raw = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname
    const hit: Hit = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(raw),
      rawPath: raw,
      query: url.searchParams,
      authorization: req.headers.authorization,
      accept: req.headers.accept
    }
    hits.push(hit)
    const key = `${hit.method} ${hit.path}`
    const previous = counts.get(key) ?? 0
    counts.set(key, previous + 1)
    const route = url.pathname.startsWith(prefix) ? routes[key] : undefined
    const reply: Reply =
      route === undefined
        ? { status: 404, body: { message: 'Not Found' } }
        : typeof route === 'function'
          ? route(hit, previous)
          : route
    if (reply.hang) {
      open.add(res)
      return
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers })
    // A string body is sent as is (raw media types); anything else as JSON.
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    hits,
    hitsOn: (key) => counts.get(key) ?? 0,
    close: async () => {
      for (const res of open) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

export const TOKEN = 'ghs_0123456789abcdefghijklmnopqrstuvwxyzAB'

/** GitHub's answer when the token lacks a permission (e.g. administration: read). */
export const NO_ADMIN: Reply = {
  status: 403,
  body: { message: 'Resource not accessible by integration' }
}

export interface FakeGitHubs {
  /** Starts a fake (closed after the test). */
  readonly start: (routes: Readonly<Record<string, Route>>, prefix?: string) => Promise<FakeGitHub>
  /** Starts a fake and returns an Octokit with TOKEN on it. */
  readonly client: (routes: Readonly<Record<string, Route>>) => Promise<Octokit>
  /** The fake started last in this test. */
  readonly server: FakeGitHub
}

/** For a describe block or a file: registers an afterEach that closes every fake it started. */
export function useFakeGitHub(): FakeGitHubs {
  const started: FakeGitHub[] = []
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()))
  })
  const start = async (
    routes: Readonly<Record<string, Route>>,
    prefix?: string
  ): Promise<FakeGitHub> => {
    const server = await startFakeGitHub(routes, prefix)
    started.push(server)
    return server
  }
  return {
    start,
    client: async (routes) =>
      createOctokit({ token: TOKEN, baseUrl: (await start(routes)).baseUrl }),
    get server() {
      const server = started.at(-1)
      if (server === undefined) throw new Error('no fake GitHub started in this test')
      return server
    }
  }
}
