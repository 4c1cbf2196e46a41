import { describe, expect, it } from '@jest/globals'
import { makeApp, makeCollaborator, makeFacts, makeScalingo } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/invitation-pending.js'
import type { Collaborator, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('invitation-pending', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'notice', mid: 'notice', large: 'notice' })

  const withCollaborators = (...collaborators: Collaborator[]): Facts =>
    makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })
  const facts = withCollaborators(
    makeCollaborator({ email: 'p@example.com', status: 'pending' }),
    makeCollaborator({ email: 'd@example.com', status: 'user account deleted' }),
    makeCollaborator({ status: 'accepted' }),
    makeCollaborator({ status: 'suspended' })
  )

  it('follows the status: pending only', () => {
    expect(run(rule, facts).map((d) => d.subject)).toEqual(['p@example.com'])
  })
})
