import type { Draft } from '../../types.js'
import { RULE_CATALOG } from '../catalog.js'
import { label, matchesAny, plural, subjectOf, type Rule } from '../context.js'

const NAMED = 5

/** The token's account reaches apps beyond the audited ones (names compared exactly). */
export const tokenNotAppScoped: Rule = (ctx) => {
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
      rule: 'token-not-app-scoped',
      app: null,
      subject: subjectOf(token.account),
      message:
        `The API token's account ${label(token.account)} also reaches ${plural(others.length, 'other app')} ` +
        `(${shown}${more}); a leaked token exposes them too.`,
      fix: RULE_CATALOG['token-not-app-scoped'].fix
    } satisfies Draft
  ]
}

/** service-accounts set and the token's account is not one. */
export const tokenNotServiceAccount: Rule = (ctx) => {
  const { scalingo } = ctx.facts
  const { serviceAccounts } = ctx.config
  if (scalingo.status !== 'read' || scalingo.token === null || serviceAccounts.length === 0) {
    return []
  }
  const account = scalingo.token.account
  if (matchesAny(account, serviceAccounts)) return []
  return [
    {
      rule: 'token-not-service-account',
      app: null,
      subject: subjectOf(account),
      message:
        `The API token belongs to ${label(account)}, which is not in service-accounts; ` +
        "a personal token carries all of that person's permissions.",
      fix: RULE_CATALOG['token-not-service-account'].fix
    } satisfies Draft
  ]
}
