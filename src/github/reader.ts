import type { Octokit } from '@octokit/rest'
import { readFile } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import type { z } from 'zod'
import type { BranchFacts, BypassActor, Seen, WorkflowFact } from '../types.js'
import { GitHubError, toGitHubError, type RequestTarget } from './errors.js'
import {
  branchRuleListSchema,
  branchSummarySchema,
  classicProtectionSchema,
  contentFileSchema,
  pullRequestParamsSchema,
  repoSchema,
  rulesetListSchema,
  rulesetSchema,
  statusCheckParamsSchema,
  workflowListSchema,
  type BranchSummary,
  type ClassicProtection
} from './schemas.js'
import { runsOnPullRequest } from './workflow-triggers.js'

export const ADMINISTRATION_READ = 'Administration: read'

export interface RepoInfo {
  readonly defaultBranch: string
  readonly isPrivate: boolean
}

export interface RulesetInfo {
  readonly name: string
  readonly enforcement: string
  /** null when the token may not see them (the field is absent). */
  readonly bypassActors: readonly BypassActor[] | null
}

/** Every ruleset that can apply to the repository (its own and its parents'), by id. */
export type Rulesets = ReadonlyMap<number, RulesetInfo>

/* ------------------------------------------------------------------ repository */

export async function readRepo(octokit: Octokit, owner: string, repo: string): Promise<RepoInfo> {
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}`,
    permission: 'Metadata: read',
    notFound: `check that ${owner}/${repo} exists and that the token may read it`
  }
  const data = await parsed(target, repoSchema, () =>
    octokit.request('GET /repos/{owner}/{repo}', { owner, repo })
  )
  return { defaultBranch: data.default_branch, isPrivate: data.private }
}

/* ------------------------------------------------------------------ workflows */

/**
 * Active workflows and whether each runs on pull requests. Triggers come from the checkout when
 * it holds the file, else from the contents API; a file gone from the API (404) gives null; other failures throw.
 */
export async function readWorkflows(
  octokit: Octokit,
  owner: string,
  repo: string,
  workspace: string | null
): Promise<WorkflowFact[]> {
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/actions/workflows`,
    permission: 'Actions: read'
  }
  const workflows = await parsed(target, workflowListSchema, () =>
    octokit.paginate('GET /repos/{owner}/{repo}/actions/workflows', { owner, repo, per_page: 100 })
  )
  return Promise.all(
    workflows.map(async (workflow): Promise<WorkflowFact> => {
      const fact = { name: workflow.name, path: workflow.path, state: workflow.state }
      if (workflow.state !== 'active') return { ...fact, onPullRequest: null }
      // GitHub-managed workflows (Pages, Dependabot, CodeQL default setup) have no file and are
      // not the repository's CI.
      if (workflow.path.startsWith('dynamic/')) return { ...fact, onPullRequest: false }
      const source = await workflowSource(octokit, owner, repo, workspace, workflow.path)
      return { ...fact, onPullRequest: source === null ? null : runsOnPullRequest(source) }
    })
  )
}

