import { describe, expect, it } from '@jest/globals'
import { makeConfig } from '../../__fixtures__/config.js'
import {
  makeApp,
  makeBranch,
  makeCollaborator,
  makeFacts,
  makeGitHub,
  makeScalingo,
  makeUnavailable,
  seen
} from '../../__fixtures__/facts.js'
import { applyAcceptance, entryMatches } from '../../src/policy/accept.js'
import { helpUrl } from '../../src/policy/catalog.js'
import { compareFindings, evaluate, thresholdsFor } from '../../src/policy/evaluate.js'
import { DEFAULTS_BY_SIZE } from '../../src/policy/severities.js'
import type { Config, Facts, Finding, IgnoreEntry } from '../../src/types.js'
import { HEALTHY_CONFIG } from './scenarios.js'

const TODAY = '2026-11-26'

const entry = (overrides: Partial<IgnoreEntry> = {}): IgnoreEntry => ({
  rule: 'collaborator-without-2fa',
  app: null,
  subject: null,
  until: null,
  reason: null,
  raw: 'collaborator-without-2fa',
  ...overrides
})

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  rule: 'collaborator-without-2fa',
  severity: 'warning',
  app: 'my-app',
  subject: 'alice@example.com',
  message: 'm',
  fix: 'f',
  help: helpUrl('collaborator-without-2fa'),
  ...overrides
})

const config = (overrides: Partial<Config> = {}): Config =>
  makeConfig({ ...HEALTHY_CONFIG, teamSize: 'mid', ...overrides })

describe('entryMatches', () => {
  it.each([
    [{}, true],
    [{ rule: 'invitation-pending' as const }, false],
    [{ app: 'my-app' }, true],
    [{ app: 'MY-APP' }, true],
    [{ app: 'other' }, false],
    [{ subject: 'ALICE@example.com' }, true],
    [{ subject: 'bob@example.com' }, false],
    [{ app: 'my-app', subject: 'alice@example.com' }, true]
  ])('%o → %s', (overrides, matches) => {
    expect(entryMatches(entry(overrides), finding())).toBe(matches)
  })

  it('an entry with a subject or app does not match a finding without one', () => {
    expect(entryMatches(entry({ subject: 'x' }), finding({ subject: null }))).toBe(false)
    expect(entryMatches(entry({ app: 'my-app' }), finding({ app: null }))).toBe(false)
  })
})

describe('applyAcceptance', () => {
  it('marks matches with reason and until, up to and including the until day', () => {
    const live = entry({ until: TODAY, reason: 'on leave' })
    const [accepted, other] = applyAcceptance(
      [finding(), finding({ subject: 'bob@example.com' })],
      [
        entry({ subject: 'alice@example.com', until: TODAY, reason: 'on leave' }),
        entry({ rule: 'invitation-pending' })
      ],
      TODAY
    )
    expect(accepted?.accepted).toEqual({ reason: live.reason, until: TODAY })
    expect(other?.accepted).toBeUndefined()
  })

  it('an expired entry does not apply', () => {
    const [f] = applyAcceptance([finding()], [entry({ until: '2026-11-25' })], TODAY)
    expect(f?.accepted).toBeUndefined()
  })
})

describe('thresholds', () => {
  it('has the per-size default thresholds of action.yml', () => {
    expect(DEFAULTS_BY_SIZE).toEqual({
      small: { maxCollaborators: 5, minApprovals: 1 },
      mid: { maxCollaborators: 3, minApprovals: 1 },
      large: { maxCollaborators: 3, minApprovals: 2 }
    })
  })

  it('takes an input when set, else the default for the size', () => {
    expect(thresholdsFor(makeConfig({ maxCollaborators: 9 }), 'large')).toEqual({
      maxCollaborators: 9,
      minApprovals: 2
    })
  })
})

