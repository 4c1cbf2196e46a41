// No API path: pure derivations of a branch's facts from the answers the adapters read.
import type { BranchFacts, BypassActor, Seen } from '../types.js'
import { ADMINISTRATION_READ } from './errors.js'
import {
  pullRequestParamsSchema,
  statusCheckParamsSchema,
  workflowsParamsSchema,
  type BranchSummary,
  type ClassicProtection
} from './schemas.js'

export interface RulesetInfo {
  readonly name: string
  readonly enforcement: string
  /** Repository, Organization, Enterprise; null when GitHub does not say. */
  readonly sourceType: string | null
  /** null when the token may not see them (the field is absent). */
  readonly bypassActors: readonly BypassActor[] | null
  /** always | pull_requests_only | never | exempt, for the token's own identity; null: not said. */
  readonly currentUserCanBypass: string | null
}

/** Every ruleset that can apply to the repository (its own and its parents'), by id. */
export type Rulesets = ReadonlyMap<number, RulesetInfo>

export type Classic =
  | { readonly kind: 'read'; readonly data: ClassicProtection }
  /** The endpoint said "Branch not protected", or the summary says the branch is not protected. */
  | { readonly kind: 'none'; readonly answered: boolean }
  | { readonly kind: 'unreadable' }

/** A rule whose parameters did not have the shape the OpenAPI description gives. */
export interface UnparsedRule {
  readonly type: string
  readonly rulesetId: number | null
  readonly issue: string
}

export interface RuleFacts {
  /** The rules endpoint said the plan has no rules (GitHub Free, private repository). */
  readonly planForbids: boolean
  /** Every active rule type, once each, in the order GitHub gave them (unknown types too). */
  readonly types: readonly string[]
  /** A rule that stops a direct push applies (PROTECTING_RULES). */
  readonly protects: boolean
  /** Highest approvals over pull_request rules; null when there is none. */
  readonly approvals: number | null
  readonly codeOwner: boolean
  readonly checks: readonly string[]
  /** Required workflows of `workflows` rules. */
  readonly workflows: readonly string[]
  readonly blocksForcePush: boolean
  readonly blocksDeletion: boolean
  /** An `update` rule: nobody without bypass may push. */
  readonly locked: boolean
  /** Rulesets with at least one rule on the branch; null entries: rule without ruleset_id. */
  readonly rulesetIds: readonly (number | null)[]
  /** `ruleset_source_type` of each ruleset, as its rules give it (Repository, Organization…). */
  readonly rulesetSources: ReadonlyMap<number, string>
  readonly unparsed: readonly UnparsedRule[]
}

/**
 * The ruleset rules that stop a direct push to the branch (DESIGN §2). `creation`, `deletion`,
 * `non_fast_forward`, signatures, linear history, name and path patterns, `copilot_code_review`
 * and the scanning rules leave the branch open to a push.
 */
export const PROTECTING_RULES: ReadonlySet<string> = new Set([
  'pull_request',
  'required_status_checks',
  'workflows',
  'merge_queue',
  'update',
  'required_deployments'
])

/** A rule as the rules endpoint lists it: only `type` is required by the OpenAPI description. */
export interface BranchRule {
  readonly type: string
  readonly ruleset_id?: number | undefined
  readonly ruleset_source_type?: string | undefined
  readonly parameters?: unknown
}

/**
 * Pure: the rules of a branch summed up. A rule without `parameters` asks for nothing beyond
 * its type (a `pull_request` rule without them requires no approval); parameters of the wrong
 * shape make only that rule's part unknown (listed in `unparsed`), never the branch.
 */