async function workflowSource(
  octokit: Octokit,
  owner: string,
  repo: string,
  workspace: string | null,
  path: string
): Promise<string | null> {
  if (workspace !== null) {
    const root = resolve(workspace)
    const file = resolve(root, path)
    // The path comes from the API: never read outside the checkout.
    if (file.startsWith(root + sep)) {
      try {
        return await readFile(file, 'utf8')
      } catch {
        // Not in this checkout (or unreadable): ask the API.
      }
    }
  }
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/contents/${path}`,
    permission: 'Contents: read'
  }
  try {
    const file = await parsed(target, contentFileSchema, () =>
      octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path })
    )
    if (file.encoding !== 'base64' || file.content === undefined) {
      throw new GitHubError(
        200,
        target,
        'unexpected response: the file has no base64 content',
        null
      )
    }
    return Buffer.from(file.content, 'base64').toString('utf8')
  } catch (error) {
    // Listed but gone from the default branch: its triggers stay unknown. Any other failure
    // (outage, timeout, bad body, permission) must not quietly count the workflow as CI.
    if (error instanceof GitHubError && error.status === 404) return null
    throw error
  }
}

/* ------------------------------------------------------------------ rulesets */

/** Every ruleset of the repository and its parents, with bypass actors when visible. */
export async function readRulesets(
  octokit: Octokit,
  owner: string,
  repo: string
): Promise<Rulesets> {
  const list: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/rulesets`,
    permission: 'Metadata: read'
  }
  const summaries = await parsed(list, rulesetListSchema, () =>
    octokit.paginate('GET /repos/{owner}/{repo}/rulesets', {
      owner,
      repo,
      includes_parents: true,
      per_page: 100
    })
  )
  const entries = await Promise.all(
    summaries.map(async (summary): Promise<[number, RulesetInfo]> => {
      const target: RequestTarget = {
        method: 'GET',
        path: `/repos/${owner}/${repo}/rulesets/${summary.id}`,
        permission: ADMINISTRATION_READ
      }
      try {
        const ruleset = await parsed(target, rulesetSchema, () =>
          octokit.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
            owner,
            repo,
            ruleset_id: summary.id,
            includes_parents: true
          })
        )
        const bypassActors = ruleset.bypass_actors?.map((actor): BypassActor => ({
          type: actor.actor_type,
          id:
            actor.actor_id === undefined || actor.actor_id === null ? null : String(actor.actor_id),
          mode: actor.bypass_mode ?? null
        }))
        return [
          summary.id,
          {
            name: ruleset.name,
            enforcement: ruleset.enforcement,
            bypassActors: bypassActors ?? null
          }
        ]
      } catch (error) {
        // Hidden from this token: its bypass actors stay unseen. Anything else is a failure.
        if (error instanceof GitHubError && (error.status === 403 || error.status === 404)) {
          return [
            summary.id,
            { name: summary.name, enforcement: summary.enforcement, bypassActors: null }
          ]
        }
        throw error
      }
    })
  )
  return new Map(entries)
}

/* ------------------------------------------------------------------ branch */

type Classic =
  | { readonly kind: 'read'; readonly data: ClassicProtection }
  /** The endpoint said "Branch not protected", or the summary says the branch is not protected. */
  | { readonly kind: 'none'; readonly answered: boolean }
  | { readonly kind: 'unreadable' }

