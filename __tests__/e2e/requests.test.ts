import { describe, expect, it } from '@jest/globals'
import { rm } from 'node:fs/promises'
import { ownedScenario, sequentialRounds } from '../../src/sandbox/bench.js'
import { limiter } from '../../src/promises.js'
import { generateScenario } from '../../src/sandbox/generate.js'
import type { Scenario } from '../../src/sandbox/scenario.js'
import { startSandbox, type RecordedRequest } from '../../src/sandbox/server.js'
import { runOn, type ScenarioRun } from './run-scenario.js'

/**
 * Exact request counts of dist/index.js against the sandbox (issue 6): counts do not depend on
 * timing, so they are asserted exactly, by path. No timing is asserted.
 */

interface Logged {
  readonly code: number | null
  readonly scalingo: string[]
  readonly github: string[]
  readonly all: readonly RecordedRequest[]
}

async function requestsOf(
  scenario: Scenario | string,
  overrides: Readonly<Record<string, string>> = {},
  latencyMs = 0
): Promise<Logged> {
  const sandbox = await startSandbox({ scenario, latencyMs })
  let run: ScenarioRun
  let all: readonly RecordedRequest[]
  try {
    run = await runOn(sandbox, overrides)
    all = sandbox.requests
  } finally {
    await sandbox.close()
  }
  await rm(run.tempDir, { recursive: true, force: true })
  const line = (r: RecordedRequest): string => {
    const query = new URLSearchParams(r.query).toString()
    return `${r.method} ${r.path}${query === '' ? '' : `?${query}`}`
  }
  return {
    code: run.code,
    scalingo: all
      .filter((r) => r.service !== 'github')
      .map(line)
      .sort(),
    github: all
      .filter((r) => r.service === 'github')
      .map(line)
      .sort(),
    all
  }
}

function duplicateGets(log: Logged): string[] {
  const gets = [...log.scalingo, ...log.github].filter((l) => l.startsWith('GET '))
  return gets.filter((l, i) => gets.indexOf(l) !== i)
}

/**
 * The bulk answers: one exchange, the account, and per region apps, collaborators, links, each
 * list asking for 100 entries a page.
 */
const BULK = [
  'GET /v1/apps?per_page=100',
  'GET /v1/client/tfa',
  'GET /v1/collaborators?per_page=100',
  'GET /v1/scm_repo_links?per_page=100',
  'GET /v1/users/self',
  'POST /v1/tokens/exchange'
]
const app = (name: string, what: 'collaborators' | 'scm_repo_link'): string =>
  `GET /v1/apps/${name}/${what}${what === 'collaborators' ? '?per_page=100' : ''}`

/** The generated repository: repo, one workflow, no ruleset, main read three ways, the comment. */
function scaleGitHub(): string[] {
  const R = '/repos/scale/monorepo'
  return [
    `GET ${R}`,
    `GET ${R}/actions/permissions/workflow`,
    `GET ${R}/actions/workflows?per_page=100`,
    `GET ${R}/branches/main`,
    `GET ${R}/branches/main/protection`,
    `GET ${R}/contents/.github%2FCODEOWNERS?ref=main`,
    `GET ${R}/contents/.github%2Fworkflows%2Fci.yml`,
    `GET ${R}/contents/CODEOWNERS?ref=main`,
    `GET ${R}/contents/docs%2FCODEOWNERS?ref=main`,
    `GET ${R}/issues/1/comments?per_page=100`,
    `GET ${R}/rules/branches/main?per_page=100`,
    `GET ${R}/rulesets?includes_parents=true&targets=branch&per_page=100`,
    // Who the token is (GraphQL viewer), asked beside the comments' list.
    'POST /graphql',
    `POST ${R}/issues/1/comments`
  ].sort()
}

