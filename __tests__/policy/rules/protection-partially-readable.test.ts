import { describe, expect, it } from '@jest/globals'
import { makeBranch, makeFacts, makeGitHub } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/protection-partially-readable.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('protection-partially-readable', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'notice', mid: 'notice', large: 'notice' })

  const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
    makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })

  it('lists each item that could not be seen and the permission that shows it', () => {
    const drafts = run(
      rule,
      withBranch({
        unreadable: [
          { what: 'enforce_admins', permission: 'Administration: read' },
          { what: 'stale review dismissal', permission: 'Administration: read' }
        ]
      }),
      {},
      'large'
    )
    expect(drafts).toEqual([expect.objectContaining({ app: 'my-app', subject: 'main' })])
    expect(drafts[0]?.message).toContain('enforce_admins (needs Administration: read)')
    expect(drafts[0]?.message).toContain('stale review dismissal (needs Administration: read)')
    expect(run(rule, withBranch({ unreadable: [] }))).toEqual([])
  })
})
