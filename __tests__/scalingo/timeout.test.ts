import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent } from 'undici'
import { createScalingoClient, type ScalingoClient } from '../../src/scalingo/client.js'
import { ScalingoError } from '../../src/scalingo/errors.js'
import { BEARER, TOKEN } from './fake-scalingo.js'

// A real loopback server: MockAgent cannot send a body that never ends.
let server: Server
let base: string
let hits: Record<string, number>
/** Called when GET /v1/apps arrives, so a test can act once it is in flight, on any machine. */
let onApps: () => void = () => {}
const agent = new Agent()

beforeAll(async () => {
  hits = {}
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? ''
    hits[path] = (hits[path] ?? 0) + 1
    if (path === '/prefix/v1/tokens/exchange') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ token: BEARER }))
    } else if (path === '/prefix/v1/apps') {
      // Headers and half a body, then silence.
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"apps": [')
      onApps()
    } else if (path === '/prefix/v1/collaborators') {
      // No headers at all.
    } else if (path === '/prefix/v1/scm_repo_links' && hits[path] === 1) {
      // Silent once, then a normal answer.
    } else if (path === '/prefix/v1/scm_repo_links') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ scm_repo_links: [] }))
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((done) => server.close(() => done()))
  await agent.close()
})

async function failure(promise: Promise<unknown>): Promise<ScalingoError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  if (!(error instanceof ScalingoError))
    throw new Error(`expected a ScalingoError, got ${String(error)}`)
  return error
}

function clientWith(timeoutMs: number, signal?: AbortSignal): ScalingoClient {
  return createScalingoClient({
    apiToken: TOKEN,
    authUrl: base,
    dispatcher: agent,
    timeoutMs,
    ...(signal === undefined ? {} : { signal }),
    setSecret: () => {}
  })
}

describe('timeouts', () => {
  it('times out a body that never ends, after three attempts', async () => {
    const client = clientWith(300)
    const error = await failure(client.listApps(base))
    expect(error.kind).toBe('timeout')
    expect(error.status).toBeNull()
    expect(error.message).toBe(
      'Scalingo GET /v1/apps → timed out after 300ms, 3 times (no complete response)'
    )
    expect(hits['/prefix/v1/apps']).toBe(3)
    expect(client.requestCount).toBe(4)
  })

  it('times out a response whose headers never come', async () => {
    const client = clientWith(300)
    const error = await failure(client.listCollaborators(base))
    expect(error.kind).toBe('timeout')
    expect(error.path).toBe('/v1/collaborators')
  })

  it('retries a request that timed out once, and returns its answer', async () => {
    const client = clientWith(300)
    await expect(client.scmRepoLinks(base)).resolves.toEqual([])
    expect(hits['/prefix/v1/scm_repo_links']).toBe(2)
  })

  it('stops everything when the run signal aborts', async () => {
    const controller = new AbortController()
    const client = clientWith(30_000, controller.signal)
    const inFlight = new Promise<void>((resolve) => (onApps = resolve))
    const pending = failure(client.listApps(base))
    // Abort once the request hangs, not after a delay (the exchange may be slow on a busy machine).
    await inFlight
    controller.abort()
    const error = await pending
    expect(error.kind).toBe('timeout')
    expect(error.message).toBe('Scalingo GET /v1/apps → aborted: the run deadline passed')
    // Nothing more is sent once the deadline has passed.
    const before = client.requestCount
    await expect(client.self()).rejects.toThrow(/aborted: the run deadline passed/)
    expect(client.requestCount).toBe(before)
  })
})
