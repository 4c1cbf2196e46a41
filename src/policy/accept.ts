import type { Finding, IgnoreEntry } from '../types.js'

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** rule equal; app and subject either unset in the entry or equal, case-insensitively. */
export function entryMatches(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.rule !== finding.rule) return false
  if (entry.app !== null && (finding.app === null || !sameText(entry.app, finding.app))) {
    return false
  }
  if (
    entry.subject !== null &&
    (finding.subject === null || !sameText(entry.subject, finding.subject))
  ) {
    return false
  }
  return true
}

/** An entry applies until the end of its `until` day (YYYY-MM-DD compares as text); rule `ignore-expired` reports the others. */
export function isExpired(entry: IgnoreEntry, today: string): boolean {
  return entry.until !== null && entry.until < today
}

/** Marks findings accepted by the first live entry that matches them; expired entries never apply. */
export function applyAcceptance(
  findings: readonly Finding[],
  ignore: readonly IgnoreEntry[],
  today: string
): Finding[] {
  const live = ignore.filter((entry) => !isExpired(entry, today))
  return findings.map((finding) => {
    const entry = live.find((e) => entryMatches(e, finding))
    return entry ? { ...finding, accepted: { reason: entry.reason, until: entry.until } } : finding
  })
}
