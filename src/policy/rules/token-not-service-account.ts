import { label, matchesAny, subjectOf } from '../context.js'
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
    fix: 'Create a token from a dedicated service account and store it as the scalingo-api-token secret.'
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
