import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { type Write } from './demo.js'
import { sandboxRun } from './sandbox-run.js'
import { generateScenario } from './generate.js'
import { parseScenario, type Scenario } from './scenario.js'
import { runAction, resolveNode24, type RunActionResult } from './run-action.js'
import { startSandbox, type RecordedRequest } from './server.js'
import { SCALINGO_RATE_LIMIT } from '../scalingo/budget.js'

const execFileAsync = promisify(execFile)

export interface BenchOptions {
  /** Folder holding action.yml, dist/index.js and node_modules. */
  readonly actionDir: string
  readonly latencyMs: number
  readonly apps: readonly number[]
  readonly collaborators: readonly number[]
  /** Runs per case; the case reports the run with the median wall time. */
  readonly runs: number
  /** Runs per bundle for the cold start medians. */
  readonly coldRuns: number
  /**
   * Apps of the collaborator-only budget case (`--collaborator-token N`); null: not run. It
   * takes minutes of real time (the pacing within 60 requests a minute), so it is opt-in.
   */
  readonly collaboratorTokenApps: number | null
  readonly write: Write
}

export interface BenchCase {
  readonly apps: number
  readonly collaborators: number
  /**
   * A pull-request run that keeps the sticky comment. The other cases audit with `comment:
   * false` (a scheduled or push run): the comment is written after the verdict, so it is a
   * fourth round by necessity, outside the three-round critical path the targets judge.
   */
  readonly withComment: boolean
  readonly scalingoRequests: number
  readonly githubRequests: number
  /** Requests of the sticky PR comment, written after the verdict (included in githubRequests). */
  readonly commentRequests: number
  /** Longest chain of requests each starting after the previous one ended, comment excluded. */
  readonly readRounds: number
  /** The same over every request, comment included. */
  readonly allRounds: number
  readonly wallMs: number
  /** From the first request's start to the last read's end (start-up and reporting excluded). */
  readonly readSpanMs: number
  /** Peak resident memory of the action process in KiB; null when not measurable. */
  readonly peakRssKiB: number | null
  readonly exitCode: number | null
}

/**
 * One audit with a collaborator-only token (the token's account owns none of the apps, so the
 * bulk endpoints serve nothing and every app costs its collaborators and its SCM link), under
 * the sandbox's per-token budget of Scalingo's 60 requests a minute.
 */
export interface BudgetCase {
  readonly apps: number
  readonly collaborators: number
  readonly scalingoRequests: number
  /** 429 answers the sandbox gave (from its request log): pacing means none. */
  readonly tooManyAnswers: number
  readonly githubRequests: number
  readonly wallMs: number
  /** The least time the budget allows for `scalingoRequests` (see pacingFloorMs). */
  readonly floorMs: number
  readonly limit: { readonly requests: number; readonly windowMs: number }
  /** The action's `result` output (pass / fail). */
  readonly result: string
  readonly exitCode: number | null
}

export interface ColdStart {
  readonly actionMs: number
  readonly helloMs: number
  readonly ratio: number
  /** The action's runtime dependencies alone, each imported and touched (see DEPENDENCIES_ENTRY). */
  readonly dependenciesMs: number
  readonly dependenciesRatio: number
}

export interface BenchReport {
  readonly machine: string
  readonly latencyMs: number
  readonly cases: readonly BenchCase[]
  readonly cold: ColdStart
  /** The collaborator-only case under the budget; null when not asked for. */
  readonly budget: BudgetCase | null
  readonly bundleBytes: number
  readonly helloBytes: number
  readonly dependenciesBytes: number
}

/** The comment is written after the verdict, on purpose: it is not a fact the audit reads. */
function isComment(request: RecordedRequest): boolean {
  return (
    request.service === 'github' &&
    /\/issues\/\d+\/comments|\/issues\/comments\//.test(request.path)
  )
}

/**
 * Sequential rounds: the longest chain of requests in which each one started after the previous
 * one had ended. Requests in flight together count once; a request never answered ends nothing.
 */
