import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { promisify } from 'node:util'
import { renderHelp } from '../../src/cli/args.js'
import { INPUTS } from '../../src/inputs.js'
import type { Report } from '../../src/report/report-file.js'
import { sandboxRun } from '../../src/sandbox/sandbox-run.js'
import { resolveNode24 } from '../../src/sandbox/run-action.js'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import { RULE_IDS, type Finding } from '../../src/types.js'
import { lines, runOn } from '../e2e/run-scenario.js'
import { CLI, runCommand, type CliResult } from './run-cli.js'

const execFileAsync = promisify(execFile)
const LONG = 180_000

/** `--sandbox mid-failing --json`, run once for the tests that read it. */
let midFailingJson: Promise<CliResult> | undefined
const runMidFailingJson = (): Promise<CliResult> =>
  (midFailingJson ??= runCommand(['--sandbox', 'mid-failing', '--json']))

function report(stdout: string): Report {
  return JSON.parse(stdout) as Report
}

/** No workflow command may reach stdout outside Actions. */
function expectNoWorkflowCommands(stdout: string): void {
  expect(stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([])
}

describe('scalingo-governance --help', () => {
  // Each input's line: args.test.ts (renderHelp); action.yml == INPUTS: action-yml.test.ts.
  it('prints the help generated from INPUTS', async () => {
    const { code, stdout } = await runCommand(['--help'])
    expect(code).toBe(0)
    expect(stdout).toBe(renderHelp())
  })
})

describe('bad usage exits 2 with one line naming the flag', () => {
  it.each([
    [['--colour'], '--colour'],
    [['--sandbox', '--team-size=huge'], '--team-size'],
    [['--sandbox', '--fail-on', 'critical'], '--fail-on'],
    [['--sandbox', '--require-2fa=maybe'], '--require-2fa'],
    [['--sandbox', '--max-collaborators=-1'], '--max-collaborators'],
    [['--apps'], '--apps'],
    [['--region=osc-fr1'], '--apps'],
    [['--sandbox', 'nowhere'], '--sandbox'],
    [['--repo', 'not-a-repo', '--apps', 'a'], '--repo'],
    [['--json=yes'], '--json']
  ])('%j', async (args, flag) => {
    const { code, stdout, stderr } = await runCommand(args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(stderr).toContain(flag)
  })

  it('refuses a token as a flag without echoing it', async () => {
    const { code, stderr } = await runCommand([
      '--scalingo-api-token=tk-us-do-not-echo',
      '--apps=a'
    ])
    expect(code).toBe(2)
    expect(stderr).toContain('SCALINGO_API_TOKEN')
    expect(stderr).not.toContain('tk-us-do-not-echo')
  })
})

describe('--sandbox', () => {
  it(
    'mid-failing prints the findings that npm run demo shows, and exits 1',
    async () => {
      const [cli, demo] = await Promise.all([
        runCommand(['--sandbox', 'mid-failing']),
        execFileAsync(process.execPath, ['dist/sandbox/index.js', 'demo', 'mid-failing'], {
          timeout: LONG,
          maxBuffer: 16 * 1024 * 1024
        })
      ])
      expect(cli.code).toBe(1)
      expectNoWorkflowCommands(cli.stdout)
      // Not a terminal: no colour codes.
      expect(cli.stdout).not.toContain('\u001b[')

      // The summary shows one line per rule and subject (apps grouped): compare the rules.
      const fromDemo = [
        ...new Set(
          demo.stdout
            .split('\n')
            .map((l) => /^(?:❌|⚠️|ℹ️) \[([a-z0-9-]+)\]/u.exec(l)?.[1])
            .filter((rule): rule is string => rule !== undefined)
        )
      ]
      const fromCli = cli.stdout
        .split('\n')
        .map((l) => /^ {2}([a-z0-9-]+) +(\S+)/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .filter((m) => (RULE_IDS as readonly string[]).includes(m[1] ?? ''))
        .map((m) => `${m[1]} ${m[2]}`)
      expect(fromCli.length).toBeGreaterThan(20)
      expect([...new Set(fromCli.map((l) => l.split(' ')[0]))].sort()).toEqual([...fromDemo].sort())
      // The same counts line as the job summary (two notices are scm-link-personal-account: the
      // CTO's personal account made both links, and service-accounts is set).
      expect(demo.stdout).toContain('4 errors, 21 warnings, 9 notices, 1 accepted')
      expect(cli.stdout).toContain('4 errors, 21 warnings, 9 notices, 1 accepted')
      // Every message that the demo's finding annotations show is in the table.
      const messages = demo.stdout
        .split('\n')
        .filter((l) =>
          (RULE_IDS as readonly string[]).includes(/^ {2}• ([a-z0-9-]+)/.exec(l)?.[1] ?? '')
        )
        // Annotations of one finding (a group's reads "Fix (each app):").
        .filter((line) => line.includes(' Fix: '))
        .map((line) => /^ {2}• [a-z0-9-]+(?: \([^)]*\))?: (.*) Fix: /.exec(line)?.[1] ?? line)
      expect(messages.length).toBeGreaterThan(0)
      for (const message of messages) expect(cli.stdout).toContain(message)
    },
    LONG
  )

  it('exits 0 on a healthy scenario and when flags lower the bar', async () => {
    const [healthy, never] = await Promise.all([
      runCommand(['--sandbox', 'mid-healthy']),
      runCommand(['--sandbox=mid-failing', '--fail-on=never'])
    ])
    expect(healthy.code).toBe(0)
    expect(healthy.stdout).toContain('PASS')
    expect(never.code).toBe(0)
    expect(never.stdout).toContain('owner-unexpected')
  })

  it('turns a boolean off with --no-x and with --x=false alike', async () => {
    const [no, eqFalse, on] = await Promise.all([
      runCommand(['--sandbox', 'mid-failing', '--no-require-2fa', '--json']),
      runCommand(['--sandbox', 'mid-failing', '--require-2fa=false', '--json']),
      runMidFailingJson()
    ])
    const rules = (r: { stdout: string }): string[] =>
      report(r.stdout).verdict.findings.map((f) => f.rule)
    expect(rules(on)).toContain('collaborator-without-2fa')
    expect(rules(no)).not.toContain('collaborator-without-2fa')
    expect(rules(eqFalse)).toEqual(rules(no))
    expect(report(no.stdout).config.require2fa).toBe(false)
  })

  it('takes repeated list flags as lines (--ignore twice)', async () => {
    const { stdout } = await runCommand([
      '--sandbox',
      'mid-failing',
      '--json',
      '--ignore=owner-unexpected # transfer planned',
      '--ignore',
      'reviews-not-required@fleet-production'
    ])
    const accepted = report(stdout)
      .verdict.findings.filter((f) => f.accepted)
      .map((f) => f.rule)
    expect(accepted.sort()).toEqual([
      'owner-unexpected',
      'owner-unexpected',
      'reviews-not-required'
    ])
  })

  it(
    'redacts on a public repository (auto), and not when told false',
    async () => {
      const [auto, shown] = await Promise.all([
        runCommand(['--sandbox', 'large-failing', '--json']),
        runCommand(['--sandbox', 'large-failing', '--json', '--redact=false'])
      ])
      expect(auto.stdout).not.toMatch(/[A-Za-z0-9._-]@bigco\.example/)
      expect(auto.stdout).toMatch(/\w\*\*\*@bigco\.example/)
      expect(shown.stdout).toMatch(/[a-z]+@bigco\.example/)
      expect(Object.keys(report(auto.stdout))).toEqual(Object.keys(report(shown.stdout)))
    },
    LONG
  )

  it(
    'starts on Node 24, as the runner would run it',
    async () => {
      const node24 = await resolveNode24([process.cwd()])
      const { stdout: version } = await execFileAsync(node24, ['--version'])
      expect(version.trim()).toMatch(/^v2[4-9]\./)
      const { code, stdout } = await runCommand(
        ['--sandbox', 'small-healthy', '--json'],
        {},
        node24
      )
      expect(code).toBe(0)
      expect(report(stdout).verdict.result).toBe('pass')
    },
    LONG
  )
})

describe('--json prints the report file of the action', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'mid-failing' })
  })
  afterAll(async () => {
    await sandbox.close()
  })

  it(
    'same shape, verdict and facts as the action on the same scenario',
    async () => {
      const action = await runOn(sandbox)
      await rm(action.tempDir, { recursive: true, force: true })
      expect(action.reportFile).not.toBeNull()
      const fromAction = JSON.parse(action.reportFile ?? '{}') as Report
      const cli = await runMidFailingJson()
      expect(cli.code).toBe(1)
      const fromCli = report(cli.stdout)

      expect(Object.keys(fromCli)).toEqual(Object.keys(fromAction))
      expect(Object.keys(fromCli.config)).toEqual(Object.keys(fromAction.config))
      expect(lines(fromCli.verdict.findings)).toEqual(lines(fromAction.verdict.findings))
      expect(fromCli.verdict).toEqual(fromAction.verdict)
      expect(fromCli.facts).toEqual(fromAction.facts)
      // Only what a pull request run knows differs.
      expect(fromAction.config.pullRequest).toBe(314)
      expect(fromCli.config.pullRequest).toBeNull()
    },
    LONG
  )

  it(
    'reads the tokens from SCALINGO_API_TOKEN and GITHUB_TOKEN, never printing them',
    async () => {
      const run = sandboxRun(sandbox)
      const flags = INPUTS.filter((input) => !input.secret && run.inputs[input.name] !== undefined)
        .map((input) => `--${input.name}=${run.inputs[input.name]}`)
        .concat(['--repo', run.env.GITHUB_REPOSITORY ?? '', '--json'])
      const scalingoToken = run.inputs['scalingo-api-token'] ?? ''
      const env = { GITHUB_API_URL: run.env.GITHUB_API_URL ?? '' }
      sandbox.reset()
      const both = await runCommand(flags, {
        ...env,
        SCALINGO_API_TOKEN: scalingoToken,
        GITHUB_TOKEN: run.githubToken
      })
      const requests = sandbox.requests
      const noGitHub = await runCommand(flags, { ...env, SCALINGO_API_TOKEN: scalingoToken })
      const none = await runCommand(
        flags.filter((f) => f !== '--json'),
        env
      )

      expect(both.code).toBe(1)
      const facts = report(both.stdout).facts
      expect([facts.scalingo.status, facts.github.status]).toEqual(['read', 'read'])
      expect(requests.some((r) => r.service === 'scalingo-auth' && r.auth === 'basic')).toBe(true)
      expect(requests.some((r) => r.service === 'github' && r.auth !== 'none')).toBe(true)
      const findings: readonly Finding[] = report(both.stdout).verdict.findings
      expect(findings.map((f) => f.rule)).toContain('owner-unexpected')

      expect(report(noGitHub.stdout).facts.github.status).toBe('skipped')
      // The repository asked for is still the one the report names.
      expect(report(both.stdout).config.repository).not.toBeNull()
      expect(report(noGitHub.stdout).config.repository).toEqual(
        report(both.stdout).config.repository
      )
      expect(noGitHub.stderr).toContain('GitHub checks skipped: GITHUB_TOKEN is not set')

      expect(none.stdout).toContain('Scalingo checks skipped: SCALINGO_API_TOKEN is not set')
      for (const r of [both, noGitHub, none]) {
        const all = r.stdout + r.stderr
        expect(all).not.toContain(scalingoToken)
        expect(all).not.toContain(run.githubToken)
        expectNoWorkflowCommands(r.stdout)
      }
    },
    LONG
  )

  it('says so when no repository is known, and skips the GitHub part', async () => {
    const { stdout, code } = await runCommand(['--apps=my-app'])
    expect(code).toBe(0)
    expect(stdout).toContain(
      'GitHub checks skipped: no --repo given and GITHUB_REPOSITORY is not set'
    )
  })
})

it('the bundle is what package.json links as the command', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> }
  expect(CLI.endsWith(pkg.bin['scalingo-governance'] ?? 'missing')).toBe(true)
  expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
})
