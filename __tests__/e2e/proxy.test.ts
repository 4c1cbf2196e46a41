import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rm } from 'node:fs/promises'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import {
  GITHUB_HOST,
  SCALINGO_HOST,
  startLoopbackProxy,
  type LoopbackProxy
} from '../loopback-proxy.js'
import { findingKeys, unavailable } from './harness.js'
import { runOn, type RunOnOptions, type ScenarioRun } from './run-scenario.js'

/**
 * A self-hosted runner behind a proxy: dist/index.js on Node 24 with HTTP_PROXY / HTTPS_PROXY
 * set, against a sandbox addressed by names (*.sandbox.test) that only the loopback proxy
 * resolves. A request that went around the proxy could not resolve its host and the audit would
 * report the platform unavailable, so the normal findings prove that the traffic went through it.
 */

const SCENARIO = 'mid-failing'

let sandbox: Sandbox
let proxy: LoopbackProxy
let direct: ScenarioRun

async function run(options: RunOnOptions): Promise<ScenarioRun> {
  sandbox.reset()
  const result = await runOn(sandbox, {}, options)
  await rm(result.tempDir, { recursive: true, force: true })
  return result
}

beforeAll(async () => {
  ;[sandbox, proxy] = await Promise.all([
    startSandbox({ scenario: SCENARIO }),
    startLoopbackProxy()
  ])
  // The same audit without a proxy, on 127.0.0.1: the findings every proxied run must give.
  direct = await run({})
  expect(unavailable(direct.findings)).toEqual([])
}, 120_000)
afterAll(async () => {
  await Promise.all([sandbox.close(), proxy.close()])
})

const NAMES = { scalingo: SCALINGO_HOST, github: GITHUB_HOST }

describe('behind a forward proxy', () => {
  it('audits both APIs through HTTP_PROXY (the sandbox is plain http://)', async () => {
    const before = proxy.hits.length
    const result = await run({
      hosts: NAMES,
      // As a runner sets them; the harness's default NO_PROXY (loopback) is cleared.
      env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '' }
    })
    expect(result.code).toBe(direct.code)
    expect(unavailable(result.findings)).toEqual([])
    expect(findingKeys(result.findings)).toEqual(findingKeys(direct.findings))
    const hits = proxy.hits.slice(before)
    // Every request the sandbox answered came through the proxy, for both APIs.
    expect(hits.length).toBe(sandbox.requests.length)
    expect(proxy.hitsFor(SCALINGO_HOST).length).toBeGreaterThan(0)
    expect(hits.filter((h) => h.host === GITHUB_HOST).length).toBeGreaterThan(0)
    expect(hits.filter((h) => h.host !== SCALINGO_HOST && h.host !== GITHUB_HOST)).toEqual([])
    expect(hits).toContainEqual({
      method: 'POST',
      host: SCALINGO_HOST,
      path: '/scalingo/auth/v1/tokens/exchange'
    })
  })

  it.each([
    {
      direct: 'GitHub',
      hosts: { scalingo: SCALINGO_HOST },
      proxied: SCALINGO_HOST,
      service: 'github'
    },
    {
      direct: 'Scalingo',
      hosts: { github: GITHUB_HOST },
      proxied: GITHUB_HOST,
      service: 'scalingo-api'
    }
  ])(
    'reaches $direct directly when no_proxy lists its host (lower-case variables)',
    async ({ hosts, proxied, service }) => {
      const before = proxy.hits.length
      // The direct API stays on 127.0.0.1, which no_proxy lists: the proxy must see none of it.
      const result = await run({
        hosts,
        env: { http_proxy: proxy.url, https_proxy: proxy.url, no_proxy: '127.0.0.1', NO_PROXY: '' }
      })
      expect(unavailable(result.findings)).toEqual([])
      expect(findingKeys(result.findings)).toEqual(findingKeys(direct.findings))
      const hits = proxy.hits.slice(before)
      expect(hits.filter((h) => h.host !== proxied)).toEqual([])
      // The proxied API went through the proxy, request for request.
      const proxiedCount = sandbox.requests.filter((r) =>
        proxied === GITHUB_HOST ? r.service === 'github' : r.service !== 'github'
      ).length
      expect(hits.length).toBe(proxiedCount)
      // And the direct API was read (directly).
      expect(sandbox.requests.some((r) => r.service === service)).toBe(true)
    }
  )
})
