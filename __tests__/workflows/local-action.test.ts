import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')

let sandbox: Sandbox | null = null
let tmp = ''

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'local-action-'))
  sandbox = await startSandbox({ scenario: 'mid-failing' })
})
afterAll(async () => {
  await sandbox?.close()
  rmSync(tmp, { recursive: true, force: true })
})

/** .env.example as a reader would copy it, pointed at this test's sandbox port and folder. */
function envFile(url: string): string {
  const text = readFileSync(join(root, '.env.example'), 'utf8')
    .replaceAll('http://127.0.0.1:8787', url)
    .replace(/^RUNNER_TEMP=.*$/m, `RUNNER_TEMP=${tmp}`)
    .replace(/^GITHUB_STEP_SUMMARY=.*$/m, `GITHUB_STEP_SUMMARY=${join(tmp, 'summary.md')}`)
  const path = join(tmp, '.env')
  writeFileSync(path, text)
  return path
}

function localAction(env: string): Promise<{ code: number; out: string }> {
  // The child must not inherit jest's --experimental-vm-modules.
  const childEnv = { ...process.env }
  delete childEnv.NODE_OPTIONS
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, '.', 'src/main.ts', env],
      { cwd: root, env: childEnv, timeout: 120_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}\n${stderr}` })
      }
    )
  })
}

describe('npm run local-action with .env.example', () => {
  it('runs src/main.ts against the sandbox with the toolkit stubbed', async () => {
    expect(existsSync(bin)).toBe(true)
    const url = sandbox?.url ?? ''
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

    const { out } = await localAction(envFile(url))

    // local-action's own table of the outputs that @actions/core 3's setOutput reached.
    const outputs = out.slice(out.indexOf('Action Outputs'))
    expect(outputs).toMatch(/'result'\s*│\s*'fail'/)
    expect(outputs).toMatch(/'team-size'\s*│\s*'mid'/)
    expect(outputs).toMatch(/'errors'\s*│\s*'[1-9]\d*'/)
    // owner-unexpected on both apps reads as one annotation naming them.
    expect(out).toContain('::error title=owner-unexpected (fleet-production and fleet-staging)::')

    const summary = readFileSync(join(tmp, 'summary.md'), 'utf8')
    expect(summary).toContain('Scalingo access governance')
    expect(existsSync(join(tmp, 'scalingo-access-governance-report.json'))).toBe(true)

    // The sandbox answered both APIs: the action reached it, not the real platforms.
    const services = new Set(sandbox?.requests.map((r) => r.service))
    expect([...services].sort()).toEqual(['github', 'scalingo-api', 'scalingo-auth'])
    for (const token of ['tk-us-sandbox-mid-failing-paul', 'ghs_sandbox_mid_failing_workflow']) {
      expect(out).not.toContain(token)
    }
  }, 150_000)
})
