import { describe, expect, it } from '@jest/globals'
import type { Fault } from '../../src/sandbox/faults.js'
import { SCENARIO_NAMES } from '../../src/sandbox/scenario.js'
import { limiter } from '../../src/promises.js'
import {
  CANARY,
  leaks,
  masked,
  runCase,
  secretsOf,
  unavailable,
  withCanaryTokens,
  writesOutsideComments
} from './harness.js'

/**
 * Secret canary (issue 5): every bundled scenario, and faults whose errors come from undici,
 * Octokit or a server echoing the credential, run with distinctive token values. None of them,
 * nor the bearer the exchange issued, may appear in stdout (beyond `::add-mask::`), stderr, the
 * summary, the outputs, the report file, the SARIF file, the comments or the request log.
 */

const slot = limiter(4)
const SCALINGO = CANARY.scalingo(0)
const GITHUB = CANARY.github(0)

/** Faults that make the action build error messages from what the servers and clients said. */
const ERROR_FAULTS: Record<string, Fault[]> = {
  'exchange refused, body echoing the token': [
    {
      path: '/v1/tokens/exchange',
      kind: 'status',
      status: 401,
      body: {
        error: `invalid token ${SCALINGO} (Basic ${Buffer.from(`:${SCALINGO}`).toString('base64')})`
      }
    }
  ],
  'exchange 500 for good': [{ path: '/v1/tokens/exchange', kind: 'status', status: 500 }],
  'self 401 echoing the token as text': [
    { path: '/v1/users/self', kind: 'status', status: 401, body: `bad token ${SCALINGO}` }
  ],
  'apps malformed': [{ service: 'scalingo', path: '/v1/apps', kind: 'malformed' }],
  'collaborators connection reset': [{ path: '/v1/collaborators', kind: 'reset' }],
  // The bulk list hanging sends the run to each app's own link, which hangs too.
  'scm links hang': [
    { path: '/v1/scm_repo_links', kind: 'hang', hang: 'body' },
    { path: '/v1/apps/*/scm_repo_link', kind: 'hang', hang: 'body' }
  ],
  'GitHub repository 401 echoing the token': [
    {
      service: 'github',
      path: '/repos/*/*',
      kind: 'status',
      status: 401,
      body: { message: `Bad credentials: token ${GITHUB}`, documentation_url: 'x' }
    }
  ],
  'GitHub branch 500 for good echoing the token': [
    {
      service: 'github',
      path: '/repos/*/branches/main',
      kind: 'status',
      status: 500,
      body: `upstream said Authorization: token ${GITHUB}`
    }
  ],
  'GitHub rules reset': [{ service: 'github', path: '/repos/*/rules/branches/*', kind: 'reset' }],
  'GitHub workflows malformed': [
    { service: 'github', path: '/repos/*/actions/workflows', kind: 'malformed' }
  ],
  'comment create 422 echoing the token': [
    {
      service: 'github',
      method: 'POST',
      path: '/repos/*/issues/*/comments',
      kind: 'status',
      status: 422,
      body: { message: `Validation Failed for ${GITHUB}` }
    }
  ]
}

describe('secret canary', () => {
  it.concurrent.each(SCENARIO_NAMES.map((n) => [n]))(
    'scenario %s leaks no token or bearer, and masks each before use',
    async (name) => {
      const scenario = withCanaryTokens(name)
      const run = await slot(() => runCase({ scenario }))
      expect(run.bearers.length).toBeGreaterThan(0)
      expect(leaks(run, secretsOf(scenario, run))).toEqual([])
      expect(writesOutsideComments(run.requests)).toEqual([])
      const maskedValues = masked(run.stdout)
      expect(maskedValues).toEqual(expect.arrayContaining([SCALINGO, GITHUB, ...run.bearers]))
      // The tokens are masked before the action prints anything else.
      const lines = run.stdout.split('\n').filter((l) => l !== '')
      expect(lines.slice(0, 2).sort()).toEqual(
        [`::add-mask::${GITHUB}`, `::add-mask::${SCALINGO}`].sort()
      )
      expect(run.reportFile).not.toBeNull()
      expect(run.sarif).not.toBeNull()
    },
    120_000
  )

  it.concurrent.each(Object.entries(ERROR_FAULTS))(
    'fault "%s" leaks nothing in its errors',
    async (_name, faults) => {
      const scenario = withCanaryTokens('mid-failing')
      const run = await slot(() =>
        runCase({ scenario, faults, inputs: { 'request-timeout': '2', 'fail-on': 'never' } })
      )
      // The fault was met and shaped what the action reported: a platform it could not read, or
      // a comment it could not write.
      expect(run.requests.some((r) => r.fault !== null)).toBe(true)
      const reported = [
        ...unavailable(run.findings).map((f) => f.message),
        ...run.annotations.filter((a) => a.title === 'Comment not updated').map((a) => a.message)
      ]
      expect(reported).not.toEqual([])
      expect(leaks(run, secretsOf(scenario, run))).toEqual([])
      expect(writesOutsideComments(run.requests)).toEqual([])
    },
    120_000
  )
})
