import { describe, expect, it } from '@jest/globals'
import { makeConfig } from '../../__fixtures__/config.js'
import { createRedactor } from '../../src/report/redact.js'
import { renderSummary } from '../../src/report/summary.js'
import type { AccessChange, Facts } from '../../src/types.js'
import { makeApp, makeGitHub, makeScalingo, makeVerdict } from '../../__fixtures__/report-data.js'

const changes: AccessChange[] = [
  {
    app: 'my-app',
    at: '2026-11-25T08:42:02.103Z',
    actor: 'alice@example.com',
    what: 'collaborator removed',
    subject: 'bob@example.com'
  },
  {
    app: 'my-app',
    at: '2026-11-20T10:00:00.000Z',
    actor: 'alice@example.com',
    what: 'SCM link changed (branch main)',
    subject: 'acme/shop'
  }
]

function summary(facts: Facts, redact: boolean): string {
  const accounts =
    facts.scalingo.status === 'read'
      ? facts.scalingo.apps.flatMap((a) => [a.owner, ...a.collaborators])
      : []
  return renderSummary({
    verdict: makeVerdict(),
    facts,
    config: makeConfig({ changesSince: { input: '7d', since: '2026-11-19T15:30:00.000Z' } }),
    redactor: createRedactor(accounts, redact)
  })
}

const withChanges = (
  extra: Partial<Extract<Facts['scalingo'], { status: 'read' }>> = {}
): Facts => {
  const s = makeScalingo([makeApp()])
  return { scalingo: s.status === 'read' ? { ...s, changes, ...extra } : s, github: makeGitHub() }
}

describe('summary: access changes', () => {
  it('lists each change newest first with when, who, what, app and account', () => {
    const text = summary(withChanges(), false)
    expect(text).toContain('### Access changes since 2026-11-19 (7d)')
    const rows = text.split('\n').filter((l) => l.startsWith('| 2026-'))
    expect(rows).toEqual([
      '| 2026-11-25 08:42 | alice@example.com | collaborator removed | my-app | bob@example.com |',
      '| 2026-11-20 10:00 | alice@example.com | SCM link changed (branch main) | my-app | acme/shop |'
    ])
  })

  it('redacts who and the account when redaction applies', () => {
    const text = summary(withChanges(), true)
    expect(text).not.toContain('alice@example.com')
    expect(text).not.toContain('bob@example.com')
    expect(text).toContain(
      '| 2026-11-25 08:42 | a\\*\\*\\*@example.com | collaborator removed | my-app | b\\*\\*\\*@example.com |'
    )
  })

  it('says when the events of an app could not be read, and when nothing changed', () => {
    const failed = summary(
      withChanges({
        changes: [],
        failures: [
          {
            app: 'my-app',
            what: 'events of my-app (access changes for changes-since)',
            reason: 'HTTP 500'
          }
        ]
      }),
      false
    )
    expect(failed).toMatch(/The events of my-app could not be read, so this list is incomplete/)
    expect(failed).toContain('No access change on the audited apps in this window.')
  })
})
