import { describe, expect, it } from '@jest/globals'
import { expectedFindings } from './expected.js'
import { runCase } from './harness.js'
import { lines } from './run-scenario.js'

/**
 * GitHub as it really answers (#12), through dist/index.js on Node 24 against the sandbox, whose
 * answers are tested against GitHub's OpenAPI description (__tests__/sandbox/openapi.test.ts).
 * The audit runs from .github/workflows/audit.yml (GITHUB_WORKFLOW_REF, as the runner sets it).
 */

const FREE_PRIVATE = expectedFindings('github-free-private')
const ORG_RULESETS = expectedFindings('github-org-rulesets')

describe('a private repository on GitHub Free (1)', () => {
  it('judges the branch as one that cannot be protected, says why, and exits by fail-on', async () => {
    const run = await runCase({ scenario: 'github-free-private' })
    expect(run.code).toBe(1)
    expect(lines(run.findings)).toEqual(FREE_PRIVATE)
    const unprotected = run.findings.find((f) => f.rule === 'branch-unprotected')
    expect(unprotected?.message).toContain(
      'cannot be protected: GitHub Free offers no branch protection or rulesets on private repositories'
    )
    expect(unprotected?.fix).toContain('or make the repository public')
    // No github-unavailable: the 403s are a fact about the plan, not an unreadable platform.
    expect(run.findings.some((f) => f.rule === 'github-unavailable')).toBe(false)

    const lenient = await runCase({
      scenario: 'github-free-private',
      inputs: { 'fail-on': 'never' }
    })
    expect(lenient.code).toBe(0)
    expect(lenient.outputs.result).toBe('pass')
    expect(lines(lenient.findings)).toEqual(FREE_PRIVATE)
  }, 60_000)
})

describe('the CI rule (2)', () => {
  it('fires when only the audit’s own workflow and pull_request_target run on pull requests', async () => {
    const run = await runCase({ scenario: 'github-free-private' })
    const ci = run.findings.find((f) => f.rule === 'no-ci-workflow')
    expect(ci?.message).toContain('the audit’s own aside, runs on pull_request or merge_group')
  }, 60_000)

  it('counts merge_group, reading a workflow file over 1 MB raw', async () => {
    const run = await runCase({ scenario: 'github-org-rulesets' })
    expect(run.findings.some((f) => f.rule === 'no-ci-workflow')).toBe(false)
    const ci = run.requests.filter((r) => r.path.endsWith('/contents/.github%2Fworkflows%2Fci.yml'))
    // The object answers encoding "none" (over 1 MB); the raw media type answers the text.
    expect(ci.map((r) => r.status)).toEqual([200, 200])
  }, 60_000)
})

describe('rulesets as GitHub gives them (3, 4, 6, 7, 8)', () => {
  it('gives the exact findings of organization rulesets, a ** glob, guards that guard nothing and Actions approvals', async () => {
    const run = await runCase({ scenario: 'github-org-rulesets' })
    expect(run.code).toBe(1)
    expect(lines(run.findings)).toEqual(ORG_RULESETS)
    const message = (rule: string): string =>
      run.findings.find((f) => f.rule === rule)?.message ?? ''
    // 3: main's required workflow is its CI: status-checks-not-required stays quiet there.
    expect(run.summary).toContain('workflow .github/workflows/ci.yml@refs/heads/main')
    // 4: env/staging/eu's ruleset (env/**) only blocks creation and force pushes.
    expect(message('branch-unprotected')).toContain(
      'its ruleset rules, creation, non_fast_forward, do not stop a push'
    )
    // 7: who could see the organization ruleset's bypass actors.
    expect(message('protection-partially-readable')).toContain(
      'bypass actors of organization ruleset "Org CI" (id 501) (needs an organization admin'
    )
    expect(message('protection-partially-readable')).not.toContain('Administration: read')
    // 8: Actions may approve the pull requests that main's two required reviews ask for.
    expect(message('actions-can-approve-reviews')).toContain(
      'demo/app lets GitHub Actions approve pull requests'
    )
    // A tag ruleset is never asked for (targets=branch).
    expect(run.requests.some((r) => r.path.endsWith('/rulesets/504'))).toBe(false)
  }, 60_000)
})

describe('rate limits (5)', () => {
  it('waits for a primary and a secondary rate limit, then reads as if nothing happened', async () => {
    const run = await runCase({
      scenario: 'github-org-rulesets',
      faults: [
        { service: 'github', path: '/repos/*/rules/branches/*', kind: 'rate-limit', times: 1 },
        {
          service: 'github',
          path: '/repos/*/rulesets/501',
          kind: 'rate-limit',
          limit: 'secondary',
          times: 1
        }
      ]
    })
    expect(run.code).toBe(1)
    expect(lines(run.findings)).toEqual(ORG_RULESETS)
    expect(run.requests.filter((r) => r.status === 403)).toHaveLength(2)
  }, 60_000)

  it('reports a rate limit that outlasts the run as github-unavailable naming it, never as permission advice', async () => {
    const run = await runCase({
      scenario: 'github-org-rulesets',
      inputs: { 'fail-on': 'never' },
      faults: [
        {
          service: 'github',
          path: '/repos/*/branches/main/protection',
          kind: 'rate-limit',
          resetIn: 3600
        }
      ]
    })
    // Whatever fail-on says: the audit could not read what it needs.
    expect(run.code).toBe(1)
    expect(lines(run.findings)).toEqual([
      'error github-unavailable @- :-',
      'error branch-unprotected @demo-staging :env/staging/eu',
      'error reviews-not-required @demo-staging :env/staging/eu',
      'error status-checks-not-required @demo-staging :env/staging/eu',
      'warning code-owner-review-not-required @demo-staging :env/staging/eu',
      'warning deletion-allowed @demo-staging :env/staging/eu'
    ])
    const unavailable = run.findings.find((f) => f.rule === 'github-unavailable')
    expect(unavailable?.message).toContain('protection of branch main')
    expect(unavailable?.message).toContain('GitHub rate limit reached')
    expect(run.findings.some((f) => f.rule === 'protection-partially-readable')).toBe(false)
    // Not retried: the reset is an hour away, past the run's deadline.
    expect(run.requests.filter((r) => r.path.endsWith('/branches/main/protection'))).toHaveLength(1)
  }, 60_000)
})
