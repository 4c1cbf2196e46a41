import type { Draft } from '../../types.js'
import { RULE_CATALOG } from '../catalog.js'
import {
  isDeleted,
  isFull,
  label,
  matchesAny,
  plural,
  scalingoApps,
  subjectOf,
  type Rule
} from '../context.js'

/** Full Collaborators (accepted or pending) on an app exceed max-collaborators. */
export const tooManyCollaborators: Rule = (ctx) => {
  const limit = ctx.thresholds.maxCollaborators
  return scalingoApps(ctx).flatMap((app): Draft[] => {
    const count = app.collaborators.filter(isFull).length
    if (count <= limit) return []
    return [
      {
        rule: 'too-many-collaborators',
        app: app.name,
        subject: null,
        message:
          `${app.name} has ${plural(count, 'full Collaborator')} (limit ${limit}); ` +
          'each one can read secrets, change settings and manage the team.',
        fix: RULE_CATALOG['too-many-collaborators'].fix
      }
    ]
  })
}

function rosterSet(leads: readonly string[], members: readonly string[]): boolean {
  return leads.length > 0 || members.length > 0
}

/** Roster set, and a full Collaborator is not a lead, an owner or a service account. */
export const collaboratorNotLead: Rule = (ctx) => {
  const { leads, members, owners, serviceAccounts } = ctx.config
  if (!rosterSet(leads, members)) return []
  return scalingoApps(ctx).flatMap((app) =>
    app.collaborators
      .filter((c) => isFull(c) && !matchesAny(c, leads, owners, serviceAccounts))
      .map((c): Draft => ({
        rule: 'collaborator-not-lead',
        app: app.name,
        subject: subjectOf(c),
        message:
          `${label(c)} is a full Collaborator on ${app.name} but is not in leads; ` +
          'only leads need access to secrets and team management.',
        fix: RULE_CATALOG['collaborator-not-lead'].fix
      }))
  )
}

/** Roster set, and an account on the app is in none of the lists. */
export const accountNotInRoster: Rule = (ctx) => {
  const { leads, members, owners, serviceAccounts } = ctx.config
  if (!rosterSet(leads, members)) return []
  return scalingoApps(ctx).flatMap((app) =>
    [app.owner, ...app.collaborators.filter((c) => !isDeleted(c))]
      .filter((account) => !matchesAny(account, owners, serviceAccounts, leads, members))
      .map((account): Draft => ({
        rule: 'account-not-in-roster',
        app: app.name,
        subject: subjectOf(account),
        message:
          `${label(account)} has access to ${app.name} but is in none of owners, service-accounts, ` +
          'leads or members; every account is one more way in.',
        fix: RULE_CATALOG['account-not-in-roster'].fix
      }))
  )
}

/** max-accounts set and owner + collaborators (not deleted) exceed it. */
export const tooManyAccounts: Rule = (ctx) => {
  const limit = ctx.config.maxAccounts
  if (limit === null) return []
  return scalingoApps(ctx).flatMap((app): Draft[] => {
    const count = 1 + app.collaborators.filter((c) => !isDeleted(c)).length
    if (count <= limit) return []
    return [
      {
        rule: 'too-many-accounts',
        app: app.name,
        subject: null,
        message:
          `${app.name} has ${plural(count, 'Scalingo account')} (owner and collaborators, limit ${limit}); ` +
          'each account is one more way in.',
        fix: RULE_CATALOG['too-many-accounts'].fix
      }
    ]
  })
}

export const invitationPending: Rule = (ctx) =>
  scalingoApps(ctx).flatMap((app) =>
    app.collaborators
      .filter((c) => c.status === 'pending')
      .map((c): Draft => ({
        rule: 'invitation-pending',
        app: app.name,
        subject: subjectOf(c),
        message:
          `The invitation of ${label(c)} to ${app.name} is still pending; ` +
          'whoever accepts it gets access, and its 2FA status cannot be checked yet.',
        fix: RULE_CATALOG['invitation-pending'].fix
      }))
  )

export const collaboratorAccountDeleted: Rule = (ctx) =>
  scalingoApps(ctx).flatMap((app) =>
    app.collaborators.filter(isDeleted).map((c): Draft => ({
      rule: 'collaborator-account-deleted',
      app: app.name,
      subject: subjectOf(c),
      message:
        `${app.name} still lists ${label(c)}, whose Scalingo account was deleted; ` +
        'stale entries hide who really has access.',
      fix: RULE_CATALOG['collaborator-account-deleted'].fix
    }))
  )
