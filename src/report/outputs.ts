import type { Finding, Verdict } from '../types.js'
import { countOpen } from './findings.js'
import type { Redactor } from './redact.js'

export type SetOutput = (name: string, value: string) => void

export interface OutputPaths {
  readonly reportFile: string
  /** null when no SARIF file was written. */
  readonly sarifFile: string | null
  /** null (or absent) when no access register was written. */
  readonly accessReport?: string | null
}

/**
 * GitHub takes at most 1 MB per output, and 1 MB for all the outputs of a job together (when a
 * workflow passes them on as job outputs). `findings` gets 900,000 bytes (UTF-8), leaving the
 * other outputs (paths, counts: well under 1 kB) room; beyond it the array is cut, least
 * severe last, `findings-truncated` says so and the report file keeps every finding.
 */
export const FINDINGS_OUTPUT_MAX_BYTES = 900_000

/** The finding as the `findings` output shows it: DESIGN §1 plus `fix`. */
export interface OutputFinding {
  readonly rule: string
  readonly severity: string
  readonly app: string | null
  readonly subject: string | null
  readonly message: string
  readonly fix: string
  /** The fix to paste, when there is one. */
  readonly command?: string
  readonly help: string
  readonly accepted?: { readonly reason: string | null; readonly until: string | null }
}

export interface OutputsWritten {
  /** Findings left out of the `findings` output to stay under the size limit. */
  readonly findingsOmitted: number
}

/** Sets every output of the contract. Counts are of findings not accepted. */
export function writeOutputs(
  verdict: Verdict,
  redactor: Redactor,
  setOutput: SetOutput,
  paths: OutputPaths
): OutputsWritten {
  const counts = countOpen(verdict.findings)
  setOutput('result', verdict.result)
  setOutput('team-size', verdict.teamSize.size)
  setOutput('errors', String(counts.errors))
  setOutput('warnings', String(counts.warnings))
  setOutput('notices', String(counts.notices))
  const { json, omitted } = findingsJson(verdict.findings.map(redactor.finding))
  setOutput('findings', json)
  setOutput('findings-truncated', omitted > 0 ? 'true' : 'false')
  setOutput('report-file', paths.reportFile)
  if (paths.sarifFile !== null) setOutput('sarif-file', paths.sarifFile)
  if (paths.accessReport !== undefined && paths.accessReport !== null) {
    setOutput('access-report', paths.accessReport)
  }
  return { findingsOmitted: omitted }
}

function toOutput(f: Finding): OutputFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    app: f.app,
    subject: f.subject,
    message: f.message,
    fix: f.fix,
    ...(f.command === undefined ? {} : { command: f.command }),
    help: f.help,
    ...(f.accepted ? { accepted: { reason: f.accepted.reason, until: f.accepted.until } } : {})
  }
}

/** JSON array of as many findings as fit (findings arrive most severe first). */
export function findingsJson(
  findings: readonly Finding[],
  maxBytes = FINDINGS_OUTPUT_MAX_BYTES
): { json: string; omitted: number } {
  const parts: string[] = []
  let bytes = 2
  for (const f of findings) {
    const part = JSON.stringify(toOutput(f))
    const size = Buffer.byteLength(part, 'utf8') + (parts.length > 0 ? 1 : 0)
    if (bytes + size > maxBytes) break
    parts.push(part)
    bytes += size
  }
  return { json: `[${parts.join(',')}]`, omitted: findings.length - parts.length }
}
