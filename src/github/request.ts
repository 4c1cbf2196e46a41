// No API path of its own: the plumbing every GitHub adapter sends its requests through.
import type { z } from 'zod'
import { GitHubError, toGitHubError, type RequestTarget } from './errors.js'

/** Sends, turns a failure into a GitHubError, and validates the body at the boundary. */
export async function parsed<S extends z.ZodType>(
  target: RequestTarget,
  schema: S,
  send: () => Promise<unknown>
): Promise<z.infer<S>> {
  let result: unknown
  try {
    result = await send()
  } catch (error) {
    throw toGitHubError(error, target)
  }
  // octokit.request answers { data, status }; octokit.paginate answers the items.
  if (typeof result === 'object' && result !== null && 'data' in result && 'status' in result) {
    const status = typeof result.status === 'number' ? result.status : 200
    return validate(target, schema, result.data, 'response', status)
  }
  return validate(target, schema, result)
}

/** The value checked against the schema; a mismatch is a GitHubError naming the first issue. */
export function validate<S extends z.ZodType>(
  target: RequestTarget,
  schema: S,
  value: unknown,
  what = 'response',
  status = 200
): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new GitHubError(status, target, `unexpected ${what}: ${issue(result.error)}`, null)
}

function issue(error: z.ZodError): string {
  const first = error.issues[0]
  if (first === undefined) return 'invalid'
  const at = first.path.length > 0 ? first.path.join('.') : 'body'
  return `${at}: ${first.message}`
}
