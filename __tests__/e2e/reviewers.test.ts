import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { COMMENT_MARKER } from '../../src/types.js'
import { ownedScenario } from '../../src/sandbox/bench.js'
import type { SandboxComment } from '../../src/sandbox/github-api.js'
import { loadScenario } from '../../src/sandbox/scenario.js'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import { runCase, type CaseRun } from './harness.js'
import { lines, runOn, runScenario, type ScenarioRun } from './run-scenario.js'

const addFormats = addFormatsModule.default
const sarifSchema = JSON.parse(
  readFileSync(new URL('../report/sarif-schema-2.1.0.json', import.meta.url), 'utf8')
) as Record<string, unknown>

const ownComments = (where: { readonly comments: readonly SandboxComment[] }) =>
  where.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))

/** Runs the action on a sandbox and removes the run's temporary folder. */
async function runAndClean(
  sandbox: Sandbox,
  overrides: Readonly<Record<string, string>> = {}
): Promise<ScenarioRun> {
  const run = await runOn(sandbox, overrides)
  await rm(run.tempDir, { recursive: true, force: true })
  return run
}

/**
 * A mid-failing sandbox and the action's first run on it, with the defaults: the sticky comment
 * test goes on from there and the job summary test reads the same run.
 */
let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'mid-failing' })
})
afterAll(async () => {
  await sandbox.close()
})
let midFailingRun: Promise<ScenarioRun> | undefined
const midFailing = (): Promise<ScenarioRun> => (midFailingRun ??= runAndClean(sandbox))

/** large-failing with its defaults (and a SARIF file), read by the annotation and redaction tests. */
let largeFailingRun: Promise<CaseRun> | undefined
const largeFailing = (): Promise<CaseRun> =>
  (largeFailingRun ??= runCase({ scenario: 'large-failing' }))

