import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { lookup } from 'node:dns/promises'
import { GitHubError } from '../src/github/errors.js'
import { createOctokit } from '../src/github/octokit.js'
import { readRepo } from '../src/github/repository.js'
import { proxyCredentials, proxyUrl, type ProxySettings } from '../src/proxy.js'
import { sandboxRun } from '../src/sandbox/sandbox-run.js'
import { startSandbox, type Sandbox } from '../src/sandbox/server.js'
import { createScalingoClient } from '../src/scalingo/client.js'
import { ScalingoError } from '../src/scalingo/errors.js'
import {
  GITHUB_HOST,
  SCALINGO_HOST,
  startLoopbackProxy,
  type LoopbackProxy
} from './loopback-proxy.js'

/**
 * Both clients through a real forward proxy on loopback. The sandbox is addressed by names that
 * only the proxy resolves, so an answer proves the request went through the proxy.
 */

const SCENARIO = 'mid-failing'

let sandbox: Sandbox
let proxy: LoopbackProxy
/** A second proxy: it must see nothing when the other one is the right one. */
let other: LoopbackProxy

beforeAll(async () => {
  ;[sandbox, proxy, other] = await Promise.all([
    startSandbox({ scenario: SCENARIO }),
    startLoopbackProxy(),
    startLoopbackProxy()
  ])
})
afterAll(async () => {
  await Promise.all([sandbox.close(), proxy.close(), other.close()])
})

const settings = (overrides: Partial<ProxySettings>): ProxySettings => ({
  httpProxy: null,
  httpsProxy: null,
  noProxy: '',
  ...overrides
})

function scalingo(authUrl: string, proxySettings: ProxySettings, trace?: (line: string) => void) {
  return createScalingoClient({
    apiToken: sandbox.scenario.inputs['scalingo-api-token'] ?? '',
    authUrl,
    proxy: proxySettings,
    trace,
    timeoutMs: 2000,
    setSecret: () => undefined
  })
}

function github(baseUrl: string, proxySettings: ProxySettings) {
  return createOctokit({
    token: sandbox.scenario.inputs['github-token'] ?? '',
    baseUrl,
    proxy: proxySettings,
    timeoutMs: 2000
  })
}

describe('the sandbox host names', () => {
  it('do not resolve outside the proxy', async () => {
    await expect(lookup(SCALINGO_HOST)).rejects.toThrow()
    await expect(lookup(GITHUB_HOST)).rejects.toThrow()
  })
})

describe('HTTP_PROXY (http:// URLs)', () => {
  const urls = () => sandboxRun(sandbox, { scalingo: SCALINGO_HOST, github: GITHUB_HOST })

  it('carries the Scalingo exchange and reads through the proxy', async () => {
    const before = proxy.hitsFor(SCALINGO_HOST).length
    const client = scalingo(
      urls().inputs['scalingo-auth-url'] ?? '',
      settings({ httpProxy: proxy.url })
    )
    const account = await client.self()
    expect(account.email).toBeTruthy()
    const seen = proxy.hitsFor(SCALINGO_HOST).slice(before)
    expect(seen.map((h) => `${h.method} ${h.path}`)).toEqual([
      'POST /scalingo/auth/v1/tokens/exchange',
      'GET /scalingo/auth/v1/users/self'
    ])
  })

  it('carries the GitHub reads through the proxy', async () => {
    const before = proxy.hitsFor(GITHUB_HOST).length
    const octokit = github(urls().env.GITHUB_API_URL ?? '', settings({ httpProxy: proxy.url }))
    const { owner: o, name } = sandbox.scenario.repository
    await expect(readRepo(octokit, o, name)).resolves.toMatchObject({
      defaultBranch: sandbox.scenario.repository.defaultBranch
    })
    expect(proxy.hitsFor(GITHUB_HOST).slice(before)).toEqual([
      { method: 'GET', host: GITHUB_HOST, path: `/github/api/v3/repos/${o}/${name}` }
    ])
  })

  it('is needed: without it the names do not resolve and both reads fail', async () => {
    const client = scalingo(urls().inputs['scalingo-auth-url'] ?? '', settings({}))
    const error = await client.self().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ScalingoError)
    expect((error as ScalingoError).message).toMatch(/ENOTFOUND|EAI_AGAIN/)
    const { owner: o, name } = sandbox.scenario.repository
    const gh = await readRepo(github(urls().env.GITHUB_API_URL ?? '', settings({})), o, name).catch(
      (e: unknown) => e
    )
    expect(gh).toBeInstanceOf(GitHubError)
    expect((gh as GitHubError).status).toBeNull()
  })
})

