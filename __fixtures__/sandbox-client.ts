import type { Sandbox } from '../src/sandbox/server.js'

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: unknown
}

export async function call(
  url: string,
  init: { method?: string; auth?: string; body?: unknown; signal?: AbortSignal } = {}
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (init.auth !== undefined) headers.authorization = init.auth
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  return { status: res.status, headers: res.headers, text, json }
}

/** Exchanges a Scalingo API token for a bearer, as the Go client does. */
export async function bearer(sandbox: Sandbox, token: string): Promise<string> {
  const basic = Buffer.from(`:${token}`).toString('base64')
  const answer = await call(`${sandbox.scalingoAuthUrl}/v1/tokens/exchange`, {
    method: 'POST',
    auth: `Basic ${basic}`
  })
  const json = answer.json as { token?: unknown }
  if (answer.status !== 200 || typeof json.token !== 'string') {
    throw new Error(`exchange failed: ${answer.status}`)
  }
  return json.token
}

/** Reads a field of an unknown JSON value by path, for assertions. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let node = value
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string | number, unknown>)[key]
  }
  return node
}
