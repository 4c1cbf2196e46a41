import { describe, expect, it } from '@jest/globals'
import { makeFailedReads } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/github-unavailable.js'
import { itIsARule, run } from '../scenarios.js'

describe('github-unavailable', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'error', mid: 'error', large: 'error' })

  const facts = makeFailedReads()

  it('gives one finding per GitHub failure, with a fix naming the permissions', () => {
    const drafts = run(rule, facts)
    expect(drafts.map((d) => [d.app, d.message])).toEqual([
      [null, 'Could not read branch main: HTTP 403 on GET /x']
    ])
    expect(drafts[0]?.fix).toMatch(/permission/)
  })
})
