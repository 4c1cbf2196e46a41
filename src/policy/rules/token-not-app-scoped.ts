import { label, plural, subjectOf } from '../context.js'
import { defineRule } from '../rule.js'

/** How many of the other apps the message names. */
const NAMED = 5

/** The token's account reaches apps beyond the audited ones (names compared exactly). */
export default defineRule({
  id: 'token-not-app-scoped',
  meta: {
    title: 'Token not scoped to the app',
    severity: { small: 'off', mid: 'notice', large: 'warning' },
    recommendation:
      'Use a specific and dedicated Service Account to scope API tokens to a given application and ensure better isolation between apps.',
    description: "The API token's account reaches Scalingo apps beyond the audited ones.",
    fix: 'Generate the token from a service account that collaborates on the audited apps only.'
  },
  check(ctx) {
    const { scalingo } = ctx.facts
    if (scalingo.status !== 'read' || scalingo.token === null) return []
    const token = scalingo.token
    const audited = new Set(ctx.config.apps.map((app) => app.name))
    const others = [...new Set(token.reachableApps)].filter((name) => !audited.has(name))
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
