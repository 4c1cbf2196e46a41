// GET /repos/{owner}/{repo}/branches/{branch}
// GET /repos/{owner}/{repo}/branches/{branch}/protection
import type { Octokit } from './octokit.js'
import type { BranchFacts } from '../types.js'
import {
  branchFacts,
  type BranchRead,
  type Classic,
  type CodeOwnersFile,
  type Rulesets
} from './branch-facts.js'
import { readCodeOwnersFile } from './contents.js'
import {
  ADMINISTRATION_READ,
  GitHubError,
  isHidden,
  isPlanLimit,
  type RequestTarget
} from './errors.js'
import { parsed } from './request.js'
import { readRules } from './rules.js'
import { branchSummarySchema, classicProtectionSchema } from './schemas.js'

/**
 * How the branch is guarded: classic protection (when the token may read it), the branch summary
 * and the active ruleset rules, read in parallel and merged; then, when a review asks for code
 * owners, whether a CODEOWNERS file is on the branch. What no readable source shows is
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
  const asksCodeOwners =
    (classic.kind === 'read' &&
      classic.data.required_pull_request_reviews?.require_code_owner_reviews === true) ||
    rules.codeOwner
  const codeOwnersFile: CodeOwnersFile = asksCodeOwners
    ? await readCodeOwnersFile(octokit, owner, repo, branch)
    : 'not-asked'
  return { branch, classic, summary, rules, codeOwnersFile }
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
    // GitHub Free on a private repository: no classic protection can exist.
    if (isPlanLimit(error)) return { kind: 'none', answered: true }
    // Expected without Administration: read (the workflow token never has it). A rate limit is
    // not a permission: it fails the read.
    if (isHidden(error)) return { kind: 'unreadable' }
    throw error
  }
}
