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

  it('gives one short line per finding group, most severe first, each fix collapsed, accepted last', () => {
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
    const lines = body.split('\n').filter((l) => /^(❌|⚠️|ℹ️) \[/.test(l))
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(
      /^❌ \[owner-unexpected\]\(.*\) · \*\*bob@example\.com\*\* · Unexpected app owner$/
    )
    expect(lines[1]).toMatch(/^ℹ️ \[invitation-pending\]/)
    expect(lines[2]).toMatch(/^⚠️ \[collaborator-without-2fa\].* · _accepted_$/)
    expect(body.indexOf('#### ❌ Errors (1)')).toBeLessThan(body.indexOf('#### ℹ️ Notices (1)'))
    expect(body).toContain('Accepted findings (1)')
    expect(body).toContain('Accepted: migrating, until 2030-01-01')
    expect(body).toContain('**How to fix:** Transfer the app.')
    // Every block opened is closed; no table at all (nothing can overflow the comment's width).
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length)
    expect(body).not.toMatch(/^\|/m)
  })

  it('reads ten identical findings across apps as one line naming the apps, with its commands', () => {
    const owned = Array.from({ length: 10 }, (_, i) => {
      const app = `shop-${String(i + 1).padStart(2, '0')}`
      return makeFinding({
        severity: 'error',
        rule: 'collaborator-not-lead',
        app,
        subject: 'alice@example.com',
        message: `alice@example.com is a full Collaborator on ${app}.`,
        fix: 'Make alice Limited.',
        command: `scalingo --app ${app} --region osc-fr1 collaborators-update --limited=true alice@example.com`
      })
    })
    const body = renderComment(ctx(owned))
    const lines = body.split('\n').filter((l) => l.startsWith('❌ ['))
    expect(lines).toEqual([
      expect.stringMatching(/alice@example\.com\*\* · Full Collaborator who is not a lead$/)
    ])
    // The heading above it names the apps.
    expect(body).toContain('**shop-01, shop-02 … shop-10 (10 apps)**')
    // Five commands in the comment, the rest counted (the summary has every one).
    expect(body).toContain('…and 5 more: the job summary and the report file have them.')
    for (const owned of ['shop-01', 'shop-05']) {
      expect(body).toContain(
        `scalingo --app ${owned} --region osc-fr1 collaborators-update --limited=true alice@example.com`
      )
    }
  })

  it('puts a placeholder in a command when redaction hides the account, and says so', () => {
    const f = makeFinding({
      command: 'scalingo --app my-app --region osc-fr1 collaborators-remove bob@example.com'
    })
    const body = renderComment({
      verdict: makeVerdict([f]),
      redactor: createRedactor([{ id: '1', username: 'bob', email: 'bob@example.com' }], true),
      runUrl
    })
    expect(body).not.toContain('bob@example.com')
    expect(body).toContain('collaborators-remove EMAIL')
    expect(body).toContain('# Redacted: put the account in place of EMAIL = b***@example.com')
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
    // Only the action's own collapsible blocks are HTML.
    const own = body.replace(/^<details><summary>How to fix<\/summary>$|^<\/details>$/gm, '')
    expect(own).not.toMatch(/<(img|script|\/?details)|\[click\]\(|\r/)
    expect(body).not.toMatch(/^\|/m)
  })

  it('redacts emails when asked', () => {
    const body = renderComment(ctx([makeFinding()], true))
    expect(body).not.toMatch(/bob@example\.com/)
    expect(body).toContain('b\\*\\*\\*@example.com')
  })

  it("stays under GitHub's 65,536 characters however many findings there are", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      makeFinding({
        severity: 'error',
        subject: `user${i}@example.com`,
        message: `${i} ${'<&>|'.repeat(200)}`,
        fix: 'y'.repeat(500)
      })
    )
    const body = renderComment(ctx(many))
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    expect(COMMENT_MAX_CHARS).toBeLessThan(65_536)
    expect(body.startsWith(COMMENT_MARKER)).toBe(true)
    expect(body).toMatch(
      /Shortened to fit a GitHub comment: \d+ more findings \(\d+ lines\) are in the job summary/
    )
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length)
  })
})
