import { helpUrl } from '../src/policy/catalog.js'
import type {
  AppFacts,
  BranchFacts,
  Collaborator,
  Facts,
  Finding,
  GitHubFacts,
  ScalingoFacts,
  Verdict
} from '../src/types.js'

/** Test data for the reporters; defaults look like a small, mostly healthy team. */
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

export function makeCollaborator(overrides: Partial<Collaborator> = {}): Collaborator {
  return {
    id: 'c1',
    username: 'bob',
    email: 'bob@example.com',
    status: 'accepted',
    isLimited: false,
    tfa: false,
    ...overrides
  }
}

export function makeApp(overrides: Partial<AppFacts> = {}): AppFacts {
  return {
    name: 'my-app',
    scalingoName: 'my-app',
    region: 'osc-fr1',
    parentApp: null,
    owner: { id: 'u1', username: 'alice', email: 'alice@example.com' },
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
    scmLink: {
      scmType: 'github',
      url: 'https://github.com',
      linker: null,
      owner: 'acme',
      repo: 'shop',
      branch: 'main',
      autoDeploy: true,
      reviewAppsEnabled: true,
      reviewAppsFromForks: false
    },
    ...overrides
  }
}

export function makeBranch(overrides: Partial<BranchFacts> = {}): BranchFacts {
  return {
    branch: 'main',
    deploysTo: ['my-app'],
    sources: ['branch', 'rulesets'],
    protected: { seen: true, value: true },
    requiredApprovals: { seen: true, value: 1 },
    codeOwnerReviews: { seen: true, value: false },
    requiredStatusChecks: { seen: true, value: ['test', 'lint'] },
    forcePushAllowed: { seen: true, value: false },
    deletionAllowed: { seen: true, value: false },
    adminsBypass: { seen: false },
    protectionNotOnPlan: false,
    locked: false,
    requiredWorkflows: [],
    codeOwnersMissing: false,
    ruleTypes: [],
    bypassActors: [],
    unreadable: [{ what: 'enforce_admins', permission: 'Administration: read' }],
    ...overrides
  }
}

export function makeScalingo(apps: readonly AppFacts[] = [makeApp()]): ScalingoFacts {
  return {
    status: 'read',
    token: {
      account: { id: 'u1', username: 'alice', email: 'alice@example.com' },
      tfaEnabled: true,
      reachableApps: apps.map((a) => ({ region: a.region, name: a.name })),
      reviewApps: 0
    },
    apps,
    failures: [],
    requests: 4
  }
}

export function makeGitHub(
  overrides: Partial<Extract<GitHubFacts, { status: 'read' }>> = {}
): GitHubFacts {
  return {
    status: 'read',
    owner: 'acme',
    repo: 'shop',
    defaultBranch: 'main',
    isPrivate: false,
    branches: [makeBranch()],
    deploys: { seen: true, value: { jobs: [], unread: [] } },
    environments: { seen: true, value: [] },
    workflows: {
      seen: true,
      value: [
        { name: 'CI', path: '.github/workflows/ci.yml', state: 'active', onPullRequest: true },
        {
          name: 'Nightly',
          path: '.github/workflows/nightly.yml',
          state: 'active',
          onPullRequest: false
        }
      ]
    },
    actionsCanApprove: { seen: true, value: false },
    failures: [],
    requests: 5,
    ...overrides
  }
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
