import { describe, expect, it } from '@jest/globals'
import { makeFacts, makeScalingo, makeToken } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/token-not-app-scoped.js'
import type { Facts, ReachableApp } from '../../../src/types.js'
import { makeConfig } from '../../../__fixtures__/config.js'

const fr1 = (...names: string[]): ReachableApp[] =>
  names.map((name) => ({ region: 'osc-fr1', name }))
import { itIsARule, run } from '../scenarios.js'

describe('token-not-app-scoped', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'notice', large: 'warning' })

  it('names how many other apps and up to five', () => {
    const reachable = fr1('my-app', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'a')
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
    const only = (reachableApps: ReachableApp[]): Facts =>
      makeFacts({ scalingo: makeScalingo({ token: makeToken({ reachableApps }) }) })
    expect(run(rule, only(fr1('my-app')))).toEqual([])
    expect(run(rule, only(fr1('My-App')))).toHaveLength(1)
    expect(run(rule, makeFacts({ scalingo: makeScalingo({ token: null }) }))).toEqual([])
  })

  it('compares region and name: the same name in another region is another app', () => {
    const facts = makeFacts({
      scalingo: makeScalingo({
        token: makeToken({
          reachableApps: [
            { region: 'osc-fr1', name: 'my-app' },
            { region: 'osc-secnum-fr1', name: 'my-app' }
          ]
        })
      })
    })
    const [draft, ...rest] = run(rule, facts)
    expect(rest).toEqual([])
    expect(draft?.message).toContain('1 other app (osc-secnum-fr1/my-app)')
    // Both audited: nothing beyond them.
    const both = makeConfig({
      apps: [
        { name: 'my-app', region: 'osc-fr1', apiUrl: 'https://api.osc-fr1.scalingo.com' },
        {
          name: 'my-app',
          region: 'osc-secnum-fr1',
          apiUrl: 'https://api.osc-secnum-fr1.scalingo.com'
        }
      ]
    })
    expect(run(rule, facts, both)).toEqual([])
  })

  it('a reach read without regions (one scalingo-api-url) compares the name', () => {
    const facts = makeFacts({
      scalingo: makeScalingo({
        token: makeToken({ reachableApps: [{ region: null, name: 'my-app' }] })
      })
    })
    expect(run(rule, facts)).toEqual([])
  })
})