export function sequentialRounds(
  requests: readonly Pick<RecordedRequest, 'startedAt' | 'endedAt'>[]
): number {
  const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt)
  const chain: number[] = []
  let longest = 0
  sorted.forEach((request, i) => {
    let before = 0
    for (let j = 0; j < i; j++) {
      const earlier = sorted[j]
      const length = chain[j] ?? 0
      if (earlier?.endedAt != null && earlier.endedAt <= request.startedAt && length > before) {
        before = length
      }
    }
    chain.push(before + 1)
    longest = Math.max(longest, before + 1)
  })
  return longest
}

function span(requests: readonly RecordedRequest[]): number {
  const ends = requests.map((r) => r.endedAt).filter((end): end is number => end !== null)
  if (requests.length === 0 || ends.length === 0) return 0
  return Math.max(...ends) - Math.min(...requests.map((r) => r.startedAt))
}

/**
 * A generated scenario in which the token's account owns every audited app: the case that the
 * bulk endpoints serve (one /v1/apps, one /v1/collaborators per region).
 */
export function ownedScenario(apps: number, collaborators: number): Scenario {
  const base = generateScenario({ apps, collaborators })
  const token = base.inputs['scalingo-api-token'] ?? ''
  return parseScenario({
    ...base,
    name: `owned-${apps}x${collaborators}`,
    tokens: { ...base.tokens, scalingo: { [token]: 'owner' } }
  })
}

/**
 * The least wall time the budget allows for `requests` requests, in budget.ts's model: a request
 * holds its slot from its send until a window after its answer, and an answer comes at least
 * `latencyMs` after the send, so request k + limit starts at least window + latency after
 * request k. Floor = ⌊(requests − 1) / limit⌋ × (window + latency); with no latency, that is
 * ⌈requests / limit − 1⌉ windows. Zero when every request fits in the first window.
 */
export function pacingFloorMs(
  requests: number,
  limit: { readonly requests: number; readonly windowMs: number },
  latencyMs: number
): number {
  if (requests <= 0) return 0
  return Math.floor((requests - 1) / limit.requests) * (limit.windowMs + latencyMs)
}

/** Scalingo's 429 answers in a sandbox request log (GitHub's do not count against its budget). */
export function countTooMany(
  requests: readonly Pick<RecordedRequest, 'service' | 'status'>[]
): number {
  return requests.filter((r) => r.service !== 'github' && r.status === 429).length
}

/** The budget case's collaborators per app: few, the cost is per app. */
const BUDGET_COLLABORATORS = 5

async function runBudgetCase(
  options: BenchOptions,
  node: string,
  apps: number
): Promise<BudgetCase> {
  // generateScenario's token is the deploy service account's: a collaborator on every app, which
  // the owner account owns (the same generator as the 100-app pacing test).
  const scenario = generateScenario({ apps, collaborators: BUDGET_COLLABORATORS })
  const limit = scenario.scalingo.rateLimit ?? SCALINGO_RATE_LIMIT
  // exchange, self, 2FA, apps, collaborators, links, then two per app: what pacing must fit.
  const expected = 6 + 2 * apps
  const floorMs = pacingFloorMs(expected, limit, options.latencyMs)
  const sandbox = await startSandbox({ scenario, latencyMs: options.latencyMs })
  let result: RunActionResult
  try {
    const setup = sandboxRun(sandbox)
    result = await runAction({
      actionDir: options.actionDir,
      ...setup,
      inputs: { ...setup.inputs, comment: 'false' },
      node,
      timeoutMs: floorMs + 180_000
    })
  } finally {
    await sandbox.close()
  }
  await rm(result.tempDir, { recursive: true, force: true })
  if (result.timedOut || result.outputs.result === undefined) {
    throw new Error(
      `collaborator-only case of ${apps} apps: the action gave no result (exit ${String(result.code)}): ${result.stderr.slice(0, 400)}`
    )
  }
  const log = sandbox.requests
  const scalingoRequests = log.filter((r) => r.service !== 'github').length
  return {
    apps,
    collaborators: BUDGET_COLLABORATORS,
    scalingoRequests,
    tooManyAnswers: countTooMany(log),
    githubRequests: log.length - scalingoRequests,
    wallMs: result.elapsedMs,
    floorMs: pacingFloorMs(scalingoRequests, limit, options.latencyMs),
    limit: { requests: limit.requests, windowMs: limit.windowMs },
    result: result.outputs.result,
    exitCode: result.code
  }
}

