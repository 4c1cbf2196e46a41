import { describe, expect, it } from '@jest/globals'
import { makeFacts } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/ignore-expired.js'
import type { IgnoreEntry } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('ignore-expired', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'warning', large: 'warning' })

  const TODAY = '2026-11-26'
  const entry = (overrides: Partial<IgnoreEntry>): IgnoreEntry => ({
    rule: 'collaborator-without-2fa',
    app: null,
    subject: null,
    until: null,
    reason: null,
    raw: 'collaborator-without-2fa',
    ...overrides
  })

  it('reports each expired entry with its raw text and app', () => {
    const raw = 'collaborator-without-2fa@my-app:alice@example.com until 2026-01-31 # trial'
    const drafts = run(rule, makeFacts(), {
      today: TODAY,
      ignore: [
        entry({ app: 'my-app', until: '2026-01-31', raw }),
        entry({ until: TODAY }),
        entry({ until: null })
      ]
    })
    expect(drafts).toEqual([
      expect.objectContaining({ rule: 'ignore-expired', app: 'my-app', subject: raw })
    ])
    expect(drafts[0]?.message).toContain('2026-01-31')
  })
})
