// No API path: pure derivations of a branch's facts from the answers the adapters read.
import type { BranchFacts, BypassActor, Seen } from '../types.js'
import { ADMINISTRATION_READ } from './errors.js'
import type { BranchSummary, ClassicProtection } from './schemas.js'

export interface RulesetInfo {
  readonly name: string
  readonly enforcement: string
  /** null when the token may not see them (the field is absent). */
  readonly bypassActors: readonly BypassActor[] | null
}

/** Every ruleset that can apply to the repository (its own and its parents'), by id. */
export type Rulesets = ReadonlyMap<number, RulesetInfo>

export type Classic =
  | { readonly kind: 'read'; readonly data: ClassicProtection }
  /** The endpoint said "Branch not protected", or the summary says the branch is not protected. */
  | { readonly kind: 'none'; readonly answered: boolean }
  | { readonly kind: 'unreadable' }

export interface RuleFacts {
  readonly count: number
  /** Highest approvals over pull_request rules; null when there is none. */
  readonly approvals: number | null
  readonly codeOwner: boolean
  readonly checks: readonly string[]
  readonly blocksForcePush: boolean
  readonly blocksDeletion: boolean
  /** Rulesets with at least one rule on the branch; null entries: rule without ruleset_id. */
  readonly rulesetIds: readonly (number | null)[]
}

type Tri = 'yes' | 'no' | 'unknown'

/** The three reads of one branch, before they are merged with the rulesets. */
export interface BranchRead {
  readonly branch: string
  readonly classic: Classic
  readonly summary: BranchSummary
  readonly rules: RuleFacts
}

/** Pure: the facts of a fetched branch, given the apps it deploys to and the rulesets. */
export function branchFacts(
  read: BranchRead,
  deploysTo: readonly string[],
  rulesets: Rulesets | null
): BranchFacts {
  return mergeBranchFacts({ ...read, deploysTo, rulesets })
}

interface MergeInput {
  readonly branch: string
  readonly deploysTo: readonly string[]
  readonly classic: Classic
  readonly summary: BranchSummary
  readonly rules: RuleFacts
  readonly rulesets: Rulesets | null
}

