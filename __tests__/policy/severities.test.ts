import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../src/policy/evaluate.js'
import { DEFAULTS_BY_SIZE, SEVERITY_BY_SIZE } from '../../src/policy/severities.js'
import { RULE_IDS, TEAM_SIZES, type RuleId, type TeamSize } from '../../src/types.js'
import { FIRING } from './scenarios.js'

// A literal copy of DESIGN.md §2, written by hand: a typo in severities.ts fails here.
const DESIGN_TABLE = `
owner-unexpected                 error   error   error
owner-not-service-account        off     notice  error
too-many-collaborators           warning warning warning
collaborator-not-lead            notice  warning error
account-not-in-roster            off     warning warning
too-many-accounts                warning warning warning
collaborator-without-2fa         warning warning error
owner-without-2fa                warning warning error
invitation-pending               notice  notice  notice
collaborator-account-deleted     warning warning warning
token-not-app-scoped             off     notice  warning
token-not-service-account        off     notice  warning
review-apps-from-forks           warning warning error
scm-link-other-repo              notice  notice  notice
branch-unprotected               warning error   error
reviews-not-required             warning error   error
code-owner-review-not-required   off     notice  warning
status-checks-not-required       notice  error   error
no-ci-workflow                   warning warning warning
force-push-allowed               off     warning warning
deletion-allowed                 off     warning warning
admins-can-bypass                off     notice  warning
protection-partially-readable    notice  notice  notice
scalingo-unavailable             error   error   error
github-unavailable               error   error   error
ignore-expired                   warning warning warning
`

const rows = DESIGN_TABLE.trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/))
const expected = new Map(rows.map(([rule, small, mid, large]) => [rule, { small, mid, large }]))

const cases: [RuleId, TeamSize, string][] = RULE_IDS.flatMap((rule) =>
  TEAM_SIZES.map((size): [RuleId, TeamSize, string] => [
    rule,
    size,
    expected.get(rule)?.[size] ?? 'missing from DESIGN_TABLE'
  ])
)

describe('SEVERITY_BY_SIZE', () => {
  it('covers exactly the rules of DESIGN.md', () => {
    expect([...expected.keys()].sort()).toEqual([...RULE_IDS].sort())
    expect(Object.keys(SEVERITY_BY_SIZE).sort()).toEqual([...RULE_IDS].sort())
  })

  it.each(cases)('%s at %s is %s', (rule, size, level) => {
    expect(SEVERITY_BY_SIZE[rule][size]).toBe(level)
  })

  it('has the per-size default thresholds of action.yml', () => {
    expect(DEFAULTS_BY_SIZE).toEqual({
      small: { maxCollaborators: 5, minApprovals: 1 },
      mid: { maxCollaborators: 3, minApprovals: 1 },
      large: { maxCollaborators: 3, minApprovals: 2 }
    })
  })
})

describe('evaluate gives each firing rule its severity for the size', () => {
  it.each(cases)('%s at %s → %s', (rule, size, level) => {
    const { facts, config } = FIRING[rule]
    const verdict = evaluate(facts, { ...config, teamSize: size })
    const found = verdict.findings.filter((f) => f.rule === rule)
    if (level === 'off') {
      expect(found).toEqual([])
    } else {
      expect(found.length).toBeGreaterThan(0)
      expect(found.map((f) => f.severity)).toEqual(found.map(() => level))
    }
  })
})
