// GET /repos/{owner}/{repo}/contents/{path}
import type { Octokit } from './octokit.js'
import { z } from 'zod'
import type { CodeOwnersFile } from './branch-facts.js'
import { GitHubError, type RequestTarget } from './errors.js'
import { parsed } from './request.js'
import { contentFileSchema } from './schemas.js'

/**
 * A file's text from the contents API (default branch, or `ref`); null when it is not there
 * (404). Over 1 MB GitHub answers `encoding: "none"` and an empty `content`: the file is then
 * asked again with the raw media type (`application/vnd.github.raw+json`), as the API
 * description says. Any other failure throws.
 */
export async function readFileText(
  octokit: Octokit,
  owner: string,
  repo: string,
  path: string,
  ref?: string
): Promise<string | null> {
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/contents/${path}`,
    permission: 'Contents: read'
  }
  const params = { owner, repo, path, ...(ref === undefined ? {} : { ref }) }
  try {
    const file = await parsed(target, contentFileSchema, () =>
      octokit.request('GET /repos/{owner}/{repo}/contents/{path}', params)
    )
    if (file.encoding === 'base64' && file.content !== undefined) {
      return Buffer.from(file.content, 'base64').toString('utf8')
    }
    if (file.encoding === 'none') return await readRaw(octokit, target, params)
    throw new GitHubError(200, target, 'unexpected response: the file has no base64 content', null)
  } catch (error) {
    if (error instanceof GitHubError && error.status === 404 && error.refusal === null) return null
    throw error
  }
}

async function readRaw(
  octokit: Octokit,
  target: RequestTarget,
  params: { owner: string; repo: string; path: string; ref?: string }
): Promise<string> {
  // Octokit gives text for text/* and charset=utf-8 answers, else the bytes.
  const text = await parsed(target, z.union([z.string(), z.instanceof(ArrayBuffer)]), () =>
    octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...params,
      headers: { accept: 'application/vnd.github.raw+json' }
    })
  )
  return typeof text === 'string' ? text : Buffer.from(text).toString('utf8')
}

/** Where GitHub looks for CODEOWNERS, in its order of precedence (GitHub docs, "About code owners"). */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const

/** Whether a CODEOWNERS file is on the branch: present, missing, or unknown when a read failed. */
export async function readCodeOwnersFile(
  octokit: Octokit,
  owner: string,
  repo: string,
  branch: string
): Promise<CodeOwnersFile> {
  const found = await Promise.allSettled(
    CODEOWNERS_PATHS.map((path) => readFileText(octokit, owner, repo, path, branch))
  )
  if (found.some((r) => r.status === 'fulfilled' && r.value !== null)) return 'present'
  return found.every((r) => r.status === 'fulfilled') ? 'missing' : 'unknown'
}