/** Pure: merges classic protection, the branch summary and the ruleset rules. */
export function mergeBranchFacts(input: MergeInput): BranchFacts {
  const { classic, summary, rules } = input
  const unreadable: { what: string; permission: string }[] = []
  const unseen = <T>(what: string): Seen<T> => {
    unreadable.push({ what, permission: ADMINISTRATION_READ })
    return { seen: false }
  }
  const seen = <T>(value: T): Seen<T> => ({ seen: true, value })
  const data = classic.kind === 'read' ? classic.data : null
  const known = classic.kind !== 'unreadable'

  // Reviews: the highest count over sources; the rules alone are shown when classic is hidden.
  const reviews = data?.required_pull_request_reviews
  const classicApprovals = reviews ? (reviews.required_approving_review_count ?? 0) : null
  const approvals = maxOrNull(classicApprovals, rules.approvals)
  const requiredApprovals: Seen<number | null> =
    known || rules.approvals !== null ? seen(approvals) : unseen('required approving reviews')

  const codeOwner = (reviews?.require_code_owner_reviews ?? false) || rules.codeOwner
  const codeOwnerReviews: Seen<boolean> =
    known || codeOwner ? seen(codeOwner) : unseen('required code owner review')

  // Status checks: the branch summary shows the classic ones even without Administration: read.
  const summaryChecks = summary.protection?.required_status_checks
  const classicChecks = data
    ? checkContexts(data.required_status_checks)
    : checkContexts(summaryChecks)
  const checks = [...new Set([...classicChecks, ...rules.checks])]
  const requiredStatusChecks: Seen<readonly string[]> =
    known || summaryChecks !== undefined || checks.length > 0
      ? seen(checks)
      : unseen('required status checks')

  // Force pushes and deletion: a classic protection blocks them unless it allows them.
  const classicBlocksForce = data !== null && data.allow_force_pushes?.enabled !== true
  const forceBlocked = classicBlocksForce || rules.blocksForcePush
  const forcePushAllowed: Seen<boolean> =
    known || forceBlocked ? seen(!forceBlocked) : unseen('whether force pushes are allowed')

  const classicBlocksDeletion = data !== null && data.allow_deletions?.enabled !== true
  const deletionBlocked = classicBlocksDeletion || rules.blocksDeletion
  const deletionAllowed: Seen<boolean> =
    known || deletionBlocked ? seen(!deletionBlocked) : unseen('whether the branch may be deleted')

  // Bypass: classic admins (enforce_admins off) and PR-review allowances, ruleset bypass actors.
  const classicActors = data ? reviewAllowances(data) : []
  const classicBypass: Tri = data
    ? data.enforce_admins?.enabled !== true || classicActors.length > 0
      ? 'yes'
      : 'no'
    : known
      ? 'no'
      : // The summary's enforcement level still tells whether admins are exempt from checks.
        summaryChecks?.enforcement_level === 'non_admins'
        ? 'yes'
        : 'unknown'
  const rulesetActors: BypassActor[] = []
  let rulesetBypass: Tri = 'no'
  for (const id of rules.rulesetIds) {
    const info = id === null ? undefined : input.rulesets?.get(id)
    if (info?.bypassActors) {
      rulesetActors.push(...info.bypassActors)
      if (info.bypassActors.length > 0) rulesetBypass = 'yes'
    } else {
      if (rulesetBypass === 'no') rulesetBypass = 'unknown'
      unreadable.push({ what: bypassWhat(id, info), permission: ADMINISTRATION_READ })
    }
  }
  const adminsBypass: Seen<boolean> =
    classicBypass === 'yes' || rulesetBypass === 'yes'
      ? seen(true)
      : classicBypass === 'no' && rulesetBypass === 'no'
        ? seen(false)
        : classicBypass === 'unknown'
          ? unseen('whether admins are exempt (enforce_admins)')
          : { seen: false }

  const sources: BranchFacts['sources'] = [
    ...(classic.kind === 'read' || (classic.kind === 'none' && classic.answered)
      ? (['classic'] as const)
      : []),
    'branch',
    'rulesets'
  ]
  return {
    branch: input.branch,
    deploysTo: [...input.deploysTo],
    sources,
    protected: seen(summary.protected || data !== null || rules.count > 0),
    requiredApprovals,
    codeOwnerReviews,
    requiredStatusChecks,
    forcePushAllowed,
    deletionAllowed,
    adminsBypass,
    bypassActors: dedupe([...classicActors, ...rulesetActors]),
    unreadable
  }
}

function checkContexts(checks: ClassicProtection['required_status_checks']): string[] {
  if (checks === undefined || checks.enforcement_level === 'off') return []
  return [...checks.contexts, ...(checks.checks ?? []).map((check) => check.context)]
}

function reviewAllowances(data: ClassicProtection): BypassActor[] {
  const allowances = data.required_pull_request_reviews?.bypass_pull_request_allowances
  if (!allowances) return []
  const actor = (type: string, id: string | undefined): BypassActor => ({
    type,
    id: id ?? null,
    mode: 'pull_request'
  })
  return [
    ...(allowances.users ?? []).map((user) => actor('User', user.login)),
    ...(allowances.teams ?? []).map((team) => actor('Team', team.slug)),
    ...(allowances.apps ?? []).map((app) => actor('Integration', app.slug))
  ]
}

function bypassWhat(id: number | null, info: RulesetInfo | undefined): string {
  if (id === null) return 'bypass actors of a ruleset that applies (no ruleset id)'
  return info
    ? `bypass actors of ruleset "${info.name}" (id ${id})`
    : `bypass actors of ruleset ${id}`
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.max(a, b)
}

function dedupe(actors: readonly BypassActor[]): BypassActor[] {
  const seenKeys = new Set<string>()
  return actors.filter((actor) => {
    const key = `${actor.type}\u0000${actor.id ?? ''}\u0000${actor.mode ?? ''}`
    if (seenKeys.has(key)) return false
    seenKeys.add(key)
    return true
  })
}
