import { describe, expect, it } from '@jest/globals'
import { makeBranch, makeFacts, makeGitHub, seen, unseen } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/code-owner-review-not-required.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('code-owner-review-not-required', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'notice', large: 'warning' })

  const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
    makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })

  it('fires on its own fact only, and never on an unseen one', () => {
    expect(run(rule, withBranch({ codeOwnerReviews: seen(false) }))).toHaveLength(1)
    expect(run(rule, withBranch({}))).toEqual([])
    expect(run(rule, withBranch({ codeOwnerReviews: unseen() }))).toEqual([])
  })

  it('says that the CODEOWNERS file is missing when the review is asked for without one', () => {
    const [draft] = run(
      rule,
      withBranch({ codeOwnerReviews: seen(false), codeOwnersMissing: true }),
      {},
      'large'
    )
    expect(draft?.message).toContain('but no CODEOWNERS file is on the branch')
  })
})
