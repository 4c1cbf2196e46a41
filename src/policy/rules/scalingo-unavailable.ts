import type { Unavailable } from '../../types.js'
import { couldNotRead } from '../context.js'
import { NEVER_SILENT } from '../recommendations.js'
import { defineRule } from '../rule.js'

/** What to check, from the HTTP status in the reason when there is one. */
function fixFor(u: Unavailable): string {
  if (/\b401\b/.test(u.reason)) {
    return 'Check that scalingo-api-token holds a valid, unexpired Scalingo API token.'
  }
  if (/\b(403|404)\b/.test(u.reason)) {
    return (
      'Check the app name and its region in apps, and that the token account owns or ' +
      'collaborates on the app.'
    )
  }
  return 'Check the Scalingo token, the app names and regions, and scalingo-auth-url / scalingo-api-url; then rerun.'
}

/** One finding per Scalingo read that failed; any of them fails the run (the audit is incomplete). */
export default defineRule({
  id: 'scalingo-unavailable',
  meta: {
    title: 'Scalingo could not be read',
    severity: { small: 'error', mid: 'error', large: 'error' },
    recommendation: NEVER_SILENT,
    description: 'A Scalingo fact the rules need could not be read, so the audit is incomplete.',
    fix: 'Check the scalingo-api-token, the app names and their regions, and that the token account can see the apps.'
  },
  check(ctx) {
    const { scalingo } = ctx.facts
    if (scalingo.status !== 'read') return []
    return scalingo.failures.map((u) => ({
      app: u.app,
      subject: null,
      message: couldNotRead(u),
      fix: fixFor(u)
    }))
  }
})
