import { describe, expect, it } from '@jest/globals'
import { makeApp, makeCollaborator, makeFacts, makeScalingo } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/too-many-collaborators.js'
import type { Collaborator, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('too-many-collaborators', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'warning', large: 'warning' })

  const withCollaborators = (...collaborators: Collaborator[]): Facts =>
    makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })
  const full = (n: number, extra: Partial<Collaborator> = {}): Collaborator[] =>
    Array.from({ length: n }, () => makeCollaborator(extra))

  it('counts full accepted and pending, against the size default', () => {
    // mid default: 3
    expect(run(rule, withCollaborators(...full(3)))).toEqual([])
    const drafts = run(
      rule,
      withCollaborators(
        ...full(3),
        makeCollaborator({ status: 'pending' }),
        ...full(5, { isLimited: true }),
        ...full(2, { status: 'user account deleted' })
      )
    )
    expect(drafts).toEqual([expect.objectContaining({ app: 'my-app', subject: null })])
    expect(drafts[0]?.message).toContain('4 full Collaborators (limit 3)')
    // small default: 5
    expect(run(rule, withCollaborators(...full(5)), {}, 'small')).toEqual([])
    expect(run(rule, withCollaborators(...full(6)), {}, 'small')).toHaveLength(1)
  })

  it('reads max-collaborators when set', () => {
    expect(run(rule, withCollaborators(...full(2)), { maxCollaborators: 1 })).toHaveLength(1)
    expect(run(rule, withCollaborators(...full(4)), { maxCollaborators: 4 })).toEqual([])
  })
})
