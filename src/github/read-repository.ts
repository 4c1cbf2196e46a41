// No API path of its own: starts the repository, workflow, ruleset and branch adapters and
// assembles their answers into the GitHub facts.
import type { Octokit } from './octokit.js'
import type { AppFacts, BranchFacts, GitHubFacts, Unavailable, WorkflowFact } from '../types.js'
import { settle, type Settled } from '../promises.js'
import { branchFacts, type BranchRead, type Rulesets } from './branch-facts.js'
import { fetchBranch } from './branches.js'
import { GitHubError } from './errors.js'
import { readRepo, type RepoInfo } from './repository.js'
import { readRulesets } from './rules.js'
import { readWorkflows } from './workflows.js'

export interface BranchTarget {
  readonly branch: string
  /** Apps whose SCM link auto-deploys this branch from this repository. */
  readonly deploysTo: string[]
}

export interface ChooseBranchesInput {
  readonly explicit: string | null
  readonly owner: string
  readonly repo: string
  readonly defaultBranch: string | null
  /** Only the name and the SCM link matter: the links are known before the rest of the app. */
  readonly apps: readonly Pick<AppFacts, 'name' | 'scmLink'>[]
}

// Scalingo's SCM types for GitHub.com and GitHub Enterprise Server.
const GITHUB_SCM_TYPES = new Set(['github', 'github-enterprise'])

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
      !GITHUB_SCM_TYPES.has(link.scmType.toLowerCase()) ||
      link.owner.toLowerCase() !== input.owner.toLowerCase() ||
      link.repo.toLowerCase() !== input.repo.toLowerCase()
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
}

export interface GitHubRead {
  /** Started at once; they never reject. */
  readonly repo: Promise<Settled<RepoInfo>>
  readonly workflows: Promise<Settled<WorkflowFact[]>>
  readonly rulesets: Promise<Settled<Rulesets>>
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
  const workflows = settle(readWorkflows(octokit, owner, repo, workspace))
  const rulesets = settle(readRulesets(octokit, owner, repo))
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
    defaultBranch: async () => {
      const result = await repoRead
      return result.ok ? result.value.defaultBranch : null
    },
    prefetch: (branch) => {
      void branchRead(branch)
    },
    finish: async (branches) => {
      const fetched = branches.map((b) => branchRead(b.branch))
      const [repoResult, workflowResult, rulesetResult, fetchResults] = await Promise.all([
        repoRead,
        workflows,
        rulesets,
        Promise.all(fetched)
      ])
      // Branches prefetched but not chosen in the end (only when an app failed) still finish
      // before the count stops, so that the count stays the number of requests made.
      await Promise.all(branchReads.values())
      octokit.hook.remove('request', count)
      const rulesetMap = rulesetResult.ok ? rulesetResult.value : null
      const branchResults = fetchResults.map((result, index): Settled<BranchFacts> =>
        result.ok
          ? {
              ok: true,
              value: branchFacts(result.value, branches[index]?.deploysTo ?? [], rulesetMap)
            }
          : result
      )

      const failures: Unavailable[] = []
      const fail = (what: string, error: unknown): void => {
        failures.push({ app: null, what, reason: reason(error) })
      }
      if (!repoResult.ok) fail(`repository ${owner}/${repo}`, repoResult.error)
      if (!workflowResult.ok) fail(`workflows of ${owner}/${repo}`, workflowResult.error)
      // Rulesets only add bypass actors to what the branch rules show: a list the token may not
      // read (403/404: old GHES, no access) leaves them unseen and listed, not the audit failed.
      if (!rulesetResult.ok && !hidden(rulesetResult.error)) {
        fail(`rulesets of ${owner}/${repo}`, rulesetResult.error)
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
        failures,
        requests
      }
    }
  }
}

function hidden(error: unknown): boolean {
  return error instanceof GitHubError && (error.status === 403 || error.status === 404)
}

/** Short and secret-free: GitHubError messages carry status, method and path only. */
function reason(error: unknown): string {
  if (error instanceof GitHubError) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}
