import { describe, expect, it } from '@jest/globals'
import { makeBranch, makeFacts, makeGitHub, seen, unseen } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/reviews-not-required.js'
import type { Config, Facts, TeamSize } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('reviews-not-required', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'error', large: 'error' })

  const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
    makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })

  it('fires on none, zero, or fewer than min-approvals', () => {
    const approvals = (n: number | null, config: Partial<Config> = {}, size?: TeamSize) =>
      run(rule, withBranch({ requiredApprovals: seen(n) }), config, size)
    expect(approvals(null)).toHaveLength(1)
    expect(approvals(0)).toHaveLength(1)
    expect(approvals(1)).toEqual([])
    expect(approvals(1, {}, 'large')).toHaveLength(1)
    expect(approvals(2, {}, 'large')).toEqual([])
    expect(approvals(2, { minApprovals: 3 })).toHaveLength(1)
    expect(approvals(1, { minApprovals: 1 }, 'large')).toEqual([])
    expect(run(rule, withBranch({ requiredApprovals: unseen() }))).toEqual([])
  })

  it('never fires with min-approvals: 0, which asks for no review', () => {
    const zero = { minApprovals: 0 }
    expect(run(rule, withBranch({ requiredApprovals: seen(null) }), zero, 'large')).toEqual([])
    expect(run(rule, withBranch({ requiredApprovals: seen(0) }), zero, 'large')).toEqual([])
  })
})
