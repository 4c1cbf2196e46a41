import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AccessChange, Config, Facts, Verdict } from '../types.js'

export const REPORT_FILE_NAME = 'scalingo-access-governance-report.json'

// Whatever the config grows into, a field named like a credential never reaches the file.
const SECRET_KEY = /token|secret|password|credential/i

/**
 * Writes the full, unredacted report (verdict, facts, config without credentials) under
 * `dir` (RUNNER_TEMP) and returns its path. Only the runner's disk sees the emails it holds.
 */
export function writeReportFile(
  dir: string,
  verdict: Verdict,
  facts: Facts,
  config: Config
): string {
  const path = join(dir, REPORT_FILE_NAME)
  const report = buildReport(verdict, facts, config)
  mkdirSync(dir, { recursive: true })
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 })
  return path
}

export interface Report {
  readonly tool: string
  readonly verdict: Verdict
  readonly facts: Facts
  readonly config: Record<string, unknown>
  /** With `changes-since`: the access changes of the window, newest first (DESIGN §7). */
  readonly changes?: readonly AccessChange[]
}

/** The report file's content, also what the command line prints with --json. */
export function buildReport(verdict: Verdict, facts: Facts, config: Config): Report {
  const { scalingo } = facts
  // The changes are listed once, at the top level, not again inside the facts.
  const changes = scalingo.status === 'read' ? scalingo.changes : undefined
  const rest = scalingo.status === 'read' ? withoutChanges(scalingo) : scalingo
  return {
    tool: 'scalingo-access-governance',
    verdict,
    facts: { ...facts, scalingo: rest },
    config: configWithoutSecrets(config),
    ...(changes === undefined ? {} : { changes })
  }
}

function withoutChanges<T extends { readonly changes?: unknown }>(value: T): Omit<T, 'changes'> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'changes')) as Omit<
    T,
    'changes'
  >
}

export function configWithoutSecrets(config: Config): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !SECRET_KEY.test(key)))
}
