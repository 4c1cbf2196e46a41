import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '../__fixtures__/core.js'
import {
  makeApp,
  makeCollaborator,
  makeFacts,
  makeScalingo,
  makeUnavailable
} from '../__fixtures__/facts.js'
import type { Collected, CollectOptions } from '../src/collect-facts.js'
import type { Config, Facts } from '../src/types.js'

/**
 * The orchestration (config → collect → evaluate → publish → exit) with @actions/core and the
 * collect stage mocked, the way actions/typescript-action tests its main.ts: no network, the real
 * config parsing, policy and reporters.
 */
const collectFacts = jest.fn<(config: Config, options: CollectOptions) => Promise<Collected>>()
jest.unstable_mockModule('@actions/core', () => core)
jest.unstable_mockModule('../src/collect-facts.js', () => ({ collectFacts }))
const { run } = await import('../src/main.js')

const DEFAULT_INPUTS: Readonly<Record<string, string>> = {
  'scalingo-api-token': 'tk-us-main-test-token',
  apps: 'my-app',
  'team-size': 'small',
  'github-token': 'ghs_main-test-token',
  'fail-on': 'error'
}

const temp = mkdtempSync(join(tmpdir(), 'main-test-'))
const savedEnv = { ...process.env }
afterAll(() => {
  process.env = savedEnv
  rmSync(temp, { recursive: true, force: true })
})

function given(inputs: Record<string, string>, facts: Facts | Error | string = makeFacts()): void {
  const all: Record<string, string> = { ...DEFAULT_INPUTS, ...inputs }
  core.getInput.mockImplementation((name) => (all[name] ?? '').trim())
  if (facts instanceof Error || typeof facts === 'string') collectFacts.mockRejectedValue(facts)
  else collectFacts.mockResolvedValue({ facts, octokit: null, stickyComment: null })
}

/** Every setFailed message. */
const failures = (): string[] => core.setFailed.mock.calls.map(([message]) => String(message))

beforeEach(() => {
  core.resetCore()
  collectFacts.mockReset()
  // A runner's environment, minus anything that would reach a network or the repository.
  process.env = {
    PATH: savedEnv.PATH,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_EVENT_NAME: 'push',
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: temp,
    GITHUB_STEP_SUMMARY: join(temp, 'summary.md')
  }
})

/** One account without 2FA on a small team: a warning (DESIGN §2, collaborator-without-2fa). */
const withWarning = (): Facts =>
  makeFacts({
    scalingo: makeScalingo({
      apps: [makeApp({ collaborators: [makeCollaborator({ tfa: false })] })]
    })
  })

