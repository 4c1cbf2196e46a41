import { describe, expect, it } from '@jest/globals'
import { makeConfig } from '../../__fixtures__/config.js'
import { createRedactor } from '../../src/report/redact.js'
import { SUMMARY_MAX_BYTES, renderSummary, type SummaryContext } from '../../src/report/summary.js'
import type { Account, AppFacts, Facts, Finding } from '../../src/types.js'
import {
  HOSTILE,
  makeApp,
  makeBranch,
  makeCollaborator,
  makeFacts,
  makeFinding,
  makeGitHub,
  makeScalingo,
  makeVerdict
} from '../../__fixtures__/report-data.js'

function accountsOf(facts: Facts): Account[] {
  if (facts.scalingo.status !== 'read') return []
  return facts.scalingo.apps.flatMap((a) => [a.owner, ...a.collaborators])
}

function context(
  findings: readonly Finding[],
  facts: Facts = makeFacts(),
  redact = false
): SummaryContext {
  return {
    verdict: makeVerdict(findings),
    facts,
    config: makeConfig(),
    redactor: createRedactor(accountsOf(facts), redact),
    runUrl: 'https://github.com/acme/shop/actions/runs/42'
  }
}

const findings = [
  makeFinding({
    severity: 'error',
    rule: 'branch-unprotected',
    app: null,
    subject: 'main',
    message: 'main is not protected.',
    fix: 'Protect it.'
  }),
  makeFinding({ severity: 'warning' }),
  makeFinding({
    severity: 'notice',
    rule: 'invitation-pending',
    subject: 'dan@example.com',
    accepted: { reason: 'joins Monday', until: '2030-01-31' }
  })
]

