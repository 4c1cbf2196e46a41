import type { Account } from './types.js'

/**
 * Same Scalingo account: by id when both have one, else by email (case-insensitive) when both
 * have one, else by username (case-insensitive). Pure; the one definition every stage uses.
 */
export function sameAccount(a: Account, b: Account): boolean {
  if (a.id !== null && b.id !== null) return a.id === b.id
  if (a.email !== null && b.email !== null) return a.email.toLowerCase() === b.email.toLowerCase()
  if (a.username !== null && b.username !== null) {
    return a.username.toLowerCase() === b.username.toLowerCase()
  }
  return false
}
