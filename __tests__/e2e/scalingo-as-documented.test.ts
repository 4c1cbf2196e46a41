import { describe, expect, it } from '@jest/globals'
import { rm } from 'node:fs/promises'
import { ownedScenario } from '../../src/sandbox/bench.js'
import { generateScenario } from '../../src/sandbox/generate.js'
import type { Scenario } from '../../src/sandbox/scenario.js'
import { startSandbox, type RecordedRequest } from '../../src/sandbox/server.js'
import { lines, runOn, type ScenarioRun } from './run-scenario.js'

/*
 * dist/index.js against a sandbox that speaks as Scalingo's documentation does (#13): bulk links
 * filtered by linker, entries without tfa_status, string booleans, Go-style last pages, review
 * apps, /v1/regions with one API per region, and the per-token minute budget (429 `Retry later`).
 */

async function run(
  scenario: Scenario,
  overrides: Readonly<Record<string, string>> = {}
): Promise<{ run: ScenarioRun; log: readonly RecordedRequest[] }> {
  const sandbox = await startSandbox({ scenario })
  try {
    const result = await runOn(sandbox, overrides)
    await rm(result.tempDir, { recursive: true, force: true })
    return { run: result, log: sandbox.requests }
  } finally {
    await sandbox.close()
  }
}

const APP = 'scale-app-001'

describe('Scalingo as it really answers (dist/index.js)', () => {
  it('1: a link another account made is still judged, and its branch is the one audited', async () => {
    const scenario = ownedScenario(1, 3)
    const app = scenario.apps[0]
    if (app?.scmLink === undefined || app.scmLink === null) throw new Error('no link')
    // A lead made the link: the owner's token does not see it in GET /v1/scm_repo_links.
    app.scmLink = {
      ...app.scmLink,
      linker: 'dev0001',
      reviewApps: true,
      fromForks: true,
      autoDeploy: true
    }
    scenario.scalingo.pagination = 'go'
    const { run: result, log } = await run(scenario, { comment: 'false', 'team-size': 'large' })
    expect(log.some((r) => r.path === `/v1/apps/${APP}/scm_repo_link`)).toBe(true)
    expect(lines(result.findings)).toEqual(
      expect.arrayContaining([
        `error review-apps-from-forks @${APP} :scale/monorepo`,
        `warning scm-link-personal-account @${APP} :dev0001@scale.example`
      ])
    )
    // The deploying branch is judged as such.
    expect(result.summary).toMatch(/\| main \| scale-app-001 \|/)
  }, 60_000)

  it('4: unknown 2FA (absent, or "true"/"false" strings) is reported, counted and listed', async () => {
    const scenario = ownedScenario(1, 3)
    scenario.scalingo.stringBooleans = true
    const app = scenario.apps[0]
    const first = app?.collaborators[1]
    if (first === undefined) throw new Error('no collaborator')
    first.tfaStatus = 'absent'
    const { run: result } = await run(scenario, { comment: 'false' })
    const unknown = result.findings.filter((f) => f.rule === 'collaborator-2fa-unknown')
    expect(unknown.map((f) => [f.app, f.subject])).toEqual([[APP, 'dev0001@scale.example']])
    expect(result.summary).toContain('| 3 on, 0 off, 1 unknown |')
    expect(result.summary).toContain(
      `- Scalingo: 2FA of dev0001@scale.example on ${APP} (Scalingo did not give it)`
    )
  }, 60_000)

  it('9 and 10: reach across regions, region/name when two apps share a name, ignore by region', async () => {
    const scenario = ownedScenario(1, 2)
    const [first] = scenario.apps
    if (first === undefined) throw new Error('no app')
    scenario.apps.push(
      { ...first, region: 'osc-secnum-fr1', collaborators: [] },
      // Reached, not audited, in the other region; and a review app, which is not another app.
      { ...first, name: 'secnum-other', region: 'osc-secnum-fr1', collaborators: [] },
      { ...first, name: `${APP}-pr7`, parentApp: APP, collaborators: [] }
    )
    const { run: result, log } = await run(scenario, {
      'scalingo-api-url': '',
      apps: `${APP}\nosc-secnum-fr1/${APP}`,
      'team-size': 'large',
      comment: 'false',
      owners: 'cto@scale.example',
      ignore: `owner-unexpected@osc-secnum-fr1/${APP} # the secnum copy is being moved`
    })
    expect(log.some((r) => r.path === '/v1/regions')).toBe(true)
    const scoped = result.findings.find((f) => f.rule === 'token-not-app-scoped')
    expect(scoped?.message).toContain('1 other app (secnum-other)')
    const apps = result.findings.map((f) => f.app).filter((a) => a !== null)
    expect(new Set(apps)).toEqual(new Set([`osc-fr1/${APP}`, `osc-secnum-fr1/${APP}`]))
    expect(result.summary).toContain(`| osc-secnum-fr1/${APP} | osc-secnum-fr1 |`)
    expect(lines(result.findings)).toEqual(
      expect.arrayContaining([
        `error owner-unexpected @osc-fr1/${APP} :owner@scale.example`,
        `error owner-unexpected @osc-secnum-fr1/${APP} :owner@scale.example (accepted)`
      ])
    )
  }, 60_000)

  it('11: without a Scalingo token, auto team size is large and the summary says how to avoid it', async () => {
    const { run: result } = await run(ownedScenario(1, 2), {
      'scalingo-api-token': '',
      comment: 'false'
    })
    expect(result.outputs['team-size']).toBe('large')
    expect(result.summary).toContain('set team-size to use another')
  }, 60_000)

  it('7: 10 owned apps whose links the account made cost 6 requests with scalingo-api-url, 7 without', async () => {
    const scalingo = (log: readonly RecordedRequest[]): number =>
      log.filter((r) => r.service !== 'github').length
    const withUrl = await run(ownedScenario(10, 5), { comment: 'false' })
    expect(scalingo(withUrl.log)).toBe(6)
    const withRegions = await run(ownedScenario(10, 5), {
      comment: 'false',
      'scalingo-api-url': ''
    })
    expect(scalingo(withRegions.log)).toBe(7)
  }, 60_000)

  it('5: 30 apps with a collaborator-only token (66 requests) are paced: no 429, the log says so', async () => {
    const scenario = generateScenario({ apps: 30, collaborators: 2 })
    const { run: result, log } = await run(scenario, { comment: 'false' })
    const scalingo = log.filter((r) => r.service !== 'github')
    expect(scalingo).toHaveLength(6 + 2 * 30)
    expect(scalingo.filter((r) => r.status === 429)).toEqual([])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Scalingo allows 60 requests a minute per token')
    expect(result.stdout).toMatch(/Scalingo pacing: [\d.]+ s spent within 60 requests a minute/)
    // The 61st request waits for the first minute to pass.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(55_000)
  }, 150_000)
})
