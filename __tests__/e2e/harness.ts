import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import type { Fault } from '../../src/sandbox/faults.js'
import type { SandboxComment } from '../../src/sandbox/github-api.js'
import { loadScenario, type Scenario } from '../../src/sandbox/scenario.js'
import { startSandbox, type RecordedRequest } from '../../src/sandbox/server.js'
import type { Finding } from '../../src/types.js'
import { lines, runOn, type ScenarioRun } from './run-scenario.js'

/**
 * Hostile-conditions harness: one sandbox per case (scenario + faults), dist/index.js run on
 * Node 24 with the scenario's inputs plus overrides, and everything the run left behind — request
 * log, comments, issued bearers, report and SARIF text — returned for assertions.
 */

export interface CaseOptions {
  /** A bundled scenario's name or scenario data (see withCanaryTokens). */
  readonly scenario: Scenario | string
  readonly faults?: readonly Fault[]
  /** Input overrides (strings, as the runner passes them). */
  readonly inputs?: Readonly<Record<string, string>>
}

export interface CaseRun extends ScenarioRun {
  readonly requests: readonly RecordedRequest[]
  readonly comments: readonly SandboxComment[]
  /** Scalingo bearers the sandbox issued during the run. */
  readonly bearers: readonly string[]
  /** Text of the SARIF file when one was written. */
  readonly sarif: string | null
  readonly wallMs: number
}

/** Runs the action once against a fresh sandbox and removes the run's temporary folder. */
export async function runCase(options: CaseOptions): Promise<CaseRun> {
  const sandbox = await startSandbox({ scenario: options.scenario, faults: options.faults ?? [] })
  const started = Date.now()
  try {
    const run = await runOn(sandbox, { 'sarif-file': 'governance.sarif', ...options.inputs })
    const wallMs = Date.now() - started
    const sarifPath = run.outputs['sarif-file']
    const sarif = sarifPath && existsSync(sarifPath) ? await readFile(sarifPath, 'utf8') : null
    await rm(run.tempDir, { recursive: true, force: true })
    return {
      ...run,
      requests: sandbox.requests,
      comments: sandbox.comments,
      bearers: sandbox.issuedBearers,
      sarif,
      wallMs
    }
  } finally {
    await sandbox.close()
  }
}

/** Distinctive token values: a leak of any of them is unmistakable in any text. */
export const CANARY = {
  scalingo: (i: number): string => `tk-us-CANARY-${i}-5f0c2e9a71d84b36`,
  github: (i: number): string => `ghs_CANARY${i}x9Q4v7LmZ2pR8tW3yK6`
}

/** A copy of a scenario whose Scalingo and GitHub tokens are canaries (inputs follow). */
export function withCanaryTokens(scenario: Scenario | string): Scenario {
  const s = typeof scenario === 'string' ? loadScenario(scenario) : structuredClone(scenario)
  const renamed = new Map<string, string>()
  Object.keys(s.tokens.scalingo).forEach((t, i) => renamed.set(t, CANARY.scalingo(i)))
  Object.keys(s.tokens.github).forEach((t, i) => renamed.set(t, CANARY.github(i)))
  const swap = <V>(map: Record<string, V>): Record<string, V> =>
    Object.fromEntries(Object.entries(map).map(([t, v]) => [renamed.get(t) ?? t, v]))
  s.tokens.scalingo = swap(s.tokens.scalingo)
  s.tokens.github = swap(s.tokens.github)
  for (const [input, value] of Object.entries(s.inputs)) {
    s.inputs[input] = renamed.get(value) ?? value
  }
  return s
}

/**
 * Every secret a run could leak: the scenario's tokens, their HTTP Basic form (the exchange's
 * Authorization value) and the bearers the sandbox issued.
 */
export function secretsOf(scenario: Scenario, run: CaseRun): string[] {
  const scalingo = Object.keys(scenario.tokens.scalingo)
  return [
    ...scalingo,
    ...scalingo.map((t) => Buffer.from(`:${t}`).toString('base64')),
    ...Object.keys(scenario.tokens.github),
    ...run.bearers
  ]
}

const ADD_MASK = /^::add-mask::(.*)$/gm

/** Values the run asked the runner to mask (`::add-mask::` lines, which the runner never shows). */
export function masked(stdout: string): string[] {
  return [...stdout.matchAll(ADD_MASK)].map((m) => m[1] ?? '')
}

/**
 * `where: secret` for every secret found in anything the run produced; empty when clean.
 * `::add-mask::` lines are how a secret is registered with the runner, not output, so they are
 * left out of stdout (tests check them with `masked`).
 */
export function leaks(run: CaseRun, secrets: readonly string[]): string[] {
  const places: Record<string, string> = {
    stdout: run.stdout.replace(ADD_MASK, ''),
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    'report file': run.reportFile ?? '',
    sarif: run.sarif ?? '',
    comments: run.comments.map((c) => c.body).join('\n'),
    'request log': JSON.stringify(run.requests)
  }
  const found: string[] = []
  for (const [where, text] of Object.entries(places)) {
    for (const secret of secrets) if (text.includes(secret)) found.push(`${where}: ${secret}`)
  }
  return found
}

/**
 * Requests that change something, other than the action's own comment writes: Scalingo may
 * only see GETs and the token exchange, GitHub only GETs and POST/PATCH on issue comments.
 */
export function writesOutsideComments(requests: readonly RecordedRequest[]): string[] {
  return requests
    .filter((r) => {
      if (r.method === 'GET') return false
      if (r.service === 'scalingo-auth')
        return !(r.method === 'POST' && r.path === '/v1/tokens/exchange')
      if (r.service === 'github') {
        // GraphQL's `query { viewer { login } }` reads who the token is (it writes nothing).
        if (r.method === 'POST' && r.path === '/graphql') return false
        if (r.method === 'POST')
          return !/^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(r.path)
        if (r.method === 'PATCH')
          return !/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/.test(r.path)
      }
      return true
    })
    .map((r) => `${r.service} ${r.method} ${r.path}`)
}

/** `severity rule @app :subject` per finding, sorted: compares runs whatever the order. */
export function findingKeys(findings: readonly Finding[]): string[] {
  return lines(findings).sort()
}

/** A stack frame line (`    at fn (file:1:2)`): a run must never print one. */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m

/** Findings that say a platform could not be read. */
export function unavailable(findings: readonly Finding[]): Finding[] {
  return findings.filter(
    (f) => f.rule === 'scalingo-unavailable' || f.rule === 'github-unavailable'
  )
}
