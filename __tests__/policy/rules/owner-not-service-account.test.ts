import { describe, expect, it } from '@jest/globals'
import { makeApp, makeFacts, makeScalingo } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/owner-not-service-account.js'
import { itIsARule, run } from '../scenarios.js'

describe('owner-not-service-account', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'notice', large: 'error' })

  it('fires when the list is empty or misses the owner', () => {
    expect(run(rule, makeFacts(), { serviceAccounts: [] })).toHaveLength(1)
    expect(run(rule, makeFacts(), { serviceAccounts: ['bot@example.com'] })).toHaveLength(1)
    expect(run(rule, makeFacts(), { serviceAccounts: ['owner'] })).toEqual([])
  })

  it('uses the username, else the id, as subject when there is no email', () => {
    const facts = makeFacts({
      scalingo: makeScalingo({
        apps: [
          makeApp({ name: 'a', owner: { id: 'u1', username: 'alice', email: null } }),
          makeApp({ name: 'b', owner: { id: 'u2', username: null, email: null } })
        ]
      })
    })
    expect(run(rule, facts).map((d) => d.subject)).toEqual(['alice', 'u2'])
  })
})