describe('NO_PROXY', () => {
  it('sends the hosts it lists directly, the others through the proxy', async () => {
    const before = proxy.hits.length
    const direct = settings({ httpProxy: proxy.url, noProxy: 'localhost, 127.0.0.1' })
    const client = scalingo(sandbox.scalingoAuthUrl, direct)
    await expect(client.self()).resolves.toBeTruthy()
    const { owner: o, name } = sandbox.scenario.repository
    await readRepo(github(sandbox.githubApiUrl, direct), o, name)
    expect(proxy.hits.slice(before)).toEqual([])
    // Without the entry, 127.0.0.1 goes through the proxy like any host (no implicit bypass).
    await readRepo(github(sandbox.githubApiUrl, settings({ httpProxy: proxy.url })), o, name)
    expect(proxy.hitsFor('127.0.0.1').length).toBeGreaterThan(0)
  })

  it('matches a domain and its subdomains (.sandbox.test): those go around the proxy', async () => {
    const before = proxy.hits.length
    const bypass = settings({ httpProxy: proxy.url, noProxy: '.sandbox.test' })
    const url = sandboxRun(sandbox, { scalingo: SCALINGO_HOST }).inputs['scalingo-auth-url'] ?? ''
    const error = await scalingo(url, bypass)
      .self()
      .catch((e: unknown) => e)
    // Went around the proxy, so the name had to be resolved here, and that fails.
    expect((error as ScalingoError).message).toMatch(/ENOTFOUND|EAI_AGAIN/)
    expect(proxy.hits.slice(before)).toEqual([])
  })
})

describe('HTTPS_PROXY (https:// URLs)', () => {
  it('tunnels https:// requests with CONNECT through HTTPS_PROXY, not HTTP_PROXY', async () => {
    const both = settings({ httpProxy: other.url, httpsProxy: proxy.url })
    const before = proxy.hits.length
    // The sandbox speaks plain HTTP, so TLS fails inside the tunnel: the CONNECT is the proof.
    await scalingo(`https://${SCALINGO_HOST}`, both)
      .self()
      .catch(() => undefined)
    await readRepo(github(`https://${GITHUB_HOST}`, both), 'acme', 'shop').catch(() => undefined)
    const tunnels = proxy.hits.slice(before)
    expect(new Set(tunnels.map((h) => `${h.method} ${h.host}`))).toEqual(
      new Set([`CONNECT ${SCALINGO_HOST}`, `CONNECT ${GITHUB_HOST}`])
    )
    expect(other.hits).toEqual([])
  })
})

describe('proxy URLs', () => {
  it('read host:port as http:// and refuse what is not an http(s) proxy', () => {
    expect(proxyUrl('proxy.corp:3128')).toBe('http://proxy.corp:3128/')
    expect(proxyUrl('https://proxy.corp')).toBe('https://proxy.corp/')
    expect(proxyUrl('socks5://proxy.corp:1080')).toBeNull()
    expect(proxyUrl('http://')).toBeNull()
  })

  it('give their password to mask, encoded and decoded', () => {
    const url = proxyUrl('http://me:p%40ss@proxy.corp:3128') ?? ''
    expect(proxyCredentials(settings({ httpProxy: url, httpsProxy: url }))).toEqual([
      'p%40ss',
      'p@ss'
    ])
  })
})
