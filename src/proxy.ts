import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici'

/**
 * The runner's proxy variables, as plain data. Both clients go through one undici
 * `EnvHttpProxyAgent` built from these: HTTP_PROXY for http:// URLs, HTTPS_PROXY for https://
 * URLs (a CONNECT tunnel), NO_PROXY for the hosts reached directly. The lower-case form wins, as
 * in curl, undici and @actions/http-client.
 */
export interface ProxyEnvironment {
  readonly http_proxy?: string
  readonly HTTP_PROXY?: string
  readonly https_proxy?: string
  readonly HTTPS_PROXY?: string
  readonly no_proxy?: string
  readonly NO_PROXY?: string
}

const VARIABLES = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY'
] as const

/** The proxy variables of an environment, and nothing else. */
export function proxyEnvironment(
  env: Readonly<Record<string, string | undefined>>
): ProxyEnvironment {
  const picked: Partial<Record<(typeof VARIABLES)[number], string>> = {}
  for (const name of VARIABLES) {
    const value = env[name]
    if (value !== undefined) picked[name] = value
  }
  return picked
}

export interface ProxySettings {
  /** For http:// URLs; null: direct. */
  readonly httpProxy: string | null
  /** For https:// URLs; null: direct. */
  readonly httpsProxy: string | null
  /** Hosts (`host`, `host:port`, `.domain`, `*.domain`, `*`) reached directly; '' for none. */
  readonly noProxy: string
}

export const NO_PROXY_SETTINGS: ProxySettings = Object.freeze({
  httpProxy: null,
  httpsProxy: null,
  noProxy: ''
})

/** The variable that gives each setting, as its error names it (lower case first). */
export function proxyVariables(env: ProxyEnvironment): {
  readonly http: { readonly name: string; readonly value: string } | null
  readonly https: { readonly name: string; readonly value: string } | null
  readonly noProxy: string
} {
  const pick = (lower: 'http_proxy' | 'https_proxy'): { name: string; value: string } | null => {
    const upper = lower.toUpperCase() as 'HTTP_PROXY' | 'HTTPS_PROXY'
    const value = env[lower]?.trim() || env[upper]?.trim() || ''
    if (value === '') return null
    return { name: env[lower]?.trim() ? lower : upper, value }
  }
  return {
    http: pick('http_proxy'),
    https: pick('https_proxy'),
    noProxy: (env.no_proxy?.trim() || env.NO_PROXY?.trim()) ?? ''
  }
}

/**
 * A proxy address as a URL: `proxy.corp:3128` means http://proxy.corp:3128 (as curl reads it);
 * null when it is not an http(s) URL with a host.
 */
export function proxyUrl(value: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  if (!URL.canParse(withScheme)) return null
  const url = new URL(withScheme)
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null
  return url.href
}

/** The proxy's password (and user) in a proxy URL, to mask before anything can print them. */
export function proxyCredentials(settings: ProxySettings): string[] {
  const found: string[] = []
  for (const value of [settings.httpProxy, settings.httpsProxy]) {
    if (value === null) continue
    const url = new URL(value)
    if (url.password !== '') found.push(url.password, decodeURIComponent(url.password))
  }
  return [...new Set(found)]
}

/**
 * The dispatcher both clients send through: direct when no proxy is set, else undici's
 * EnvHttpProxyAgent with the settings given (never re-read from process.env). No host is
 * bypassed implicitly: NO_PROXY lists them, loopback included. An https:// URL goes through
 * HTTPS_PROXY, else HTTP_PROXY (undici's rule).
 */
export function proxyDispatcher(settings: ProxySettings): Dispatcher {
  return new EnvHttpProxyAgent({
    // '' (never undefined, which would make undici read process.env itself): direct.
    httpProxy: settings.httpProxy ?? '',
    httpsProxy: settings.httpsProxy ?? '',
    noProxy: settings.noProxy,
    // http:// URLs as forwarded requests, as curl sends them: proxies often allow CONNECT to
    // port 443 only. https:// URLs always tunnel (CONNECT).
    proxyTunnel: false
  })
}

/** undici's fetch through `dispatcher` (Node's global fetch cannot take a proxy). */
export function fetchThrough(dispatcher: Dispatcher): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(
      input as Parameters<typeof undiciFetch>[0],
      { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher } as Parameters<
        typeof undiciFetch
      >[1]
    )) as unknown as typeof fetch
}
