import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeConfig } from '../__fixtures__/config.js'
import * as core from '../__fixtures__/core.js'
import { makeFacts, makeGitHub } from '../__fixtures__/facts.js'
import { makeFinding, makeVerdict } from '../__fixtures__/report-data.js'
import { publish, type PublishInput } from '../src/publish.js'
import { REPORT_FILE_NAME } from '../src/report/report-file.js'
import type { Config, Facts, Verdict } from '../src/types.js'

/** The publish step with the @actions/core fixture: what a reviewer sees, and nothing decided. */
const temp = mkdtempSync(join(tmpdir(), 'publish-test-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

const ENV = {
  RUNNER_TEMP: temp,
  GITHUB_WORKSPACE: temp,
  GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '42'
}

const error = makeFinding({
  rule: 'owner-unexpected',
  severity: 'error',
  subject: 'alice@example.com',
  message: 'alice@example.com owns my-app but is not listed in owners.',
  fix: 'Transfer my-app to an account listed in owners.'
})
const warning = makeFinding() // collaborator-without-2fa, bob@example.com
const failing = makeVerdict([error, warning])

function publishWith(
  overrides: { verdict?: Verdict; facts?: Facts; config?: Partial<Config>; env?: object } = {}
): Promise<unknown> {
  const input: PublishInput = {
    verdict: overrides.verdict ?? failing,
    facts: overrides.facts ?? makeFacts(),
    config: makeConfig({ pullRequest: null, ...overrides.config }),
    octokit: null,
    stickyComment: null,
    core,
    env: { ...ENV, ...overrides.env }
  }
  return publish(input)
}

beforeEach(() => core.resetCore())

describe('publish', () => {
  it('annotates each finding at its level, with the rule and app as the title', async () => {
    await publishWith({ config: { redact: 'false' } })
    expect(core.error.mock.calls).toEqual([
      [`${error.message} Fix: ${error.fix}`, { title: 'owner-unexpected (my-app)' }]
    ])
    expect(core.warning.mock.calls).toEqual([
      [`${warning.message} Fix: ${warning.fix}`, { title: 'collaborator-without-2fa (my-app)' }]
    ])
  })

  it('sets every output of the contract through core.setOutput', async () => {
    await publishWith({ config: { redact: 'false', sarifFile: 'out/governance.sarif' } })
    const outputs = core.outputs()
    expect(outputs).toMatchObject({
      result: 'fail',
      'team-size': 'small',
      errors: '1',
      warnings: '1',
      notices: '0',
      'report-file': join(temp, REPORT_FILE_NAME),
      'sarif-file': join(temp, 'out/governance.sarif')
    })
    const findings = JSON.parse(outputs.findings ?? '') as { rule: string }[]
    expect(findings.map((f) => f.rule)).toEqual(['owner-unexpected', 'collaborator-without-2fa'])
    expect(existsSync(outputs['report-file'] ?? '')).toBe(true)
    expect(existsSync(outputs['sarif-file'] ?? '')).toBe(true)
  })

  it('writes the job summary once through core.summary, linking the run', async () => {
    await publishWith()
    expect(core.summaryWrites).toHaveLength(1)
    const summary = core.summaryWrites[0] ?? ''
    expect(summary).toContain('owner-unexpected')
    expect(summary).toContain('https://github.com/acme/shop/actions/runs/42')
  })

  it('writes no summary when the runner gives no GITHUB_STEP_SUMMARY', async () => {
    await publishWith({ env: { GITHUB_STEP_SUMMARY: '' } })
    expect(core.summaryWrites).toEqual([])
    expect(core.setOutput).toHaveBeenCalledWith('result', 'fail')
  })

  it('masks accounts in annotations, outputs and summary on a public repository', async () => {
    await publishWith({ facts: makeFacts({ github: makeGitHub({ isPrivate: false }) }) })
    const seen = [
      ...core.error.mock.calls.map(([message]) => String(message)),
      ...core.warning.mock.calls.map(([message]) => String(message)),
      core.outputs().findings ?? '',
      ...core.summaryWrites
    ]
    expect(seen.join('\n')).toContain('a***@example.com')
    for (const text of seen) expect(text).not.toMatch(/alice@|bob@/)
    // The report file under RUNNER_TEMP keeps them (DESIGN §3 `redact`).
    const report = readFileSync(core.outputs()['report-file'] ?? '', 'utf8')
    expect(report).toContain('alice@example.com')
  })

  it('says which part was skipped, in a notice', async () => {
    await publishWith({
      verdict: makeVerdict([]),
      facts: makeFacts({
        scalingo: { status: 'skipped', reason: 'scalingo-api-token is empty' },
        github: { status: 'skipped', reason: 'no repository is known' }
      })
    })
    expect(core.notice.mock.calls).toEqual([
      [
        'Scalingo checks skipped: scalingo-api-token is empty. The GitHub checks still ran.',
        { title: 'Scalingo part skipped' }
      ],
      ['GitHub checks skipped: no repository is known.', { title: 'GitHub part skipped' }]
    ])
  })

  it('says why there is no comment when one is asked for outside a pull request', async () => {
    await publishWith({ config: { comment: 'true' } })
    expect(core.notice).toHaveBeenCalledWith(
      'No pull request comment: this run is not for a pull request.',
      { title: 'Comment skipped' }
    )
  })

  it('never decides the exit', async () => {
    await publishWith()
    expect(core.setFailed).not.toHaveBeenCalled()
  })
})
