import { entryAccount, sameAccount } from '../accounts.js'
import type { Account, Finding, IgnoreEntry } from '../types.js'

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** The accounts a finding's subject stands for (its email, else username), when it is one. */
export type SubjectAccounts = (finding: Finding) => readonly Account[]

/**
 * rule equal; app and subject either unset in the entry or equal, case-insensitively. A subject
 * also matches by any identity of the account it names: `alice` accepts a finding whose subject
 * is alice's email, and the other way round.
 */
export function entryMatches(
  entry: IgnoreEntry,
  finding: Finding,
  accountsOf: SubjectAccounts = () => []
): boolean {
  if (entry.rule !== finding.rule) return false
  if (entry.app !== null && (finding.app === null || !sameText(entry.app, finding.app))) {
    return false
  }
  if (entry.subject === null) return true
  if (finding.subject === null) return false
  if (sameText(entry.subject, finding.subject)) return true
  const named = entryAccount(entry.subject)
  return accountsOf(finding).some((account) => sameAccount(named, account))
}

/** An entry applies until the end of its `until` day (YYYY-MM-DD compares as text); rule `ignore-expired` reports the others. */
export function isExpired(entry: IgnoreEntry, today: string): boolean {
  return entry.until !== null && entry.until < today
}

/** Marks findings accepted by the first live entry that matches them; expired entries never apply. */
export function applyAcceptance(
  findings: readonly Finding[],
  ignore: readonly IgnoreEntry[],
  today: string,
  accountsOf?: SubjectAccounts
): Finding[] {
  const live = ignore.filter((entry) => !isExpired(entry, today))
  return findings.map((finding) => {
    const entry = live.find((e) => entryMatches(e, finding, accountsOf))
    return entry ? { ...finding, accepted: { reason: entry.reason, until: entry.until } } : finding
  })
}
