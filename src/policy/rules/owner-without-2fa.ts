import { label, sameAccount, subjectOf } from '../context.js'
import { GUIDE_2FA } from '../recommendations.js'
import { defineRule } from '../rule.js'

/** require-2fa, the token's account owns the app and its own 2FA is off. */
export default defineRule({
  id: 'owner-without-2fa',
  meta: {
    title: 'Owner without 2FA',
    severity: { small: 'warning', mid: 'warning', large: 'error' },
    recommendation: GUIDE_2FA,
    description: "The token's account owns the app and has not enabled two-factor authentication.",
    fix: 'Enable 2FA on the owner account in the Scalingo dashboard (Account > Security).'
  },
  check(ctx) {
    const { scalingo } = ctx.facts
    if (!ctx.config.require2fa || scalingo.status !== 'read') return []
    const token = scalingo.token
    if (token === null || token.tfaEnabled !== false) return []
    return scalingo.apps
      .filter((app) => sameAccount(app.owner, token.account))
      .map((app) => ({
        app: app.name,
        subject: subjectOf(app.owner),
        message:
          `${label(app.owner)} owns ${app.name} without two-factor authentication; ` +
          'a stolen password gives full control of the app and its billing.'
      }))
  }
})
