import { describe, expect, it } from '@jest/globals'
import { GitHubError } from '../../src/github/errors.js'
import { createOctokit } from '../../src/github/octokit.js'
import { readRepo } from '../../src/github/repository.js'
import { TOKEN, useFakeGitHub } from './fake-github.js'

const REPO = { default_branch: 'main', private: true }

const github = useFakeGitHub()

describe('createOctokit', () => {
  it('keeps a GHES path prefix (/api/v3) and sends the token only in the header', async () => {
    const server = await github.start({ 'GET /repos/acme/shop': { body: REPO } }, '/api/v3')
    const octokit = createOctokit({ token: TOKEN, baseUrl: `${server.baseUrl}/` })

    await expect(readRepo(octokit, 'acme', 'shop')).resolves.toEqual({
      defaultBranch: 'main',
      isPrivate: true
    })
    expect(server.hits).toHaveLength(1)
    expect(server.hits[0]?.path).toBe('/repos/acme/shop')
    expect(server.hits[0]?.authorization).toContain(TOKEN)
  })

  it('retries a 500 and returns the answer that follows', async () => {
    const server = await github.start({
      'GET /repos/acme/shop': (_hit, previous) =>
        previous === 0 ? { status: 500, body: { message: 'boom' } } : { body: REPO }
    })
    const octokit = createOctokit({ token: TOKEN, baseUrl: server.baseUrl })

    await expect(readRepo(octokit, 'acme', 'shop')).resolves.toMatchObject({
      defaultBranch: 'main'
    })
    expect(server.hitsOn('GET /repos/acme/shop')).toBe(2)
  })

  it('does not retry a 404 and says what failed without the token', async () => {
    const server = await github.start({})
    const octokit = createOctokit({ token: TOKEN, baseUrl: server.baseUrl })

    const error = await readRepo(octokit, 'acme', 'shop').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubError)
    const gh = error as GitHubError
    expect(gh.status).toBe(404)
    expect(gh.method).toBe('GET')
    expect(gh.path).toBe('/repos/acme/shop')
    expect(gh.message).toContain('HTTP 404 on GET /repos/acme/shop')
    expect(gh.message).not.toContain(TOKEN)
    expect(server.hitsOn('GET /repos/acme/shop')).toBe(1)
  })

  it('names the missing permission on a 403', async () => {
    const server = await github.start({
      'GET /repos/acme/shop': {
        status: 403,
        body: { message: 'Resource not accessible by integration' }
      }
    })
    const octokit = createOctokit({ token: TOKEN, baseUrl: server.baseUrl })

    const error = (await readRepo(octokit, 'acme', 'shop').catch((e: unknown) => e)) as GitHubError
    expect(error.hint).toBe('give the token Metadata: read')
    expect(server.hitsOn('GET /repos/acme/shop')).toBe(1)
  })

  it('retries a primary rate limit at most twice', async () => {
    const past = String(Math.floor(Date.now() / 1000) - 60)
    const server = await github.start({
      'GET /repos/acme/shop': {
        status: 403,
        body: { message: 'API rate limit exceeded' },
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': past }
      }
    })
    const warnings: string[] = []
    const octokit = createOctokit({
      token: TOKEN,
      baseUrl: server.baseUrl,
      log: { debug: () => undefined, warn: (m) => warnings.push(m) }
    })

    const error = (await readRepo(octokit, 'acme', 'shop').catch((e: unknown) => e)) as GitHubError
    expect(error.status).toBe(403)
    expect(error.hint).toMatch(/rate limit/)
    expect(server.hitsOn('GET /repos/acme/shop')).toBe(3)
    expect(warnings.some((w) => w.includes('giving up'))).toBe(true)
  })

  it('waits Retry-After on a secondary rate limit, at most twice', async () => {
    const server = await github.start({
      'GET /repos/acme/shop': {
        status: 403,
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' },
        headers: { 'retry-after': '1' }
      }
    })
    const octokit = createOctokit({ token: TOKEN, baseUrl: server.baseUrl })

    const error = (await readRepo(octokit, 'acme', 'shop').catch((e: unknown) => e)) as GitHubError
    expect(error.status).toBe(403)
    expect(server.hitsOn('GET /repos/acme/shop')).toBe(3)
  })

  it('does not wait for a rate limit that resets after the run would end', async () => {
    const later = String(Math.floor(Date.now() / 1000) + 3600)
    const server = await github.start({
      'GET /repos/acme/shop': {
        status: 403,
        body: { message: 'API rate limit exceeded' },
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': later }
      }
    })
    const octokit = createOctokit({ token: TOKEN, baseUrl: server.baseUrl })

    const error = (await readRepo(octokit, 'acme', 'shop').catch((e: unknown) => e)) as GitHubError
    expect(error.hint).toMatch(/rate limit/)
    expect(server.hitsOn('GET /repos/acme/shop')).toBe(1)
  })

  it('gives each attempt its own timeout, then fails without a status', async () => {
    const server = await github.start({ 'GET /repos/acme/shop': { hang: true } })
    const octokit = createOctokit({ token: TOKEN, baseUrl: server.baseUrl, timeoutMs: 50 })

    const error = (await readRepo(octokit, 'acme', 'shop').catch((e: unknown) => e)) as GitHubError
    expect(error).toBeInstanceOf(GitHubError)
    expect(error.status).toBeNull()
    expect(error.message).toContain('no answer within 50 ms')
    expect(server.hitsOn('GET /repos/acme/shop')).toBe(3)
  })

  it('stops at once, without retrying, when the run signal aborts', async () => {
    const server = await github.start({ 'GET /repos/acme/shop': { hang: true } })
    const run = new AbortController()
    const octokit = createOctokit({ token: TOKEN, baseUrl: server.baseUrl, signal: run.signal })

    const pending = readRepo(octokit, 'acme', 'shop').catch((e: unknown) => e)
    while (server.hits.length === 0) await new Promise((resolve) => setImmediate(resolve))
    run.abort()
    const error = (await pending) as GitHubError
    expect(error.status).toBeNull()
    expect(error.message).toContain('aborted')
    expect(server.hitsOn('GET /repos/acme/shop')).toBe(1)
  })

  it('logs messages that never carry the token', async () => {
    const server = await github.start({ 'GET /repos/acme/shop': { body: REPO } })
    const lines: string[] = []
    const log = { debug: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) }
    const octokit = createOctokit({ token: TOKEN, baseUrl: server.baseUrl, log })

    await readRepo(octokit, 'acme', 'shop')
    await readRepo(octokit, 'acme', 'missing').catch(() => undefined)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.join('\n')).not.toContain(TOKEN)
    // One trace per attempt: method, path, status, time (no header, no body).
    expect(lines).toContainEqual(
      expect.stringMatching(/^GitHub GET \/repos\/acme\/shop → 200 in \d+ ms$/)
    )
    expect(lines).toContainEqual(
      expect.stringMatching(/^GitHub GET \/repos\/acme\/missing → 404 in \d+ ms$/)
    )
  })
})
