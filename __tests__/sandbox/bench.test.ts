import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  DEPENDENCIES_ENTRY,
  countTooMany,
  formatBench,
  importedPackages,
  pacingFloorMs,
  type BenchReport
} from '../../src/sandbox/bench.js'

// Scalingo's documented limit (developers documentation, index.md "Rate Limit").
const LIMIT = { requests: 60, windowMs: 60_000 }

describe('pacingFloorMs (the least time the budget allows)', () => {
  it('is zero while every request fits in the first window', () => {
    expect(pacingFloorMs(0, LIMIT, 100)).toBe(0)
    expect(pacingFloorMs(1, LIMIT, 100)).toBe(0)
    expect(pacingFloorMs(60, LIMIT, 100)).toBe(0)
  })

  it('adds a window and a latency per further window started', () => {
    expect(pacingFloorMs(61, LIMIT, 100)).toBe(60_100)
    expect(pacingFloorMs(120, LIMIT, 100)).toBe(60_100)
    expect(pacingFloorMs(121, LIMIT, 100)).toBe(120_200)
    // 100 apps with a collaborator-only token: 6 + 2 × 100 requests.
    expect(pacingFloorMs(206, LIMIT, 100)).toBe(3 * 60_100)
  })

  it('is ⌈N / 60 − 1⌉ minutes without latency', () => {
    for (const n of [1, 59, 60, 61, 119, 120, 121, 206, 240, 241]) {
      expect(pacingFloorMs(n, LIMIT, 0)).toBe(Math.ceil(n / 60 - 1) * 60_000 + 0) // + 0: no -0
    }
  })
})

describe('countTooMany', () => {
  it("counts Scalingo's 429 answers only", () => {
    expect(
      countTooMany([
        { service: 'scalingo-auth', status: 200 },
        { service: 'scalingo-api', status: 429 },
        { service: 'scalingo-auth', status: 429 },
        { service: 'github', status: 429 },
        { service: 'scalingo-api', status: null }
      ])
    ).toBe(2)
    expect(countTooMany([])).toBe(0)
  })
})

describe('formatBench', () => {
  const report: BenchReport = {
    machine: 'test machine',
    latencyMs: 100,
    cases: [
      {
        apps: 10,
        collaborators: 5,
        withComment: false,
        scalingoRequests: 6,
        githubRequests: 7,
        commentRequests: 0,
        readRounds: 3,
        allRounds: 3,
        wallMs: 500,
        readSpanMs: 340,
        peakRssKiB: 100 * 1024,
        exitCode: 0
      }
    ],
    cold: {
      actionMs: 150,
      helloMs: 120,
      ratio: 1.25,
      dependenciesMs: 138,
      dependenciesRatio: 1.15
    },
    budget: {
      apps: 100,
      collaborators: 5,
      scalingoRequests: 206,
      tooManyAnswers: 0,
      githubRequests: 7,
      wallMs: 182_000,
      floorMs: 180_300,
      limit: LIMIT,
      result: 'pass',
      exitCode: 0
    },
    bundleBytes: 1024 * 1024,
    helloBytes: 600 * 1024,
    dependenciesBytes: 900 * 1024
  }

  it('shows the cold start against the hello world and the dependencies alone', () => {
    const text = formatBench(report)
    expect(text).toContain(
      'dist/index.js 150 ms, hello-world @actions/core bundle 120 ms, ratio 1.25; ' +
        "the action's dependencies alone 138 ms, ratio 1.15."
    )
    expect(text).toContain('(hello world 0.59 MiB, dependencies alone 0.88 MiB)')
    expect(text).toContain('- cold start ≤ 1.5 × hello world: 1.25 — met')
    expect(formatBench({ ...report, cold: { ...report.cold, ratio: 1.62 } })).toContain(
      '- cold start ≤ 1.5 × hello world: 1.62 — MISSED'
    )
  })

  it('labels the owned row and shows the budget row with its floor and formula', () => {
    const text = formatBench(report)
    expect(text).toContain('| owned apps × collaborators |')
    expect(text).toContain(
      '- 10 owned apps in ≤ 6 Scalingo requests (scalingo-api-url set): 6 — met'
    )
    expect(text).toContain('| 100 × 5 | 206 | 0 | 7 | 182.0 s | 180.3 s | 1.01 | pass |')
    expect(text).toContain('Pacing floor = ⌊(requests − 1) / 60⌋ × (60 s + latency)')
    expect(text).toContain('- 100 apps with a collaborator-only token provoke no 429: 0 — met')
  })

  it('says MISSED when the run met a 429, and leaves the budget row out when not run', () => {
    const budget = report.budget
    if (budget === null) throw new Error('fixture')
    expect(formatBench({ ...report, budget: { ...budget, tooManyAnswers: 2 } })).toContain(
      'provoke no 429: 2 — MISSED'
    )
    const without = formatBench({ ...report, budget: null })
    expect(without).not.toContain('collaborator-only')
    expect(without).not.toContain('Pacing floor')
  })
})

describe('the dependencies-alone bundle', () => {
  it("imports exactly package.json's dependencies", () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
    ) as { dependencies: Record<string, string> }
    expect(importedPackages(DEPENDENCIES_ENTRY)).toEqual(Object.keys(manifest.dependencies).sort())
  })

  it('folds subpaths into their package and skips relative imports', () => {
    const source =
      "import a from 'csv-stringify/sync'\nimport b from '@scope/pkg/deep'\nimport c from './local.js'\nimport d from 'node:fs'\n"
    expect(importedPackages(source)).toEqual(['@scope/pkg', 'csv-stringify'])
  })
})
