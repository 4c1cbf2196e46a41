import { RUN_DEADLINE_MS, audit } from '../audit.js'
import { Deadline } from '../promises.js'
import type { SkipReasons } from '../collect-facts.js'
import { ConfigError, parseConfig, type RunContext } from '../config.js'
import { INPUTS } from '../inputs.js'
import { proxyEnvironment } from '../proxy.js'
import { TOOL_VERSION, redactorFor } from '../publish.js'
import { registerBlocker, registerRows, writeAccessRegister } from '../report/access-register.js'
import { type Redactor } from '../report/redact.js'
import { buildReport } from '../report/report-file.js'
import { writeSarifFile } from '../report/sarif.js'
import { sandboxRun } from '../sandbox/sandbox-run.js'
import { startSandbox, type Sandbox } from '../sandbox/server.js'
import { UsageError, envVarOf, flagLabel, parseCliArgs, renderHelp, type CliArgs } from './args.js'
import { renderTable, sanitize, skippedReasons } from './render.js'

export type Write = (text: string) => void

export interface CliIo {
  readonly out: Write
  readonly err: Write
  readonly env: NodeJS.ProcessEnv
  /** stdout is a terminal: colours (unless NO_COLOR) and wrapping at `columns`. */
  readonly isTty: boolean
  readonly columns: number | null
  readonly cwd: string
}

export const EXIT = { pass: 0, fail: 1, usage: 2 } as const

/**
 * From a terminal the GitHub token is optional: without one the GitHub part is skipped, and
 * said so, rather than reported as unreadable as in a workflow, where a token always exists.
 */
const CLI_SKIP_REASONS: SkipReasons = {
  noScalingoToken:
    'SCALINGO_API_TOKEN is not set, so no Scalingo request was made (set it to audit the apps)',
  noRepository:
    'no --repo given and GITHUB_REPOSITORY is not set (pass --repo owner/name to audit the repository)',
  noGitHubToken:
    'GITHUB_TOKEN is not set (set it, e.g. to `gh auth token`, to audit the repository)'
}

function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    isTty: process.stdout.isTTY === true,
    columns: process.stdout.columns ?? null,
    cwd: process.cwd()
  }
}

/** `scalingo-governance [flags]`: parses, audits, prints, and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let args: CliArgs
  try {
    args = parseCliArgs(argv)
  } catch (error) {
    return usage(io, error)
  }
  if (args.help) {
    io.out(renderHelp())
    return EXIT.pass
  }
  let sandbox: Sandbox | null = null
  try {
    if (args.sandbox !== null) sandbox = await startSandbox({ scenario: args.sandbox })
    return await auditAndPrint(args, sandbox, io)
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) return usage(io, error)
    io.err(`The audit could not run: ${sanitize(messageOf(error))}\n`)
    return EXIT.fail
  } finally {
    await sandbox?.close()
  }
}

function usage(io: CliIo, error: unknown): number {
  if (error instanceof ConfigError) {
    // "Input "team-size" is …" → "--team-size is …": name what the user typed.
    const label = flagLabel(error.input)
    io.err(`${sanitize(error.message.replace(`Input "${error.input}"`, label))}\n`)
  } else {
    io.err(`${sanitize(messageOf(error))}\n`)
  }
  return EXIT.usage
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

interface Sources {
  readonly inputs: Readonly<Record<string, string>>
  readonly secrets: Readonly<Record<string, string>>
  readonly context: RunContext
}

/**
 * What the audit reads. On the sandbox, the scenario's inputs and tokens (never a real token
 * from the environment: the sandbox is a closed world); flags override the inputs.
 */
