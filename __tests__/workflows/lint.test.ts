import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const script = join(root, 'scripts', 'lint-workflows.mjs')

interface Problem {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly kind: string
  readonly message: string
}
interface LintReport {
  readonly checked: string[]
  readonly problems: Problem[]
}

/** Runs the linter as `npm run lint:workflows` does, with --json. */
function runLinter(files: readonly string[] = []): Promise<{ code: number; report: LintReport }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, '--json', ...files],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number(error.code ?? 1) : 0
        if (code === 2) return reject(new Error(`the linter could not run: ${stderr}`))
        try {
          resolve({ code, report: JSON.parse(stdout) as LintReport })
        } catch {
          reject(
            new Error(`not JSON (exit ${code}): ${stdout.slice(0, 500)} ${stderr.slice(0, 500)}`)
          )
        }
      }
    )
  })
}

/** How many ```yaml blocks of the README hold a workflow or steps, counted independently. */
function readmeExampleCount(): number {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const blocks = readme.match(/^\s*```ya?ml[^\n]*\n[\s\S]*?^\s*```/gim) ?? []
  return blocks.filter((b) => /^\s*(jobs|steps):/m.test(b)).length
}

let tmp = ''
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'lint-workflows-'))
})
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true })
})

describe('workflow and action.yml linter', () => {
  it('passes action.yml, every workflow and every README usage example', async () => {
    const { code, report } = await runLinter()
    const workflows = readdirSync(join(root, '.github', 'workflows')).filter((f) =>
      /\.ya?ml$/.test(f)
    )

    expect(report.problems).toEqual([])
    expect(code).toBe(0)
    expect(report.checked).toContain('action.yml')
    for (const workflow of workflows) {
      expect(report.checked).toContain(join('.github', 'workflows', workflow))
    }
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'check-dist.yml', 'release.yml']))
    const examples = report.checked.filter((c) => c.startsWith('README.md:'))
    expect(examples).toHaveLength(readmeExampleCount())
    expect(examples.length).toBeGreaterThan(0)
  })

  it('reports a broken workflow: bad expression, unknown step id, bad permission', async () => {
    const file = join(tmp, 'broken.yml')
    writeFileSync(
      file,
      [
        'on: push',
        'permissions:',
        '  contents: reed',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - id: audit',
        '        uses: ./',
        '      - run: echo "${{ steps.audti.outputs.result }}"',
        ''
      ].join('\n')
    )
    const { code, report } = await runLinter([file])

    expect(code).toBe(1)
    const messages = report.problems.map((p) => `${p.line}:${p.message}`)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^3:.*"reed"/),
        expect.stringMatching(/^10:.*property "audti" is not defined/)
      ])
    )
  })

  it('reports an action.yml that breaks the metadata schema', async () => {
    const dir = join(tmp, 'bad-action')
    mkdirSync(dir)
    const file = join(dir, 'action.yml')
    writeFileSync(
      file,
      'name: x\ndescription: y\nbranding:\n  icon: not-an-icon\n  color: purple\nruns:\n  using: node24\n  main: dist/index.js\n'
    )
    const { code, report } = await runLinter([file])

    expect(code).toBe(1)
    expect(report.problems).toEqual([
      expect.objectContaining({
        line: 4,
        kind: 'action-metadata',
        message: expect.stringContaining('/branding/icon')
      })
    ])
  })

  it('accepts node24, which its bundled schema predates, and still rejects an unknown runtime', async () => {
    const dir = join(tmp, 'runtime')
    mkdirSync(dir)
    const file = join(dir, 'action.yml')
    writeFileSync(file, 'name: x\ndescription: y\nruns:\n  using: node24\n  main: a.js\n')
    expect((await runLinter([file])).report.problems).toEqual([])

    writeFileSync(file, 'name: x\ndescription: y\nruns:\n  using: node99\n  main: a.js\n')
    const { report } = await runLinter([file])
    expect(report.problems.map((p) => p.message)).toEqual([expect.stringContaining('/runs/using')])
  })

  it('lints README examples, steps-only fragments included, at their README line', async () => {
    const file = join(tmp, 'EXAMPLE.md')
    writeFileSync(
      file,
      [
        '# Example', // 1
        '', // 2
        '```yaml', // 3
        'steps:', // 4
        '  - id: audit', // 5
        '    uses: scalingo-access-governance/action@v1', // 6
        '  - run: echo "${{ steps.audit.outputs.nope }} ${{ github.nope }}"', // 7
        '```', // 8
        '', // 9
        '```yaml', // 10
        'not: a workflow', // 11
        '```', // 12
        ''
      ].join('\n')
    )
    const { code, report } = await runLinter([file])

    expect(code).toBe(1)
    // The second block holds no workflow: only the first is checked, named by its first line.
    expect(report.checked).toEqual([expect.stringMatching(/EXAMPLE\.md:4$/)])
    expect(report.problems).toEqual([
      expect.objectContaining({ line: 7, message: expect.stringContaining('"nope"') })
    ])
  })
})
