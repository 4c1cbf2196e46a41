import { describe, expect, it } from '@jest/globals'
import rule from '../../../src/policy/rules/deploy-trigger-unguarded.js'
import type { WorkflowTrigger } from '../../../src/types.js'
import { itIsARule, run as runRule } from '../scenarios.js'
import {
  PRODUCTION,
  deployFacts,
  makeBranch,
  makeDeployJob,
  makeEnvironment,
  seen
} from '../deploy-facts.js'

const trigger = (event: string, push: WorkflowTrigger['push'] = null): WorkflowTrigger => ({
  event,
  push,
  via: null
})
const pushTo = (...patterns: string[]): WorkflowTrigger =>
  trigger('push', { branches: { kind: 'only', patterns }, tags: { kind: 'none' } })
const run = (...args: Parameters<typeof deployFacts>) => runRule(rule, deployFacts(...args))

describe('deploy-trigger-unguarded', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'error', large: 'error' })

  it('fires for a push of any branch, saying what a writer can do and the exact fix', () => {
    const [finding, ...rest] = run([makeDeployJob()])
    expect(rest).toEqual([])
    expect(finding).toMatchObject({
      rule: 'deploy-trigger-unguarded',
      app: 'my-app',
      subject: '.github/workflows/deploy.yml#deploy'
    })
    expect(finding?.message).toContain('push to any branch')
    expect(finding?.message).toContain('anyone with write access can deploy to my-app')
    expect(finding?.fix).toContain('Add "environment: production" under "jobs.deploy:"')
    expect(finding?.fix).toContain('Settings → Environments → production → Required reviewers')
  })

  it('does not fire for a push to the audited protected branch, a schedule on it, or a merge queue', () => {
    const job = makeDeployJob({
      triggers: [pushTo('main'), trigger('schedule'), trigger('merge_group')]
    })
    expect(run([job])).toEqual([])
  })

  it('fires for a push to a branch that is unprotected, not audited, or a pattern', () => {
    const job = makeDeployJob({ triggers: [pushTo('main', 'develop', 'release/*')] })
    const message = run([job], [], [makeBranch({ protected: seen(false) })])[0]?.message ?? ''
    expect(message).toContain('main (not protected)')
    expect(message).toContain('develop (not an audited branch, so its protection is unknown)')
    expect(message).toContain('release/* (a pattern')
  })

  it.each([
    ['workflow_dispatch', 'anyone with write access can run it on any branch'],
    ['repository_dispatch', 'any token with write access'],
    ['workflow_run', 'after another workflow'],
    ['pull_request_target', 'from a fork too'],
    ['issue_comment', 'anyone who may comment'],
    ['pull_request', 'unmerged code'],
    ['release', 'not an event that branch rules guard']
  ])('fires for %s', (event, why) => {
    expect(run([makeDeployJob({ triggers: [trigger(event)] })])[0]?.message).toContain(why)
  })

  it('fires for a push of tags', () => {
    const tags = trigger('push', {
      branches: { kind: 'none' },
      tags: { kind: 'only', patterns: ['v*'] }
    })
    expect(run([makeDeployJob({ triggers: [tags] })])[0]?.message).toContain('push of tags v*')
  })

  it('does not fire behind a protected environment, whatever the triggers', () => {
    const job = makeDeployJob({ environment: PRODUCTION, triggers: [trigger('workflow_dispatch')] })
    expect(run([job], [makeEnvironment()])).toEqual([])
  })

  it('fires behind an unprotected or missing environment, and names it', () => {
    const job = makeDeployJob({ environment: PRODUCTION })
    const unprotected = run([job], [makeEnvironment({ reviewers: [] })])[0]
    expect(unprotected?.message).toContain('environment production, which guards nothing')
    expect(unprotected?.fix).not.toContain('Add "environment')
    expect(run([job], [])[0]?.message).toContain('does not exist yet')
  })

  it('names the caller when the trigger comes through a reusable workflow call', () => {
    const via = { ...trigger('workflow_dispatch'), via: '.github/workflows/deploy.yml#call' }
    const job = makeDeployJob({ path: '.github/workflows/reusable.yml', triggers: [via] })
    expect(run([job])[0]?.message).toContain('(through .github/workflows/deploy.yml#call)')
  })

  it('leaves a job whose environment could not be read to github-unavailable', () => {
    expect(run([makeDeployJob({ environment: PRODUCTION })], null)).toEqual([])
  })
})
