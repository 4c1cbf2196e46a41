import { describe, expect, it } from '@jest/globals'
import { makeBranch, makeFacts, makeGitHub, seen, unseen } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/branch-unprotected.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('branch-unprotected', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'error', large: 'error' })

  const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
    makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })

  it('fires on its own fact only, and never on an unseen one', () => {
    expect(run(rule, withBranch({ protected: seen(false) }))).toHaveLength(1)
    expect(run(rule, withBranch({ protected: seen(true) }))).toEqual([])
    expect(run(rule, withBranch({ protected: unseen() }))).toEqual([])
  })

  it('says that the branch deploys to the app, and uses it as app', () => {
    const [draft] = run(rule, withBranch({ protected: seen(false) }))
    expect(draft).toMatchObject({ app: 'my-app', subject: 'main' })
    expect(draft?.message).toContain('branch main deploys to my-app on Scalingo')
    const [plain] = run(rule, withBranch({ branch: 'dev', deploysTo: [], protected: seen(false) }))
    expect(plain).toMatchObject({ app: null, subject: 'dev' })
    expect(plain?.message).not.toContain('Scalingo')
  })

  it('names the ruleset rules that do not guard pushes', () => {
    const [draft] = run(
      rule,
      withBranch({ protected: seen(false), ruleTypes: ['creation', 'non_fast_forward'] })
    )
    expect(draft?.message).toContain(
      'its ruleset rules, creation, non_fast_forward, do not stop a push'
    )
  })

  it('says why a private repository on GitHub Free cannot be protected, and what to do', () => {
    const [draft] = run(rule, withBranch({ protected: seen(false), protectionNotOnPlan: true }))
    expect(draft?.message).toContain(
      'cannot be protected: GitHub Free offers no branch protection or rulesets on private repositories'
    )
    expect(draft?.fix).toMatch(
      /^Upgrade the account to GitHub Pro .* or make the repository public/
    )
  })
})