export function ruleFacts(rules: readonly BranchRule[], planForbids: boolean): RuleFacts {
  let approvals: number | null = null
  let codeOwner = false
  const checks = new Set<string>()
  const workflows = new Set<string>()
  const unparsed: UnparsedRule[] = []
  const params = <T>(
    rule: BranchRule,
    schema: {
      safeParse(v: unknown):
        | { success: true; data: T }
        | {
            success: false
            error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }
          }
    }
  ): T | null => {
    if (rule.parameters === undefined || rule.parameters === null) return null
    const result = schema.safeParse(rule.parameters)
    if (result.success) return result.data
    const first = result.error.issues[0]
    const at = first && first.path.length > 0 ? first.path.map(String).join('.') : 'parameters'
    unparsed.push({
      type: rule.type,
      rulesetId: rule.ruleset_id ?? null,
      issue: `${at}: ${first?.message ?? 'invalid'}`
    })
    return null
  }
  for (const rule of rules) {
    if (rule.type === 'pull_request') {
      const p = params(rule, pullRequestParamsSchema)
      approvals = Math.max(approvals ?? 0, p?.required_approving_review_count ?? 0)
      codeOwner ||= p?.require_code_owner_review ?? false
    } else if (rule.type === 'required_status_checks') {
      const p = params(rule, statusCheckParamsSchema)
      for (const check of p?.required_status_checks ?? []) checks.add(check.context)
    } else if (rule.type === 'workflows') {
      const p = params(rule, workflowsParamsSchema)
      for (const w of p?.workflows ?? []) {
        workflows.add(w.ref === undefined ? w.path : `${w.path}@${w.ref}`)
      }
    }
  }
  const types = [...new Set(rules.map((rule) => rule.type))]
  return {
    planForbids,
    types,
    protects: types.some((type) => PROTECTING_RULES.has(type)),
    approvals,
    codeOwner,
    checks: [...checks],
    workflows: [...workflows],
    blocksForcePush: types.includes('non_fast_forward') || types.includes('update'),
    blocksDeletion: types.includes('deletion'),
    locked: types.includes('update'),
    rulesetIds: [...new Set(rules.map((rule) => rule.ruleset_id ?? null))],
    rulesetSources: new Map(
      rules.flatMap((rule): [number, string][] =>
        rule.ruleset_id === undefined || rule.ruleset_source_type === undefined
          ? []
          : [[rule.ruleset_id, rule.ruleset_source_type]]
      )
    ),
    unparsed
  }
}

/** Whether a CODEOWNERS file is on the branch; `not-asked` when no review asks for code owners. */
export type CodeOwnersFile = 'present' | 'missing' | 'unknown' | 'not-asked'

/** The reads of one branch, before they are merged with the rulesets. */
export interface BranchRead {
  readonly branch: string
  readonly classic: Classic
  readonly summary: BranchSummary
  readonly rules: RuleFacts
  readonly codeOwnersFile: CodeOwnersFile
}

/** Pure: the facts of a fetched branch, given the apps it deploys to and the rulesets. */
export function branchFacts(
  read: BranchRead,
  deploysTo: readonly string[],
  rulesets: Rulesets | null
): BranchFacts {
  return mergeBranchFacts({ ...read, deploysTo, rulesets })
}

interface MergeInput extends BranchRead {
  readonly deploysTo: readonly string[]
  readonly rulesets: Rulesets | null
}

type Tri = 'yes' | 'no' | 'unknown'