/** Writes the preload that records the process's peak RSS (getrusage, like /usr/bin/time %M). */
async function writePeakProbe(dir: string): Promise<string> {
  const probe = join(dir, 'peak-rss.mjs')
  await writeFile(
    probe,
    [
      "import { writeFileSync } from 'node:fs'",
      'const out = process.env.SAG_BENCH_PEAK_FILE',
      "if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)))",
      ''
    ].join('\n')
  )
  return probe
}

async function readPeak(file: string): Promise<number | null> {
  try {
    const kib = Number.parseInt(await readFile(file, 'utf8'), 10)
    return Number.isFinite(kib) && kib > 0 ? kib : null
  } catch {
    return null
  }
}

async function runCase(
  options: BenchOptions,
  node: string,
  probe: string,
  work: string,
  apps: number,
  collaborators: number,
  withComment: boolean
): Promise<BenchCase> {
  const measured: BenchCase[] = []
  const scenario = ownedScenario(apps, collaborators)
  for (let run = 0; run < options.runs; run++) {
    const sandbox = await startSandbox({ scenario, latencyMs: options.latencyMs })
    const peakFile = join(work, `peak-${apps}-${collaborators}-${run}.txt`)
    let result: RunActionResult
    try {
      const setup = sandboxRun(sandbox)
      result = await runAction({
        actionDir: options.actionDir,
        ...setup,
        inputs: { ...setup.inputs, comment: withComment ? 'auto' : 'false' },
        env: {
          ...setup.env,
          NODE_OPTIONS: `--import=${probe}`,
          SAG_BENCH_PEAK_FILE: peakFile
        },
        node,
        timeoutMs: 150_000
      })
    } finally {
      await sandbox.close()
    }
    await rm(result.tempDir, { recursive: true, force: true })
    if (result.timedOut || result.outputs.result === undefined) {
      throw new Error(
        `case ${apps}x${collaborators}: the action gave no result (exit ${String(result.code)}): ${result.stderr.slice(0, 400)}`
      )
    }
    const log = sandbox.requests
    const reads = log.filter((r) => !isComment(r))
    measured.push({
      apps,
      collaborators,
      withComment,
      scalingoRequests: log.filter((r) => r.service !== 'github').length,
      githubRequests: log.filter((r) => r.service === 'github').length,
      commentRequests: log.length - reads.length,
      readRounds: sequentialRounds(reads),
      allRounds: sequentialRounds(log),
      wallMs: result.elapsedMs,
      readSpanMs: span(reads),
      peakRssKiB: await readPeak(peakFile),
      exitCode: result.code
    })
  }
  const byWall = [...measured].sort((a, b) => a.wallMs - b.wallMs)
  const median = byWall[Math.floor(byWall.length / 2)]
  if (median === undefined) throw new Error('no run was measured')
  // Counts do not depend on timing; a difference between runs would be a bug worth seeing.
  const counts = new Set(measured.map((m) => `${m.scalingoRequests}/${m.githubRequests}`))
  if (counts.size > 1) {
    options.write(`warning: request counts differ between runs of ${apps}x${collaborators}\n`)
  }
  return median
}

/** Time from spawn to exit of one script, run the way runAction runs the action. */
async function timeStart(
  actionDir: string,
  node: string,
  main: string | undefined
): Promise<number> {
  const result = await runAction({
    actionDir,
    inputs: {},
    node,
    timeoutMs: 60_000,
    ...(main === undefined ? {} : { main })
  })
  await rm(result.tempDir, { recursive: true, force: true })
  if (!result.stdout.includes('::error::')) {
    throw new Error(`cold start run of ${actionDir} printed no error line: ${result.stderr}`)
  }
  return result.elapsedMs
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) return sorted[mid] ?? 0
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const HELLO_ENTRY = "import * as core from '@actions/core'\n\ncore.setFailed('hello world')\n"

/**
 * The action's runtime dependencies and nothing of its own: each package of package.json's
 * `dependencies` imported and touched, then the same exit. What the action costs beyond it is
 * its own code (rules, schemas, adapters, reports).
 */