function sources(args: CliArgs, sandbox: Sandbox | null, env: NodeJS.ProcessEnv): Sources {
  const secrets: Record<string, string> = {}
  if (sandbox === null) {
    for (const input of INPUTS) {
      if (input.secret) secrets[input.name] = (env[envVarOf(input)] ?? '').trim()
    }
    return {
      inputs: args.inputs,
      secrets,
      context: { apiUrl: env.GITHUB_API_URL, repository: args.repo ?? env.GITHUB_REPOSITORY }
    }
  }
  const run = sandboxRun(sandbox)
  const inputs: Record<string, string> = {}
  for (const input of INPUTS) {
    const value = run.inputs[input.name]
    if (value === undefined) continue
    if (input.secret) secrets[input.name] = value
    else inputs[input.name] = value
  }
  return {
    inputs: { ...inputs, ...args.inputs },
    secrets,
    context: {
      apiUrl: run.env.GITHUB_API_URL,
      repository: args.repo ?? run.env.GITHUB_REPOSITORY
    }
  }
}

async function auditAndPrint(args: CliArgs, sandbox: Sandbox | null, io: CliIo): Promise<number> {
  const src = sources(args, sandbox, io.env)
  for (const input of INPUTS) {
    if (input.required && !input.secret && src.inputs[input.name] === undefined) {
      throw new UsageError(`--${input.name} is required: ${input.summary}`)
    }
  }
  const config = parseConfig({
    read: (name) => {
      const input = INPUTS.find((i) => i.name === name)
      if (input?.secret) return src.secrets[name] ?? ''
      // As the runner does: an input not given takes action.yml's default.
      return (src.inputs[name] ?? input?.default ?? '').trim()
    },
    context: src.context,
    // The proxy variables, as in a workflow; the sandbox is this machine's loopback, never proxied.
    env: sandbox === null ? proxyEnvironment(io.env) : {},
    now: new Date(),
    // Workflows are read through the API: the local folder may be another repository.
    workspaceHasCheckout: false
  })
  // Scalingo's pacing pushes the deadline back, as in the action.
  const deadline = new Deadline(RUN_DEADLINE_MS)
  const { verdict, facts } = await audit(config, {
    signal: deadline.signal,
    onScalingoPacing: (waitMs) => deadline.extend(waitMs),
    deadlineAt: Date.now() + RUN_DEADLINE_MS,
    // Nothing here prints a token, so there is nothing to mask.
    setSecret: () => undefined,
    skipReasons: CLI_SKIP_REASONS
  })
  // auto: the command line redacts only a repository known to be public.
  const redactor = redactorFor(config, facts, true)

  if (config.sarifFile !== null) {
    writeSarifFile(io.cwd, config.sarifFile, verdict, redactor, {
      toolVersion: TOOL_VERSION,
      artifactUri: 'action.yml'
    })
  }
  if (config.accessReport !== null) {
    const blocked = registerBlocker(facts, config)
    if (blocked === null) {
      const path = writeAccessRegister(io.cwd, config.accessReport, registerRows(facts, config))
      io.err(`Access register written to ${sanitize(path)}.\n`)
    } else {
      io.err(`No access register written: ${sanitize(redactor.text(blocked))}.\n`)
    }
  }
  if (args.json) {
    const report = buildReport(verdict, facts, config)
    io.out(
      `${JSON.stringify(redactor.enabled ? redactValue(report, redactor) : report, null, 2)}\n`
    )
    for (const reason of skippedReasons(facts)) io.err(`${reason}\n`)
  } else {
    const color = io.isTty && io.env.NO_COLOR === undefined
    io.out(
      renderTable(
        { verdict, facts, config, redactor },
        { color, width: io.isTty ? io.columns : null }
      )
    )
  }
  if (sandbox !== null && !args.json) {
    io.err(`Ran on the embedded sandbox (scenario ${sandbox.scenario.name}, ${sandbox.url}).\n`)
  }
  return verdict.result === 'pass' ? EXIT.pass : EXIT.fail
}

/** Every string value masked, keys and shape kept: --json on a public repository. */
function redactValue(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') return redactor.text(value)
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redactor))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, redactValue(inner, redactor)])
    )
  }
  return value
}
