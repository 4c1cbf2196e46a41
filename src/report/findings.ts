import { SEVERITIES, type Finding, type Severity } from '../types.js'
import { plural } from '../plural.js'

export interface OpenCounts {
  readonly errors: number
  readonly warnings: number
  readonly notices: number
  readonly accepted: number
}

/** Counts of findings not accepted, by severity, and of accepted ones. */
export function countOpen(findings: readonly Finding[]): OpenCounts {
  let errors = 0
  let warnings = 0
  let notices = 0
  let accepted = 0
  for (const f of findings) {
    if (f.accepted) accepted++
    else if (f.severity === 'error') errors++
    else if (f.severity === 'warning') warnings++
    else notices++
  }
  return { errors, warnings, notices, accepted }
}

export const ICON: Readonly<Record<Severity, string>> = {
  error: '❌',
  warning: '⚠️',
  notice: 'ℹ️'
}

export const HEADING: Readonly<Record<Severity, string>> = {
  error: 'Errors',
  warning: 'Warnings',
  notice: 'Notices'
}

/** Most severe first, keeping the evaluator's order within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  const rank = (s: Severity): number => SEVERITIES.indexOf(s)
  return [...findings].sort((a, b) => rank(a.severity) - rank(b.severity))
}

/** "2 errors, 1 warning, 0 notices" (+ ", 1 accepted" when some are). */
export function countsLine(c: OpenCounts): string {
  const base = `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.notices, 'notice')}`
  return c.accepted > 0 ? `${base}, ${c.accepted} accepted` : base
}
