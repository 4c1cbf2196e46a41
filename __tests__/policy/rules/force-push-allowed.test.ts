import { describe, expect, it } from '@jest/globals'
import { makeBranch, makeFacts, makeGitHub, seen, unseen } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/force-push-allowed.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('force-push-allowed', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'warning', large: 'warning' })

  const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
    makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })

  it('fires on its own fact only, and never on an unseen one', () => {
    expect(run(rule, withBranch({ forcePushAllowed: seen(true) }))).toHaveLength(1)
    expect(run(rule, withBranch({}))).toEqual([])
    expect(run(rule, withBranch({ forcePushAllowed: unseen() }))).toEqual([])
  })
})
