import { describe, expect, it } from '@jest/globals'
import { COMMENT_MARKER } from '../../src/types.js'
import type { Fault } from '../../src/sandbox/faults.js'
import type { Scenario } from '../../src/sandbox/scenario.js'
import { limiter } from '../../src/promises.js'
import {
  findingKeys,
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
 * Fault matrix (issue 5): every request the action makes, against every way a platform can fail,
 * on dist/index.js. All runs use fail-on: never, so a failing step can only come from the audit
 * itself: an unreadable fact must still fail, and a pass must rest on the same findings as the
 * fault-free run. Every run is also checked for leaked secrets and for writes.
 */

type Outcome =
  /** Retried or tolerated: exit 0 and exactly the fault-free findings. */
  | 'same'
  /** Exit 1, result fail, a *-unavailable finding naming what failed. */
  | 'unavailable'
  /** A documented fallback: exit 0 and no unavailable finding (findings may differ). */
  | 'tolerated'
  /** Comment writes: findings unchanged, a "Comment not updated" warning, exit 0. */
  | 'comment-warning'
  /** Comment writes refused (403/404): a "Comment skipped" notice, exit 0. */
  | 'comment-skipped'

interface Call {
  readonly name: string
  readonly service: 'scalingo' | 'github'
  readonly method: 'GET' | 'POST' | 'PATCH'
  readonly path: string
  /** A field the action needs, dropped by the missing-field fault. */
  readonly field: string
  /** What the unavailable finding must name. */
  readonly what: RegExp
  /** The scenario holds a stale sticky comment (so the run edits it). */
  readonly sticky?: boolean
  /** Every fault of this bulk read is made good by the per-app reads (same facts, same findings). */
  readonly perAppFallback?: boolean
  /** Faults that steer the run to this request (e.g. an empty app list → per-app reads). */
  readonly setup?: readonly Fault[]
  readonly comment?: boolean
  readonly exceptions?: Partial<Record<FaultName, Outcome>>
}

const REPO = '/repos/fleet/fleet-api'
const APP = 'fleet-production'
const NO_APPS_LISTED: Fault = {
  service: 'scalingo',
  method: 'GET',
  path: '/v1/apps',
  kind: 'status',
  status: 200,
  body: { apps: [] }
}

const CALLS: readonly Call[] = [
  {
    name: 'Scalingo token exchange',
    service: 'scalingo',
    method: 'POST',
    path: '/v1/tokens/exchange',
    field: 'token',
    what: /token exchange/
  },
  {
    name: 'Scalingo users/self',
    service: 'scalingo',
    method: 'GET',
    path: '/v1/users/self',
    field: 'user.id',
    what: /\/v1\/users\/self/
  },
  {
    name: 'Scalingo client/tfa',
    service: 'scalingo',
    method: 'GET',
    path: '/v1/client/tfa',
    field: 'tfa.enabled',
    what: /\/v1\/client\/tfa/
  },
  {
    name: 'Scalingo apps',
    service: 'scalingo',
    method: 'GET',
    path: '/v1/apps',
    field: 'apps.owner',
    what: /GET \/v1\/apps\b/
  },
  {
    name: 'Scalingo collaborators (bulk)',
    service: 'scalingo',
    method: 'GET',
    path: '/v1/collaborators',
    field: 'collaborators.status',
    what: /\/v1\/collaborators/,
    // Documented: a missing bulk endpoint falls back to per-app reads.
    exceptions: { '404': 'same' }
  },
  {
    name: 'Scalingo scm_repo_links (bulk)',
    service: 'scalingo',
    method: 'GET',
    path: '/v1/scm_repo_links',
    field: 'scm_repo_links.owner',
    what: /\/v1\/scm_repo_links/,
    // It holds only the links the token's account made: the apps' own links decide (#13).
    perAppFallback: true
  },
  {
    name: 'Scalingo app (per app)',
    service: 'scalingo',
    method: 'GET',
    path: `/v1/apps/${APP}`,
    field: 'app.owner',
    what: new RegExp(`/v1/apps/${APP}\\b`),
    setup: [NO_APPS_LISTED]
  },
  {
    name: 'Scalingo collaborators (per app)',
    service: 'scalingo',
    method: 'GET',
    path: `/v1/apps/${APP}/collaborators`,
    field: 'collaborators.status',
    what: new RegExp(`/v1/apps/${APP}/collaborators`),
    setup: [NO_APPS_LISTED]
  },
  {
    name: 'Scalingo scm_repo_link (per app)',
    service: 'scalingo',
    method: 'GET',
    path: `/v1/apps/${APP}/scm_repo_link`,
    field: 'scm_repo_link.repo',
    what: new RegExp(`/v1/apps/${APP}/scm_repo_link`),
    setup: [NO_APPS_LISTED],
    // Documented by Scalingo: 404 means the app has no SCM link.
    exceptions: { '404': 'tolerated' }
  },
  {
    name: 'GitHub repository',
    service: 'github',
    method: 'GET',
    path: REPO,
    field: 'default_branch',
    what: /repository fleet\/fleet-api/
  },
  {
    name: 'GitHub workflows',
    service: 'github',
    method: 'GET',
    path: `${REPO}/actions/workflows`,
    field: 'workflows.path',
    what: /actions\/workflows/
  },
  {
    name: 'GitHub contents (workflow file)',
    service: 'github',
    method: 'GET',
    path: `${REPO}/contents/*`,
    field: 'content',
    what: /contents\/\.github\/workflows\/build\.yml/,
    // A listed workflow whose file is gone: its triggers are unknown, not a failure.
    exceptions: { '404': 'tolerated' }
  },
  {
    name: 'GitHub rulesets (list)',
    service: 'github',
    method: 'GET',
    path: `${REPO}/rulesets`,
    field: 'enforcement',
    what: /\/rulesets\b/,
    // Not visible to the token: bypass actors stay unseen and are listed, a documented fallback.
    exceptions: { '403': 'tolerated', '404': 'tolerated' }
  },
  {
    name: 'GitHub ruleset (detail)',
    service: 'github',
    method: 'GET',
    path: `${REPO}/rulesets/77`,
    field: 'enforcement',
    what: /\/rulesets\/77/,
    // Hidden from the token: its bypass actors stay unseen and are listed as not visible
    // (protection-partially-readable), a documented fallback.
    exceptions: { '403': 'tolerated', '404': 'tolerated' }
  },
  {
    name: 'GitHub branch',
    service: 'github',
    method: 'GET',
    path: `${REPO}/branches/main`,
    field: 'protected',
    what: /branches\/main/
  },
  {
    name: 'GitHub branch protection',
    service: 'github',
    method: 'GET',
    path: `${REPO}/branches/main/protection`,
    field: 'enforce_admins.enabled',
    what: /branches\/main\/protection/,
    // Expected without Administration: read: fall back to the branch summary and rules.
    exceptions: { '403': 'tolerated', '404': 'tolerated' }
  },
  {
    name: 'GitHub branch rules',
    service: 'github',
    method: 'GET',
    path: `${REPO}/rules/branches/main`,
    field: 'type',
    what: /rules\/branches\/main/,
    // 404: a server without rulesets (older GHES), so no rule applies; a 403 that names the
    // plan is GitHub Free (tested in github-answers.test.ts), any other 403 a failure.
    exceptions: { '404': 'tolerated' }
  },
  {
    name: 'GitHub comments (list)',
    service: 'github',
    method: 'GET',
    path: `${REPO}/issues/314/comments`,
    field: 'user',
    what: /comments/,
    sticky: true,
    // Without the authors, no comment can be told to be the action's own: the comment is not
    // updated (a warning), never adopted from someone else nor posted a second time.
    comment: true
  },
  {
    name: 'GitHub comment (create)',
    service: 'github',
    method: 'POST',
    path: `${REPO}/issues/314/comments`,
    field: 'id',
    what: /comments/,
    comment: true
  },
  {
    name: 'GitHub comment (update)',
    service: 'github',
    method: 'PATCH',
    path: `${REPO}/issues/comments/90002`,
    field: 'id',
    what: /comments/,
    sticky: true,
    comment: true
  }
]

const FAULT_NAMES = [
  '401',
  '403',
  '404',
  '422',
  '429 once, Retry-After',
  '429 once, no Retry-After',
  '429 for good',
  '500 twice then recovery',
  '502 twice then recovery',
  '503 twice then recovery',
  '500 for good',
  'connection reset',
  'headers never come',
  'headers never come once, then recovery',
  'body never ends',
  'malformed JSON',
  'missing required field',
  'unknown extra fields'
] as const
type FaultName = (typeof FAULT_NAMES)[number]

function faultFor(name: FaultName, call: Call): Fault {
  const at = { service: call.service, method: call.method, path: call.path } as const
  switch (name) {
    case '401':
    case '403':
    case '404':
    case '422':
      return { ...at, kind: 'status', status: Number(name) }
    case '429 once, Retry-After':
      return { ...at, kind: 'retry-after', retryAfter: 1, times: 1 }
    case '429 once, no Retry-After':
      return { ...at, kind: '429', times: 1 }
    case '429 for good':
      return { ...at, kind: 'retry-after', retryAfter: 1 }
    case '500 twice then recovery':
      return { ...at, kind: 'flaky', status: 500, times: 2 }
    case '502 twice then recovery':
      return { ...at, kind: 'flaky', status: 502, times: 2 }
    case '503 twice then recovery':
      return { ...at, kind: 'flaky', status: 503, times: 2 }
    case '500 for good':
      return { ...at, kind: 'status', status: 500 }
    case 'connection reset':
      return { ...at, kind: 'reset' }
    case 'headers never come':
      return { ...at, kind: 'hang', hang: 'headers' }
    case 'headers never come once, then recovery':
      return { ...at, kind: 'hang', hang: 'headers', times: 1 }
    case 'body never ends':
      return { ...at, kind: 'hang', hang: 'body' }
    case 'malformed JSON':
      return { ...at, kind: 'malformed' }
    case 'missing required field':
      return { ...at, kind: 'missing-field', field: call.field }
    case 'unknown extra fields':
      return { ...at, kind: 'extra-fields' }
  }
}

const RECOVERS: ReadonlySet<FaultName> = new Set([
  '429 once, Retry-After',
  '429 once, no Retry-After',
  '500 twice then recovery',
  '502 twice then recovery',
  '503 twice then recovery',
  'headers never come once, then recovery',
  'unknown extra fields'
])

function expected(name: FaultName, call: Call): Outcome {
  const exception = call.exceptions?.[name]
  if (exception !== undefined) return exception
  if (call.perAppFallback === true) return 'same'
  if (RECOVERS.has(name)) return 'same'
  if (!call.comment) return 'unavailable'
  if (name === '403' || name === '404') return 'comment-skipped'
  // A create or update whose answer is unreadable was still written: nothing to warn about.
  if (call.method !== 'GET' && (name === 'missing required field' || name === 'malformed JSON'))
    return 'same'
  return 'comment-warning'
}

function scenarioFor(sticky: boolean): Scenario {
  const s = withCanaryTokens('mid-failing')
  // A ruleset on main, so that the rulesets list, its detail and the branch rules all answer.
  s.repository.rulesets.push({
    id: 77,
    name: 'Linear history',
    enforcement: 'active',
    source: 'Repository',
    target: 'branch',
    branches: ['main'],
    bypassActors: [],
    rules: [{ type: 'required_linear_history' }]
  })
  if (sticky) {
    s.repository.comments.push({
      id: 90002,
      body: `${COMMENT_MARKER}\nA stale report.`,
      user: 'github-actions[bot]'
    })
  }
  return s
}

/** Short timeouts so that hanging requests give up quickly; never fail on findings. */
const INPUTS = { 'fail-on': 'never', 'request-timeout': '1' }
/** Runs that work rather than sleep, at once (the file's other runs are few and mostly asleep). */
const slot = limiter(5)
const baselines = new Map<string, Promise<CaseRun>>()

/** Calls with the same key share one fault-free run. */
function baselineKey(call: Call): string {
  return JSON.stringify([call.sticky ?? false, call.setup ?? []])
}

/** One call per distinct baseline. */
const BASELINE_CALLS = [...new Map(CALLS.map((call) => [baselineKey(call), call])).values()]

function baseline(call: Call): Promise<CaseRun> {
  const key = baselineKey(call)
  let run = baselines.get(key)
  if (run === undefined) {
    run = slot(() =>
      runCase({
        scenario: scenarioFor(call.sticky ?? false),
        faults: call.setup ?? [],
        inputs: INPUTS
      })
    )
    baselines.set(key, run)
  }
  return run
}

function markerComments(run: CaseRun): string[] {
  return run.comments.filter((c) => c.body.startsWith(COMMENT_MARKER)).map((c) => c.body)
}

function checkEveryRun(run: CaseRun, scenario: Scenario): void {
  expect(run.timedOut).toBe(false)
  expect(leaks(run, secretsOf(scenario, run))).toEqual([])
  expect(writesOutsideComments(run.requests)).toEqual([])
  // One sticky comment at most, whatever failed.
  expect(markerComments(run).length).toBeLessThanOrEqual(1)
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(STACK_FRAME)
}

function checkOutcome(outcome: Outcome, call: Call, run: CaseRun, base: CaseRun): void {
  const titles = run.annotations.map((a) => `${a.level}: ${a.title ?? ''}`)
  switch (outcome) {
    case 'same':
      expect(run.code).toBe(0)
      expect(run.outputs.result).toBe('pass')
      expect(findingKeys(run.findings)).toEqual(findingKeys(base.findings))
      if (call.comment) {
        const [body] = markerComments(run)
        expect(body).toContain('Scalingo access governance')
      }
      return
    case 'unavailable': {
      expect(run.code).toBe(1)
      expect(run.outputs.result).toBe('fail')
      const rule = call.service === 'scalingo' ? 'scalingo-unavailable' : 'github-unavailable'
      const named = unavailable(run.findings).filter((f) => f.rule === rule)
      expect(named.map((f) => f.message).join('\n')).toMatch(call.what)
      expect(run.summary).toContain('could not read')
      expect(run.annotations.some((a) => a.level === 'error' && !a.title)).toBe(true)
      return
    }
    case 'tolerated':
      expect(run.code).toBe(0)
      expect(run.outputs.result).toBe('pass')
      expect(unavailable(run.findings)).toEqual([])
      return
    case 'comment-warning':
      expect(run.code).toBe(0)
      expect(findingKeys(run.findings)).toEqual(findingKeys(base.findings))
      expect(titles).toContain('warning: Comment not updated')
      return
    case 'comment-skipped':
      expect(run.code).toBe(0)
      expect(findingKeys(run.findings)).toEqual(findingKeys(base.findings))
      expect(titles).toContain('notice: Comment skipped')
      return
  }
}

/**
 * A 429 without Retry-After makes the Scalingo client pause a minute (#13): these runs sleep
 * through most of their time, so they start first, outside the slots, and sleep beside the
 * others instead of holding a slot for a minute each.
 */
const sleeps = (name: FaultName, call: Call): boolean =>
  call.service === 'scalingo' && name === '429 once, no Retry-After'

const CASES = CALLS.flatMap((call) =>
  FAULT_NAMES.map((name) => ({
    call,
    name,
    outcome: expected(name, call),
    sleeps: sleeps(name, call)
  }))
).sort((a, b) => Number(b.sleeps) - Number(a.sleeps))

describe('bounded time', () => {
  // Declared first so that it starts at once, beside the matrix.
  it.concurrent(
    'every request hangs, default request-timeout: the step ends with a clear error in < 125 s',
    async () => {
      const scenario = scenarioFor(false)
      const run = await runCase({
        scenario,
        faults: [{ path: '*', kind: 'hang', hang: 'headers' }],
        inputs: { 'fail-on': 'never' }
      })
      expect(run.timedOut).toBe(false)
      expect(run.wallMs).toBeLessThan(125_000)
      expect(run.code).toBe(1)
      expect(run.outputs.result).toBe('fail')
      const rules = new Set(unavailable(run.findings).map((f) => f.rule))
      expect(rules).toEqual(new Set(['scalingo-unavailable', 'github-unavailable']))
      const failure = run.annotations.filter((a) => a.level === 'error' && !a.title)
      expect(failure).toHaveLength(1)
      expect(failure[0]?.message).toMatch(/could not read/)
      checkEveryRun(run, scenario)
    },
    180_000
  )
})

describe('fault matrix on dist/index.js', () => {
  it('the fault-free runs pass with fail-on never and read everything', async () => {
    for (const call of BASELINE_CALLS) {
      const run = await baseline(call)
      expect(run.code).toBe(0)
      expect(run.outputs.result).toBe('pass')
      expect(unavailable(run.findings)).toEqual([])
      expect(run.findings.length).toBeGreaterThan(10)
      checkEveryRun(run, scenarioFor(call.sticky ?? false))
    }
  }, 120_000)

  it.concurrent.each(CASES.map((c) => [`${c.call.name} ← ${c.name} → ${c.outcome}`, c] as const))(
    '%s',
    async (_title, { call, name, outcome, sleeps }) => {
      const base = await baseline(call)
      const scenario = scenarioFor(call.sticky ?? false)
      const start = (): Promise<CaseRun> =>
        runCase({
          scenario,
          faults: [faultFor(name, call), ...(call.setup ?? [])],
          inputs: INPUTS
        })
      const run = await (sleeps ? start() : slot(start))
      // The fault was really met, so the outcome is about it.
      const at = (path: string): boolean =>
        call.path.endsWith('*') ? path.startsWith(call.path.slice(0, -1)) : path === call.path
      expect(
        run.requests.some((r) => r.fault !== null && r.method === call.method && at(r.path))
      ).toBe(true)
      checkEveryRun(run, scenario)
      checkOutcome(outcome, call, run, base)
    },
    600_000
  )
})
