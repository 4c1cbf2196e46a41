// No API path of its own: starts the repository, workflow, environment, ruleset, actions
// permissions and branch adapters and assembles their answers into the GitHub facts (deploy jobs
// included).
import type { Octokit } from './octokit.js'
import type {
  AppFacts,
  AuditJob,
  BranchFacts,
  DeployFacts,
  EnvironmentFact,
  GitHubFacts,
  Seen,
  Unavailable,
  WorkflowFact
} from '../types.js'
import { settle, type Settled } from '../promises.js'
import { ACTIONS_APPROVAL_WHAT, readActionsCanApprove } from './actions-permissions.js'
import { linksRepository } from '../repositories.js'
import { branchFacts, type BranchRead, type Rulesets } from './branch-facts.js'
import { fetchBranch } from './branches.js'
import { calledWorkflowPaths, readDeployJobs, type WorkflowSource } from './deploy-jobs.js'
import { readEnvironments } from './environments.js'
import { ADMINISTRATION_READ, GitHubError, isHidden } from './errors.js'
import { readRepo, type RepoInfo } from './repository.js'
import { readRulesets } from './rules.js'
import { readWorkflowFiles, workflowSource, type WorkflowFile } from './workflows.js'

export interface BranchTarget {
  readonly branch: string
  /** Apps whose SCM link auto-deploys this branch from this repository. */
  readonly deploysTo: string[]
}

export interface ChooseBranchesInput {
  readonly explicit: string | null
  /** Host of GITHUB_SERVER_URL (github.com, or a GitHub Enterprise host). */
  readonly host: string
  readonly owner: string
  readonly repo: string
  readonly defaultBranch: string | null
  /** Only the name and the SCM link matter: the links are known before the rest of the app. */
  readonly apps: readonly Pick<AppFacts, 'name' | 'scmLink'>[]
}

/**
 * Which branches to audit: the `branch` input; else every branch that an app auto-deploys from
 * this repository; else the default branch. Each branch once, in the order of the apps.
 */
export function chooseBranches(input: ChooseBranchesInput): BranchTarget[] {
  const deploying = new Map<string, string[]>()
  for (const app of input.apps) {
    const link = app.scmLink
    if (
      link === null ||
      !link.autoDeploy ||
      link.branch === null ||
      link.branch === '' ||
      // Same host, owner and name: a GitLab or other-host link of that name is another repository.
      !linksRepository(link, input)
    ) {
      continue
    }
    const apps = deploying.get(link.branch) ?? []
    if (!apps.includes(app.name)) apps.push(app.name)
    deploying.set(link.branch, apps)
  }
  if (input.explicit !== null) {
    return [{ branch: input.explicit, deploysTo: deploying.get(input.explicit) ?? [] }]
  }
  if (deploying.size > 0) {
    return [...deploying].map(([branch, deploysTo]) => ({ branch, deploysTo }))
  }
  return input.defaultBranch === null ? [] : [{ branch: input.defaultBranch, deploysTo: [] }]
}

export interface GitHubReadTarget {
  readonly owner: string
  readonly repo: string
  readonly workspace: string | null
  /** `deploy-secrets` and the audit's own job, for finding the deploy jobs. */
  readonly deploySecrets: readonly string[]
  readonly auditJob: AuditJob | null
}

export interface GitHubRead {
  /** Started at once; they never reject. */
  readonly repo: Promise<Settled<RepoInfo>>
  readonly workflows: Promise<Settled<WorkflowFact[]>>
  readonly rulesets: Promise<Settled<Rulesets>>
  readonly actionsCanApprove: Promise<Settled<Seen<boolean>>>
  /** The default branch, or null when the repository could not be read. */
  defaultBranch(): Promise<string | null>
  /**
   * Starts reading a branch now (once per branch), so that its requests need not wait for the
   * rest of the facts; `finish` uses what was started and reads any other branch it is given.
   */
  prefetch(branch: string): void
  /** Reads each branch in parallel and assembles the facts; failures are listed, never hidden. */
  finish(branches: readonly BranchTarget[]): Promise<GitHubFacts>
}

/**
 * Starts what does not depend on the branch (repository, workflows, rulesets) at once, so that
 * only the branch reads wait for the Scalingo SCM links. A branch's requests wait for nothing
 * else: the rulesets are needed only to merge its facts.
 */
