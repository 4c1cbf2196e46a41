// GET /repos/{owner}/{repo}/actions/permissions/workflow
import type { Octokit } from './octokit.js'
import type { Seen } from '../types.js'
import { ADMINISTRATION_READ, isHidden, type RequestTarget } from './errors.js'
import { parsed } from './request.js'
import { workflowPermissionsSchema } from './schemas.js'

/** What `protection-partially-readable` lists when the setting cannot be read. */
export const ACTIONS_APPROVAL_WHAT = 'whether GitHub Actions may approve pull requests'

/**
 * Whether the repository lets GitHub Actions approve pull requests
 * (`can_approve_pull_request_reviews`). It needs Administration: read, which the workflow
 * GITHUB_TOKEN never has: a 403/404 leaves it unseen; a rate limit or an outage throws.
 */
export async function readActionsCanApprove(
  octokit: Octokit,
  owner: string,
  repo: string
): Promise<Seen<boolean>> {
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/actions/permissions/workflow`,
    permission: ADMINISTRATION_READ
  }
  try {
    const data = await parsed(target, workflowPermissionsSchema, () =>
      octokit.request('GET /repos/{owner}/{repo}/actions/permissions/workflow', { owner, repo })
    )
    return { seen: true, value: data.can_approve_pull_request_reviews }
  } catch (error) {
    if (isHidden(error)) return { seen: false }
    throw error
  }
}