export const DEPENDENCIES_ENTRY = `import * as core from '@actions/core'
import { context, getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { stringify } from 'csv-stringify/sync'
import { EnvHttpProxyAgent } from 'undici'
import { parse } from 'yaml'
import { z } from 'zod'

const touched = [context.eventName, getOctokit, retry, throttling, stringify, EnvHttpProxyAgent, parse, z.object({})]
core.setFailed('dependencies alone: ' + touched.length)
`

/** The packages a source imports (bare specifiers, subpaths folded in; node: built-ins aside). */
export function importedPackages(source: string): string[] {
  const names = new Set<string>()
  for (const [, specifier = ''] of source.matchAll(
    /^(?:import|export|\}).*? from '([^.'][^']*)'/gm
  )) {
    if (specifier.startsWith('node:')) continue
    const parts = specifier.split('/')
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier))
  }
  return [...names].sort()
}

/**
 * Builds a one-file action with ncc -m, the way dist/index.js is built. The entry sits inside
 * the project so that its packages resolve from the project's node_modules.
 */
async function buildEntry(actionDir: string, name: string, entry: string): Promise<string> {
  const ncc = join(actionDir, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  if (!existsSync(ncc)) throw new Error(`ncc is missing (${ncc}): run npm ci first`)
  const cache = join(actionDir, 'node_modules', '.cache')
  await mkdir(cache, { recursive: true })
  const source = await mkdtemp(join(cache, `sag-bench-${name}-`))
  const out = await mkdtemp(join(tmpdir(), `sag-bench-${name}-`))
  try {
    await writeFile(join(source, 'index.ts'), entry)
    await execFileAsync(process.execPath, [
      ncc,
      'build',
      join(source, 'index.ts'),
      '-o',
      join(out, 'dist'),
      '-m',
      '--no-source-map-register',
      '-q'
    ])
  } finally {
    await rm(source, { recursive: true, force: true })
  }
  return out
}

/** The hello world and the dependencies-alone bundle; the latter must import every dependency. */
async function buildReferences(
  actionDir: string,
  write: Write,
  made: string[]
): Promise<{ readonly hello: string; readonly dependencies: string }> {
  const manifest = JSON.parse(await readFile(join(actionDir, 'package.json'), 'utf8')) as {
    readonly dependencies?: Readonly<Record<string, string>>
  }
  const wanted = Object.keys(manifest.dependencies ?? {}).sort()
  const imported = importedPackages(DEPENDENCIES_ENTRY)
  if (wanted.join(',') !== imported.join(',')) {
    throw new Error(
      `the dependencies-alone bundle imports ${imported.join(', ')} but package.json depends on ${wanted.join(', ')}`
    )
  }
  write('Building the hello-world and dependencies-alone bundles with ncc -m …\n')
  const hello = await buildEntry(actionDir, 'hello', HELLO_ENTRY)
  made.push(hello)
  const dependencies = await buildEntry(actionDir, 'dependencies', DEPENDENCIES_ENTRY)
  made.push(dependencies)
  return { hello, dependencies }
}

/**
 * Cold start: the action and the two reference bundles spawned the way the runner does and
 * timed to exit, each exiting at its first statement that matters (the action: the required
 * `apps` input is empty, so it stops before any request; the references: setFailed).
 * Alternated, median of `coldRuns` each.
 */
async function coldStart(
  options: BenchOptions,
  node: string,
  helloDir: string,
  dependenciesDir: string
): Promise<ColdStart> {
  const dirs = [options.actionDir, helloDir, dependenciesDir]
  const times: number[][] = dirs.map(() => [])
  // One unmeasured run each warms the page cache, as a runner's second step would see it.
  for (const dir of dirs) await timeStart(dir, node, 'dist/index.js')
  for (let i = 0; i < options.coldRuns; i++) {
    for (const [k, dir] of dirs.entries())
      times[k]?.push(await timeStart(dir, node, 'dist/index.js'))
  }
  const [actionMs = 0, helloMs = 0, dependenciesMs = 0] = times.map(median)
  return {
    actionMs,
    helloMs,
    ratio: actionMs / helloMs,
    dependenciesMs,
    dependenciesRatio: dependenciesMs / helloMs
  }
}

async function nodeVersion(node: string): Promise<string> {
  return execFileAsync(node, ['--version']).then(
    ({ stdout }) => stdout.trim(),
    () => 'unknown'
  )
}

/** `npm run bench`: every case against the sandbox with injected latency, then the cold start. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const main = join(options.actionDir, 'dist', 'index.js')
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run bundle first`)
  const node = await resolveNode24([options.actionDir, process.cwd()])
  const machine =
    `${availableParallelism()} CPU(s), ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `action on Node ${await nodeVersion(node)}, bench on Node ${process.version}`
  const work = await mkdtemp(join(tmpdir(), 'sag-bench-'))
  const references: string[] = []
  try {
    const probe = await writePeakProbe(work)
    options.write(`Machine: ${machine}\nLatency: ${options.latencyMs} ms a request\n`)
    const cases: BenchCase[] = []
    for (const apps of options.apps) {
      for (const collaborators of options.collaborators) {
        options.write(`  ${apps} app(s) × ${collaborators} collaborator(s) …\n`)
        cases.push(await runCase(options, node, probe, work, apps, collaborators, false))
      }
    }
    // What a reviewer waits for on a pull request: the same audit, then the sticky comment.
    const apps = options.apps.includes(10) ? 10 : (options.apps[0] ?? 1)
    const collaborators = options.collaborators.includes(50) ? 50 : (options.collaborators[0] ?? 5)
    options.write(`  ${apps} app(s) × ${collaborators} collaborator(s), pull request + comment …\n`)
    cases.push(await runCase(options, node, probe, work, apps, collaborators, true))
    let budget: BudgetCase | null = null
    if (options.collaboratorTokenApps !== null) {
      const n = options.collaboratorTokenApps
      options.write(
        `  ${n} app(s) with a collaborator-only token, within Scalingo's budget (minutes) …\n`
      )
      budget = await runBudgetCase(options, node, n)
    }
    const built = await buildReferences(options.actionDir, options.write, references)
    const cold = await coldStart(options, node, built.hello, built.dependencies)
    return {
      machine,
      latencyMs: options.latencyMs,
      cases,
      cold,
      budget,
      bundleBytes: (await stat(main)).size,
      helloBytes: (await stat(join(built.hello, 'dist', 'index.js'))).size,
      dependenciesBytes: (await stat(join(built.dependencies, 'dist', 'index.js'))).size
    }
  } finally {
    await rm(work, { recursive: true, force: true })
    for (const dir of references) await rm(dir, { recursive: true, force: true })
  }
}

const TARGET_SCALINGO_10 = 6
const TARGET_WALL = 1.3
const TARGET_COLD = 1.5
const TARGET_BUNDLE = 2 * 1024 * 1024

function ms(value: number): string {
  return `${Math.round(value)} ms`
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED'
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`
}

/** The collaborator-only row under the budget, when it was run. */
function budgetLines(report: BenchReport): string[] {
  const b = report.budget
  if (b === null) return []
  const perWindow = `${b.limit.requests} requests per ${b.limit.windowMs / 1000} s`
  return [
    '',
    `Collaborator-only token (its account owns none of the apps: every app costs its collaborators and its SCM link), under Scalingo's budget of ${perWindow} per token:`,
    '',
    '| apps × collaborators | Scalingo requests | 429s met | GitHub requests | wall | pacing floor | wall / floor | result |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    `| ${b.apps} × ${b.collaborators} | ${b.scalingoRequests} | ${b.tooManyAnswers} | ${b.githubRequests} | ${seconds(b.wallMs)} | ${seconds(b.floorMs)} | ${b.floorMs > 0 ? (b.wallMs / b.floorMs).toFixed(2) : 'n/a'} | ${b.result} |`,
    '',
    `Pacing floor = ⌊(requests − 1) / ${b.limit.requests}⌋ × (${b.limit.windowMs / 1000} s + latency): ` +
      'a request holds its slot from its send until a window after its answer (src/scalingo/budget.ts), ' +
      `so request k + ${b.limit.requests} starts at least a window and a latency after request k. ` +
      "429s met: the answers 429 in the sandbox's request log."
  ]
}

/** The table (markdown, ready for the README) and the targets. */
export function formatBench(report: BenchReport): string {
  const budget = 3 * report.latencyMs
  const startup = report.cold.actionMs
  const rows = report.cases.map((c) =>
    [
      `${c.apps} × ${c.collaborators}${c.withComment ? ', pull request + comment' : ''}`,
      String(c.scalingoRequests),
      c.commentRequests > 0
        ? `${c.githubRequests} (${c.commentRequests} comment)`
        : String(c.githubRequests),
      c.commentRequests > 0
        ? `${c.readRounds} (+${c.allRounds - c.readRounds})`
        : String(c.readRounds),
      ms(c.wallMs),
      ms(c.readSpanMs),
      (c.wallMs / budget).toFixed(2),
      ((c.wallMs - startup) / budget).toFixed(2),
      c.peakRssKiB === null ? 'n/a' : `${(c.peakRssKiB / 1024).toFixed(0)} MiB`
    ].join(' | ')
  )
  const lines = [
    `Machine: ${report.machine}; latency ${report.latencyMs} ms a request (3 × latency = ${budget} ms).`,
    '',
    '| owned apps × collaborators | Scalingo requests | GitHub requests | rounds (+ comment) | wall | reads span | wall / (3 × latency) | (wall − start-up) / (3 × latency) | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r} |`),
    '',
    "The token's account owns these apps and made their links (the bulk endpoints serve them), " +
      'with `scalingo-api-url` set, as the sandbox always sets it. Rows audit with ' +
      '`comment: false` (a scheduled or push run); the pull-request row adds the sticky comment, ' +
      'written after the verdict (its lookup runs beside the reads).',
    ...budgetLines(report),
    '',
    `Cold start (median, to exit on the first input check): dist/index.js ${ms(report.cold.actionMs)}, ` +
      `hello-world @actions/core bundle ${ms(report.cold.helloMs)}, ratio ${report.cold.ratio.toFixed(2)}; ` +
      `the action's dependencies alone ${ms(report.cold.dependenciesMs)}, ratio ${report.cold.dependenciesRatio.toFixed(2)}.`,
    `Bundle: dist/index.js ${mib(report.bundleBytes)} (hello world ${mib(report.helloBytes)}, ` +
      `dependencies alone ${mib(report.dependenciesBytes)}).`,
    '',
    'Targets:'
  ]
  const audits = report.cases.filter((c) => !c.withComment)
  const ten = audits.filter((c) => c.apps === 10)
  if (ten.length > 0) {
    const worst = Math.max(...ten.map((c) => c.scalingoRequests))
    lines.push(
      `- 10 owned apps in ≤ ${TARGET_SCALINGO_10} Scalingo requests (scalingo-api-url set): ${worst} — ${verdict(worst <= TARGET_SCALINGO_10)}`
    )
  }
  if (report.budget !== null) {
    const b = report.budget
    lines.push(
      `- ${b.apps} apps with a collaborator-only token provoke no 429: ${b.tooManyAnswers} — ${verdict(b.tooManyAnswers === 0)}`
    )
  }
  const worstWall = Math.max(...audits.map((c) => (c.wallMs - startup) / budget))
  const worstSpan = Math.max(...audits.map((c) => c.readSpanMs / budget))
  lines.push(
    `- reads span (first request → last read, comment excluded) ≤ ${TARGET_WALL} × (3 × latency): worst ${worstSpan.toFixed(2)} — ${verdict(worstSpan <= TARGET_WALL)}`,
    `- wall ≤ ${TARGET_WALL} × (3 × latency) + start-up, audits without the comment: worst ${worstWall.toFixed(2)} — ${verdict(worstWall <= TARGET_WALL)}`,
    `- cold start ≤ ${TARGET_COLD} × hello world: ${report.cold.ratio.toFixed(2)} — ${verdict(report.cold.ratio <= TARGET_COLD)}`,
    `- bundle ≤ 2 MiB: ${mib(report.bundleBytes)} — ${verdict(report.bundleBytes <= TARGET_BUNDLE)}`
  )
  return `${lines.join('\n')}\n`
}
