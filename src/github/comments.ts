// GET /repos/{owner}/{repo}/issues/{issue_number}/comments
// POST /repos/{owner}/{repo}/issues/{issue_number}/comments
// PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}
// GraphQL `query { viewer { login } }` (octokit.graphql: {base}/graphql, on GHES /api/graphql)
import type { Octokit } from './octokit.js'
import { COMMENT_MARKER } from '../types.js'
import { toGitHubError } from './errors.js'

export interface UpsertTarget {
  readonly owner: string
  readonly repo: string
  readonly issueNumber: number
  readonly body: string
}

/**
 * `created-unverified`: created because the token's own login could not be learnt, so no
 * existing comment could be proven to be the action's (a rerun then adds a comment rather than
 * editing someone else's).
 */
export type UpsertOutcome = 'created' | 'created-unverified' | 'updated' | 'unchanged' | 'forbidden'

export interface StickyComment {
  readonly id: number
  readonly body: string
}

/** The action's own comment, if any, and who the token is (null: unknown). */
export interface StickyLookup {
  readonly self: string | null
  readonly comment: StickyComment | null
}

const PERMISSION = 'Pull requests: write'

/**
 * Keeps one comment of the action's own up to date: edits it when the body changed, leaves it
 * when equal, creates it when missing. A comment someone else wrote is never edited, whatever it
 * holds. A token that may not write (403, or 404 with a fork's read-only token) gives
 * 'forbidden' for the caller to report; other errors throw.
 */
export async function upsertComment(
  octokit: Octokit,
  target: UpsertTarget,
  found: Promise<StickyLookup> = findStickyComment(octokit, target)
): Promise<UpsertOutcome> {
  const { owner, repo, issueNumber, body } = target
  const listPath = `/repos/${owner}/${repo}/issues/${issueNumber}/comments`

  let lookup: StickyLookup
  try {
    lookup = await found
  } catch (error) {
    return forbiddenOrThrow(error, 'GET', listPath)
  }

  const existing = lookup.comment
  if (existing === null) {
    try {
      await createOnce(octokit, target, lookup.self)
      return lookup.self === null ? 'created-unverified' : 'created'
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
 * been saved (5xx, network), the comments are read again before the next attempt (which needs
 * the token's login: without it, a saved comment cannot be told from someone else's).
 */
async function createOnce(
  octokit: Octokit,
  target: UpsertTarget,
  self: string | null
): Promise<void> {
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
      return
    } catch (error) {
      const status = statusOf(error)
      // 429: refused before any write, so simply try again; 5xx or no answer: maybe saved.
      const limited = status === 429
      const maybeSaved = status === null || status >= 500
      if ((!limited && !maybeSaved) || attempt >= CREATE_ATTEMPTS) throw error
      if (maybeSaved && self === null) throw error
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt))
      if (maybeSaved && self !== null && (await ownComment(octokit, target, self)) !== null) return
    }
  }
}

/**
 * The login of the token's account, as REST shows it on the comments that token writes:
 * `github-actions[bot]` for the workflow token, `<app-slug>[bot]` for a GitHub App's
 * installation token, the user for a personal token. GraphQL `viewer` is the one question every
 * kind of token may ask (REST `GET /user` answers 403 to installation tokens); null when it
 * fails, and then no comment is taken for the action's own.
 */
export async function viewerLogin(octokit: Octokit): Promise<string | null> {
  try {
    const answer = await octokit.graphql<{ viewer?: { login?: unknown } | null }>(
      'query { viewer { login } }'
    )
    const login = answer.viewer?.login
    return typeof login === 'string' && login !== '' ? login : null
  } catch {
    return null
  }
}

/** REST's `user.login` of a comment is the token's login (bots: GraphQL may drop `[bot]`). */
export function writtenBy(
  user: { readonly login?: string; readonly type?: string } | null | undefined,
  self: string
): boolean {
  const login = (user?.login ?? '').toLowerCase()
  const me = self.toLowerCase()
  if (login === '' || me === '') return false
  return login === me || (user?.type === 'Bot' && login === `${me}[bot]`)
}

/**
 * Who the token is, and the first comment that it wrote whose body starts with the marker. A
 * marker in anyone else's comment (a contributor pasting it to have the action edit their
 * comment) is ignored. Both questions are asked at once.
 */
export async function findStickyComment(
  octokit: Octokit,
  target: Omit<UpsertTarget, 'body'>,
  self: Promise<string | null> = viewerLogin(octokit)
): Promise<StickyLookup> {
  const comments = markedComments(octokit, target)
  comments.catch(() => undefined)
  const login = await self
  if (login === null) {
    // Still surface a failure to list (a read-only token's 403/404) to the caller.
    await comments
    return { self: null, comment: null }
  }
  const mine = (await comments).find((c) => writtenBy(c.user, login))
  return { self: login, comment: mine ? { id: mine.id, body: mine.body } : null }
}

async function ownComment(
  octokit: Octokit,
  target: Omit<UpsertTarget, 'body'>,
  self: string
): Promise<StickyComment | null> {
  return (await findStickyComment(octokit, target, Promise.resolve(self))).comment
}

interface MarkedComment extends StickyComment {
  readonly user: { readonly login?: string; readonly type?: string } | null
}

async function markedComments(
  octokit: Octokit,
  { owner, repo, issueNumber }: Omit<UpsertTarget, 'body'>
): Promise<MarkedComment[]> {
  const found: MarkedComment[] = []
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
      // `user` is required (null for a deleted account): without it no comment can be told to be
      // the action's, so the list is unreadable rather than a reason to post a second comment.
      if (!('user' in comment) || comment.user === undefined) {
        throw new Error(`unexpected response: comment ${comment.id} has no user`)
      }
      found.push({ id: comment.id, body: text, user: comment.user })
    }
  }
  return found
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
