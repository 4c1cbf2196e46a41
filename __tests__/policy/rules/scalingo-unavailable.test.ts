import { describe, expect, it } from '@jest/globals'
import { makeFailedReads } from '../../../__fixtures__/facts.js'
import { makeConfig } from '../../../__fixtures__/config.js'
import { evaluate } from '../../../src/policy/evaluate.js'
import rule from '../../../src/policy/rules/scalingo-unavailable.js'
import { itIsARule, run } from '../scenarios.js'

describe('scalingo-unavailable', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'error', mid: 'error', large: 'error' })

  const facts = makeFailedReads()

  it('gives one finding per Scalingo failure, with what and why, and a fix from the status', () => {
    const drafts = run(rule, facts)
    expect(drafts.map((d) => [d.app, d.message])).toEqual([
      ['my-app', 'Could not read app my-app: HTTP 404 on GET /v1/apps/my-app'],
      [null, 'Could not read Scalingo token exchange: HTTP 401']
    ])
    expect(drafts[0]?.fix).toMatch(/app name.*region/)
    expect(drafts[1]?.fix).toMatch(/scalingo-api-token/)
  })

  it('makes the verdict incomplete and failing', () => {
    const verdict = evaluate(facts, makeConfig({ failOn: 'never' }))
    expect(verdict).toMatchObject({ incomplete: true, result: 'fail' })
  })
})
