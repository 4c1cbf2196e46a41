import { describe, expect, it } from '@jest/globals'
import { makeBranch, makeFacts, makeGitHub, seen, unseen } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/actions-can-approve-reviews.js'
import type { BranchFacts, Facts, Seen } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('actions-can-approve-reviews', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'notice', large: 'warning' })

  const facts = (canApprove: Seen<boolean>, branch: Partial<BranchFacts> = {}): Facts =>
    makeFacts({
      github: makeGitHub({ actionsCanApprove: canApprove, branches: [makeBranch(branch)] })
    })

  it('fires on each branch whose required reviews a workflow could give', () => {
    expect(run(rule, facts(seen(true)))).toEqual([
      expect.objectContaining({ app: 'my-app', subject: 'main' })
    ])
    expect(run(rule, facts(seen(true)))[0]?.message).toContain(
      'lets GitHub Actions approve pull requests'
    )
    // Reviews not visible: they may be required, so the setting matters.
    expect(run(rule, facts(seen(true), { requiredApprovals: unseen() }))).toHaveLength(1)
  })

  it('stays quiet when Actions may not approve, when it is unknown, or when no review is required', () => {
    expect(run(rule, facts(seen(false)))).toEqual([])
    // Unreadable: protection-partially-readable lists it instead.
    expect(run(rule, facts(unseen()))).toEqual([])
    expect(run(rule, facts(seen(true), { requiredApprovals: seen(null) }))).toEqual([])
    expect(run(rule, facts(seen(true), { requiredApprovals: seen(0) }))).toEqual([])
  })
})
