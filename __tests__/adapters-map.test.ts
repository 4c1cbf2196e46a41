import { describe, expect, it } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * Every API path a client calls is listed in exactly one adapter's opening comment, the one of
 * the file that calls it, and every path a header lists is called there (no stale entries).
 * The calls are found in the source: octokit routes ('GET /repos/{owner}/{repo}' strings and
 * octokit.rest.<scope>.<method>, resolved through Octokit's own endpoint table) and Scalingo
 * paths ('/v1/…' literals outside comments; POST when the request object says so, else GET).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SRC = join(ROOT, 'src')
/** The sandbox serves these paths; it does not call them. */
const NOT_CLIENTS = ['sandbox']

const octokit = new Octokit()

/** "GET /repos/{owner}/{repo}" lines of the comment block that opens the file. */
export function headerPaths(source: string): string[] {
  const paths: string[] = []
  for (const line of source.split('\n')) {
    if (!line.startsWith('//')) break
    const match = /^\/\/ (GET|POST|PUT|PATCH|DELETE) (\/\S*)/.exec(line)
    if (match) paths.push(`${match[1]} ${match[2]}`)
  }
  return paths
}

/** The API calls a source file makes, as "METHOD /path" with {placeholders}. */
export function calledPaths(source: string): string[] {
  const calls = new Set<string>()
  for (const m of source.matchAll(
    /\.(?:request|paginate)(?:\.iterator)?\(\s*'([A-Z]+) (\/[^']*)'/g
  )) {
    calls.add(`${m[1]} ${m[2]}`)
  }
  for (const m of source.matchAll(/\.rest\.(\w+)\.(\w+)\b/g)) {
    calls.add(restRoute(m[1] ?? '', m[2] ?? ''))
  }
  const lines = source.split('\n')
  lines.forEach((line, index) => {
    // Comments name paths without calling them.
    if (/^\s*(?:\/\/|\/?\*)/.test(line)) return
    for (const m of line.matchAll(/['`](\/v1\/[^'`]*)['`]/g)) {
      const path = (m[1] ?? '').replace(/\$\{encodeURIComponent\((\w+)\)\}/g, '{$1}')
      const before = lines.slice(Math.max(0, index - 3), index + 1).join('\n')
      const method = /method: '([A-Z]+)'/.exec(before)?.[1] ?? 'GET'
      calls.add(`${method} ${path}`)
    }
  })
  return [...calls]
}

function restRoute(scope: string, method: string): string {
  const scopes = octokit.rest as unknown as Record<
    string,
    Record<string, { endpoint?: { DEFAULTS?: { method?: string; url?: string } } } | undefined>
  >
  const defaults = scopes[scope]?.[method]?.endpoint?.DEFAULTS
  if (defaults?.method === undefined || defaults.url === undefined) {
    throw new Error(`octokit.rest.${scope}.${method} is not a known endpoint`)
  }
  return `${defaults.method} ${defaults.url}`
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return NOT_CLIENTS.includes(entry.name) ? [] : sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

const files = sourceFiles(SRC).map((path) => {
  const source = readFileSync(path, 'utf8')
  return {
    file: relative(ROOT, path),
    headers: headerPaths(source),
    calls: calledPaths(source)
  }
})

describe('adapter headers', () => {
  it('finds calls on both platforms (the scan itself works)', () => {
    const all = files.flatMap((f) => f.calls)
    expect(all).toContain('GET /repos/{owner}/{repo}/branches/{branch}/protection')
    expect(all).toContain('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}')
    expect(all).toContain('POST /v1/tokens/exchange')
    expect(all).toContain('GET /v1/apps/{app}/scm_repo_link')
  })

  it.each(files.filter((f) => f.calls.length > 0).map((f) => [f.file, f] as const))(
    '%s lists every path it calls in its opening comment, and only those',
    (_file, f) => {
      expect([...f.headers].sort()).toEqual([...f.calls].sort())
    }
  )

  it('lists each path in exactly one file', () => {
    const owners = new Map<string, string[]>()
    for (const f of files) {
      for (const path of f.headers) owners.set(path, [...(owners.get(path) ?? []), f.file])
    }
    const shared = [...owners].filter(([, where]) => where.length > 1)
    expect(shared).toEqual([])
  })

  it('lists nothing in a file that calls nothing', () => {
    const stale = files.filter((f) => f.calls.length === 0 && f.headers.length > 0)
    expect(stale.map((f) => f.file)).toEqual([])
  })

  it('fails a file that calls a path its header lacks', () => {
    const planted = [
      '// GET /repos/{owner}/{repo}',
      "await octokit.request('GET /repos/{owner}/{repo}', { owner, repo })",
      "await octokit.request('GET /repos/{owner}/{repo}/environments', { owner, repo })",
      'await octokit.rest.actions.getGithubActionsPermissionsRepository({ owner, repo })',
      'await getOk(apiBase, `/v1/apps/${encodeURIComponent(app)}/events`)'
    ].join('\n')
    expect(headerPaths(planted)).toEqual(['GET /repos/{owner}/{repo}'])
    expect(calledPaths(planted).sort()).toEqual([
      'GET /repos/{owner}/{repo}',
      'GET /repos/{owner}/{repo}/actions/permissions',
      'GET /repos/{owner}/{repo}/environments',
      'GET /v1/apps/{app}/events'
    ])
  })
})
