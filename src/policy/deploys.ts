import type {
  BranchFacts,
  DeployJob,
  EnvironmentFact,
  Facts,
  RefSet,
  WorkflowTrigger
} from '../types.js'
import type { RuleContext } from './context.js'

/**
 * Pure judgements shared by the three deploy rules and the summary: which environment a deploy
 * job runs in, whether that environment guards it, and which of its triggers no branch rule guards.
 */

/** The name suggested when a job has none: GitHub's own examples use it. */
export const SUGGESTED_ENVIRONMENT = 'production'

export function deployJobs(ctx: RuleContext): readonly DeployJob[] {
  const { github } = ctx.facts
  return github.status === 'read' && github.deploys.seen ? github.deploys.value.jobs : []
}

export function subjectOfJob(job: DeployJob): string {
  return `${job.path}#${job.job}`
}

/** The first audited app the job names (case-insensitive), else null. */
export function auditedApp(
  job: DeployJob,
  apps: readonly { readonly name: string }[]
): string | null {
  for (const named of job.apps) {
    const app = apps.find((a) => a.name.toLowerCase() === named.toLowerCase())
    if (app !== undefined) return app.name
  }
  return null
}

/** "SCALINGO_API_TOKEN", "SCALINGO_API_TOKEN and SCALINGO_SSH_KEY", or "every secret". */
export function secretsLabel(job: DeployJob): string {
  if (job.readsAll)
    return job.secrets.length > 0
      ? `every secret (${job.secrets.join(', ')} among them)`
      : 'every secret'
  return job.secrets.join(' and ')
}

export type EnvironmentState =
  | { readonly kind: 'none' }
  /** `environment:` is an expression: which one runs is decided at run time. */
  | { readonly kind: 'expression'; readonly raw: string }
  /** Named in the workflow but absent from the API: the first run creates it, unprotected. */
  | { readonly kind: 'absent'; readonly name: string }
  | { readonly kind: 'unread'; readonly name: string }
  | { readonly kind: 'found'; readonly environment: EnvironmentFact; readonly guard: Guard }

export interface Guard {
  readonly protected: boolean
  /** e.g. "required reviewers: alice" or "protected branches only"; or why it does not guard. */
  readonly summary: string
}

export function environmentState(facts: Facts, job: DeployJob): EnvironmentState {
  const { github } = facts
  if (job.environment === null) return { kind: 'none' }
  const name = job.environment.name
  if (name === null) return { kind: 'expression', raw: job.environment.raw }
  if (github.status !== 'read' || !github.environments.seen) return { kind: 'unread', name }
  // GitHub environment names are not case-sensitive.
  const environment = github.environments.value.find(
    (e) => e.name.toLowerCase() === name.toLowerCase()
  )
  if (environment === undefined) return { kind: 'absent', name }
  return { kind: 'found', environment, guard: environmentGuard(environment, github.branches) }
}

const GLOB = /[*?[\]+!]/

/**
 * An environment guards its jobs when a person must approve (required reviewers), or when only
 * protected branches may deploy: GitHub's "Protected branches only", or custom policies that name
 * only audited branches that are protected. Tag policies and patterns are not known to be protected.
 */
export function environmentGuard(
  environment: EnvironmentFact,
  branches: readonly BranchFacts[]
): Guard {
  if (environment.reviewers.length > 0) {
    const self = environment.preventSelfReview ? '' : ' (self-review allowed)'
    return {
      protected: true,
      summary: `required reviewers: ${environment.reviewers.join(', ')}${self}`
    }
  }
  const policy = environment.branchPolicy
  if (policy === null) return { protected: false, summary: 'no reviewers; every branch may deploy' }
  if (policy.kind === 'protected') return { protected: true, summary: 'protected branches only' }
  if (policy.policies.length === 0) {
    return { protected: true, summary: 'selected branches: none (nothing may deploy)' }
  }
  const loose = policy.policies.filter(
    (p) => !protectedBranch(p.type === 'branch' ? p.name : null, branches)
  )
  const names = policy.policies.map((p) => (p.type === 'tag' ? `tag ${p.name}` : p.name)).join(', ')
  if (loose.length === 0)
    return { protected: true, summary: `selected protected branches: ${names}` }
  const why = loose
    .map((p) =>
      p.type === 'tag'
        ? `tag ${p.name} (tags are not known to be protected)`
        : GLOB.test(p.name)
          ? `${p.name} (a pattern: anyone with write access can create a matching branch)`
          : `${p.name} (${branchState(p.name, branches)})`
    )
    .join(', ')
  return {
    protected: false,
    summary: `no reviewers; selected branches: ${names}; not guarded: ${why}`
  }
}

function protectedBranch(name: string | null, branches: readonly BranchFacts[]): boolean {
  if (name === null || GLOB.test(name)) return false
  const branch = branches.find((b) => b.branch === name)
  return branch !== undefined && branch.protected.seen && branch.protected.value
}