/** Pure: merges classic protection, the branch summary and the ruleset rules. */
export function mergeBranchFacts(input: MergeInput): BranchFacts {
  const { classic, summary, rules } = input
  const unreadable: { what: string; permission: string }[] = []
  const unseen = <T>(what: string, permission = ADMINISTRATION_READ): Seen<T> => {
    unreadable.push({ what, permission })
    return { seen: false }
  }
  const seen = <T>(value: T): Seen<T> => ({ seen: true, value })
  const data = classic.kind === 'read' ? classic.data : null
  const known = classic.kind !== 'unreadable'
  const unparsedOf = (type: string): UnparsedRule[] => rules.unparsed.filter((u) => u.type === type)
  const shape = (type: string): string =>
    unparsedOf(type)
      .map(
        (u) =>
          `the ${type} rule${u.rulesetId === null ? '' : ` of ruleset ${u.rulesetId}`} (${u.issue})`
      )
      .join(', ')
  const UNKNOWN_SHAPE =
    'a reader for this shape: GitHub answered parameters that its API description does not give'

  // Reviews: the highest count over sources; the rules alone are shown when classic is hidden.
  const reviews = data?.required_pull_request_reviews
  const classicApprovals = reviews ? (reviews.required_approving_review_count ?? 0) : null
  const approvals = maxOrNull(classicApprovals, rules.approvals)
  const requiredApprovals: Seen<number | null> =
    unparsedOf('pull_request').length > 0
      ? unseen(`required approving reviews: ${shape('pull_request')}`, UNKNOWN_SHAPE)
      : known || rules.approvals !== null
        ? seen(approvals)
        : unseen('required approving reviews')

  // Code owners: asked for by classic protection or a rule, and only real with a CODEOWNERS file.
  const askedCodeOwner = (reviews?.require_code_owner_reviews ?? false) || rules.codeOwner
  const codeOwnersMissing = askedCodeOwner && input.codeOwnersFile === 'missing'
  const codeOwnerReviews: Seen<boolean> =
    askedCodeOwner && input.codeOwnersFile === 'unknown'
      ? unseen('whether a CODEOWNERS file is on the branch', 'Contents: read')
      : unparsedOf('pull_request').length > 0 && !askedCodeOwner
        ? { seen: false }
        : known || askedCodeOwner
          ? seen(askedCodeOwner && !codeOwnersMissing)
          : unseen('required code owner review')

  // Status checks: the branch summary shows the classic ones even without Administration: read.
  const summaryChecks = summary.protection?.required_status_checks
  const classicChecks = data
    ? checkContexts(data.required_status_checks)
    : checkContexts(summaryChecks)
  const checks = [...new Set([...classicChecks, ...rules.checks])]
  const checksUnparsed = unparsedOf('required_status_checks').length > 0
  const requiredStatusChecks: Seen<readonly string[]> =
    checksUnparsed && checks.length === 0
      ? unseen(`required status checks: ${shape('required_status_checks')}`, UNKNOWN_SHAPE)
      : known || summaryChecks !== undefined || checks.length > 0
        ? seen(checks)
        : unseen('required status checks')
  if (unparsedOf('workflows').length > 0 && rules.workflows.length === 0) {
    unreadable.push({
      what: `required workflows: ${shape('workflows')}`,
      permission: UNKNOWN_SHAPE
    })
  }

  // Locked (ruleset update rule, classic lock_branch): nobody pushes, forced or not.
  const locked = rules.locked || data?.lock_branch?.enabled === true

  // Force pushes and deletion: a classic protection blocks them unless it allows them.
  const classicBlocksForce = data !== null && data.allow_force_pushes?.enabled !== true
  const forceBlocked = classicBlocksForce || rules.blocksForcePush || locked
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
    } else if (info !== undefined && canBypass(info.currentUserCanBypass)) {
      // The actors are hidden, but GitHub says the token's own identity bypasses this ruleset.
      rulesetBypass = 'yes'
    } else {
      if (rulesetBypass === 'no') rulesetBypass = 'unknown'
      const sourceType = info?.sourceType ?? (id === null ? null : rules.rulesetSources.get(id))
      unreadable.push({
        what: bypassWhat(id, info, sourceType ?? null),
        permission: bypassViewer(sourceType ?? null)
      })
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

  // The summary's `protected` is true for any ruleset rule (even `creation` alone): only classic
  // protection or a rule that stops a push protects the branch.
  const classicOn: Tri =
    data !== null
      ? 'yes'
      : classic.kind === 'none'
        ? 'no'
        : summary.protection?.enabled !== undefined
          ? summary.protection.enabled
            ? 'yes'
            : 'no'
          : !summary.protected || rules.types.length > 0
            ? summary.protected
              ? 'unknown'
              : 'no'
            : 'yes'
  const isProtected: Seen<boolean> =
    rules.protects || classicOn === 'yes'
      ? seen(true)
      : classicOn === 'no'
        ? seen(false)
        : unseen('whether classic branch protection is on')

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
    protected: isProtected,
    protectionNotOnPlan: rules.planForbids,
    locked,
    requiredWorkflows: [...rules.workflows],
    codeOwnersMissing,
    ruleTypes: [...rules.types],
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

/** current_user_can_bypass values that let the token's identity past the ruleset. */
function canBypass(value: string | null): boolean {
  return value === 'always' || value === 'pull_requests_only' || value === 'exempt'
}

/** Who can see a ruleset's bypass actors, as "needs …". */
export function bypassViewer(sourceType: string | null): string {
  if (sourceType === 'Organization') {
    return 'an organization admin: GitHub shows an organization ruleset’s bypass actors only to those who may edit it'
  }
  if (sourceType === 'Enterprise') {
    return 'an enterprise owner: GitHub shows an enterprise ruleset’s bypass actors only to those who may edit it'
  }
  return 'a repository admin: GitHub shows a ruleset’s bypass actors only to those who may edit it'
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
  // OpenAPI: an `apps` item is a nullable integration; a null entry names nobody.
  const present = <T>(items: readonly (T | null)[] | undefined): T[] =>
    (items ?? []).filter((item): item is T => item !== null)
  return [
    ...present(allowances.users).map((user) => actor('User', user.login)),
    ...present(allowances.teams).map((team) => actor('Team', team.slug)),
    ...present(allowances.apps).map((app) => actor('Integration', app.slug))
  ]
}

function bypassWhat(
  id: number | null,
  info: RulesetInfo | undefined,
  sourceType: string | null
): string {
  if (id === null) return 'bypass actors of a ruleset that applies (no ruleset id)'
  const source =
    sourceType === 'Organization'
      ? 'organization ruleset'
      : sourceType === 'Enterprise'
        ? 'enterprise ruleset'
        : 'ruleset'
  return info
    ? `bypass actors of ${source} "${info.name}" (id ${id})`
    : `bypass actors of ${source} ${id}`
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