describe('sticky pull request comment', () => {
  it('is created once, then left or edited in place on reruns, never duplicated', async () => {
    const others = sandbox.comments.filter((c) => !c.body.startsWith(COMMENT_MARKER))
    const first = await midFailing()
    expect(ownComments(sandbox)).toHaveLength(1)
    const [created] = ownComments(sandbox)
    expect(created?.body).toContain('fail')
    // One short line per group of findings (rule and subject across apps), most severe first,
    // each with a collapsed "How to fix"; no table, so nothing is cut at a comment's width.
    const body = created?.body ?? ''
    const lines = body.split('\n').filter((l) => /^(❌|⚠️|ℹ️) \[/u.test(l))
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.length).toBeLessThan(first.findings.length)
    expect(lines[0]).toMatch(/^❌ \[/u)
    expect(lines.some((l) => /^❌ \[owner-unexpected\]/u.test(l))).toBe(true)
    expect(lines.at(-1)).toMatch(/^ℹ️ /)
    expect(body).toContain('Transfer the project holding fleet-production')
    expect(body).toContain('collaborators-update --limited=true')
    expect(body).not.toMatch(/^\|/m)
    expect(first.stdout).toContain('Pull request comment created.')

    const second = await runAndClean(sandbox)
    expect(second.stdout).toContain('Pull request comment unchanged.')
    expect(ownComments(sandbox)).toHaveLength(1)
    expect(ownComments(sandbox)[0]?.id).toBe(created?.id)

    // A change of verdict edits the same comment.
    const third = await runAndClean(sandbox, {
      'fail-on': 'never',
      ignore: 'owner-unexpected # moving'
    })
    expect(third.stdout).toContain('Pull request comment updated.')
    const [updated] = ownComments(sandbox)
    expect(ownComments(sandbox)).toHaveLength(1)
    expect(updated?.id).toBe(created?.id)
    expect(updated?.body).not.toEqual(created?.body)
    expect(updated?.body).toContain('moving')
    // Comments of people are left alone.
    expect(sandbox.comments.filter((c) => !c.body.startsWith(COMMENT_MARKER))).toEqual(others)
    // Writes to comments: one create, one edit (the GraphQL viewer questions are reads).
    const writes = sandbox.requests.filter(
      (r) => r.service === 'github' && r.method !== 'GET' && r.path.startsWith('/repos/')
    )
    expect(writes.map((r) => r.method)).toEqual(['POST', 'PATCH'])
  })

  it("never edits a person's comment that carries the marker; a rerun edits the action's own", async () => {
    const scenario = loadScenario('small-failing')
    scenario.repository.comments.push({
      id: 90077,
      body: `${COMMENT_MARKER}\n### ✅ Scalingo access governance: pass`,
      user: 'mallory'
    })
    const hostile = await startSandbox({ scenario })
    try {
      await runAndClean(hostile)
      await runAndClean(hostile, { 'fail-on': 'never' })
      const marked = ownComments(hostile)
      expect(marked.find((c) => c.id === 90077)?.body).toBe(
        `${COMMENT_MARKER}\n### ✅ Scalingo access governance: pass`
      )
      // Exactly one comment of the action, written by the workflow token, edited on the rerun.
      const mine = marked.filter((c) => c.user === 'github-actions[bot]')
      expect(mine).toHaveLength(1)
      expect(mine[0]?.updatedAt).not.toBe(mine[0]?.createdAt)
    } finally {
      await hostile.close()
    }
  })

  it('shows the healthy state when everything passes', async () => {
    const run = await runCase({ scenario: 'mid-healthy' })
    expect(run.outputs.result).toBe('pass')
    const [comment] = ownComments(run)
    expect(comment?.body).toMatch(/pass/i)
    expect(comment?.body).toMatch(/no finding|all checks pass|nothing to fix/i)
  })
})

describe('annotations', () => {
  it('stay within 10 per level, most severe first, the last slot counting the rest', async () => {
    const run = await largeFailing()
    const errors = run.findings.filter((f) => f.severity === 'error' && !f.accepted)
    expect(errors.length).toBeGreaterThan(10)
    for (const level of ['error', 'warning', 'notice'] as const) {
      expect(run.annotations.filter((a) => a.level === level).length).toBeLessThanOrEqual(10)
    }
    expect(run.annotations.length).toBeLessThanOrEqual(50)
    const errorAnnotations = run.annotations.filter((a) => a.level === 'error')
    // Groups of one rule and subject: fewer lines than findings, then the overflow line.
    const overflow = errorAnnotations.find((a) => a.title === 'Annotation limit (error)')
    expect(overflow?.message).toMatch(/^\d+ more error findings: see the job summary$/)
    const first = errorAnnotations[0]
    const finding = errors[0]
    expect(first?.title).toMatch(new RegExp(`^${finding?.rule} \\(`))
  })
})

describe('job summary', () => {
  it('gives the verdict, the team size and why, apps, branches, findings, accepted and gaps', async () => {
    const run = await midFailing()
    const summary = run.summary
    expect(summary).toMatch(/❌.*fail/)
    expect(summary).toContain('mid (auto: ')
    expect(summary).toMatch(/accounts on 2 apps → mid/)
    expect(summary).toContain('fleet-production')
    expect(summary).toContain('paul@fleet.example')
    expect(summary).toMatch(/\| \d+ on, \d+ off(, \d+ unknown)? \|/)
    expect(summary).toMatch(/\| main \| fleet-production \|/)
    expect(summary).toMatch(/### Findings/)
    expect(summary).toMatch(/### Accepted findings \(1\)/)
    expect(summary).toContain('staging is deployed from the infra repository on purpose')
    expect(summary).toMatch(/### Not checked/)
  })

  it('stays under 1 MiB with 50 apps of 200 collaborators', async () => {
    // The token's account owns the apps, so the bulk lists serve them: the size is what this
    // checks. Pacing a collaborator-only token is e2e/scalingo-as-documented.test.ts's case 5.
    const scenario = ownedScenario(50, 200)
    const run = await runCase({ scenario, inputs: { 'fail-on': 'never' } })
    expect(run.code).toBe(0)
    expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThan(1024 * 1024)
    expect(run.summary).toMatch(/and \d+ more/)
  }, 120_000)
})

describe('comment at scale', () => {
  it("stays under GitHub's 65,536 characters at the bench's largest case, failing everywhere", async () => {
    // 50 apps of 200 collaborators (the bench's largest case), made to fail: no member list
    // (every developer is outside the roster) and no 2FA anywhere: about 20,000 findings.
    const scenario = ownedScenario(50, 200)
    const failing = {
      ...scenario,
      inputs: { ...scenario.inputs, members: '' },
      accounts: scenario.accounts.map((a) => (a.id.startsWith('dev') ? { ...a, tfa: false } : a))
    }
    const run = await runCase({ scenario: failing, inputs: { 'fail-on': 'never' } })
    const [comment] = ownComments(run)
    const body = comment?.body ?? ''
    expect(body.length).toBeLessThan(65_536)
    const shown = body.split('\n').filter((l) => /^(❌|⚠️|ℹ️) \[/u.test(l)).length
    const cut = /(\d+) more findings \((\d+) lines\) are in the job summary/.exec(body)
    expect(shown).toBeGreaterThan(0)
    expect(Number(cut?.[1])).toBeGreaterThan(0)
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length)
    process.stdout.write(
      `50 × 200, failing: comment of ${body.length} characters, ${shown} lines shown; ` +
        `${cut?.[1]} findings (${cut?.[2]} lines) left to the summary, of ${run.findings.length}\n`
    )
  }, 120_000)
})

describe('SARIF', () => {
  it('is valid SARIF 2.1.0 with stable fingerprints across runs', async () => {
    const sarifSandbox = await startSandbox({ scenario: 'mid-failing' })
    try {
      const read = async () => {
        const run = await runOn(sarifSandbox, { 'sarif-file': 'results/governance.sarif' })
        const path = run.outputs['sarif-file'] ?? ''
        expect(path).toBe(join(run.tempDir, 'workspace', 'results', 'governance.sarif'))
        const sarif = JSON.parse(await readFile(path, 'utf8')) as {
          runs: { results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[]
        }
        await rm(run.tempDir, { recursive: true, force: true })
        return { run, sarif }
      }
      const first = await read()
      const ajv = new Ajv({ strict: false, allErrors: true })
      addFormats(ajv)
      const validate = ajv.compile(sarifSchema)
      expect(validate(first.sarif)).toBe(true)
      expect(first.sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(
        first.run.findings.map((f) => f.rule)
      )
      const second = await read()
      const prints = (s: typeof first.sarif) =>
        s.runs[0]?.results.map((r) => JSON.stringify(r.partialFingerprints))
      expect(prints(second.sarif)).toEqual(prints(first.sarif))
      expect(new Set(prints(first.sarif)).size).toBe(first.run.findings.length)
    } finally {
      await sarifSandbox.close()
    }
  })
})

describe('redaction', () => {
  const emailsOf = (scenario: string) =>
    loadScenario(scenario)
      .accounts.map((a) => a.email)
      .filter((e): e is string => typeof e === 'string')

  it('on a public repository, no email appears anywhere but the report file', async () => {
    const emails = emailsOf('large-failing')
    const run = await largeFailing()
    expect(run.sarif).not.toBeNull()
    const comments = run.comments.map((c) => c.body).join('\n')
    const shown = [
      run.stdout,
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
      run.sarif ?? '',
      comments
    ]
    for (const email of emails) {
      for (const text of shown) expect(text).not.toContain(email)
    }
    expect(run.findings.some((f) => f.subject?.includes('***@'))).toBe(true)
    // The report file under RUNNER_TEMP keeps them for the maintainer.
    expect(emails.some((email) => run.reportFile?.includes(email))).toBe(true)
  })

  it('follows the input over the visibility', async () => {
    const publicShown = await runScenario('large-failing', { redact: 'false' })
    expect(lines(publicShown.findings).join('\n')).toMatch(/@bigco\.example/)
    expect(lines(publicShown.findings).join('\n')).not.toContain('***@')
    const privateHidden = await runScenario('mid-failing', { redact: 'true' })
    for (const email of emailsOf('mid-failing')) {
      expect(privateHidden.summary).not.toContain(email)
      expect(privateHidden.outputs.findings).not.toContain(email)
    }
  })
})

describe('accepted findings', () => {
  it('stay visible, marked, and leave the counts and the exit', async () => {
    const errorsOnly = await runScenario('mid-failing', {
      ignore: [
        'owner-unexpected # moving to a service account until 2027-01-31',
        'reviews-not-required@fleet-production:main until 2099-12-31 # release freeze',
        'status-checks-not-required # CI migration'
      ].join('\n')
    })
    const accepted = errorsOnly.findings.filter((f) => f.accepted)
    expect(lines(accepted)).toEqual([
      'error owner-unexpected @fleet-production :paul@fleet.example (accepted)',
      'error reviews-not-required @fleet-production :main (accepted)',
      'error status-checks-not-required @fleet-production :main (accepted)',
      'error owner-unexpected @fleet-staging :paul@fleet.example (accepted)'
    ])
    expect(accepted[1]?.accepted).toEqual({ reason: 'release freeze', until: '2099-12-31' })
    expect(errorsOnly.outputs.errors).toBe('0')
    expect(errorsOnly.outputs.result).toBe('pass')
    expect(errorsOnly.code).toBe(0)
    expect(errorsOnly.summary).toContain('release freeze')
    expect(errorsOnly.summary).toContain('2099-12-31')
  })

  it('an expired entry no longer applies and is reported', async () => {
    const run = await runScenario('small-failing', {
      ignore: 'owner-unexpected until 2020-01-01 # old exception'
    })
    expect(lines(run.findings)).toContain(
      'error owner-unexpected @startup-web :max@startup.example'
    )
    expect(run.findings.find((f) => f.rule === 'ignore-expired')).toMatchObject({
      severity: 'warning',
      subject: 'owner-unexpected until 2020-01-01 # old exception'
    })
  })
})
