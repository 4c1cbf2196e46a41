import { describe, expect, it } from '@jest/globals'
import { makeApp, makeCollaborator, makeFacts, makeScalingo } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/collaborator-without-2fa.js'
import type { Collaborator, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('collaborator-without-2fa', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'warning', large: 'error' })

  const withCollaborators = (...collaborators: Collaborator[]): Facts =>
    makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })

  it('fires on accepted collaborators whose 2FA is false only, when require-2fa', () => {
    const facts = withCollaborators(
      makeCollaborator({ email: 'no@example.com', tfa: false }),
      makeCollaborator({ tfa: null }),
      makeCollaborator({ status: 'pending', tfa: false }),
      makeCollaborator({ tfa: true })
    )
    expect(run(rule, facts).map((d) => d.subject)).toEqual(['no@example.com'])
    expect(run(rule, facts, { require2fa: false })).toEqual([])
  })
})
