import { describe, expect, it } from '@jest/globals'
import { COMMENT_MAX_CHARS, renderComment } from '../../src/report/comment.js'
import { createRedactor } from '../../src/report/redact.js'
import { COMMENT_MARKER, type Finding } from '../../src/types.js'
import { HOSTILE, makeFinding, makeVerdict } from '../../__fixtures__/report-data.js'
const runUrl = 'https://github.com/acme/shop/actions/runs/42'

function ctx(findings: readonly Finding[], redact = false) {
  return { verdict: makeVerdict(findings), redactor: createRedactor([], redact), runUrl }
}

describe('renderComment', () => {
  it('starts with the marker, then the verdict, and links the run', () => {
    const body = renderComment(ctx([makeFinding({ severity: 'error' })]))
    const lines = body.split('\n')
    expect(lines[0]).toBe(COMMENT_MARKER)
    expect(lines[1]).toBe('### ❌ Scalingo access governance: fail')
    expect(body).toContain(`[Full report in the job summary](${runUrl})`)
  })

  it('gives each finding its fix, most severe first, accepted ones marked and last', () => {
    const body = renderComment(
      ctx([
        makeFinding({ severity: 'notice', rule: 'invitation-pending', fix: 'Resend it.' }),
        makeFinding({
          severity: 'warning',
          accepted: { reason: 'migrating', until: '2030-01-01' }
        }),
        makeFinding({ severity: 'error', rule: 'owner-unexpected', fix: 'Transfer the app.' })
      ])
    )
    const rows = body
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'))
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatch(/^\| ❌ error \| \[owner-unexpected\].*\| Transfer the app\. \|$/)
    expect(rows[1]).toMatch(/^\| ℹ️ notice \| \[invitation-pending\].*\| Resend it\. \|$/)
    expect(rows[2]).toMatch(
      /^\| ⚠️ warning \(accepted\) \|.* — accepted: migrating, until 2030-01-01 \|/
    )
  })

  it('says all is well when nothing fires', () => {
    const body = renderComment(ctx([]))
    expect(body).toContain('### ✅ Scalingo access governance: pass')
    expect(body).toContain('Nothing to fix')
    expect(body).not.toContain('| Severity')
  })

  it.each(HOSTILE)('escapes hostile text and cannot fake the marker: %j', (hostile) => {
    const body = renderComment(
      ctx([makeFinding({ app: hostile, subject: hostile, message: hostile, fix: hostile })])
    )
    expect(body.indexOf(COMMENT_MARKER, 1)).toBe(-1)
    expect(body).not.toMatch(/<(img|script|\/details)|\[click\]\(|\r/)
    for (const line of body.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(8)
    }
  })

  it('redacts emails when asked', () => {
    const body = renderComment(ctx([makeFinding()], true))
    expect(body).not.toMatch(/bob@example\.com/)
    expect(body).toContain('b\\*\\*\\*@example.com')
  })

  it('stays under 65,000 characters however many findings there are', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      makeFinding({
        severity: 'error',
        message: `${i} ${'<&>|'.repeat(200)}`,
        fix: 'y'.repeat(500)
      })
    )
    const body = renderComment(ctx(many))
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    expect(body.startsWith(COMMENT_MARKER)).toBe(true)
    expect(body).toMatch(/Shortened to fit a GitHub comment|…and \d+ more findings/)
  })
})
