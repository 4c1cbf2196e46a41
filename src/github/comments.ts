// GET /repos/{owner}/{repo}/issues/{issue_number}/comments
// POST /repos/{owner}/{repo}/issues/{issue_number}/comments
// PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}
import type { Octokit } from './octokit.js'
import { COMMENT_MARKER } from '../types.js'
import { toGitHubError } from './errors.js'

export interface UpsertTarget {
  readonly owner: string
  readonly repo: string
  readonly issueNumber: number
  readonly body: string
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged' | 'forbidden'

export interface StickyComment {
  readonly id: number
  readonly body: string
}

const PERMISSION = 'Pull requests: write'

/**
 * Keeps one comment holding the marker up to date: edits it when the body changed, leaves it
 * when equal, creates it when missing. A token that may not write (403, or 404 with a fork's
 * read-only token) gives 'forbidden' for the caller to report; other errors throw.
 */
export async function upsertComment(
  octokit: Octokit,
  target: UpsertTarget,
  found: Promise<StickyComment | null> = findStickyComment(octokit, target)
): Promise<UpsertOutcome> {
  const { owner, repo, issueNumber, body } = target
  const listPath = `/repos/${owner}/${repo}/issues/${issueNumber}/comments`

  let existing: StickyComment | null
  try {
    existing = await found
  } catch (error) {
    return forbiddenOrThrow(error, 'GET', listPath)
  }

  if (existing === null) {
    try {
      return await createOnce(octokit, target)
    } catch (error) {
      return forbiddenOrThrow(error, 'POST', listPath)
    }
  }
  if (normalize(existing.body) === normalize(body)) return 'unchanged'
  try {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body })
    return 'updated'
  } catch (error) {
    return forbiddenOrThrow(
      error,
      'PATCH',
      `/repos/${owner}/${repo}/issues/comments/${existing.id}`
    )
  }
}

const CREATE_ATTEMPTS = 3

/**
 * Creates the comment without ever posting it twice: a create is not retried blindly (one that
 * was saved but not answered would come back as a duplicate); after a failure that may have
 * been saved (5xx, network), the comments are read again before the next attempt.
 */
async function createOnce(octokit: Octokit, target: UpsertTarget): Promise<'created'> {
  const { owner, repo, issueNumber, body } = target
  for (let attempt = 1; ; attempt++) {
    try {
      await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body,
        request: { retries: 0 }
      })
      return 'created'
    } catch (error) {
      const status = statusOf(error)
      // 429: refused before any write, so simply try again; 5xx or no answer: maybe saved.
      const limited = status === 429
      const maybeSaved = status === null || status >= 500
      if ((!limited && !maybeSaved) || attempt >= CREATE_ATTEMPTS) throw error
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt))
      if (maybeSaved && (await findStickyComment(octokit, target)) !== null) return 'created'
    }
  }
}

/**
 * The first comment whose body starts with the marker, preferring one written by a bot (the
 * workflow token): a human quoting the comment, or pasting the marker, must not capture it.
 */
export async function findStickyComment(
  octokit: Octokit,
  { owner, repo, issueNumber }: Omit<UpsertTarget, 'body'>
): Promise<StickyComment | null> {
  let fallback: StickyComment | null = null
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100
  })
  for await (const page of pages) {
    for (const comment of page.data) {
      const text = comment.body ?? ''
      if (!text.trimStart().startsWith(COMMENT_MARKER)) continue
      const found = { id: comment.id, body: text }
      if (comment.user?.type === 'Bot') return found
      fallback ??= found
    }
  }
  return fallback
}

function forbiddenOrThrow(error: unknown, method: string, path: string): 'forbidden' {
  const status = statusOf(error)
  const message = error instanceof Error ? error.message : ''
  // A rate limit also answers 403, but says so: that is not a permission problem.
  if ((status === 403 && !/rate limit/i.test(message)) || status === 404) return 'forbidden'
  throw toGitHubError(error, { method, path, permission: PERMISSION })
}

function statusOf(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status
    return typeof status === 'number' ? status : null
  }
  return null
}

/**
 * GitHub may store CRLF and trim the end; neither is a change. Nor is the footer's link to the
 * run: a rerun with the same findings leaves the comment (and its notifications) alone.
 */
function normalize(s: string): string {
  return s
    .replace(/\r\n/g, '\n')
    .replace(/^<sub>.*<\/sub>$/m, '')
    .trimEnd()
}
