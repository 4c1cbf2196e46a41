import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeConfig } from '../../__fixtures__/config.js'
import { FINDINGS_OUTPUT_MAX_BYTES, findingsJson, writeOutputs } from '../../src/report/outputs.js'
import { createRedactor } from '../../src/report/redact.js'
import { REPORT_FILE_NAME, writeReportFile } from '../../src/report/report-file.js'
import { makeFacts, makeFinding, makeVerdict } from '../../__fixtures__/report-data.js'

const findings = [
  makeFinding({
    severity: 'error',
    rule: 'owner-unexpected',
    subject: 'alice@example.com',
    message: 'alice@example.com owns my-app.'
  }),
  makeFinding({ severity: 'warning' }),
  makeFinding({ severity: 'warning', accepted: { reason: 'migrating', until: '2030-01-01' } }),
  makeFinding({
    severity: 'notice',
    rule: 'invitation-pending',
    subject: 'dan@example.com',
    message: 'dan@example.com pending.'
  })
]
const accounts = [
  { id: '1', username: 'alice', email: 'alice@example.com' },
  { id: '2', username: 'bob', email: 'bob@example.com' }
]

function collect(): { set: (n: string, v: string) => void; outputs: Map<string, string> } {
  const outputs = new Map<string, string>()
  return { set: (n, v) => void outputs.set(n, v), outputs }
}

describe('writeOutputs', () => {
  it('cuts findings to the byte budget, says so in findings-truncated, and counts the rest', () => {
    const { set, outputs } = collect()
    const big = Array.from({ length: 3000 }, (_, i) =>
      makeFinding({ app: `app-${i}`, message: `${'x'.repeat(400)} ${i}` })
    )
    const { findingsOmitted } = writeOutputs(
      makeVerdict(big),
      createRedactor(accounts, false),
      set,
      {
        reportFile: '/tmp/r.json',
        sarifFile: null
      }
    )
    const json = outputs.get('findings') ?? ''
    expect(Buffer.byteLength(json, 'utf8')).toBeLessThanOrEqual(FINDINGS_OUTPUT_MAX_BYTES)
    const kept = (JSON.parse(json) as unknown[]).length
    expect(findingsOmitted).toBe(3000 - kept)
    expect(findingsOmitted).toBeGreaterThan(0)
    expect(outputs.get('findings-truncated')).toBe('true')
  })

  it('sets result, team size, counts of findings not accepted and the paths', () => {
    const { set, outputs } = collect()
    const verdict = makeVerdict(findings, { teamSize: { size: 'mid', why: 'input: mid' } })
    writeOutputs(verdict, createRedactor(accounts, false), set, {
      reportFile: '/tmp/r.json',
      sarifFile: '/w/out.sarif'
    })
    expect(Object.fromEntries([...outputs].filter(([k]) => k !== 'findings'))).toEqual({
      result: 'fail',
      'team-size': 'mid',
      errors: '1',
      warnings: '1',
      notices: '1',
      'findings-truncated': 'false',
      'report-file': '/tmp/r.json',
      'sarif-file': '/w/out.sarif'
    })
  })

  it('writes findings as a JSON array in the DESIGN shape plus fix, accepted ones marked', () => {
    const { set, outputs } = collect()
    writeOutputs(makeVerdict(findings), createRedactor(accounts, false), set, {
      reportFile: 'r',
      sarifFile: null
    })
    const parsed = JSON.parse(outputs.get('findings') ?? 'null') as Record<string, unknown>[]
    expect(parsed).toHaveLength(4)
    expect(Object.keys(parsed[0] ?? {}).sort()).toEqual([
      'app',
      'fix',
      'help',
      'message',
      'rule',
      'severity',
      'subject'
    ])
    expect(parsed[2]?.accepted).toEqual({ reason: 'migrating', until: '2030-01-01' })
    expect(outputs.has('sarif-file')).toBe(false)
  })

  it('leaves no email in the findings output when redacting', () => {
    const { set, outputs } = collect()
    writeOutputs(makeVerdict(findings), createRedactor(accounts, true), set, {
      reportFile: 'r',
      sarifFile: null
    })
    const json = outputs.get('findings') ?? ''
    expect(json).toContain('a***@example.com')
    expect(json).not.toMatch(/[a-z]+@example\.com/)
  })

  it('cuts the findings array to the size limit, keeping it valid JSON', () => {
    const big = Array.from({ length: 50 }, (_, i) =>
      makeFinding({ message: `${i} ${'x'.repeat(1000)}` })
    )
    const { json, omitted } = findingsJson(big, 10_000)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(10_000)
    const parsed = JSON.parse(json) as unknown[]
    expect(parsed.length).toBe(50 - omitted)
    expect(omitted).toBeGreaterThan(0)
  })
})

describe('writeReportFile', () => {
  it('writes verdict, unredacted findings, facts and config without any token', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sag-report-'))
    const config = makeConfig()
    const path = writeReportFile(dir, makeVerdict(findings), makeFacts(), config)
    expect(path).toBe(join(dir, REPORT_FILE_NAME))
    const text = readFileSync(path, 'utf8')
    expect(text).not.toContain(config.scalingoApiToken ?? 'unset')
    expect(text).not.toContain(config.githubToken ?? 'unset')
    const report = JSON.parse(text) as {
      config: Record<string, unknown>
      verdict: { findings: { subject: string }[] }
      facts: unknown
    }
    expect(report.config).not.toHaveProperty('scalingoApiToken')
    expect(report.config).not.toHaveProperty('githubToken')
    expect(report.config).toHaveProperty('failOn', 'error')
    expect(report.verdict.findings[0]?.subject).toBe('alice@example.com')
    expect(report.facts).toEqual(makeFacts())
    expect(statSync(path).mode & 0o077).toBe(0)
  })
})
