import type { Draft } from '../../types.js'
import { RULE_CATALOG } from '../catalog.js'
import { label, sameAccount, scalingoApps, subjectOf, type Rule } from '../context.js'

/** require-2fa, an accepted collaborator whose tfa is false (unknown never fires). */
export const collaboratorWithout2fa: Rule = (ctx) => {
  if (!ctx.config.require2fa) return []
  return scalingoApps(ctx).flatMap((app) =>
    app.collaborators
      .filter((c) => c.status === 'accepted' && c.tfa === false)
      .map((c): Draft => ({
        rule: 'collaborator-without-2fa',
        app: app.name,
        subject: subjectOf(c),
        message:
          `${label(c)} collaborates on ${app.name} without two-factor authentication; ` +
          'a stolen password is enough to reach the app.',
        fix: RULE_CATALOG['collaborator-without-2fa'].fix
      }))
  )
}

/** require-2fa, the token's account owns the app and its own 2FA is off. */
export const ownerWithout2fa: Rule = (ctx) => {
  const { scalingo } = ctx.facts
  if (!ctx.config.require2fa || scalingo.status !== 'read') return []
  const token = scalingo.token
  if (token === null || token.tfaEnabled !== false) return []
  return scalingo.apps
    .filter((app) => sameAccount(app.owner, token.account))
    .map((app): Draft => ({
      rule: 'owner-without-2fa',
      app: app.name,
      subject: subjectOf(app.owner),
      message:
        `${label(app.owner)} owns ${app.name} without two-factor authentication; ` +
        'a stolen password gives full control of the app and its billing.',
      fix: RULE_CATALOG['owner-without-2fa'].fix
    }))
}
