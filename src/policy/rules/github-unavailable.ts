import type { Unavailable } from '../../types.js'
import { couldNotRead } from '../context.js'
import { NEVER_SILENT } from '../recommendations.js'
import { defineRule } from '../rule.js'

/** What to check, from the HTTP status in the reason when there is one. */
function fixFor(u: Unavailable): string {
  if (/\b(401|403|404)\b/.test(u.reason)) {
    return (
      'Check the github-token and its permissions (Contents: read, Metadata: read, Actions: read; ' +
      'Administration: read for classic protection).'
    )
  }
  return 'Check the github-token, GITHUB_API_URL and the branch name; then rerun.'
}

/** One finding per GitHub read that failed; any of them fails the run (the audit is incomplete). */
export default defineRule({
  id: 'github-unavailable',
  meta: {
    title: 'GitHub could not be read',
    severity: { small: 'error', mid: 'error', large: 'error' },
    recommendation: NEVER_SILENT,
    description: 'A GitHub fact the rules need could not be read, so the audit is incomplete.',
    fix: 'Check the github-token and its permissions (Contents: read, Metadata: read, Actions: read).'
  },
  check(ctx) {
    const { github } = ctx.facts
    if (github.status !== 'read') return []
    return github.failures.map((u) => ({
      app: u.app,
      subject: null,
      message: couldNotRead(u),
      fix: fixFor(u)
    }))
  }
})
