import { isExpired } from '../accept.js'
import { defineRule } from '../rule.js'

/** One finding per ignore entry whose `until` date has passed (it no longer accepts anything). */
export default defineRule({
  id: 'ignore-expired',
  meta: {
    title: 'Expired ignore entry',
    severity: { small: 'warning', mid: 'warning', large: 'warning' },
    recommendation: 'Accepted findings are reviewed again when their until date passes.',
    description: "An ignore entry's until date has passed, so it no longer applies.",
    fix: 'Fix the finding, or extend the until date of the ignore entry with a reason.'
  },
  check(ctx) {
    const { ignore, today } = ctx.config
    return ignore
      .filter((entry) => isExpired(entry, today))
      .map((entry) => ({
        app: entry.app,
        subject: entry.raw,
        message:
          `The ignore entry "${entry.raw}" expired on ${entry.until ?? ''} and no longer applies; ` +
          'the findings it accepted are reported again.'
      }))
  }
})