/** Why a literal branch does not count as protected. */
function branchState(name: string, branches: readonly BranchFacts[]): string {
  const branch = branches.find((b) => b.branch === name)
  if (branch === undefined) {
    return 'not an audited branch, so its protection is unknown'
  }
  if (!branch.protected.seen) return 'its protection could not be read'
  return branch.protected.value ? 'protected' : 'not protected'
}

/** A trigger that lets the job start from a ref no branch rule guards, and how. */
export interface Unguarded {
  readonly trigger: WorkflowTrigger
  readonly why: string
}

/**
 * The triggers of a job that branch rules do not guard. Guarded: `push` to audited branches that
 * are protected, `schedule` on a protected default branch (it runs there), `merge_group` (a merge
 * queue exists only on a protected branch). Everything else, unknown events included, is not.
 */
export function unguardedTriggers(
  job: DeployJob,
  branches: readonly BranchFacts[],
  defaultBranch: string | null
): Unguarded[] {
  const result: Unguarded[] = []
  for (const trigger of job.triggers) {
    const why = triggerWhy(trigger, branches, defaultBranch)
    if (why !== null) {
      result.push({ trigger, why: trigger.via === null ? why : `${why} (through ${trigger.via})` })
    }
  }
  return result
}

function triggerWhy(
  trigger: WorkflowTrigger,
  branches: readonly BranchFacts[],
  defaultBranch: string | null
): string | null {
  switch (trigger.event) {
    case 'push': {
      const refs = trigger.push ?? { branches: { kind: 'all' }, tags: { kind: 'all' } }
      const parts = [branchWhy(refs.branches, branches), tagWhy(refs.tags)].filter(
        (p): p is string => p !== null
      )
      return parts.length === 0 ? null : parts.join('; ')
    }
    case 'schedule':
      if (defaultBranch !== null && protectedBranch(defaultBranch, branches)) return null
      return defaultBranch === null
        ? 'schedule, on a default branch the audit could not read'
        : `schedule, on the default branch ${defaultBranch} (${branchState(defaultBranch, branches)})`
    case 'merge_group':
      return null
    case 'workflow_dispatch':
      return 'workflow_dispatch: anyone with write access can run it on any branch'
    case 'repository_dispatch':
      return 'repository_dispatch: any token with write access to the repository can start it'
    case 'workflow_run':
      return 'workflow_run: it starts after another workflow, whatever branch that one ran on'
    case 'pull_request_target':
      return 'pull_request_target: any pull request, from a fork too, starts it with the secrets'
    case 'issue_comment':
      return 'issue_comment: anyone who may comment starts it'
    case 'workflow_call':
      return 'workflow_call: other repositories may call it, from refs the audit does not see'
    case 'pull_request':
    case 'pull_request_review':
    case 'pull_request_review_comment':
      return `${trigger.event}: it runs the unmerged code of a branch of this repository with its secrets`
    default:
      return `${trigger.event}: not an event that branch rules guard`
  }
}

function branchWhy(set: RefSet, branches: readonly BranchFacts[]): string | null {
  if (set.kind === 'none') return null
  if (set.kind === 'all') return 'push to any branch'
  if (set.kind === 'except') return `push to any branch but ${set.patterns.join(', ')}`
  const loose = set.patterns
    .filter((p) => !p.startsWith('!'))
    .filter((p) => !protectedBranch(p, branches))
    .map((p) =>
      GLOB.test(p)
        ? `${p} (a pattern: anyone with write access can create a matching branch)`
        : `${p} (${branchState(p, branches)})`
    )
  return loose.length === 0 ? null : `push to ${loose.join(', ')}`
}

function tagWhy(set: RefSet): string | null {
  if (set.kind === 'none') return null
  const which =
    set.kind === 'all'
      ? 'any tag'
      : set.kind === 'only'
        ? `tags ${set.patterns.join(', ')}`
        : `any tag but ${set.patterns.join(', ')}`
  return `push of ${which} (anyone with write access can push tags; tag rulesets are not read)`
}

/** `push (main)`, `workflow_dispatch`, … for the summary. */
export function triggerLabel(trigger: WorkflowTrigger): string {
  const via = trigger.via === null ? '' : ` via ${trigger.via}`
  if (trigger.event !== 'push' || trigger.push === null) return `${trigger.event}${via}`
  const part = (what: string, set: RefSet): string | null =>
    set.kind === 'none'
      ? null
      : set.kind === 'all'
        ? `any ${what}`
        : set.kind === 'only'
          ? set.patterns.join(', ')
          : `${what}s but ${set.patterns.join(', ')}`
  const parts = [part('branch', trigger.push.branches), part('tag', trigger.push.tags)].filter(
    (p): p is string => p !== null
  )
  return `push (${parts.join('; ')})${via}`
}
