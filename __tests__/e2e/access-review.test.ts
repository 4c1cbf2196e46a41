import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parse } from 'csv-parse/sync'
import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { runAction } from '../../src/sandbox/run-action.js'
import { pullRequestEvent, sandboxRun } from '../../src/sandbox/sandbox-run.js'
import { startSandbox, type RecordedRequest } from '../../src/sandbox/server.js'
import { lines, runOn, type ScenarioRun } from './run-scenario.js'

/*
 * The access review (issue 16) through dist/index.js on Node 24, on the access-review scenario:
 * the register written in the workspace and parsed back, the changes of the last 30 days in the
 * summary and the report file, the events read only as far back as the window needs; and no
 * register on a pull request from a fork.
 */

interface Run {
  readonly run: ScenarioRun
  readonly csv: string | null
  readonly requests: readonly RecordedRequest[]
}

async function reviewRun(fork = false): Promise<Run> {
  const sandbox = await startSandbox({ scenario: 'access-review' })
  try {
    let run: ScenarioRun
    if (fork) {
      const base = sandboxRun(sandbox)
      const event = pullRequestEvent({ owner: 'acme', repo: 'shop', number: 43 })
      const pr = event.pull_request as { head: { repo: unknown } }
      pr.head.repo = { full_name: 'mallory/shop', name: 'shop', owner: { login: 'mallory' } }
      const result = await runAction({
        actionDir: process.cwd(),
        ...base,
        eventPayload: event,
        timeoutMs: 150_000
      })
      run = { ...result, findings: JSON.parse(result.outputs.findings ?? '[]'), reportFile: null }
    } else {
      run = await runOn(sandbox)
    }
    const path = join(run.tempDir, 'workspace', 'access-register.csv')
    const csv = existsSync(path) ? readFileSync(path, 'utf8') : null
    await rm(run.tempDir, { recursive: true, force: true })
    return { run, csv, requests: sandbox.requests }
  } finally {
    await sandbox.close()
  }
}

let trusted: Run
let fork: Run

beforeAll(async () => {
  ;[trusted, fork] = await Promise.all([reviewRun(false), reviewRun(true)])
}, 300_000)

afterAll(() => undefined)

describe('access review end to end', () => {
  it('passes with the scenario findings only', () => {
    expect(lines(trusted.run.findings)).toEqual([
      'notice invitation-pending @acme-production :zoe@acme.example'
    ])
    expect(trusted.run.code).toBe(0)
  })

  it('writes the register: one row per app and account, roles, 2FA, lists and the token account', () => {
    expect(trusted.run.outputs['access-report']).toBe(
      join(trusted.run.tempDir, 'workspace', 'access-register.csv')
    )
    expect(trusted.csv).not.toBeNull()
    const rows = parse(trusted.csv ?? '', { bom: true }) as string[][]
    expect(rows).toEqual([
      ['app', 'region', 'account', 'username', 'role', '2fa', 'listed as', 'token account'],
      [
        'acme-production',
        'osc-fr1',
        'claire@acme.example',
        'claire',
        'owner',
        'on',
        'owners',
        'yes'
      ],
      [
        'acme-production',
        'osc-fr1',
        'lucas@acme.example',
        'lucas',
        'collaborator',
        'on',
        'leads',
        'no'
      ],
      [
        'acme-production',
        'osc-fr1',
        'nina@acme.example',
        'nina',
        'limited collaborator',
        'on',
        'members',
        'no'
      ],
      [
        'acme-production',
        'osc-fr1',
        'omar@acme.example',
        'omar',
        'limited collaborator',
        'on',
        'members',
        'no'
      ],
      ['acme-production', 'osc-fr1', 'zoe@acme.example', '', 'pending', 'unknown', 'members', 'no'],
      ['acme-staging', 'osc-fr1', 'claire@acme.example', 'claire', 'owner', 'on', 'owners', 'yes'],
      [
        'acme-staging',
        'osc-fr1',
        'lucas@acme.example',
        'lucas',
        'collaborator',
        'on',
        'leads',
        'no'
      ],
      [
        'acme-staging',
        'osc-fr1',
        'nina@acme.example',
        'nina',
        'limited collaborator',
        'on',
        'members',
        'no'
      ],
      [
        'acme-staging',
        'osc-fr1',
        'omar@acme.example',
        'omar',
        'limited collaborator',
        'on',
        'members',
        'no'
      ]
    ])
  })

  it('lists the access changes of the window in the summary, newest first, with who made them', () => {
    const summary = trusted.run.summary
    expect(summary).toMatch(/### Access changes since \d{4}-\d{2}-\d{2} \(30d\)/)
    const rows = summary
      .split('\n')
      .filter((l) => /^\| \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|/.test(l))
      .map((l) => l.split(' | ').slice(1).join(' | '))
    expect(rows).toEqual([
      'claire@acme.example | collaborator invited as Limited Collaborator | acme-production | zoe@acme.example |',
      'claire@acme.example | review app acme-staging-pr57 created from a fork for pull request \\#57 | acme-staging | outsider/shop |',
      'claire@acme.example | role changed to Limited Collaborator | acme-production | omar@acme.example |',
      'omar@acme.example | invitation accepted | acme-production | omar@acme.example |',
      'lucas@acme.example | SCM link created (branch main, auto-deploy off, review apps on) | acme-staging | acme/shop |',
      'claire@acme.example | SCM link changed (branch main, auto-deploy on) | acme-production | acme/shop |',
      'lucas@acme.example | SCM link removed | acme-staging | acme/shop-legacy |',
      'claire@acme.example | collaborator removed | acme-production | sam@acme.example |'
    ])
  })

  it('puts the same changes in the report file', () => {
    const report = JSON.parse(trusted.run.reportFile ?? '{}') as {
      changes?: { app: string; at: string; actor: string; what: string; subject: string | null }[]
    }
    expect(report.changes).toHaveLength(8)
    const times = (report.changes ?? []).map((c) => Date.parse(c.at))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect(report.changes?.[0]).toMatchObject({
      app: 'acme-production',
      actor: 'claire@acme.example',
      subject: 'zoe@acme.example'
    })
  })

  it('reads events only as far back as the window: acme-production stops before its last page', () => {
    const pages = trusted.requests
      .filter((r) => r.path === '/v1/apps/acme-production/events')
      .map((r) => r.query.page)
    // 166 events at 50 a page: 4 pages; the 30-day window ends on page 2.
    expect(pages).toEqual(['1', '2'])
    const staging = trusted.requests.filter((r) => r.path === '/v1/apps/acme-staging/events')
    expect(staging).toHaveLength(1)
  })

  it('writes no register on a pull request from a fork, and says so', () => {
    expect(fork.csv).toBeNull()
    expect(fork.run.outputs['access-report']).toBeUndefined()
    const notice = fork.run.annotations.find((a) => a.title === 'Access register not written')
    expect(notice?.message).toMatch(/pull request from a fork/)
    expect(fork.run.summary).toMatch(/\*\*Access register:\*\* not written: .*fork/)
  })
})
