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
import { linkHost } from '../repositories.js'

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

/**
 * An entry names the account by any identity it has (email or username, case-insensitively):
 * `sameAccount` with the entry read as an account, the one definition of "same account".
 */
export function matchesAny(account: Account, ...lists: readonly (readonly string[])[]): boolean {
  return lists.some((list) => {
    // The lowered set is a shortcut for the common case; sameAccount is the definition.
    const set = lowerSet(list)
    const names = [account.email, account.username].filter((n): n is string => n !== null)
    if (names.some((name) => set.has(name.toLowerCase()))) return true
    return list.some((entry) => sameAccount(entryAccount(entry), account))
  })
}

// One definition each, shared with the collectors and the reports.
import { entryAccount, sameAccount } from '../accounts.js'
export { entryAccount, sameAccount }
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

/** The account whose SCM integration deploys the app (Scalingo refuses to change its role). */
export function isLinker(app: AppFacts, account: Account): boolean {
  const linker = app.scmLink?.linker ?? null
  return linker !== null && sameAccount(linker, account)
}

/** Re-create an app's SCM link from the service account, with the same repository and branch. */
export function relinkFix(app: AppFacts): string {
  const link = app.scmLink
  const cli = `scalingo --app ${app.scalingoName} --region ${app.region}`
  const host = link === null ? null : linkHost(link)
  const repository =
    link === null || host === null ? 'REPOSITORY_URL' : `https://${host}/${link.owner}/${link.repo}`
  const branch = link?.branch ? ` --branch ${link.branch}` : ''
  const auto = link?.autoDeploy ? ' --auto-deploy' : ''
  return (
    `Logged in as the service account, re-create the link: ${cli} integration-link-delete, then ` +
    `${cli} integration-link-create${branch}${auto} ${repository}.`
  )
}

/** Readable label of an account for messages, e.g. "alice@example.com". */
export function label(account: Account): string {
  return subjectOf(account) ?? 'an account with no id'
}
