import { describe, expect, it } from '@jest/globals'
import { makeFacts, makeGitHub, makeWorkflow, seen, unseen } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/no-ci-workflow.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('no-ci-workflow', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'warning', large: 'warning' })

  const workflows = (...list: ReturnType<typeof makeWorkflow>[]): Facts =>
    makeFacts({ github: makeGitHub({ workflows: seen(list) }) })

  it('fires when no active workflow runs on pull requests', () => {
    expect(run(rule, workflows())).toEqual([
      expect.objectContaining({ app: null, subject: 'acme/shop' })
    ])
    expect(run(rule, workflows(makeWorkflow({ onPullRequest: false })))).toHaveLength(1)
    // a disabled workflow runs on nothing (the reader gives it onPullRequest null)
    expect(
      run(rule, workflows(makeWorkflow({ state: 'disabled_manually', onPullRequest: null })))
    ).toHaveLength(1)
  })

  it('does not fire on a pull-request workflow, unknown triggers or unseen workflows', () => {
    expect(run(rule, workflows(makeWorkflow({ onPullRequest: false }), makeWorkflow()))).toEqual([])
    expect(run(rule, workflows(makeWorkflow({ onPullRequest: null })))).toEqual([])
    expect(run(rule, makeFacts({ github: makeGitHub({ workflows: unseen() }) }))).toEqual([])
  })
})

describe('no-ci-workflow and the audit’s own workflow', () => {
  const audit = makeWorkflow({ name: 'Audit', path: '.github/workflows/audit.yml' })
  const facts = (...list: ReturnType<typeof makeWorkflow>[]): Facts =>
    makeFacts({ github: makeGitHub({ workflows: seen(list) }) })

  it('does not count the workflow running the audit (GITHUB_WORKFLOW_REF) as CI', () => {
    const config = { auditJob: { path: '.github/workflows/audit.yml', job: 'audit' } }
    const drafts = run(rule, facts(audit), config)
    expect(drafts).toHaveLength(1)
    expect(drafts[0]?.message).toContain('the audit’s own aside')
    // Another workflow on pull requests is CI.
    expect(run(rule, facts(audit, makeWorkflow()), config)).toEqual([])
  })

  it('counts the audit’s workflow when the run does not say which it is', () => {
    expect(run(rule, facts(audit))).toEqual([])
  })
})
