import type { Config } from '../src/types.js'

/** A Config whose defaults mirror action.yml, for unit tests. */
export function makeConfig(overrides: Partial<Config> = {}): Config {
  return {
    scalingoApiToken: 'tk-us-test-token',
    apps: [{ name: 'my-app', region: 'osc-fr1', apiUrl: 'https://api.osc-fr1.scalingo.com' }],
    region: 'osc-fr1',
    teamSize: 'auto',
    owners: [],
    serviceAccounts: [],
    leads: [],
    members: [],
    maxCollaborators: null,
    maxAccounts: null,
    require2fa: true,
    branch: null,
    minApprovals: null,
    failOn: 'error',
    comment: 'auto',
    sarifFile: null,
    ignore: [],
    redact: 'auto',
    githubToken: 'ghs_test-token',
    requestTimeoutMs: 30_000,
    scalingoAuthUrl: 'https://auth.scalingo.com',
    scalingoApiUrl: null,
    githubApiUrl: 'https://api.github.com',
    proxy: { httpProxy: null, httpsProxy: null, noProxy: '' },
    repository: { owner: 'acme', repo: 'shop' },
    githubHost: 'github.com',
    pullRequest: 7,
    runUrl: 'https://github.com/acme/shop/actions/runs/42',
    workspace: null,
    today: '2026-11-26',
    deploySecrets: ['*SCALINGO*'],
    auditJob: null,
    accessReport: null,
    changesSince: null,
    forkPullRequest: false,
    ...overrides
  }
}
