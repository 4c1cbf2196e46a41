// GET /repos/{owner}/{repo}
import type { Octokit } from './octokit.js'
import type { RequestTarget } from './errors.js'
import { parsed } from './request.js'
import { repoSchema } from './schemas.js'

export interface RepoInfo {
  readonly defaultBranch: string
  readonly isPrivate: boolean
}

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
