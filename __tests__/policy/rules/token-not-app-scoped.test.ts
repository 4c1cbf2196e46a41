import { describe, expect, it } from '@jest/globals'
import { makeFacts, makeScalingo, makeToken } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/token-not-app-scoped.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('token-not-app-scoped', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'notice', large: 'warning' })

  it('names how many other apps and up to five', () => {
    const reachable = ['my-app', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'a']
    const facts = makeFacts({
      scalingo: makeScalingo({ token: makeToken({ reachableApps: reachable }) })
    })
    const [draft, ...rest] = run(rule, facts)
    expect(rest).toEqual([])
    expect(draft).toMatchObject({ app: null, subject: 'deployer@example.com' })
    expect(draft?.message).toContain('7 other apps (a, b, c, d, e, and 2 more)')
    expect(draft?.message).not.toContain('f,')
  })

  it('compares names exactly and needs a token', () => {
    const only = (reachableApps: string[]): Facts =>
      makeFacts({ scalingo: makeScalingo({ token: makeToken({ reachableApps }) }) })
    expect(run(rule, only(['my-app']))).toEqual([])
    expect(run(rule, only(['My-App']))).toHaveLength(1)
    expect(run(rule, makeFacts({ scalingo: makeScalingo({ token: null }) }))).toEqual([])
  })
})
