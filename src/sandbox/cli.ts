import { formatBench, runBench } from './bench.js'
import { findActionDir, runDemo, type Write } from './demo.js'
import { parseFaults } from './faults.js'
import { DEFAULT_SCENARIO, SCENARIO_NAMES, loadScenario } from './scenario.js'
import { startSandbox, type Sandbox } from './server.js'

const USAGE = `Usage:
  node dist/sandbox/index.js serve --scenario NAME [--port N] [--latency MS] [--faults JSON]
  node dist/sandbox/index.js demo [SCENARIO]          (default: mid-failing)
  node dist/sandbox/index.js list
  node dist/sandbox/index.js bench [--latency MS] [--apps 1,10,50] [--collaborators 5,50,200]
                                   [--runs N] [--cold-runs N] [--collaborator-token APPS]
                                   [--json]

bench --collaborator-token APPS adds APPS apps audited with a collaborator-only token within
Scalingo's 60 requests a minute (takes minutes: 100 apps, about three).

serve prints one JSON line (urls, tokens, inputs) and answers until SIGTERM or SIGINT.
Admin endpoints: GET /__sandbox/requests, /__sandbox/comments, /__sandbox/info;
POST /__sandbox/faults (JSON array), POST /__sandbox/reset.
`

export interface Flags {
  readonly positional: string[]
  readonly values: Map<string, string>
}

function parseFlags(argv: readonly string[]): Flags {
  const positional: string[] = []
  const values = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      if (eq !== -1) values.set(arg.slice(2, eq), arg.slice(eq + 1))
      // A flag followed by another flag is a switch (--json).
      else if ((argv[i + 1] ?? '--').startsWith('--')) values.set(arg.slice(2), '')
      else values.set(arg.slice(2), argv[++i] ?? '')
    } else {
      positional.push(arg)
    }
  }
  return { positional, values }
}

function integer(flags: Flags, name: string, fallback: number): number {
  const raw = flags.values.get(name)
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw))
    throw new Error(`--${name} expects a whole number, got ${JSON.stringify(raw)}`)
  return Number(raw)
}

function integers(flags: Flags, name: string, fallback: readonly number[]): number[] {
  const raw = flags.values.get(name)
  if (raw === undefined) return [...fallback]
  const parts = raw.split(',').map((p) => p.trim())
  if (parts.some((p) => !/^[1-9]\d*$/.test(p))) {
    throw new Error(
      `--${name} expects positive whole numbers separated by commas, got ${JSON.stringify(raw)}`
    )
  }
  return parts.map(Number)
}

function collaboratorTokenApps(flags: Flags): number | null {
  const raw = flags.values.get('collaborator-token')
  if (raw === undefined) return null
  if (!/^[1-9]\d*$/.test(raw)) {
    throw new Error(
      `--collaborator-token expects a positive number of apps (e.g. 100), got ${JSON.stringify(raw)}`
    )
  }
  return Number(raw)
}

/** `npm run bench`: the table on stdout (or JSON with --json), progress on stderr. */
async function bench(flags: Flags, out: Write, err: Write): Promise<number> {
  const report = await runBench({
    actionDir: flags.values.get('action-dir') ?? findActionDir(),
    latencyMs: integer(flags, 'latency', 100),
    apps: integers(flags, 'apps', [1, 10, 50]),
    collaborators: integers(flags, 'collaborators', [5, 50, 200]),
    runs: Math.max(1, integer(flags, 'runs', 3)),
    coldRuns: Math.max(1, integer(flags, 'cold-runs', 9)),
    collaboratorTokenApps: collaboratorTokenApps(flags),
    write: err
  })
  out(flags.values.has('json') ? `${JSON.stringify(report, null, 2)}\n` : formatBench(report))
  return 0
}

/** Serves until `stop` resolves (a signal in the real CLI). Returns the exit code. */
export async function serve(
  flags: Flags,
  write: Write,
  stop: (sandbox: Sandbox) => Promise<void>
): Promise<number> {
  const scenario = flags.values.get('scenario') ?? flags.positional[0] ?? DEFAULT_SCENARIO
  const sandbox = await startSandbox({
    scenario,
    port: integer(flags, 'port', 0),
    latencyMs: integer(flags, 'latency', 0),
    faults: flags.values.has('faults')
      ? parseFaults(JSON.parse(flags.values.get('faults') ?? '[]'))
      : []
  })
  const { repository } = sandbox.scenario
  write(
    `${JSON.stringify({
      url: sandbox.url,
      scalingoAuthUrl: sandbox.scalingoAuthUrl,
      scalingoApiUrl: sandbox.scalingoApiUrl,
      githubApiUrl: sandbox.githubApiUrl,
      scenario: sandbox.scenario.name,
      repository: `${repository.owner}/${repository.name}`,
      pullRequest: repository.pullRequest,
      tokens: {
        scalingo: Object.keys(sandbox.scenario.tokens.scalingo),
        github: sandbox.scenario.tokens.github
      },
      inputs: sandbox.scenario.inputs
    })}\n`
  )
  try {
    await stop(sandbox)
  } finally {
    await sandbox.close()
  }
  return 0
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGTERM', done)
      process.off('SIGINT', done)
      resolve()
    }
    process.once('SIGTERM', done)
    process.once('SIGINT', done)
  })
}

export async function runCli(
  argv: readonly string[],
  io: { out: Write; err: Write } = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t)
  }
): Promise<number> {
  const [command, ...rest] = argv
  const flags = parseFlags(rest)
  try {
    switch (command) {
      case 'serve':
        return await serve(flags, io.out, untilSignal)
      case 'demo':
        return await runDemo({
          scenario: flags.values.get('scenario') ?? flags.positional[0] ?? DEFAULT_SCENARIO,
          actionDir: flags.values.get('action-dir'),
          write: io.out
        })
      case 'bench':
        return await bench(flags, io.out, io.err)
      case 'list':
        for (const name of SCENARIO_NAMES) {
          io.out(`${name.padEnd(18)} ${loadScenario(name).description}\n`)
        }
        return 0
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE)
        return command === undefined ? 2 : 0
      default:
        io.err(`Unknown command ${JSON.stringify(command)}.\n${USAGE}`)
        return 2
    }
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}
