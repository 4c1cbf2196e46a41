import { describe, expect, it } from '@jest/globals'
import { makeFacts } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/token-not-service-account.js'
import { itIsARule, run } from '../scenarios.js'

describe('token-not-service-account', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'notice', large: 'warning' })

  it('fires only when service-accounts is set and misses the token account', () => {
    expect(run(rule, makeFacts(), { serviceAccounts: [] })).toEqual([])
    expect(run(rule, makeFacts(), { serviceAccounts: ['deployer'] })).toEqual([])
    expect(run(rule, makeFacts(), { serviceAccounts: ['bot'] })).toEqual([
      expect.objectContaining({ app: null, subject: 'deployer@example.com' })
    ])
  })
})
