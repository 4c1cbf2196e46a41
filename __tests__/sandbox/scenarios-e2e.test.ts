import { describe, expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { sandboxRun } from '../../src/sandbox/sandbox-run.js'
import { runAction } from '../../src/sandbox/run-action.js'
import { startSandbox } from '../../src/sandbox/server.js'

// Runs the bundled action (dist/index.js, built by `npm run bundle`) against each scenario.
const actionDir = process.env.SANDBOX_ACTION_DIR ?? process.cwd()
const bundled = existsSync(join(actionDir, 'dist', 'index.js'))

interface Finding {
  readonly rule: string
  readonly severity: string
  readonly accepted?: unknown
}

async function audit(
  scenario: string
): Promise<{ code: number | null; outputs: Record<string, string>; findings: Finding[] }> {
  const sandbox = await startSandbox({ scenario })
  try {
    const result = await runAction({ actionDir, ...sandboxRun(sandbox), timeoutMs: 150_000 })
    await rm(result.tempDir, { recursive: true, force: true })
    return {
      code: result.code,
      outputs: result.outputs,
      findings: JSON.parse(result.outputs.findings ?? '[]') as Finding[]
    }
  } finally {
    await sandbox.close()
  }
}

;(bundled ? describe : describe.skip)('scenarios against the bundled action', () => {
  test.each([
    ['small-healthy', 'small'],
    ['mid-healthy', 'mid'],
    ['large-healthy', 'large'],
    ['github-rulesets', 'large']
  ])('%s passes with no error or warning at %s size', async (scenario, size) => {
    const { code, outputs, findings } = await audit(scenario)
    expect(findings.filter((f) => f.severity !== 'notice')).toEqual([])
    expect(outputs).toMatchObject({ result: 'pass', 'team-size': size, errors: '0', warnings: '0' })
    expect(code).toBe(0)
  })

  test.each([
    ['small-failing', 'small', 10],
    ['mid-failing', 'mid', 15],
    ['large-failing', 'large', 15]
  ])('%s fails at %s size and exercises at least %i rules', async (scenario, size, rules) => {
    const { code, outputs, findings } = await audit(scenario)
    expect(outputs['team-size']).toBe(size)
    expect(outputs.result).toBe('fail')
    expect(new Set(findings.map((f) => f.rule)).size).toBeGreaterThanOrEqual(rules)
    expect(code).toBe(1)
  })

  test('github variants: what each reading path reveals', async () => {
    const classic = await audit('github-classic')
    expect(classic.findings.map((f) => f.rule)).toEqual(['admins-can-bypass'])
    const noAdmin = await audit('github-no-admin')
    expect(noAdmin.findings.map((f) => f.rule)).toEqual(['protection-partially-readable'])
    const autodeploy = await audit('github-autodeploy')
    expect(autodeploy.findings.map((f) => f.rule)).toContain('branch-unprotected')
    expect(autodeploy.outputs.result).toBe('fail')
  })
})
