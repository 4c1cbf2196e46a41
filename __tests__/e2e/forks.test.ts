import { describe, expect, it } from '@jest/globals'
import { COMMENT_MARKER } from '../../src/types.js'
import type { Scenario } from '../../src/sandbox/scenario.js'
import {
  leaks,
  runCase,
  secretsOf,
  STACK_FRAME,
  unavailable,
  withCanaryTokens,
  writesOutsideComments,
  type CaseRun
} from './harness.js'

/**
 * Forks and missing secrets (issue 5, DESIGN §7): a pull request from a fork gets no secrets and a
 * read-only GitHub token. The Scalingo part is skipped with a notice, the GitHub checks still run,
 * the exit follows fail-on; a maintainer may require the token instead.
 */

const GITHUB_FINDINGS = ['branch-unprotected', 'reviews-not-required', 'no-ci-workflow']

function scalingoRequests(run: CaseRun): number {
  return run.requests.filter((r) => r.service !== 'github').length
}

function notices(run: CaseRun, title: string): string[] {
  return run.annotations
    .filter((a) => a.level === 'notice' && a.title === title)
    .map((a) => a.message)
}

/** small-failing's GitHub side has warnings and notices only (no error). */
const scenario = withCanaryTokens('small-failing')

function forkToken(s: Scenario): string {
  const entry = Object.entries(s.tokens.github).find(([, caps]) => !caps.canWrite)
  if (entry === undefined) throw new Error(`${s.name} has no read-only GitHub token`)
  return entry[0]
}

describe('empty scalingo-api-token (a fork pull request gets no secrets)', () => {
  it.each([
    ['error', 0, 'pass'],
    ['warning', 1, 'fail']
  ])(
    'no Scalingo request, a notice, GitHub checks run; fail-on %s exits %i',
    async (failOn, code, result) => {
      const run = await runCase({
        scenario,
        // team-size set: auto would use large without Scalingo (scalingo-as-documented.test.ts).
        inputs: { 'scalingo-api-token': '', 'fail-on': failOn, 'team-size': 'small' }
      })
      expect(scalingoRequests(run)).toBe(0)
      expect(run.bearers).toEqual([])
      const [skipped] = notices(run, 'Scalingo part skipped')
      expect(skipped).toMatch(/scalingo-api-token is empty/)
      expect(skipped).toMatch(/fork/)
      expect(run.summary).toMatch(/skipped/i)
      const rules = run.findings.map((f) => f.rule)
      expect(rules).toEqual(expect.arrayContaining(GITHUB_FINDINGS))
      // Skipped is not unreadable: no Scalingo finding and no unavailable one.
      expect(unavailable(run.findings)).toEqual([])
      expect(rules).not.toContain('owner-unexpected')
      expect(run.code).toBe(code)
      expect(run.outputs.result).toBe(result)
      expect(writesOutsideComments(run.requests)).toEqual([])
    },
    60_000
  )

  it('require-scalingo-token true: one clear error naming scalingo-api-token, exit 1', async () => {
    const run = await runCase({
      scenario,
      inputs: { 'scalingo-api-token': '', 'require-scalingo-token': 'true' }
    })
    expect(run.code).toBe(1)
    expect(run.requests).toEqual([])
    const errors = run.annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/"scalingo-api-token"/)
    expect(errors[0]?.message).toMatch(/require-scalingo-token/)
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(STACK_FRAME)
  }, 60_000)
})

describe('read-only GitHub token (fork pull request)', () => {
  it('skips the comment with a notice and does not fail because of it', async () => {
    const s = withCanaryTokens('mid-failing')
    const run = await runCase({
      scenario: s,
      inputs: { 'github-token': forkToken(s), 'fail-on': 'never' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')
    const [skipped] = notices(run, 'Comment skipped')
    expect(skipped).toMatch(/may not write/)
    // One attempt to create the comment, refused; no comment of the action's own appears.
    const posts = run.requests.filter(
      (r) => r.method === 'POST' && r.service === 'github' && r.path !== '/graphql'
    )
    expect(posts.map((r) => r.status)).toEqual([403])
    expect(run.comments.map((c) => c.id)).toEqual(s.repository.comments.map((c) => c.id))
    expect(run.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))).toEqual([])
    expect(run.annotations.filter((a) => a.title === 'Comment not updated')).toEqual([])
    expect(unavailable(run.findings)).toEqual([])
  }, 60_000)

  it('a fork pull request with neither secret still audits GitHub and leaks nothing', async () => {
    const s = withCanaryTokens('mid-failing')
    const run = await runCase({
      scenario: s,
      inputs: { 'scalingo-api-token': '', 'github-token': forkToken(s), 'fail-on': 'warning' }
    })
    expect(scalingoRequests(run)).toBe(0)
    expect(notices(run, 'Scalingo part skipped')).toHaveLength(1)
    expect(notices(run, 'Comment skipped')).toHaveLength(1)
    // What the read-only token sees is judged; what it cannot see is listed, not passed.
    expect(run.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining([
        'no-ci-workflow',
        'status-checks-not-required',
        'protection-partially-readable'
      ])
    )
    expect(unavailable(run.findings)).toEqual([])
    // no-ci-workflow is a warning: fail-on warning fails.
    expect(run.code).toBe(1)
    expect(leaks(run, secretsOf(s, run))).toEqual([])
    expect(writesOutsideComments(run.requests)).toEqual([])
  }, 60_000)
})

describe('empty github-token', () => {
  it('is a gap in the audit, never a pass: github-unavailable and exit 1 whatever fail-on', async () => {
    const run = await runCase({ scenario, inputs: { 'github-token': '', 'fail-on': 'never' } })
    expect(run.requests.filter((r) => r.service === 'github')).toEqual([])
    expect(unavailable(run.findings).map((f) => `${f.rule}: ${f.message}`)).toEqual([
      expect.stringMatching(/^github-unavailable: .*startup\/web.*github-token is empty/)
    ])
    expect(run.outputs.result).toBe('fail')
    expect(run.code).toBe(1)
  }, 60_000)
})
