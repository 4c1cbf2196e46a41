import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createProxy } from 'proxy'

/** Names under this domain resolve nowhere but inside the proxy below (RFC 6761 reserves .test). */
export const SANDBOX_DOMAIN = 'sandbox.test'
export const SCALINGO_HOST = `scalingo-api.${SANDBOX_DOMAIN}`
export const GITHUB_HOST = `github-api.${SANDBOX_DOMAIN}`

export interface ProxyHit {
  /** GET, POST… for a forwarded http:// request; CONNECT for an https:// tunnel. */
  readonly method: string
  /** The host name the client asked for, before the proxy resolved it. */
  readonly host: string
  /** Path and query of a forwarded request; '' for a tunnel. */
  readonly path: string
}

export interface LoopbackProxy {
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** Every request the proxy received, in order. */
  readonly hits: readonly ProxyHit[]
  hitsFor(host: string): ProxyHit[]
  close(): Promise<void>
}

/**
 * A real forward proxy (the `proxy` package) on loopback, the only resolver of *.sandbox.test:
 * it maps those names to 127.0.0.1 (port kept) before it connects. A client that goes around it
 * must resolve the name itself, and that fails, so a run that succeeds went through it.
 */
export async function startLoopbackProxy(): Promise<LoopbackProxy> {
  const server = createProxy(createServer())
  const hits: ProxyHit[] = []
  const resolve = (host: string): string =>
    host === SANDBOX_DOMAIN || host.endsWith(`.${SANDBOX_DOMAIN}`) ? '127.0.0.1' : host
  // Prepended so that they run before the proxy's own listeners read req.url.
  server.prependListener('request', (req: IncomingMessage) => {
    // A proxied request carries the absolute URL: http://host:port/path.
    if (!URL.canParse(req.url ?? '')) return
    const url = new URL(req.url ?? '')
    hits.push({
      method: req.method ?? 'GET',
      host: url.hostname,
      path: `${url.pathname}${url.search}`
    })
    url.hostname = resolve(url.hostname)
    req.url = url.href
  })
  server.prependListener('connect', (req: IncomingMessage) => {
    // A tunnel names host:port.
    const target = req.url ?? ''
    const colon = target.lastIndexOf(':')
    const host = colon === -1 ? target : target.slice(0, colon)
    hits.push({ method: 'CONNECT', host, path: '' })
    req.url = `${resolve(host)}${colon === -1 ? '' : target.slice(colon)}`
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return [...hits]
    },
    hitsFor: (host) => hits.filter((h) => h.host === host),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      })
  }
}
