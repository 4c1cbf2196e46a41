import { describe, expect, it } from '@jest/globals'
import { makeFacts } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/owner-unexpected.js'
import { itIsARule, run } from '../scenarios.js'

describe('owner-unexpected', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'error', mid: 'error', large: 'error' })

  it('fires only when owners is set and the owner matches none', () => {
    expect(run(rule, makeFacts(), { owners: [] })).toEqual([])
    expect(run(rule, makeFacts(), { owners: ['OWNER'] })).toEqual([])
    expect(run(rule, makeFacts(), { owners: ['Owner@Example.com'] })).toEqual([])
    expect(run(rule, makeFacts(), { owners: ['cto@example.com'] })).toEqual([
      expect.objectContaining({ app: 'my-app', subject: 'owner@example.com' })
    ])
  })
})
