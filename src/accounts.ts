import type { Account } from './types.js'

const same = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && a.toLowerCase() === b.toLowerCase()

/**
 * Same Scalingo account, by any identity both sides know: ids decide when both have one (an id
 * never changes); otherwise the same email or the same username (case-insensitive) is enough, so
 * that a list entry given as a username matches an account whose email is also known, and the
 * other way round (an invitation's email may also differ from the account's, its username not).
 * Pure; the one definition every stage uses.
 */
export function sameAccount(a: Account, b: Account): boolean {
  if (a.id !== null && b.id !== null) return a.id === b.id
  return same(a.email, b.email) || same(a.username, b.username)
}

/** A list entry (`owners`, `leads`, an `ignore` subject…) as the account it names. */
export function entryAccount(entry: string): Account {
  const value = entry.trim()
  return value.includes('@')
    ? { id: null, username: null, email: value }
    : { id: null, username: value, email: null }
}