describe('request strategy against the sandbox (dist/index.js)', () => {
  it('10 owned apps without scalingo-api-url: the regions call, then the same bulk reads (7)', async () => {
    const log = await requestsOf(ownedScenario(10, 5), { 'scalingo-api-url': '' })
    expect(log.code).toBe(0)
    expect(log.scalingo).toEqual([...BULK, 'GET /v1/regions'].sort())
    // Read at the API the regions answer names for osc-fr1.
    expect(log.all.filter((r) => r.path === '/v1/apps').map((r) => r.service)).toEqual([
      'scalingo-api'
    ])
  }, 60_000)

  it.each([
    ['1 owned app: the exchange and the five bulk reads, nothing per app', 1, 5],
    ['10 owned apps with 50 collaborators each: still the same six Scalingo requests', 10, 50]
  ])(
    '%s',
    async (_title, apps, collaborators) => {
      const log = await requestsOf(ownedScenario(apps, collaborators))
      expect(log.code).toBe(0)
      expect(log.scalingo).toEqual(BULK)
      expect(log.github).toEqual(scaleGitHub())
      expect(duplicateGets(log)).toEqual([])
    },
    60_000
  )

  it('50 owned apps: a second page of SCM links, and the branch page 1 named read beside it', async () => {
    // Latency so that "beside" is a matter of order, not of a fast machine.
    // The sandbox keeps 30 links a page whatever per_page asks: next_page drives the loop.
    const scenario = ownedScenario(50, 5)
    scenario.scalingo.maxPerPage = 30
    const log = await requestsOf(scenario, {}, 300)
    expect(log.code).toBe(0)
    expect(log.scalingo).toEqual([...BULK, 'GET /v1/scm_repo_links?per_page=100&page=2'].sort())
    expect(log.github).toEqual(scaleGitHub())
    expect(duplicateGets(log)).toEqual([])
    const page = (n: string): RecordedRequest | undefined =>
      log.all.find(
        (r) =>
          r.path === '/v1/scm_repo_links' && (new URLSearchParams(r.query).get('page') ?? '1') === n
      )
    const first = page('1')
    const second = page('2')
    const protection = log.all.find((r) => r.path.endsWith('/branches/main/protection'))
    if (!first?.endedAt || !second?.endedAt || !protection) throw new Error('missing requests')
    expect(protection.startedAt).toBeGreaterThanOrEqual(first.endedAt)
    expect(protection.startedAt).toBeLessThan(second.endedAt)
  }, 60_000)

  it('10 apps the token only collaborates on, linked by their owner: collaborators and link each', async () => {
    const log = await requestsOf(generateScenario({ apps: 10, collaborators: 5 }))
    expect(log.code).toBe(0)
    // The bulk links hold only what the token's account linked: the owner's links are asked per app.
    const perApp = Array.from(
      { length: 10 },
      (_, i) => `scale-app-${String(i + 1).padStart(3, '0')}`
    ).flatMap((name) => [app(name, 'collaborators'), app(name, 'scm_repo_link')])
    expect(log.scalingo).toEqual([...BULK, ...perApp].sort())
    expect(log.github).toEqual(scaleGitHub())
    expect(duplicateGets(log)).toEqual([])
  }, 60_000)

  it('the demo scenario (mid-failing): owned apps, one branch, one comment', async () => {
    const log = await requestsOf('mid-failing')
    expect(log.code).toBe(1)
    const R = '/repos/fleet/fleet-api'
    expect(log.scalingo).toEqual(BULK)
    expect(log.github).toEqual([
      `GET ${R}`,
      `GET ${R}/actions/permissions/workflow`,
      `GET ${R}/actions/workflows?per_page=100`,
      `GET ${R}/branches/main`,
      `GET ${R}/branches/main/protection`,
      `GET ${R}/contents/.github%2Fworkflows%2Fbuild.yml`,
      `GET ${R}/issues/314/comments?per_page=100`,
      `GET ${R}/rules/branches/main?per_page=100`,
      `GET ${R}/rulesets?includes_parents=true&targets=branch&per_page=100`,
      // Who the token is (GraphQL viewer), asked beside the comments' list.
      'POST /graphql',
      `POST ${R}/issues/314/comments`
    ])
    expect(duplicateGets(log)).toEqual([])
  }, 60_000)

  it('large-failing: per-app reads only for apps the token does not own, two branches', async () => {
    const log = await requestsOf('large-failing')
    expect(log.code).toBe(1)
    const R = '/repos/bigco/monolith'
    expect(log.scalingo).toEqual(
      [
        ...BULK,
        // Collaborated on: the bulk lists do not cover them (the links are their owner's).
        ...['admin', 'billing', 'production', 'staging', 'worker'].flatMap((name) => [
          app(`bigco-${name}`, 'collaborators'),
          app(`bigco-${name}`, 'scm_repo_link')
        ])
      ].sort()
    )
    expect(log.github).toEqual(
      [
        `GET ${R}`,
        `GET ${R}/actions/permissions/workflow`,
        `GET ${R}/actions/workflows?per_page=100`,
        `GET ${R}/contents/.github%2Fworkflows%2Ftest.yml`,
        `GET ${R}/rulesets?includes_parents=true&targets=branch&per_page=100`,
        `GET ${R}/rulesets/101?includes_parents=true`,
        `GET ${R}/rulesets/102?includes_parents=true`,
        ...['main', 'release'].flatMap((b) => [
          `GET ${R}/branches/${b}`,
          `GET ${R}/branches/${b}/protection`,
          `GET ${R}/rules/branches/${b}?per_page=100`
        ]),
        `GET ${R}/issues/9001/comments?per_page=100`,
        // Who the token is (GraphQL viewer), asked beside the comments' list.
        'POST /graphql',
        `POST ${R}/issues/9001/comments`
      ].sort()
    )
    expect(duplicateGets(log)).toEqual([])
  }, 60_000)

  it('the branch input: only that branch is read, never the one the SCM link names', async () => {
    const log = await requestsOf('github-autodeploy', { branch: 'main', comment: 'false' })
    const R = '/repos/demo/app'
    expect(log.github).toEqual([
      `GET ${R}`,
      `GET ${R}/actions/permissions/workflow`,
      `GET ${R}/actions/workflows?per_page=100`,
      `GET ${R}/branches/main`,
      `GET ${R}/branches/main/protection`,
      `GET ${R}/contents/.github%2FCODEOWNERS?ref=main`,
      `GET ${R}/contents/.github%2Fworkflows%2Fci.yml`,
      `GET ${R}/contents/CODEOWNERS?ref=main`,
      `GET ${R}/contents/docs%2FCODEOWNERS?ref=main`,
      `GET ${R}/rules/branches/main?per_page=100`,
      `GET ${R}/rulesets?includes_parents=true&targets=branch&per_page=100`
    ])
    expect(log.scalingo).toEqual(
      [...BULK, app('demo-app', 'collaborators'), app('demo-app', 'scm_repo_link')].sort()
    )
    expect(duplicateGets(log)).toEqual([])
  }, 60_000)
})

