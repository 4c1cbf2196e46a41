// GET /repos/{owner}/{repo}/actions/workflows
import type { Octokit } from './octokit.js'
import { readFile } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import type { WorkflowFact } from '../types.js'
import { readFileText } from './contents.js'
import type { RequestTarget } from './errors.js'
import { parsed } from './request.js'
import { workflowListSchema } from './schemas.js'
import { runsOnChange } from './workflow-triggers.js'

/** A listed workflow and its file's text (null when not read: inactive, GitHub-managed, gone). */
export interface WorkflowFile {
  readonly fact: WorkflowFact
  readonly source: string | null
}

/**
 * Active workflows and whether each tests changes (`pull_request`, `merge_group`). Triggers come
 * from the checkout when it holds the file, else from the contents API (raw over 1 MB); a file
 * gone from the API (404) gives null; other failures throw.
 */
export async function readWorkflows(
  octokit: Octokit,
  owner: string,
  repo: string,
  workspace: string | null
): Promise<WorkflowFact[]> {
  const files = await readWorkflowFiles(octokit, owner, repo, workspace)
  return files.map((file) => file.fact)
}

/** `readWorkflows` with each file's text, read once for the CI check and the deploy jobs. */
export async function readWorkflowFiles(
  octokit: Octokit,
  owner: string,
  repo: string,
  workspace: string | null
): Promise<WorkflowFile[]> {
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/actions/workflows`,
    permission: 'Actions: read'
  }
  const workflows = await parsed(target, workflowListSchema, () =>
    octokit.paginate('GET /repos/{owner}/{repo}/actions/workflows', { owner, repo, per_page: 100 })
  )
  return Promise.all(
    workflows.map(async (workflow): Promise<WorkflowFile> => {
      const fact = { name: workflow.name, path: workflow.path, state: workflow.state }
      if (workflow.state !== 'active') {
        return { fact: { ...fact, onPullRequest: null }, source: null }
      }
      // GitHub-managed workflows (Pages, Dependabot, CodeQL default setup) have no file and are
      // not the repository's CI.
      if (workflow.path.startsWith('dynamic/')) {
        return { fact: { ...fact, onPullRequest: false }, source: null }
      }
      const source = await workflowSource(octokit, owner, repo, workspace, workflow.path)
      return {
        fact: { ...fact, onPullRequest: source === null ? null : runsOnChange(source) },
        source
      }
    })
  )
}

/** A workflow file's text from the checkout, else the contents API; null when it is gone (404). */
export async function workflowSource(
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
  // Listed but gone from the default branch (404): its triggers stay unknown. Any other failure
  // (outage, timeout, bad body, permission) must not quietly count the workflow as CI.
  return readFileText(octokit, owner, repo, path)
}