describe('run', () => {
  it('reads inside one log group and hands core.debug to both clients for request traces', async () => {
    given({})
    await run()
    expect(core.group).toHaveBeenCalledWith('Reading Scalingo and GitHub', expect.any(Function))
    expect(collectFacts.mock.calls[0]?.[1].log?.debug).toBe(core.debug)
    expect(core.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Read in \d+\.\d s: Scalingo (\d+ request\(s\)|skipped), GitHub /)
    )
  })

  it('takes the proxy from the environment and masks its password first', async () => {
    process.env.HTTPS_PROXY = 'http://robot:pw-main-test-9f2@proxy.corp:3128'
    given({})
    await run()
    expect(failures()).toEqual([])
    expect(core.setSecret).toHaveBeenCalledWith('pw-main-test-9f2')
    expect(collectFacts.mock.calls[0]?.[0].proxy).toEqual({
      httpProxy: null,
      httpsProxy: 'http://robot:pw-main-test-9f2@proxy.corp:3128/',
      noProxy: ''
    })
  })

  it('passes a healthy setup: outputs and summary written, no failure', async () => {
    given({})
    await run()
    expect(failures()).toEqual([])
    expect(collectFacts).toHaveBeenCalledTimes(1)
    expect(core.outputs()).toMatchObject({ result: 'pass', errors: '0', 'team-size': 'small' })
    expect(core.summaryWrites).toHaveLength(1)
  })

  it('masks both tokens before anything else runs', async () => {
    given({})
    await run()
    expect(core.setSecret.mock.calls).toEqual([['tk-us-main-test-token'], ['ghs_main-test-token']])
    const firstSecret = core.setSecret.mock.invocationCallOrder[0] ?? Infinity
    expect(firstSecret).toBeLessThan(collectFacts.mock.invocationCallOrder[0] ?? -Infinity)
  })

  it.each([
    ['team-size', 'huge'],
    ['fail-on', 'sometimes'],
    ['max-collaborators', '-3'],
    ['apps', '']
  ])('bad input %s=%j: one setFailed naming it, and no request', async (name, value) => {
    given({ [name]: value })
    await run()
    expect(collectFacts).not.toHaveBeenCalled()
    const [message, ...more] = failures()
    expect(more).toEqual([])
    expect(message).toContain(name)
    expect(message).not.toMatch(/[\r\n]/)
    expect(core.setOutput).not.toHaveBeenCalled()
  })

  it.each([
    ['an Error', new Error('socket hang up'), 'The audit could not run: socket hang up'],
    ['a string', 'socket hang up', 'The audit could not run: socket hang up'],
    ['a multi-line string', 'first\nsecond', 'The audit could not run: first second']
  ])('fails when the collect stage throws %s', async (_what, thrown, expected) => {
    given({}, thrown)
    await run()
    expect(failures()).toEqual([expected])
  })

  it.each([
    ['error', []],
    ['warning', ['Scalingo access governance failed (fail-on: warning): 0 error(s), 1 warning(s)']],
    ['notice', ['Scalingo access governance failed (fail-on: notice): 0 error(s), 1 warning(s)']],
    ['never', []]
  ])('fail-on %s decides the exit of a run with one warning', async (failOn, expected) => {
    given({ 'fail-on': failOn }, withWarning())
    await run()
    expect(
      failures().map((m) => m.replace(/, \d+ notice\(s\)\. See the job summary\.$/, ''))
    ).toEqual(expected)
    expect(core.outputs()).toMatchObject({
      result: expected.length > 0 ? 'fail' : 'pass',
      warnings: '1'
    })
  })

  it.each(['error', 'never'])(
    'fails when a platform could not be read, even with fail-on %s',
    async (failOn) => {
      given(
        { 'fail-on': failOn },
        makeFacts({ scalingo: makeScalingo({ failures: [makeUnavailable()] }) })
      )
      await run()
      const [message, ...more] = failures()
      expect(more).toEqual([])
      expect(message).toBe(
        'The audit could not read everything it needs, so it cannot pass: ' +
          'Could not read collaborators of my-app: HTTP 503 on GET /v1/apps/my-app/collaborators'
      )
      expect(core.outputs()).toMatchObject({ result: 'fail' })
    }
  )

  it('fails when GitHub could not be read, whatever the Scalingo part says', async () => {
    given({ 'fail-on': 'never' }, makeFacts({ github: { status: 'read', ...unreadGitHub() } }))
    await run()
    expect(failures()).toEqual([
      'The audit could not read everything it needs, so it cannot pass: ' +
        'Could not read the repository acme/shop: HTTP 502'
    ])
    expect(core.outputs()).toMatchObject({ result: 'fail' })
  })

  it('says so when the Scalingo part is skipped for want of a token: a notice, never silence', async () => {
    const reason = 'scalingo-api-token is empty'
    given({ 'scalingo-api-token': '' }, makeFacts({ scalingo: { status: 'skipped', reason } }))
    await run()
    expect(failures()).toEqual([])
    expect(core.notice).toHaveBeenCalledWith(
      `Scalingo checks skipped: ${reason}. The GitHub checks still ran.`,
      { title: 'Scalingo part skipped' }
    )
  })

  it('fails on an empty token when require-scalingo-token is true, before any request', async () => {
    given({ 'scalingo-api-token': '', 'require-scalingo-token': 'true' })
    await run()
    expect(collectFacts).not.toHaveBeenCalled()
    expect(failures()).toHaveLength(1)
    expect(failures()[0]).toContain('scalingo-api-token')
  })
})

function unreadGitHub() {
  return {
    owner: 'acme',
    repo: 'shop',
    defaultBranch: null,
    isPrivate: null,
    branches: [],
    workflows: { seen: false as const },
    deploys: { seen: false as const },
    environments: { seen: false as const },
    actionsCanApprove: { seen: false as const },
    failures: [{ app: null, what: 'the repository acme/shop', reason: 'HTTP 502' }],
    requests: 1
  }
}
