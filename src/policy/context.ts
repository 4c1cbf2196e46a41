import type {
  Account,
  AppFacts,
  BranchFacts,
  Collaborator,
  Config,
  Facts,
  TeamSize,
  Unavailable
} from '../types.js'
import type { Thresholds } from './severities.js'

/** Everything a rule may look at. Rules are pure: no I/O, no clock. */
export interface RuleContext {
  readonly facts: Facts
  readonly config: Config
  readonly size: TeamSize
  /** The input when set, else the default for the size. */
  readonly thresholds: Thresholds
}

/** Account (email, else username, else id) a finding is about. */
export function subjectOf(account: Account): string | null {
  return account.email ?? account.username ?? account.id
}

/** Each list lowercased once: rosters are checked against every collaborator of every app. */
const lowered = new WeakMap<readonly string[], ReadonlySet<string>>()

function lowerSet(list: readonly string[]): ReadonlySet<string> {
  let set = lowered.get(list)
  if (set === undefined) {
    set = new Set(list.map((entry) => entry.toLowerCase()))
    lowered.set(list, set)
  }
  return set
}

/** An entry matches an account's email or username, case-insensitively. */
export function matchesAny(account: Account, ...lists: readonly (readonly string[])[]): boolean {
  const names = [account.email, account.username]
    .filter((name): name is string => name !== null && name !== '')
    .map((name) => name.toLowerCase())
  return lists.some((list) => {
    const set = lowerSet(list)
    return names.some((name) => set.has(name))
  })
}

// One definition each, shared with the collectors and the reports.
export { sameAccount } from '../accounts.js'
export { plural } from '../plural.js'

export function scalingoApps(ctx: RuleContext): readonly AppFacts[] {
  return ctx.facts.scalingo.status === 'read' ? ctx.facts.scalingo.apps : []
}

export function githubBranches(ctx: RuleContext): readonly BranchFacts[] {
  return ctx.facts.github.status === 'read' ? ctx.facts.github.branches : []
}

/** leads or members set: the roster rules apply. */
export function rosterSet(config: Pick<Config, 'leads' | 'members'>): boolean {
  return config.leads.length > 0 || config.members.length > 0
}

/** "Could not read collaborators of my-app: HTTP 503 on GET …". */
export function couldNotRead(u: Unavailable): string {
  return `Could not read ${u.what}: ${u.reason}`
}

export const isDeleted = (c: Collaborator): boolean => c.status === 'user account deleted'

/** A full Collaborator holding or about to hold the role (accepted or pending). */
export const isFull = (c: Collaborator): boolean =>
  !c.isLimited && (c.status === 'accepted' || c.status === 'pending')

/** Readable label of an account for messages, e.g. "alice@example.com". */
export function label(account: Account): string {
  return subjectOf(account) ?? 'an account with no id'
}
