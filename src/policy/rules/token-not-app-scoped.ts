import { label, plural, subjectOf } from '../context.js'
import { TOKENS_PAGE } from '../fixes.js'
import { defineRule } from '../rule.js'

/** How many of the other apps the message names. */
const NAMED = 5

/**
 * The token's account reaches apps beyond the audited ones, in any region it can use: an app is
 * audited when its region and name are (a reach read without a region, through one
 * `scalingo-api-url`, compares the name). Review apps are not counted (read-apps leaves them out).
 */
export default defineRule({
  id: 'token-not-app-scoped',
  meta: {
    title: 'Token not scoped to the app',
    severity: { small: 'off', mid: 'notice', large: 'warning' },
    recommendation:
      'Use a specific and dedicated Service Account to scope API tokens to a given application and ensure better isolation between apps.',
    description: "The API token's account reaches Scalingo apps beyond the audited ones.",
    fix: `Generate the token (${TOKENS_PAGE}) from a service account that collaborates on the audited apps only: a Scalingo token reaches every app of its account.`
  },
  check(ctx) {
    const { scalingo } = ctx.facts
    if (scalingo.status !== 'read' || scalingo.token === null) return []
    const token = scalingo.token
    const audited = ctx.config.apps
    // A name reached in two regions is shown as region/name.
    const ambiguous = new Set(
      token.reachableApps
        .filter((r) => token.reachableApps.some((o) => o.name === r.name && o.region !== r.region))
        .map((r) => r.name)
    )
    const others = token.reachableApps
      .filter(
        (r) =>
          !audited.some((a) => a.name === r.name && (r.region === null || r.region === a.region))
      )
      .map((r) => (r.region !== null && ambiguous.has(r.name) ? `${r.region}/${r.name}` : r.name))
      .filter((name, i, all) => all.indexOf(name) === i)
    if (others.length === 0) return []
    const shown = others.slice(0, NAMED).join(', ')
    const more = others.length > NAMED ? `, and ${others.length - NAMED} more` : ''
    return [
      {
        app: null,
        subject: subjectOf(token.account),
        message:
          `The API token's account ${label(token.account)} also reaches ${plural(others.length, 'other app')} ` +
          `(${shown}${more}); a leaked token exposes them too.`
      }
    ]
  }
})
