import { describe, expect, it } from '@jest/globals'
import { makeApp, makeCollaborator, makeFacts, makeScalingo } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/too-many-accounts.js'
import type { Collaborator, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('too-many-accounts', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'warning', large: 'warning' })

  const withCollaborators = (...collaborators: Collaborator[]): Facts =>
    makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })

  it('counts the owner and non-deleted collaborators', () => {
    const facts = withCollaborators(
      makeCollaborator(),
      makeCollaborator({ status: 'pending' }),
      makeCollaborator({ status: 'user account deleted' })
    )
    expect(run(rule, facts, { maxAccounts: null })).toEqual([])
    expect(run(rule, facts, { maxAccounts: 3 })).toEqual([])
    const drafts = run(rule, facts, { maxAccounts: 2 })
    expect(drafts).toEqual([expect.objectContaining({ app: 'my-app', subject: null })])
    expect(drafts[0]?.message).toContain('3 Scalingo accounts')
  })
})