export function startGitHubRead(octokit: Octokit, target: GitHubReadTarget): GitHubRead {
  const { owner, repo, workspace } = target
  let requests = 0
  // Registered after the retry plugin, so this runs once per API call, not per attempt.
  const count = (): void => {
    requests += 1
  }
  octokit.hook.before('request', count)

  const repoRead = settle(readRepo(octokit, owner, repo))
  const files = settle(readWorkflowFiles(octokit, owner, repo, workspace))
  const workflows = files.then((r): Settled<WorkflowFact[]> =>
    r.ok ? { ok: true, value: r.value.map((f) => f.fact) } : r
  )
  // The files read for the CI check are reused; only a called workflow not listed is read here.
  const deploys = files.then((r) =>
    r.ok ? settle(deployFacts(octokit, target, r.value)) : Promise.resolve(r)
  )
  // Environments matter only when a deploy job declares one: no request otherwise.
  const environments = deploys.then((r): Promise<Settled<EnvironmentFact[]> | null> =>
    r.ok && r.value.jobs.some((job) => job.environment !== null)
      ? settle(readEnvironments(octokit, owner, repo))
      : Promise.resolve(null)
  )
  const rulesets = settle(readRulesets(octokit, owner, repo))
  const actionsCanApprove = settle(readActionsCanApprove(octokit, owner, repo))
  // Each branch is fetched once, however many callers ask for it.
  const branchReads = new Map<string, Promise<Settled<BranchRead>>>()
  const branchRead = (branch: string): Promise<Settled<BranchRead>> => {
    let read = branchReads.get(branch)
    if (read === undefined) {
      read = settle(fetchBranch(octokit, owner, repo, branch))
      branchReads.set(branch, read)
    }
    return read
  }

  return {
    repo: repoRead,
    workflows,
    rulesets,
    actionsCanApprove,
    defaultBranch: async () => {
      const result = await repoRead
      return result.ok ? result.value.defaultBranch : null
    },
    prefetch: (branch) => {
      void branchRead(branch)
    },
    finish: async (branches) => {
      const fetched = branches.map((b) => branchRead(b.branch))
      const [
        repoResult,
        workflowResult,
        rulesetResult,
        approveResult,
        fetchResults,
        deployResult,
        envResult
      ] = await Promise.all([
        repoRead,
        workflows,
        rulesets,
        actionsCanApprove,
        Promise.all(fetched),
        deploys,
        environments
      ])
      // Branches prefetched but not chosen in the end (only when an app failed) still finish
      // before the count stops, so that the count stays the number of requests made.
      await Promise.all(branchReads.values())
      octokit.hook.remove('request', count)
      const rulesetMap = rulesetResult.ok ? rulesetResult.value : null
      const canApprove: Seen<boolean> = approveResult.ok ? approveResult.value : { seen: false }
      const branchResults = fetchResults.map((result, index): Settled<BranchFacts> => {
        if (!result.ok) return result
        const facts = branchFacts(result.value, branches[index]?.deploysTo ?? [], rulesetMap)
        // A repository setting, listed on each branch whose reviews it could weaken.
        return {
          ok: true,
          value:
            approveResult.ok && !canApprove.seen && !facts.protectionNotOnPlan
              ? {
                  ...facts,
                  unreadable: [
                    ...facts.unreadable,
                    { what: ACTIONS_APPROVAL_WHAT, permission: ADMINISTRATION_READ }
                  ]
                }
              : facts
        }
      })

      const failures: Unavailable[] = []
      const fail = (what: string, error: unknown): void => {
        failures.push({ app: null, what, reason: reason(error) })
      }
      if (!repoResult.ok) fail(`repository ${owner}/${repo}`, repoResult.error)
      if (!workflowResult.ok) fail(`workflows of ${owner}/${repo}`, workflowResult.error)
      else if (!deployResult.ok) fail(`deploy jobs of ${owner}/${repo}`, deployResult.error)
      if (envResult !== null && !envResult.ok) {
        fail(
          `environments of ${owner}/${repo} (not checked: deploy-environment-unprotected, and deploy-trigger-unguarded for the deploy jobs that declare an environment)`,
          envResult.error
        )
      }
      // Rulesets only add bypass actors to what the branch rules show: a list the token may not
      // read (403/404: old GHES, no access) leaves them unseen and listed, not the audit failed.
      if (!rulesetResult.ok && !isHidden(rulesetResult.error)) {
        fail(`rulesets of ${owner}/${repo}`, rulesetResult.error)
      }
      if (!approveResult.ok) {
        fail(`${ACTIONS_APPROVAL_WHAT} in ${owner}/${repo}`, approveResult.error)
      }
      const read: BranchFacts[] = []
      branchResults.forEach((result, index) => {
        if (result.ok) read.push(result.value)
        else fail(`protection of branch ${branches[index]?.branch ?? '?'}`, result.error)
      })
      return {
        status: 'read',
        owner,
        repo,
        defaultBranch: repoResult.ok ? repoResult.value.defaultBranch : null,
        isPrivate: repoResult.ok ? repoResult.value.isPrivate : null,
        branches: read,
        workflows: workflowResult.ok
          ? { seen: true, value: workflowResult.value }
          : { seen: false },
        deploys: deployResult.ok ? { seen: true, value: deployResult.value } : { seen: false },
        environments:
          envResult === null
            ? { seen: true, value: [] }
            : envResult.ok
              ? { seen: true, value: envResult.value }
              : { seen: false },
        actionsCanApprove: canApprove,
        failures,
        requests
      }
    }
  }
}

/** Deploy jobs from the listed files, and the local reusable workflows they call (one level). */
async function deployFacts(
  octokit: Octokit,
  target: GitHubReadTarget,
  files: readonly WorkflowFile[]
): Promise<DeployFacts> {
  const { owner, repo, workspace } = target
  const listed: WorkflowSource[] = files
    .filter((file) => file.fact.state === 'active' && !file.fact.path.startsWith('dynamic/'))
    .map((file) => ({
      path: file.fact.path,
      source: file.source,
      ...(file.source === null ? { reason: 'listed by GitHub but not found (404)' } : {})
    }))
  const have = new Set(files.filter((f) => f.source !== null).map((f) => f.fact.path))
  const missing = calledWorkflowPaths(listed).filter((path) => !have.has(path))
  const called = await Promise.all(
    missing.map(async (path): Promise<WorkflowSource> => {
      const source = await workflowSource(octokit, owner, repo, workspace, path)
      return source === null
        ? { path, source, reason: 'called but not found (404)' }
        : { path, source }
    })
  )
  return readDeployJobs(
    listed,
    { secretPatterns: target.deploySecrets, auditJob: target.auditJob },
    called
  )
}

/** Short and secret-free: GitHubError messages carry status, method and path only. */
function reason(error: unknown): string {
  if (error instanceof GitHubError) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}
