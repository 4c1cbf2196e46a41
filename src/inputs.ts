/**
 * The action's inputs, as action.yml declares them. action.yml is the contract; a test keeps this
 * table equal to it so that the command line's --help and flags cannot drift from the action.
 */
export interface InputDefinition {
  readonly name: string
  readonly default: string
  readonly required: boolean
  /** One line for --help. */
  readonly summary: string
  /** Holds a secret: never echoed, read from an environment variable by the command line. */
  readonly secret?: boolean
}

export const INPUTS: readonly InputDefinition[] = [
  {
    name: 'scalingo-api-token',
    default: '',
    required: false,
    secret: true,
    summary: 'Scalingo API token (tk-us-…). Empty: the Scalingo part is skipped with a notice.'
  },
  {
    name: 'apps',
    default: '',
    required: true,
    summary:
      'Scalingo apps to audit, comma or newline separated; an entry may carry a region: osc-secnum-fr1/my-app.'
  },
  {
    name: 'region',
    default: 'osc-fr1',
    required: false,
    summary: 'Region of the entries that name none.'
  },
  {
    name: 'team-size',
    default: 'auto',
    required: false,
    summary: 'small, mid, large or auto (counted from the accounts on the audited apps).'
  },
  {
    name: 'owners',
    default: '',
    required: false,
    summary: 'Accounts (email or username) that may own the apps.'
  },
  {
    name: 'service-accounts',
    default: '',
    required: false,
    summary: 'Accounts that are service accounts, not people.'
  },
  {
    name: 'leads',
    default: '',
    required: false,
    summary: 'Accounts allowed the full Collaborator role.'
  },
  {
    name: 'members',
    default: '',
    required: false,
    summary: 'Accounts expected as Limited Collaborators (with leads, the roster).'
  },
  {
    name: 'max-collaborators',
    default: '',
    required: false,
    summary: 'Most full Collaborators per app. Empty: 5 / 3 / 3 by team size.'
  },
  {
    name: 'max-accounts',
    default: '',
    required: false,
    summary: 'Most Scalingo accounts (owner + collaborators) per app. Empty: no limit.'
  },
  {
    name: 'require-2fa',
    default: 'true',
    required: false,
    summary: 'Report accounts without two-factor authentication.'
  },
  {
    name: 'branch',
    default: '',
    required: false,
    summary:
      'Branch to audit. Empty: the branch the SCM link auto-deploys, else the default branch.'
  },
  {
    name: 'min-approvals',
    default: '',
    required: false,
    summary: 'Required approving reviews. Empty: 1 / 1 / 2 by team size.'
  },
  {
    name: 'fail-on',
    default: 'error',
    required: false,
    summary: 'Lowest severity that fails: error, warning, notice or never.'
  },
  {
    name: 'comment',
    default: 'auto',
    required: false,
    summary: 'Keep one sticky pull request comment: auto, true or false.'
  },
  {
    name: 'sarif-file',
    default: '',
    required: false,
    summary: 'Write a SARIF 2.1.0 file at this path.'
  },
  {
    name: 'ignore',
    default: '',
    required: false,
    summary: 'Accepted findings, one per line: rule[@app][:subject] [until YYYY-MM-DD] [# reason].'
  },
  {
    name: 'redact',
    default: 'auto',
    required: false,
    summary:
      'Hide emails and usernames in what is shown: auto (public repositories), true or false.'
  },
  {
    name: 'github-token',
    default: '${{ github.token }}',
    required: false,
    secret: true,
    summary: 'Token for the GitHub API.'
  },
  {
    name: 'github-api-url',
    default: '',
    required: false,
    summary:
      'GitHub API base. Empty: GITHUB_API_URL, which the runner sets (GitHub Enterprise too).'
  },
  {
    name: 'require-scalingo-token',
    default: 'false',
    required: false,
    summary: 'Fail instead of skipping the Scalingo part when scalingo-api-token is empty.'
  },
  {
    name: 'request-timeout',
    default: '30',
    required: false,
    summary: 'Seconds before one API request is abandoned (1 to 30).'
  },
  {
    name: 'deploy-secrets',
    default: '*SCALINGO*',
    required: false,
    summary:
      'Secrets holding Scalingo credentials (case-insensitive globs, comma or newline separated): a job that reads one is a deploy job.'
  },
  {
    name: 'scalingo-auth-url',
    default: 'https://auth.scalingo.com',
    required: false,
    summary: 'Scalingo auth service.'
  },
  {
    name: 'scalingo-api-url',
    default: '',
    required: false,
    summary: 'API base for every app. Empty: https://api.<region>.scalingo.com per app.'
  },
  {
    name: 'access-report',
    default: '',
    required: false,
    summary:
      'Write the access register (CSV, one row per app and account) at this path; never on fork pull requests.'
  },
  {
    name: 'changes-since',
    default: '',
    required: false,
    summary:
      'List the access changes on the audited apps since then (who, what, when): 7d, 30d (any Nd) or YYYY-MM-DD.'
  }
]

export const OUTPUTS = [
  'result',
  'team-size',
  'errors',
  'warnings',
  'notices',
  'findings',
  'findings-truncated',
  'report-file',
  'sarif-file',
  'access-report'
] as const
export type OutputName = (typeof OUTPUTS)[number]
