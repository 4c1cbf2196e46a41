import { helpUrl } from '../src/policy/catalog.js'
import type {
  Account,
  AppFacts,
  BranchFacts,
  Collaborator,
  Facts,
  Finding,
  GitHubFacts,
  ScalingoFacts,
  Verdict
} from '../src/types.js'
import {
  makeAccount,
  makeApp as makeFactsApp,
  makeBranch as makeFactsBranch,
  makeCollaborator as makeFactsCollaborator,
  makeGitHub as makeFactsGitHub,
  makeScalingo as makeFactsScalingo,
  makeScmLink,
  makeToken,
  makeWorkflow,
  seen,
  unseen
} from './facts.js'

/**
 * Test data for the reporters; defaults look like a small, mostly healthy team. Built on the
 * factories of facts.ts, with the reporters' own defaults passed as overrides.
 */
export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  const rule = overrides.rule ?? 'collaborator-without-2fa'
  return {
    rule,
    severity: 'warning',
    app: 'my-app',
    subject: 'bob@example.com',
    message: 'bob@example.com has no 2FA on my-app.',
    fix: 'Ask bob@example.com to enable 2FA.',
    help: helpUrl(rule),
    ...overrides
  }
}

export function makeVerdict(
  findings: readonly Finding[] = [],
  overrides: Partial<Verdict> = {}
): Verdict {
  const open = findings.filter((f) => !f.accepted)
  return {
    result: open.some((f) => f.severity === 'error') ? 'fail' : 'pass',
    teamSize: { size: 'small', why: 'auto: 3 accounts on 1 app → small' },
    findings,
    counts: {
      errors: open.filter((f) => f.severity === 'error').length,
      warnings: open.filter((f) => f.severity === 'warning').length,
      notices: open.filter((f) => f.severity === 'notice').length
    },
    incomplete: false,
    ...overrides
  }
}

/** Alice owns the apps and holds the Scalingo token in the reporters' data. */
const alice = (): Account =>
  makeAccount({ id: 'u1', username: 'alice', email: 'alice@example.com' })

/** Bob: an accepted full Collaborator without 2FA. */
export function makeCollaborator(overrides: Partial<Collaborator> = {}): Collaborator {
  return makeFactsCollaborator({
    id: 'c1',
    username: 'bob',
    email: 'bob@example.com',
    tfa: false,
    ...overrides
  })
}

/** my-app owned by alice, with bob, carol (limited, 2FA) and dan (pending); review apps on. */
export function makeApp(overrides: Partial<AppFacts> = {}): AppFacts {
  return makeFactsApp({
    // Stays my-app when only the name is overridden.
    scalingoName: 'my-app',
    owner: alice(),
    collaborators: [
      makeCollaborator(),
      makeCollaborator({
        id: 'c2',
        username: 'carol',
        email: 'carol@example.com',
        isLimited: true,
        tfa: true
      }),
      makeCollaborator({
        id: 'c3',
        username: 'dan',
        email: 'dan@example.com',
        status: 'pending',
        tfa: null
      })
    ],
    scmLink: makeScmLink({ reviewAppsEnabled: true }),
    ...overrides
  })
}

/** main protected by branch protection and rulesets, one approval, enforce_admins unreadable. */
export function makeBranch(overrides: Partial<BranchFacts> = {}): BranchFacts {
  return makeFactsBranch({
    sources: ['branch', 'rulesets'],
    requiredApprovals: seen(1),
    codeOwnerReviews: seen(false),
    requiredStatusChecks: seen(['test', 'lint']),
    adminsBypass: unseen(),
    unreadable: [{ what: 'enforce_admins', permission: 'Administration: read' }],
    ...overrides
  })
}

/** The token is alice's and reaches exactly `apps`. */
export function makeScalingo(apps: readonly AppFacts[] = [makeApp()]): ScalingoFacts {
  return makeFactsScalingo({
    token: makeToken({
      account: alice(),
      reachableApps: apps.map((a) => ({ region: a.region, name: a.name }))
    }),
    apps,
    requests: 4
  })
}

/** A public acme/shop with the CI workflow and a Nightly one that does not run on pull requests. */
export function makeGitHub(overrides: Parameters<typeof makeFactsGitHub>[0] = {}): GitHubFacts {
  return makeFactsGitHub({
    isPrivate: false,
    branches: [makeBranch()],
    workflows: seen([
      makeWorkflow(),
      makeWorkflow({
        name: 'Nightly',
        path: '.github/workflows/nightly.yml',
        onPullRequest: false
      })
    ]),
    requests: 5,
    ...overrides
  })
}

export function makeFacts(overrides: Partial<Facts> = {}): Facts {
  return { scalingo: makeScalingo(), github: makeGitHub(), ...overrides }
}

/** Strings that try every injection the reporters must neutralise. */
export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[click](https://evil.example/steal)',
  '| injected | cell |',
  'line one\r\n## heading\nline three',
  '::error::x',
  '\n::set-output name=result::pass',
  '%0A::warning::y',
  '`code` **bold** _em_ ~~strike~~ # ! & \\',
  '<!-- scalingo-access-governance -->',
  '</details><script>alert(1)</script>'
]
