import { describe, expect, it } from '@jest/globals'
import { makeBranch, makeFacts, makeGitHub, seen, unseen } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/status-checks-not-required.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('status-checks-not-required', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'notice', mid: 'error', large: 'error' })

  const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
    makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })

  it('fires on its own fact only, and never on an unseen one', () => {
    expect(run(rule, withBranch({ requiredStatusChecks: seen([]) }))).toHaveLength(1)
    expect(run(rule, withBranch({}))).toEqual([])
    expect(run(rule, withBranch({ requiredStatusChecks: unseen() }))).toEqual([])
  })

  it('counts a required workflow (ruleset workflows rule) as a required check', () => {
    const ci = ['.github/workflows/ci.yml@refs/heads/main']
    expect(
      run(rule, withBranch({ requiredStatusChecks: seen([]), requiredWorkflows: ci }))
    ).toEqual([])
    // Even when classic protection's checks are hidden from the token.
    expect(
      run(rule, withBranch({ requiredStatusChecks: unseen(), requiredWorkflows: ci }))
    ).toEqual([])
  })
})
