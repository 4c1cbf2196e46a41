import { label, matchesAny, subjectOf } from '../context.js'
import { TOKENS_PAGE } from '../fixes.js'
import { defineRule } from '../rule.js'

/** service-accounts set and the token's account is not one. */
export default defineRule({
  id: 'token-not-service-account',
  meta: {
    title: 'Token from a personal account',
    severity: { small: 'off', mid: 'notice', large: 'warning' },
    recommendation:
      'We recommend using a dedicated service account when you need application-scoped API access, and generate API tokens from it.',
    description: 'The API token belongs to an account that is not in service-accounts.',
    fix: `Signed in as a dedicated service account, generate a token in ${TOKENS_PAGE} (the CLI has no token command), store it as the scalingo-api-token secret, then revoke the personal one there.`
  },
  check(ctx) {
    const { scalingo } = ctx.facts
    const { serviceAccounts } = ctx.config
    if (scalingo.status !== 'read' || scalingo.token === null || serviceAccounts.length === 0) {
      return []
    }
    const account = scalingo.token.account
    if (matchesAny(account, serviceAccounts)) return []
    return [
      {
        app: null,
        subject: subjectOf(account),
        message:
          `The API token belongs to ${label(account)}, which is not in service-accounts; ` +
          "a personal token carries all of that person's permissions."
      }
    ]
  }
})
