import { describe, expect, it } from '@jest/globals'
import { EXPECTED } from './expected.js'
import { lines, runScenario } from './run-scenario.js'

describe('bundled scenarios end to end', () => {
  it.each(Object.entries(EXPECTED))('%s', async (scenario, expected) => {
    const run = await runScenario(scenario)
    expect(lines(run.findings)).toEqual(expected.findings)
    expect(run.outputs.result).toBe(expected.result)
    expect(run.outputs['team-size']).toBe(expected.size)
    expect(run.code).toBe(expected.code)
    const open = run.findings.filter((f) => !f.accepted)
    expect(run.outputs.errors).toBe(String(open.filter((f) => f.severity === 'error').length))
    expect(run.outputs.warnings).toBe(String(open.filter((f) => f.severity === 'warning').length))
    expect(run.outputs.notices).toBe(String(open.filter((f) => f.severity === 'notice').length))
    // A failing run says so in exactly one ::error:: line of its own besides the findings.
    const failures = run.annotations.filter((a) => a.level === 'error' && a.title === undefined)
    expect(failures).toHaveLength(expected.code === 1 ? 1 : 0)
  })
})
