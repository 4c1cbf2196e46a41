import { describe, expect, test } from '@jest/globals'
import { generateScenario } from '../../src/sandbox/generate.js'
import {
  SCENARIO_NAMES,
  autoTeamSize,
  loadScenario,
  parseScenario
} from '../../src/sandbox/scenario.js'

const REQUIRED = [
  'small-healthy',
  'small-failing',
  'mid-healthy',
  'mid-failing',
  'large-healthy',
  'large-failing',
  'github-classic',
  'github-rulesets',
  'github-no-admin',
  'github-autodeploy',
  'github-deploys',
  'access-review',
  'github-free-private',
  'github-org-rulesets'
]

/** App names of the `apps` input, regions stripped. */
function auditedApps(apps: string): string[] {
  return apps
    .split(/[,\n]/)
    .map((a) => a.trim())
    .filter((a) => a !== '')
    .map((a) => a.split('/').pop() ?? a)
}

describe('scenarios', () => {
  test('every required scenario is bundled and valid, named like its file', () => {
    expect([...SCENARIO_NAMES].sort()).toEqual([...REQUIRED].sort())
    for (const name of REQUIRED) expect(loadScenario(name).name).toBe(name)
  })

  test.each(['small', 'mid', 'large'])(
    '%s scenarios reach their size with team-size auto',
    (size) => {
      for (const variant of ['healthy', 'failing']) {
        const scenario = loadScenario(`${size}-${variant}`)
        expect(scenario.inputs['team-size']).toBe('auto')
        const apps = auditedApps(scenario.inputs.apps ?? '')
        for (const app of apps) expect(scenario.apps.some((a) => a.name === app)).toBe(true)
        expect(autoTeamSize(scenario, apps)).toBe(size)
      }
    }
  )

  test('healthy scenarios keep every account on the roster, with 2FA, no pending or deleted entry', () => {
    for (const name of ['small-healthy', 'mid-healthy', 'large-healthy']) {
      const s = loadScenario(name)
      const roster = ['owners', 'service-accounts', 'leads', 'members'].flatMap((k) =>
        (s.inputs[k] ?? '').split(/[,\n]/).map((v) => v.trim())
      )
      const audited = auditedApps(s.inputs.apps ?? '')
      for (const app of s.apps.filter((a) => audited.includes(a.name))) {
        expect(app.scmLink?.fromForks ?? false).toBe(false)
        expect(app.scmLink?.repo).toBe(s.repository.name)
        for (const c of app.collaborators) {
          expect(c.status).toBe('accepted')
          const account = s.accounts.find((a) => a.id === c.account)
          expect(account?.tfa).toBe(true)
          expect(roster).toContain(account?.email)
        }
      }
      const protection = s.repository.branches.find(
        (b) => b.name === s.repository.defaultBranch
      )?.protection
      expect(protection?.requiredReviews?.approvals).toBeGreaterThanOrEqual(
        name.startsWith('large') ? 2 : 1
      )
      expect(protection?.statusChecks?.contexts.length).toBeGreaterThan(0)
      expect(protection?.enforceAdmins).toBe(true)
    }
  })

  test('the autodeploy variant links an unprotected branch while main is protected', () => {
    const s = loadScenario('github-autodeploy')
    expect(s.apps[0]?.scmLink).toMatchObject({ branch: 'production', autoDeploy: true })
    expect(s.repository.branches.find((b) => b.name === 'production')?.protection).toBeNull()
    expect(s.repository.branches.find((b) => b.name === 'main')?.protection).not.toBeNull()
  })

  test('cross-references are checked', () => {
    const s = structuredClone(loadScenario('small-healthy'))
    s.tokens.scalingo = { 'tk-us-x': 'nobody' }
    expect(() => parseScenario(s)).toThrow(/unknown account "nobody"/)
    const t = structuredClone(loadScenario('small-healthy'))
    t.apps[0]?.collaborators.push({
      account: 'ghost',
      status: 'accepted',
      limited: false,
      tfaStatus: 'given'
    })
    expect(() => parseScenario(t)).toThrow(/unknown collaborator "ghost"/)
    expect(() => loadScenario('nope')).toThrow(/Unknown scenario/)
  })

  test.each([
    [1, 5],
    [10, 50],
    [50, 200]
  ])('generateScenario: %i apps × %i collaborators', (apps, collaborators) => {
    const s = generateScenario({ apps, collaborators })
    expect(s.apps).toHaveLength(apps)
    for (const app of s.apps) {
      expect(app.collaborators).toHaveLength(collaborators)
      expect(new Set(app.collaborators.map((c) => c.account)).size).toBe(collaborators)
      expect(app.collaborators.filter((c) => !c.limited).length).toBeLessThanOrEqual(3)
    }
    expect(auditedApps(s.inputs.apps ?? '')).toHaveLength(apps)
  })
})