describe('evaluate', () => {
  const noTfa = (email: string) => makeCollaborator({ email, tfa: false })
  const withCollaborators = (...collaborators: ReturnType<typeof makeCollaborator>[]): Facts =>
    makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })

  it('passes on healthy facts with no findings', () => {
    const verdict = evaluate(makeFacts(), config({ teamSize: 'auto' }))
    expect(verdict).toEqual({
      result: 'pass',
      teamSize: { size: 'small', why: 'auto: 1 account on 1 app → small' },
      findings: [],
      counts: { errors: 0, warnings: 0, notices: 0 },
      incomplete: false
    })
  })

  it('adds severity and help, drops rules that are off at the size', () => {
    const facts = makeFacts({
      github: makeGitHub({ branches: [makeBranch({ forcePushAllowed: seen(true) })] })
    })
    expect(evaluate(facts, config({ teamSize: 'small' })).findings).toEqual([])
    const [f] = evaluate(facts, config()).findings
    expect(f).toMatchObject({
      rule: 'force-push-allowed',
      severity: 'warning',
      help: 'https://github.com/scalingo-access-governance/action#force-push-allowed'
    })
  })

  it('sorts by severity, then app, rule and subject', () => {
    const facts = makeFacts({
      scalingo: makeScalingo({
        apps: [
          makeApp({
            name: 'b-app',
            collaborators: [noTfa('z@example.com'), noTfa('a@example.com')]
          }),
          makeApp({ name: 'a-app', collaborators: [noTfa('m@example.com')] })
        ]
      }),
      github: makeGitHub({ branches: [makeBranch({ protected: seen(false) })] })
    })
    const findings = evaluate(facts, config({ owners: ['cto@example.com'] })).findings
    expect(findings.map((f) => [f.severity, f.app, f.rule, f.subject])).toEqual([
      ['error', 'a-app', 'owner-unexpected', 'owner@example.com'],
      ['error', 'b-app', 'owner-unexpected', 'owner@example.com'],
      ['error', 'my-app', 'branch-unprotected', 'main'],
      ['warning', 'a-app', 'collaborator-without-2fa', 'm@example.com'],
      ['warning', 'b-app', 'collaborator-without-2fa', 'a@example.com'],
      ['warning', 'b-app', 'collaborator-without-2fa', 'z@example.com']
    ])
    const shuffled = [...findings].reverse().sort(compareFindings)
    expect(shuffled).toEqual(findings)
  })

  it('orders names by code point, the same whatever the runner locale', () => {
    const names = ['émile@example.com', 'bob@example.com', 'Zoe@example.com', 'alice@example.com']
    const sorted = names.map((subject) => finding({ subject })).sort(compareFindings)
    expect(sorted.map((f) => f.subject)).toEqual([
      'Zoe@example.com',
      'alice@example.com',
      'bob@example.com',
      'émile@example.com'
    ])
  })

  it('counts only findings not accepted', () => {
    const facts = withCollaborators(noTfa('a@example.com'), noTfa('b@example.com'))
    const ignore = [entry({ subject: 'a@example.com', reason: 'leaving Friday' })]
    const verdict = evaluate(facts, config({ ignore, failOn: 'warning' }))
    expect(verdict.findings).toHaveLength(2)
    expect(verdict.findings.filter((f) => f.accepted)).toEqual([
      expect.objectContaining({
        subject: 'a@example.com',
        accepted: { reason: 'leaving Friday', until: null }
      })
    ])
    expect(verdict.counts).toEqual({ errors: 0, warnings: 1, notices: 0 })
    expect(verdict.result).toBe('fail')
  })

  it('passes once every finding at or above fail-on is accepted', () => {
    const facts = withCollaborators(noTfa('a@example.com'))
    const verdict = evaluate(facts, config({ ignore: [entry()], failOn: 'warning' }))
    expect(verdict.counts).toEqual({ errors: 0, warnings: 0, notices: 0 })
    expect(verdict.result).toBe('pass')
  })

  it('reports an expired entry as ignore-expired and no longer accepts with it', () => {
    const raw = 'collaborator-without-2fa until 2026-11-25'
    const facts = withCollaborators(noTfa('a@example.com'))
    const verdict = evaluate(facts, config({ ignore: [entry({ until: '2026-11-25', raw })] }))
    // same severity: the repository-wide finding (app null) sorts first
    expect(verdict.findings.map((f) => [f.rule, f.subject, f.accepted])).toEqual([
      ['ignore-expired', raw, undefined],
      ['collaborator-without-2fa', 'a@example.com', undefined]
    ])
    expect(verdict.counts.warnings).toBe(2)
  })

  describe('fail-on', () => {
    // mid: collaborator-without-2fa warning, invitation-pending notice
    const warningAndNotice = withCollaborators(
      noTfa('a@example.com'),
      makeCollaborator({ status: 'pending', isLimited: true })
    )
    const noticeOnly = withCollaborators(makeCollaborator({ status: 'pending', isLimited: true }))
    const errorFacts = makeFacts({
      github: makeGitHub({ branches: [makeBranch({ protected: seen(false) })] })
    })

    it.each([
      ['error', warningAndNotice, 'pass'],
      ['warning', warningAndNotice, 'fail'],
      ['notice', noticeOnly, 'fail'],
      ['warning', noticeOnly, 'pass'],
      ['error', errorFacts, 'fail'],
      ['never', errorFacts, 'pass']
    ] as const)('fail-on %s → %s… %s', (failOn, facts, result) => {
      expect(evaluate(facts, config({ failOn })).result).toBe(result)
    })
  })

  describe('incomplete', () => {
    const broken = makeFacts({ scalingo: makeScalingo({ failures: [makeUnavailable()] }) })

    it('fails whatever fail-on says when something could not be read', () => {
      const verdict = evaluate(broken, config({ failOn: 'never' }))
      expect(verdict.incomplete).toBe(true)
      expect(verdict.result).toBe('fail')
      expect(verdict.counts.errors).toBe(1)
    })

    it('github-unavailable also makes it incomplete', () => {
      const facts = makeFacts({
        github: makeGitHub({ failures: [makeUnavailable({ app: null })] })
      })
      expect(evaluate(facts, config({ failOn: 'never' })).incomplete).toBe(true)
    })

    it('an accepted unavailable finding does not', () => {
      const ignore = [entry({ rule: 'scalingo-unavailable', raw: 'scalingo-unavailable' })]
      const verdict = evaluate(broken, config({ failOn: 'never', ignore }))
      expect(verdict.incomplete).toBe(false)
      expect(verdict.result).toBe('pass')
    })
  })

  it('uses the per-size thresholds unless the inputs set them', () => {
    const facts = makeFacts({
      github: makeGitHub({ branches: [makeBranch({ requiredApprovals: seen(1) })] })
    })
    const rules = (overrides: Partial<Config>) =>
      evaluate(facts, config(overrides)).findings.map((f) => f.rule)
    expect(rules({ teamSize: 'mid' })).toEqual([])
    expect(rules({ teamSize: 'large' })).toEqual(['reviews-not-required'])
    expect(rules({ teamSize: 'large', minApprovals: 1 })).toEqual([])
  })
})
