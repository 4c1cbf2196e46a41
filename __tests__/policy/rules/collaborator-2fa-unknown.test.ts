import { describe, expect, it } from '@jest/globals'
import { makeApp, makeCollaborator, makeFacts, makeScalingo } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/collaborator-2fa-unknown.js'
import type { Collaborator, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('collaborator-2fa-unknown', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'notice', mid: 'notice', large: 'warning' })

  const withCollaborators = (...collaborators: Collaborator[]): Facts =>
    makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })

  it('fires on accepted collaborators whose tfa_status Scalingo did not give, when require-2fa', () => {
    const facts = withCollaborators(
      makeCollaborator({ email: 'unknown@example.com', tfa: null }),
      makeCollaborator({ tfa: false }),
      makeCollaborator({ tfa: true }),
      // A pending invitation has no account yet: invitation-pending speaks for it.
      makeCollaborator({ status: 'pending', tfa: null })
    )
    const drafts = run(rule, facts)
    expect(drafts.map((d) => d.subject)).toEqual(['unknown@example.com'])
    expect(drafts[0]?.message).toContain('unknown is not a pass')
    expect(run(rule, facts, { require2fa: false })).toEqual([])
  })
})
