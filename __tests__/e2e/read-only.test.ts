import { describe, expect, it } from '@jest/globals'
import { rm } from 'node:fs/promises'
import { COMMENT_MARKER } from '../../src/types.js'
import { SCENARIO_NAMES } from '../../src/sandbox/scenario.js'
import { startSandbox } from '../../src/sandbox/server.js'
import { limiter } from '../../src/promises.js'
import { withCanaryTokens, writesOutsideComments } from './harness.js'
import { runOn } from './run-scenario.js'

/**
 * Read-only proof (issue 5): the sandbox logs every request. Scalingo sees GETs and the token
 * exchange only; GitHub sees GETs and the action's own comment writes on the pull request only.
 * Each scenario runs twice on one sandbox: the rerun edits or leaves its comment, never adds one.
 */

const slot = limiter(4)

describe('read-only on both platforms', () => {
  it.concurrent.each(SCENARIO_NAMES.map((n) => [n]))(
    '%s: only GETs, the exchange and one sticky comment',
    async (name) => {
      const scenario = withCanaryTokens(name)
      const sandbox = await startSandbox({ scenario })
      try {
        for (let i = 0; i < 2; i++) {
          const run = await slot(() => runOn(sandbox, { 'fail-on': 'never' }))
          await rm(run.tempDir, { recursive: true, force: true })
          expect(run.code).toBe(0)
        }
        const log = sandbox.requests
        expect(writesOutsideComments(log)).toEqual([])
        const scalingo = log.filter((r) => r.service !== 'github')
        expect(
          scalingo.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)
        ).toEqual(['POST /v1/tokens/exchange', 'POST /v1/tokens/exchange'])
        const pr = scenario.repository.pullRequest
        const writes = log.filter(
          (r) => r.service === 'github' && r.method !== 'GET' && r.path !== '/graphql'
        )
        // First run creates the comment on this pull request; the rerun edits it or leaves it.
        expect(writes[0]?.method).toBe('POST')
        expect(writes[0]?.path).toMatch(new RegExp(`/issues/${pr}/comments$`))
        expect(writes.slice(1).every((w) => w.method === 'PATCH')).toBe(true)
        const marked = sandbox.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))
        expect(marked).toHaveLength(1)
        // Other people's comments are untouched.
        for (const original of scenario.repository.comments) {
          expect(sandbox.comments.find((c) => c.id === original.id)?.body).toBe(original.body)
        }
        // Every request was authenticated: Basic for the exchange, a bearer or token elsewhere.
        for (const r of log) {
          const expected = r.path === '/v1/tokens/exchange' ? ['basic'] : ['bearer', 'token']
          expect(expected).toContain(r.auth)
        }
      } finally {
        await sandbox.close()
      }
    },
    120_000
  )
})