describe('sequentialRounds (the benchmark metric)', () => {
  const r = (startedAt: number, endedAt: number | null) => ({ startedAt, endedAt })

  it('counts requests in flight together once', () => {
    expect(sequentialRounds([r(0, 100), r(1, 101), r(2, 102)])).toBe(1)
  })

  it('follows the longest chain: exchange → facts → branch', () => {
    const log = [
      r(0, 100), // exchange
      r(1, 101), // GitHub repo, beside the exchange
      r(102, 202), // bulk apps
      r(103, 203), // bulk collaborators
      r(150, 250), // a ruleset detail, after the repo
      r(205, 305) // branch, after the links
    ]
    expect(sequentialRounds(log)).toBe(3)
    expect(sequentialRounds([...log, r(306, 406)])).toBe(4)
  })

  it('does not chain on a request that overlaps, nor on one never answered', () => {
    expect(sequentialRounds([r(0, 100), r(99, 199)])).toBe(1)
    expect(sequentialRounds([r(0, null), r(500, 600)])).toBe(1)
    expect(sequentialRounds([])).toBe(0)
  })
})

describe('limiter (the Scalingo concurrency cap)', () => {
  it('never runs more than the cap at once and runs every task', async () => {
    const limit = limiter(3)
    let active = 0
    let peak = 0
    const gates: (() => void)[] = []
    const task = (value: number) => () =>
      new Promise<number>((resolve) => {
        active += 1
        peak = Math.max(peak, active)
        gates.push(() => {
          active -= 1
          resolve(value)
        })
      })
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => limit(task(i))))
    // Release the tasks one by one, as they start, until all ten have run.
    for (let released = 0; released < 10; released++) {
      await new Promise((resolve) => setImmediate(resolve))
      expect(active).toBeLessThanOrEqual(3)
      gates.shift()?.()
    }
    expect(await all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(peak).toBe(3)
  })

  it('frees the slot of a task that fails', async () => {
    const limit = limiter(1)
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await limit(() => Promise.resolve('next'))).toBe('next')
  })
})
