import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { sandboxRun, type SandboxHosts } from '../../src/sandbox/sandbox-run.js'
import { runAction, type RunActionResult } from '../../src/sandbox/run-action.js'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import type { Finding } from '../../src/types.js'

/** The repository's root: end-to-end tests run its committed bundle, dist/index.js. */
const ACTION_DIR = process.cwd()

if (!existsSync(join(ACTION_DIR, 'dist', 'index.js'))) {
  throw new Error('dist/index.js is missing: run `npm run bundle` before the end-to-end tests')
}

export interface ScenarioRun extends RunActionResult {
  readonly findings: Finding[]
  readonly reportFile: string | null
}

export interface RunOnOptions {
  /** Host names for the sandbox's URLs instead of 127.0.0.1. */
  readonly hosts?: SandboxHosts
  /** Environment variables added to the runner's (HTTP_PROXY, NO_PROXY, …). */
  readonly env?: Readonly<Record<string, string>>
}

/** Runs the bundled action on Node 24 against a started sandbox, with input overrides. */
export async function runOn(
  sandbox: Sandbox,
  overrides: Readonly<Record<string, string>> = {},
  options: RunOnOptions = {}
): Promise<ScenarioRun> {
  const run = sandboxRun(sandbox, options.hosts)
  const result = await runAction({
    actionDir: ACTION_DIR,
    ...run,
    env: { ...run.env, ...options.env },
    inputs: { ...run.inputs, ...overrides },
    timeoutMs: 150_000
  })
  const findings = JSON.parse(result.outputs.findings ?? '[]') as Finding[]
  const reportPath = result.outputs['report-file'] ?? null
  const reportFile =
    reportPath && existsSync(reportPath) ? await readFile(reportPath, 'utf8') : null
  return { ...result, findings, reportFile }
}

/** Starts a sandbox for a bundled scenario, runs the action once, cleans up. */
export async function runScenario(
  scenario: string,
  overrides: Readonly<Record<string, string>> = {}
): Promise<ScenarioRun> {
  const sandbox = await startSandbox({ scenario })
  try {
    const result = await runOn(sandbox, overrides)
    await rm(result.tempDir, { recursive: true, force: true })
    return result
  } finally {
    await sandbox.close()
  }
}

/** `severity rule @app :subject` per finding, `(accepted)` appended when accepted. */
export function lines(findings: readonly Finding[]): string[] {
  return findings.map(
    (f) =>
      `${f.severity} ${f.rule} @${f.app ?? '-'} :${f.subject ?? '-'}${f.accepted ? ' (accepted)' : ''}`
  )
}