interface RuleFacts {
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

/**
 * How the branch is guarded: classic protection (when the token may read it), the branch summary
 * and the active ruleset rules, read in parallel and merged. What no readable source shows is
 * unseen and listed in `unreadable` with the permission that would show it.
 */
export async function readBranch(
  octokit: Octokit,
  owner: string,
  repo: string,
  branch: string,
  deploysTo: readonly string[],
  rulesets: Rulesets | null
): Promise<BranchFacts> {
  return branchFacts(await fetchBranch(octokit, owner, repo, branch), deploysTo, rulesets)
}

/**
 * The requests of `readBranch`, alone: they need neither the rulesets nor the apps, so the
 * caller may start them as soon as it knows the branch.
 */
export async function fetchBranch(
  octokit: Octokit,
  owner: string,
  repo: string,
  branch: string
): Promise<BranchRead> {
  const base = `/repos/${owner}/${repo}/branches/${branch}`
  const [classicRead, summary, rules] = await Promise.all([
    readClassic(octokit, owner, repo, branch, base),
    parsed(
      {
        method: 'GET',
        path: base,
        permission: 'Contents: read',
        notFound: `branch ${branch} does not exist in ${owner}/${repo}`
      },
      branchSummarySchema,
      () => octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', { owner, repo, branch })
    ),
    readRules(octokit, owner, repo, branch)
  ])
  // Not protected at all means no classic protection either, whatever that endpoint said.
  const classic: Classic =
    classicRead.kind === 'unreadable' && !summary.protected
      ? { kind: 'none', answered: false }
      : classicRead
  return { branch, classic, summary, rules }
}

/** Pure: the facts of a fetched branch, given the apps it deploys to and the rulesets. */
export function branchFacts(
  read: BranchRead,
  deploysTo: readonly string[],
  rulesets: Rulesets | null
): BranchFacts {
  return mergeBranchFacts({ ...read, deploysTo, rulesets })
}

async function readClassic(
  octokit: Octokit,
  owner: string,
  repo: string,
  branch: string,
  path: string
): Promise<Classic> {
  const target: RequestTarget = {
    method: 'GET',
    path: `${path}/protection`,
    permission: ADMINISTRATION_READ
  }
  try {
    const data = await parsed(target, classicProtectionSchema, () =>
      octokit.request('GET /repos/{owner}/{repo}/branches/{branch}/protection', {
        owner,
        repo,
        branch
      })
    )
    return { kind: 'read', data }
  } catch (error) {
    if (
      error instanceof GitHubError &&
      error.status === 404 &&
      /branch not protected/i.test(error.message)
    ) {
      return { kind: 'none', answered: true }
    }
    // Expected without Administration: read (the workflow token never has it).
    if (error instanceof GitHubError && (error.status === 403 || error.status === 404)) {
      return { kind: 'unreadable' }
    }
    throw error
  }
}

async function readRules(
  octokit: Octokit,
  owner: string,
  repo: string,
  branch: string
): Promise<RuleFacts> {
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/rules/branches/${branch}`,
    permission: 'Metadata: read'
  }
  const rules = await parsed(target, branchRuleListSchema, () =>
    octokit.paginate('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
      owner,
      repo,
      branch,
      per_page: 100
    })
  )
  let approvals: number | null = null
  let codeOwner = false
  const checks = new Set<string>()
  for (const rule of rules) {
    if (rule.type === 'pull_request') {
      const params = validate(target, pullRequestParamsSchema, rule.parameters, 'pull_request rule')
      approvals = Math.max(approvals ?? 0, params.required_approving_review_count)
      codeOwner ||= params.require_code_owner_review
    } else if (rule.type === 'required_status_checks') {
      const params = validate(
        target,
        statusCheckParamsSchema,
        rule.parameters,
        'required_status_checks rule'
      )
      for (const check of params.required_status_checks) checks.add(check.context)
    }
  }
  return {
    count: rules.length,
    approvals,
    codeOwner,
    checks: [...checks],
    blocksForcePush: rules.some((rule) => rule.type === 'non_fast_forward'),
    blocksDeletion: rules.some((rule) => rule.type === 'deletion'),
    rulesetIds: [...new Set(rules.map((rule) => rule.ruleset_id ?? null))]
  }
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

/* ------------------------------------------------------------------ plumbing */

/** Sends, turns a failure into a GitHubError, and validates the body at the boundary. */
async function parsed<S extends z.ZodType>(
  target: RequestTarget,
  schema: S,
  send: () => Promise<unknown>
): Promise<z.infer<S>> {
  let result: unknown
  try {
    result = await send()
  } catch (error) {
    throw toGitHubError(error, target)
  }
  // octokit.request answers { data, status }; octokit.paginate answers the items.
  if (typeof result === 'object' && result !== null && 'data' in result && 'status' in result) {
    const status = typeof result.status === 'number' ? result.status : 200
    return validate(target, schema, result.data, 'response', status)
  }
  return validate(target, schema, result)
}

/** The value checked against the schema; a mismatch is a GitHubError naming the first issue. */
function validate<S extends z.ZodType>(
  target: RequestTarget,
  schema: S,
  value: unknown,
  what = 'response',
  status = 200
): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new GitHubError(status, target, `unexpected ${what}: ${issue(result.error)}`, null)
}

function issue(error: z.ZodError): string {
  const first = error.issues[0]
  if (first === undefined) return 'invalid'
  const at = first.path.length > 0 ? first.path.join('.') : 'body'
  return `${at}: ${first.message}`
}