describe('renderSummary', () => {
  const md = renderSummary(context(findings))

  it('opens with the verdict and the counts of findings not accepted', () => {
    expect(md.split('\n')[0]).toBe('## ❌ Scalingo access governance: fail')
    expect(md).toContain('**1 error, 1 warning, 0 notices, 1 accepted** on acme/shop')
  })

  it('states the team size and why', () => {
    expect(md).toContain('**Team size:** small (auto: 3 accounts on 1 app → small)')
  })

  it('lists each app with owner, full and Limited Collaborators, pending and 2FA coverage', () => {
    const row = md.split('\n').find((l) => l.startsWith('| my-app |'))
    expect(row).toBe(
      '| my-app | osc-fr1 | alice@example.com | 1 full, 1 limited, 1 pending or deleted | 2 on, 1 off | acme/shop@main (auto-deploy) |'
    )
    // The names, out of the table's cells.
    expect(md).toContain('- **my-app**: owner alice@example.com')
    expect(md).toContain('  - Collaborators: bob@example.com')
    expect(md).toContain('  - Limited Collaborators: carol@example.com')
    expect(md).toContain('  - Pending or deleted: dan@example.com')
  })

  it('describes the audited branch: sources, approvals, checks, code owners, CI', () => {
    expect(md).toContain(
      '| main | my-app | yes | 1 | 2 | not required | blocked | blocked | not visible |'
    )
    expect(md).toContain(
      '- **main**: read from branch summary, rulesets; required checks: test, lint'
    )
    expect(md).toContain('**CI workflows on pull requests:** CI (.github/workflows/ci.yml)')
  })

  it('shows required workflows (ruleset workflows rules) among the required checks', () => {
    const github = makeGitHub({
      branches: [
        makeBranch({
          requiredStatusChecks: { seen: false },
          requiredWorkflows: ['.github/workflows/ci.yml@refs/heads/main']
        })
      ]
    })
    const text = renderSummary(context([], { ...makeFacts(), github }))
    // Counted in the table's cell, named in the list below it.
    expect(text).toMatch(/\| main \| my-app \| [^|]+ \| [^|]+ \| 1 \|/)
    expect(text).toContain('required checks: workflow .github/workflows/ci.yml@refs/heads/main')
  })

  it('groups findings by severity with rule link, app, subject, message and fix', () => {
    expect(md.indexOf('#### ❌ Errors (1)')).toBeLessThan(md.indexOf('#### ⚠️ Warnings (1)'))
    expect(md).toContain(
      '❌ [branch-unprotected](https://github.com/scalingo-access-governance/action#branch-unprotected) · **main** · Branch unprotected'
    )
    expect(md).toContain('- main is not protected.')
    expect(md).toContain('**How to fix:** Protect it.')
    expect(md).not.toContain('#### ℹ️ Notices')
  })

  it('lists accepted findings with reason and until', () => {
    expect(md).toContain('### Accepted findings (1)')
    expect(md).toMatch(
      /ℹ️ \[invitation-pending\]\([^)]+\) · \*\*dan@example.com\*\* · .* · my-app · _accepted_/
    )
    expect(md).toContain('Accepted: joins Monday, until 2030-01-31')
  })

  it('says what was not checked and why', () => {
    const facts = makeFacts({
      scalingo: { status: 'skipped', reason: 'no scalingo-api-token (pull request from a fork)' },
      github: makeGitHub({
        failures: [
          {
            app: null,
            what: 'rules of branch main',
            reason: 'HTTP 500 on GET /repos/acme/shop/rules/branches/main'
          }
        ],
        workflows: { seen: false }
      })
    })
    const out = renderSummary(context([], facts))
    const section = out.slice(out.indexOf('### Not checked'))
    expect(section).toContain(
      '- Scalingo: skipped, no scalingo-api-token (pull request from a fork)'
    )
    expect(section).toContain(
      '- GitHub: rules of branch main: HTTP 500 on GET /repos/acme/shop/rules/branches/main'
    )
    expect(section).toContain('- GitHub: CI workflows could not be listed')
    expect(section).toContain('- Branch main: enforce\\_admins (needs Administration: read)')
    expect(out).toContain('**CI workflows on pull requests:** could not be read')
  })

  it('says everything was read when nothing is missing', () => {
    const facts = makeFacts({ github: makeGitHub({ branches: [makeBranch({ unreadable: [] })] }) })
    expect(renderSummary(context([], facts))).toContain('Everything the rules need was read.')
  })

  it.each(HOSTILE)('escapes a hostile app, branch, account and message: %j', (hostile) => {
    const app = makeApp({
      name: hostile,
      collaborators: [makeCollaborator({ email: null, username: hostile })]
    })
    const facts = makeFacts({
      scalingo: makeScalingo([app]),
      github: makeGitHub({
        branches: [
          makeBranch({ branch: hostile, requiredStatusChecks: { seen: true, value: [hostile] } })
        ]
      })
    })
    const out = renderSummary(
      context(
        [makeFinding({ app: hostile, subject: hostile, message: hostile, fix: hostile })],
        facts
      )
    )
    // Only the summary's own collapsible blocks are HTML.
    const own = out.replace(/^<details><summary>[^<]*<\/summary>$|^<\/details>$/gm, '')
    expect(own).not.toMatch(/<(img|script|\/?details)|\[click\]\(|\r/)
    expect(out).not.toContain('<!-- scalingo')
    // Every table row keeps its column count: no cell was split by a pipe or a newline.
    for (const line of out.split('\n').filter((l) => l.startsWith('| '))) {
      const cells = line.replace(/\\\|/g, '').split('|').length
      // 6 (apps) or 9 (branches) columns: no table is wider than that.
      expect([8, 11]).toContain(cells)
    }
  })

  it('leaves no email in the summary when redacting', () => {
    const out = renderSummary(context(findings, makeFacts(), true))
    expect(out).not.toMatch(/[a-z]{2,}@example\.com/)
    expect(out).toContain('a\\*\\*\\*@example.com')
  })

  it('stays under 1 MiB with 500 apps × 200 collaborators and thousands of findings', () => {
    const apps: AppFacts[] = Array.from({ length: 500 }, (_, a) =>
      makeApp({
        name: `app-${a}-${'n'.repeat(60)}`,
        collaborators: Array.from({ length: 200 }, (_, c) =>
          makeCollaborator({
            id: `${a}-${c}`,
            username: `user${a}x${c}`,
            email: `user${a}x${c}@example.com`,
            isLimited: c % 2 === 0
          })
        )
      })
    )
    const many = apps.flatMap((app, a) =>
      Array.from({ length: 10 }, (_, i) =>
        makeFinding({
          severity: (['error', 'warning', 'notice'] as const)[i % 3],
          app: app.name,
          subject: `user${a}x${i}@example.com`,
          message: `<b>${'long message '.repeat(40)}</b>`,
          fix: 'x|'.repeat(200)
        })
      )
    )
    const facts = makeFacts({ scalingo: makeScalingo(apps) })
    const out = renderSummary(context(many, facts, true))
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThan(SUMMARY_MAX_BYTES)
    expect(out).toContain('…and 400 more apps')
    const errors = many.filter((f) => f.severity === 'error').length
    // Accounts masked alike (u***@example.com) stay apart: 100 error lines, then a count.
    expect(out.split('\n').filter((l) => l.startsWith('❌ ['))).toHaveLength(100)
    expect(out).toContain(`…and ${errors - 100} more (see the report file).`)
    // 100 full and 100 Limited Collaborators per app, 20 names shown of each.
    expect(out).toContain('…and 80 more')
    expect(out).not.toMatch(/user\d+x\d+@example\.com/)
  })

  it('cuts at any byte limit, and says so', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      makeFinding({ subject: `user${i}@example.com`, message: `m${i} ${'é'.repeat(200)}` })
    )
    const out = renderSummary({ ...context(many), maxBytes: 20_000 })
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(20_000)
    expect(out).toContain('This summary was shortened')
  })
})
