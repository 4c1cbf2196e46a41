import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Agent } from 'undici'
import { makeConfig } from '../../__fixtures__/config.js'
import { evaluate } from '../../src/policy/evaluate.js'
import { Budget, type Clock } from '../../src/scalingo/budget.js'
import { createScalingoClient } from '../../src/scalingo/client.js'
import { collectScalingoFacts } from '../../src/scalingo/read-apps.js'
import { generateScenario } from '../../src/sandbox/generate.js'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import type { AppTarget, Facts } from '../../src/types.js'

/** Time that passes only when someone sleeps: a minute of pacing costs nothing. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 1_000_000
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted()
      sleeps.push(ms)
      now += ms
      await Promise.resolve()
    }
  }
}

describe('Budget', () => {
  it('lets 60 requests through, then waits a minute after the first answer', async () => {
    const clock = fakeClock()
    const paced: number[] = []
    const budget = new Budget({
      requests: 60,
      windowMs: 60_000,
      clock,
      onPace: (ms) => paced.push(ms)
    })
    const slots = []
    for (let i = 0; i < 60; i++) slots.push(await budget.take())
    expect(clock.sleeps).toEqual([])
    for (const slot of slots) slot.done()
    const start = clock.now()
    await budget.take()
    expect(clock.now() - start).toBe(60_000)
    expect(paced).toEqual([60_000])
    expect(budget.pacedMs).toBe(60_000)
  })

  it('counts a request in flight until its answer: the window starts from the answer', async () => {
    const clock = fakeClock()
    const budget = new Budget({ requests: 1, windowMs: 1000, clock })
    const first = await budget.take()
    const second = budget.take()
    let got = false
    void second.then(() => (got = true))
    await Promise.resolve()
    await Promise.resolve()
    expect(got).toBe(false)
    const answeredAt = clock.now()
    first.done()
    await second
    expect(clock.now()).toBe(answeredAt + 1000)
  })

  it('after a 429 waits Retry-After, else a whole window, never less than a second', () => {
    const budget = new Budget({ requests: 60, windowMs: 60_000, clock: fakeClock() })
    expect(budget.tooMany(null)).toBe(60_000)
    expect(budget.tooMany(0)).toBe(1000)
    expect(budget.tooMany(5000)).toBe(5000)
  })

  it('rejects a waiting request when the run aborts', async () => {
    const clock = fakeClock()
    const budget = new Budget({ requests: 1, windowMs: 1000, clock })
    await budget.take()
    const controller = new AbortController()
    const waiting = budget.take(controller.signal)
    controller.abort(new Error('deadline'))
    await expect(waiting).rejects.toThrow('deadline')
  })
})

describe('100 apps with a collaborator-only token, within 60 requests a minute (#13)', () => {
  const clock = fakeClock()
  let sandbox: Sandbox
  const scenario = generateScenario({ apps: 100, collaborators: 3 })

  beforeAll(async () => {
    // One collaborator on app 7 whose entry has no tfa_status (Scalingo added it late).
    scenario.apps[6]?.collaborators.push({
      account: 'dev0050',
      status: 'accepted',
      limited: true,
      tfaStatus: 'absent'
    })
    sandbox = await startSandbox({ scenario, clock: clock.now })
  })
  afterAll(async () => {
    await sandbox.close()
  })

  it('provokes no 429, reads every app and judges it, paced over the floor', async () => {
    const apps: AppTarget[] = scenario.apps.map((a) => ({
      name: a.name,
      region: a.region,
      apiUrl: sandbox.scalingoApiUrl
    }))
    const config = makeConfig({
      apps,
      scalingoAuthUrl: sandbox.scalingoAuthUrl,
      scalingoApiUrl: sandbox.scalingoApiUrl,
      owners: ['owner@scale.example'],
      serviceAccounts: ['owner@scale.example', 'deploy@scale.example'],
      leads: ['dev0001@scale.example', 'dev0002@scale.example'],
      members: (scenario.inputs.members ?? '').split(', '),
      repository: { owner: 'scale', repo: 'monorepo' }
    })
    const paced: number[] = []
    const client = createScalingoClient({
      apiToken: 'tk-us-sandbox-scale-deploy',
      authUrl: sandbox.scalingoAuthUrl,
      dispatcher: new Agent(),
      setSecret: () => undefined,
      clock,
      onPacing: (ms) => paced.push(ms)
    })
    const started = clock.now()
    const scalingo = await collectScalingoFacts(config, client)
    const elapsed = clock.now() - started

    const log = sandbox.requests.filter((r) => r.service !== 'github')
    expect(log.filter((r) => r.status === 429)).toEqual([])
    expect(client.tooManyCount).toBe(0)
    if (scalingo.status !== 'read') throw new Error('expected read facts')
    expect(scalingo.failures).toEqual([])
    expect(scalingo.apps).toHaveLength(100)
    // exchange, self, 2FA, apps, collaborators, links, then per app its collaborators and link
    // (the owner made every link, so the bulk list of the token's account holds none).
    expect(log).toHaveLength(6 + 2 * 100)
    expect(scalingo.requests).toBe(206)
    // 206 requests at 60 a minute: three whole windows at least.
    expect(elapsed).toBeGreaterThanOrEqual(3 * 60_000)
    expect(paced.reduce((a, b) => a + b, 0)).toBe(client.pacedMs)

    const verdict = evaluate(
      { scalingo, github: { status: 'skipped', reason: 'not read' } } as Facts,
      {
        ...config,
        teamSize: 'large'
      }
    )
    const scalingoFindings = verdict.findings.filter((f) => f.rule !== 'ignore-expired')
    expect(scalingoFindings.map((f) => [f.rule, f.app, f.subject])).toEqual([
      ['collaborator-2fa-unknown', 'scale-app-007', 'dev0050@scale.example']
    ])
  })
})
