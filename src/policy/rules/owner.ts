import type { Draft } from '../../types.js'
import { RULE_CATALOG } from '../catalog.js'
import { label, matchesAny, scalingoApps, subjectOf, type Rule } from '../context.js'

/** `owners` is set and the app owner is not in it. */
export const ownerUnexpected: Rule = (ctx) => {
  const { owners } = ctx.config
  if (owners.length === 0) return []
  return scalingoApps(ctx)
    .filter((app) => !matchesAny(app.owner, owners))
    .map((app): Draft => ({
      rule: 'owner-unexpected',
      app: app.name,
      subject: subjectOf(app.owner),
      message:
        `${app.name} is owned by ${label(app.owner)}, who is not in the owners input; ` +
        'the owner controls billing and every permission on the app.',
      fix: RULE_CATALOG['owner-unexpected'].fix
    }))
}

/** The owner is not a service account (also when none is listed: service accounts should own apps). */
export const ownerNotServiceAccount: Rule = (ctx) =>
  scalingoApps(ctx)
    .filter((app) => !matchesAny(app.owner, ctx.config.serviceAccounts))
    .map((app): Draft => ({
      rule: 'owner-not-service-account',
      app: app.name,
      subject: subjectOf(app.owner),
      message:
        `${app.name} is owned by ${label(app.owner)}, which is not listed in service-accounts; ` +
        'a personal owner couples billing and critical permissions to one person.',
      fix: RULE_CATALOG['owner-not-service-account'].fix
    }))
