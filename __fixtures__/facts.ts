import type {
  Account,
  AppFacts,
  BranchFacts,
  Collaborator,
  DeployJob,
  EnvironmentFact,
  Facts,
  GitHubFacts,
  ScalingoFacts,
  ScmLink,
  Seen,
  TokenFacts,
  Unavailable,
  WorkflowFact
} from '../src/types.js'

/**
 * Fact factories for unit tests. Defaults describe a healthy small setup matching makeConfig():
 * app my-app owned by owner@example.com, linked to acme/shop whose protected branch main deploys it.
 */

export const seen = <T>(value: T): Seen<T> => ({ seen: true, value })
export const unseen = <T>(): Seen<T> => ({ seen: false })

export function makeAccount(overrides: Partial<Account> = {}): Account {
  return { id: 'us-owner', username: 'owner', email: 'owner@example.com', ...overrides }
}

let nextId = 1
/** An accepted full Collaborator with 2FA on; each call gets a fresh identity unless given one. */
export function makeCollaborator(overrides: Partial<Collaborator> = {}): Collaborator {
  const n = nextId++
  return {
    id: `us-${n}`,
    username: `dev${n}`,
    email: `dev${n}@example.com`,
    status: 'accepted',
    isLimited: false,
    tfa: true,
    ...overrides
  }
}

export function makeScmLink(overrides: Partial<ScmLink> = {}): ScmLink {
  return {
    scmType: 'github',
    url: 'https://github.com',
    linker: null,
    owner: 'acme',
    repo: 'shop',
    branch: 'main',
    autoDeploy: true,
    reviewAppsEnabled: false,
    reviewAppsFromForks: false,
    ...overrides
  }
}

export function makeApp(overrides: Partial<AppFacts> = {}): AppFacts {
  const app: AppFacts = {
    name: 'my-app',
    scalingoName: overrides.name ?? 'my-app',
    region: 'osc-fr1',
    parentApp: null,
    owner: makeAccount(),
    collaborators: [],
    scmLink: makeScmLink(),
    ...overrides
  }
  return app
}

export function makeToken(overrides: Partial<TokenFacts> = {}): TokenFacts {
  return {
    account: makeAccount({
      id: 'us-deployer',
      username: 'deployer',
      email: 'deployer@example.com'
    }),
    tfaEnabled: true,
    reachableApps: [{ region: 'osc-fr1', name: 'my-app' }],
    reviewApps: 0,
    ...overrides
  }
}

export function makeUnavailable(overrides: Partial<Unavailable> = {}): Unavailable {
  return {
    app: 'my-app',
    what: 'collaborators of my-app',
    reason: 'HTTP 503 on GET /v1/apps/my-app/collaborators',
    ...overrides
  }
}

type ReadScalingo = Extract<ScalingoFacts, { status: 'read' }>
export function makeScalingo(overrides: Partial<Omit<ReadScalingo, 'status'>> = {}): ReadScalingo {
  return {
    status: 'read',
    token: makeToken(),
    apps: [makeApp()],
    failures: [],
    requests: 0,
    ...overrides
  }
}

/** A branch with every protection on and readable. */
export function makeBranch(overrides: Partial<BranchFacts> = {}): BranchFacts {
  return {
    branch: 'main',
    deploysTo: ['my-app'],
    sources: ['classic'],
    protected: seen(true),
    requiredApprovals: seen(2),
    codeOwnerReviews: seen(true),
    requiredStatusChecks: seen(['ci']),
    forcePushAllowed: seen(false),
    deletionAllowed: seen(false),
    adminsBypass: seen(false),
    protectionNotOnPlan: false,
    locked: false,
    requiredWorkflows: [],
    codeOwnersMissing: false,
    ruleTypes: [],
    bypassActors: [],
    unreadable: [],
    ...overrides
  }
}

export function makeWorkflow(overrides: Partial<WorkflowFact> = {}): WorkflowFact {
  return {
    name: 'CI',
    path: '.github/workflows/ci.yml',
    state: 'active',
    onPullRequest: true,
    ...overrides
  }
}

/** A job of deploy.yml that deploys my-app with the Scalingo CLI on every push, outside any environment. */
export function makeDeployJob(overrides: Partial<DeployJob> = {}): DeployJob {
  return {
    path: '.github/workflows/deploy.yml',
    job: 'deploy',
    workflow: 'Deploy',
    triggers: [
      { event: 'push', push: { branches: { kind: 'all' }, tags: { kind: 'all' } }, via: null }
    ],
    environment: null,
    secrets: ['SCALINGO_API_TOKEN'],
    readsAll: false,
    method: 'Scalingo CLI',
    apps: ['my-app'],
    unfollowed: null,
    ...overrides
  }
}

/** Environment production with one required reviewer. */
export function makeEnvironment(overrides: Partial<EnvironmentFact> = {}): EnvironmentFact {
  return {
    name: 'production',
    reviewers: ['lead'],
    preventSelfReview: true,
    waitTimer: 0,
    branchPolicy: null,
    ...overrides
  }
}

type ReadGitHub = Extract<GitHubFacts, { status: 'read' }>
export function makeGitHub(overrides: Partial<Omit<ReadGitHub, 'status'>> = {}): ReadGitHub {
  return {
    status: 'read',
    owner: 'acme',
    repo: 'shop',
    defaultBranch: 'main',
    isPrivate: true,
    branches: [makeBranch()],
    workflows: seen([makeWorkflow()]),
    deploys: seen({ jobs: [], unread: [] }),
    environments: seen([]),
    actionsCanApprove: { seen: true, value: false },
    failures: [],
    requests: 0,
    ...overrides
  }
}

export function makeFacts(overrides: Partial<Facts> = {}): Facts {
  return { scalingo: makeScalingo(), github: makeGitHub(), ...overrides }
}

/**
 * Both reads partly failed: Scalingo could not read app my-app (404) nor exchange the token (401),
 * GitHub could not read branch main (403). The *-unavailable rules each report only their side's.
 */
export function makeFailedReads(): Facts {
  return makeFacts({
    scalingo: makeScalingo({
      failures: [
        makeUnavailable({
          app: 'my-app',
          what: 'app my-app',
          reason: 'HTTP 404 on GET /v1/apps/my-app'
        }),
        makeUnavailable({ app: null, what: 'Scalingo token exchange', reason: 'HTTP 401' })
      ]
    }),
    github: makeGitHub({
      failures: [makeUnavailable({ app: null, what: 'branch main', reason: 'HTTP 403 on GET /x' })]
    })
  })
}
