import { describe, expect, it } from '@jest/globals'
import { makeApp, makeCollaborator, makeFacts, makeScalingo } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/account-not-in-roster.js'
import type { Collaborator, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('account-not-in-roster', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'warning', large: 'warning' })

  const withCollaborators = (...collaborators: Collaborator[]): Facts =>
    makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })

  it('checks owner and collaborators, skipping deleted ones', () => {
    const member = makeCollaborator({ username: 'bob', isLimited: true })
    const outsider = makeCollaborator({ email: 'eve@example.com', isLimited: true })
    const gone = makeCollaborator({ email: 'gone@example.com', status: 'user account deleted' })
    const facts = withCollaborators(member, outsider, gone)
    expect(run(rule, facts, { leads: [], members: [] })).toEqual([])
    expect(run(rule, facts, { members: ['BOB'] }).map((d) => d.subject)).toEqual([
      'eve@example.com'
    ])
    // owner not in owners/service-accounts is an account outside the roster too
    expect(
      run(rule, facts, {
        owners: [],
        serviceAccounts: [],
        members: ['bob', 'eve@example.com']
      }).map((d) => d.subject)
    ).toEqual(['owner@example.com'])
  })
})
