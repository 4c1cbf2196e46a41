/**
 * Plain data shared by every stage: config → facts → findings → reports.
 * Nothing here does I/O.
 */

import type { ProxySettings } from './proxy.js'
import type { RULES } from './policy/rules/index.js'

export const SEVERITIES = ['error', 'warning', 'notice'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Hidden marker that finds the sticky pull request comment again on the next run. */
export const COMMENT_MARKER = '<!-- scalingo-access-governance -->'

export const TEAM_SIZES = ['small', 'mid', 'large'] as const
export type TeamSize = (typeof TEAM_SIZES)[number]

/**
 * Rule ids come from the rule modules (`policy/rules/<id>.ts`, listed in `policy/rules/index.ts`):
 * a new module there is a new id here.
 */
export type RuleId = (typeof RULES)[number]['id']
export { RULE_IDS } from './policy/rules/index.js'

/* ------------------------------------------------------------------ config */

export interface AppTarget {
  /** App name as Scalingo knows it. */
  readonly name: string
  /** Region the app lives in (from `region/app`, else the `region` input). */
  readonly region: string
  /** API base for this app, without trailing slash (e.g. https://api.osc-fr1.scalingo.com). */
  readonly apiUrl: string
}

export interface IgnoreEntry {
  readonly rule: RuleId
  readonly app: string | null
  readonly subject: string | null
  /** YYYY-MM-DD or null. */
  readonly until: string | null
  readonly reason: string | null
  /** The line as written, for messages. */
  readonly raw: string
}

export type FailOn = Severity | 'never'
export type TriState = 'auto' | 'true' | 'false'

export interface Config {
  readonly scalingoApiToken: string | null
  readonly apps: readonly AppTarget[]
  readonly region: string
  readonly teamSize: TeamSize | 'auto'
  readonly owners: readonly string[]
  readonly serviceAccounts: readonly string[]
  readonly leads: readonly string[]
  readonly members: readonly string[]
  /** null: use the per-size default (5 / 3 / 3). */
  readonly maxCollaborators: number | null
  /** null: not set, rule does not fire. */
  readonly maxAccounts: number | null
  readonly require2fa: boolean
  /** null: auto (SCM link branch, else default branch). */
  readonly branch: string | null
  /** null: use the per-size default (1 / 1 / 2). */
  readonly minApprovals: number | null
  readonly failOn: FailOn
  readonly comment: TriState
  readonly sarifFile: string | null
  readonly ignore: readonly IgnoreEntry[]
  readonly redact: TriState
  readonly githubToken: string | null
  /** Per-request timeout in milliseconds (at most 30 s). */
  readonly requestTimeoutMs: number
  readonly scalingoAuthUrl: string
  /** The `scalingo-api-url` input, when set; overrides every app's regional base. */
  readonly scalingoApiUrl: string | null
  /** github-api-url, else the runner's (context.apiUrl, GITHUB_API_URL), without trailing slash. */
  readonly githubApiUrl: string
  /** HTTP(S)_PROXY and NO_PROXY, for both clients. */
  readonly proxy: ProxySettings
  /** owner/name from the run's context (GITHUB_REPOSITORY), when known. */
  readonly repository: { readonly owner: string; readonly repo: string } | null
  /** Host of GITHUB_SERVER_URL, lower-case (github.com by default): where this repository lives. */
  readonly githubHost: string
  /** Pull request number from the event, when the run is for a pull request. */
  readonly pullRequest: number | null
  /** The run's page (server, repository, run id), when known: linked from the summary. */
  readonly runUrl: string | null
  /** GITHUB_WORKSPACE when it holds a checkout, for reading workflow files. */
  readonly workspace: string | null
  /** Today's date (YYYY-MM-DD, UTC) for `until` comparisons. */
  readonly today: string
  /** `deploy-secrets`: globs (case-insensitive) of the secrets that hold Scalingo credentials. */
  readonly deploySecrets: readonly string[]
  /** The audit's own job (GITHUB_WORKFLOW_REF's path and GITHUB_JOB), when it runs in a workflow. */
  readonly auditJob: AuditJob | null
  /** `access-report`: where to write the access register (CSV); null: not written. */
  readonly accessReport: string | null
  /** `changes-since`: the start of the window of access changes; null: not asked. */
  readonly changesSince: ChangesWindow | null
  /** The run is for a pull request whose head is another repository (a fork). */
  readonly forkPullRequest: boolean
}

export interface ChangesWindow {
  /** The input as written (`7d`, `30d`, `2025-01-31`), for the summary's heading. */
  readonly input: string
  /** Start of the window, ISO 8601 UTC; an event at exactly this instant is included. */
  readonly since: string
}

export interface AuditJob {
  /** Workflow file, e.g. `.github/workflows/audit.yml`. */
  readonly path: string
  /** The job's YAML key; null when GITHUB_JOB is not set (then the whole workflow is the audit's). */
  readonly job: string | null
}

/* ------------------------------------------------------------------ facts */

/** A value that the token could see, or the fact that it could not. */
export type Seen<T> = { readonly seen: true; readonly value: T } | { readonly seen: false }

export interface Account {
  readonly id: string | null
  readonly username: string | null
  readonly email: string | null
}

export type CollaboratorStatus = 'pending' | 'accepted' | 'user account deleted'

export interface Collaborator extends Account {
  /** Status as Scalingo reports it; unknown statuses are kept verbatim. */
  readonly status: CollaboratorStatus | (string & {})
  readonly isLimited: boolean
  /** null when Scalingo does not say: `tfa_status` absent or null (pending invitations too). */
  readonly tfa: boolean | null
}

export interface ScmLink {
  /** github, github-enterprise, gitlab, gitlab-self-hosted (go-scalingo scm_integrations.go). */
  readonly scmType: string
  /** Root URL of the SCM provider (`url`), when Scalingo gives it. */
  readonly url: string | null
  /** The account that made the link; its SCM integration deploys. null when not given. */
  readonly linker: Account | null
  readonly owner: string
  readonly repo: string
  readonly branch: string | null
  readonly autoDeploy: boolean
  readonly reviewAppsEnabled: boolean
  readonly reviewAppsFromForks: boolean
}

export interface AppFacts {
  /**
   * The app as findings, the summary, SARIF and `ignore` name it: its Scalingo name, or
   * `region/name` when two audited apps share that name.
   */
  readonly name: string
  /** The name Scalingo knows it by. */
  readonly scalingoName: string
  readonly region: string
  /** `parent_app_name`: set on review apps (they clone their parent's collaborators). */
  readonly parentApp: string | null
  readonly owner: Account
  readonly collaborators: readonly Collaborator[]
  /** null when the app has no SCM link. */
  readonly scmLink: ScmLink | null
}

export interface TokenFacts {
  readonly account: Account
  /** 2FA of the token's own account; null when it could not be read. */
  readonly tfaEnabled: boolean | null
  /**
   * Every app the account reaches (owned or collaborated), review apps aside, in every region it
   * can use; `region` is null when the API did not say (one `scalingo-api-url` for all regions).
   */
  readonly reachableApps: readonly ReachableApp[]
  /** Review apps seen among the apps the account reaches (not counted in `reachableApps`). */
  readonly reviewApps: number
}

export interface ReachableApp {
  readonly region: string | null
  readonly name: string
}

/** Something that could not be read. */
export interface Unavailable {
  /** App it concerns, when one. */
  readonly app: string | null
  /** What could not be read, e.g. "collaborators of my-app". */
  readonly what: string
  /** Why, short, with no secret: "HTTP 404 on GET /v1/apps/my-app: app not found". */
  readonly reason: string
}

export type ScalingoFacts =
  | { readonly status: 'skipped'; readonly reason: string }
  | {
      readonly status: 'read'
      readonly token: TokenFacts | null
      /** Apps that could be read, in the order of the `apps` input. */
      readonly apps: readonly AppFacts[]
      readonly failures: readonly Unavailable[]
      readonly requests: number
      /**
       * Access changes since `changes-since`, newest first, from the apps whose events could be
       * read (the others are in `failures`); absent when `changes-since` is not set.
       */
      readonly changes?: readonly AccessChange[]
    }

/** One access change from an app's events (DESIGN §7). */
export interface AccessChange {
  readonly app: string
  /** When, ISO 8601 UTC. */
  readonly at: string
  /** Who did it: the event's user (email, else username, else id). */
  readonly actor: string
  /** What changed, one short phrase: "collaborator invited as Limited Collaborator". */
  readonly what: string
  /** The account or repository concerned; null when the event names none. */
  readonly subject: string | null
}

export interface BypassActor {
  readonly type: string
  readonly id: string | null
  readonly mode: string | null
}

export interface BranchFacts {
  readonly branch: string
  /** Apps whose SCM link auto-deploys this branch from this repository. */
  readonly deploysTo: readonly string[]
  /** Where the protection facts came from. */
  readonly sources: readonly ('classic' | 'branch' | 'rulesets')[]
  /**
   * Something stops a direct push: classic protection, or an active ruleset rule among
   * pull_request, required_status_checks, workflows, merge_queue, update, required_deployments.
   */
  readonly protected: Seen<boolean>
  /**
   * The repository's plan offers no branch protection: a private repository on GitHub Free
   * (GitHub answers 403 "Upgrade to GitHub Pro or make this repository public…").
   */
  readonly protectionNotOnPlan: boolean
  /** Nobody may push to it: a ruleset `update` rule or classic `lock_branch`. */
  readonly locked: boolean
  /** Required workflows (ruleset `workflows` rules), as `path` or `path@ref`. */
  readonly requiredWorkflows: readonly string[]
  /** Code owner review is asked for, but no CODEOWNERS file is on the branch. */
  readonly codeOwnersMissing: boolean
  /** Every active ruleset rule type on the branch, once each (types unknown to the audit too). */
  readonly ruleTypes: readonly string[]
  /** Required approving reviews; 0 when a review rule exists but asks for none; null when no review rule. */
  readonly requiredApprovals: Seen<number | null>
  readonly codeOwnerReviews: Seen<boolean>
  /** Contexts of required status checks (empty: none required). */
  readonly requiredStatusChecks: Seen<readonly string[]>
  readonly forcePushAllowed: Seen<boolean>
  readonly deletionAllowed: Seen<boolean>
  /** Admins (classic enforce_admins off) or ruleset bypass actors skip the rules. */
  readonly adminsBypass: Seen<boolean>
  readonly bypassActors: readonly BypassActor[]
  /** What could not be seen and what would show it ("needs …"). */
  readonly unreadable: readonly { readonly what: string; readonly permission: string }[]
}

export interface WorkflowFact {
  readonly name: string
  readonly path: string
  readonly state: string
  /**
   * Runs on `pull_request` or `merge_group` (CI of a change; `pull_request_target` runs the base
   * branch's code and does not count); null when its triggers could not be read.
   */
  readonly onPullRequest: boolean | null
}

/** Which refs of one kind (branches or tags) a `push` trigger runs for. */
export type RefSet =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  /** `branches:` / `tags:` patterns (a `!pattern` excludes again). */
  | { readonly kind: 'only'; readonly patterns: readonly string[] }
  /** `branches-ignore:` / `tags-ignore:` patterns. */
  | { readonly kind: 'except'; readonly patterns: readonly string[] }

export interface WorkflowTrigger {
  /** Event name as written under `on:` (push, workflow_dispatch, …). */
  readonly event: string
  /** For `push`: the branches and tags it runs for; null for every other event. */
  readonly push: { readonly branches: RefSet; readonly tags: RefSet } | null
  /** The calling job (`path#job`) when this trigger reaches the job through a reusable workflow call. */
  readonly via: string | null
}

/** A job that reads a `deploy-secrets` secret: it can deploy to Scalingo (or leak the credential). */
export interface DeployJob {
  /** Workflow file holding the job (for a reusable workflow: the called file, where `environment:` goes). */
  readonly path: string
  /** The job's YAML key. */
  readonly job: string
  /** The workflow's `name:`, else its path. */
  readonly workflow: string
  /** Every way the job can start, its own triggers and its callers'. */
  readonly triggers: readonly WorkflowTrigger[]
  /**
   * `environment:` of the job: its name, or null when the name is an expression the audit cannot
   * resolve (`raw` keeps it); the whole field is null when the job declares none.
   */
  readonly environment: { readonly name: string | null; readonly raw: string } | null
  /** Names of the matching secrets it reads; `readsAll` when it reads them all (toJSON(secrets), `secrets: inherit`). */
  readonly secrets: readonly string[]
  readonly readsAll: boolean
  /** How it deploys, when recognisable: "Scalingo CLI", "git push to a Scalingo remote", an action. */
  readonly method: string | null
  /** Scalingo app names the job names (`--app`, SCALINGO_APP, a Scalingo git remote, an action input). */
  readonly apps: readonly string[]
  /** A reusable workflow it passes the secrets to that the audit could not read (remote, or a second level). */
  readonly unfollowed: string | null
}

export interface DeployFacts {
  readonly jobs: readonly DeployJob[]
  /** Workflow files that could not be read or parsed, with why: their jobs are unknown. */
  readonly unread: readonly { readonly path: string; readonly reason: string }[]
}

/** One deployment environment of the repository (GET /repos/{o}/{r}/environments). */
export interface EnvironmentFact {
  readonly name: string
  /** Logins and team slugs of the required reviewers (empty: no reviewers required). */
  readonly reviewers: readonly string[]
  readonly preventSelfReview: boolean
  /** Minutes a deployment waits (0: none). */
  readonly waitTimer: number
  /**
   * null: every branch and tag may deploy. `protected`: only protected branches. `custom`: the
   * named branches and tags (patterns) only.
   */
  readonly branchPolicy:
    | { readonly kind: 'protected' }
    | {
        readonly kind: 'custom'
        readonly policies: readonly { readonly name: string; readonly type: 'branch' | 'tag' }[]
      }
    | null
}

export type GitHubFacts =
  | { readonly status: 'skipped'; readonly reason: string }
  | {
      readonly status: 'read'
      readonly owner: string
      readonly repo: string
      readonly defaultBranch: string | null
      /** null when the repository could not be read. */
      readonly isPrivate: boolean | null
      readonly branches: readonly BranchFacts[]
      readonly workflows: Seen<readonly WorkflowFact[]>
      /** Scalingo deploy jobs found in the workflow files; unseen when the workflows were not read. */
      readonly deploys: Seen<DeployFacts>
      /** The repository's environments; unseen when they could not be read. */
      readonly environments: Seen<readonly EnvironmentFact[]>
      /** Whether GitHub Actions may approve pull requests (`can_approve_pull_request_reviews`). */
      readonly actionsCanApprove: Seen<boolean>
      readonly failures: readonly Unavailable[]
      readonly requests: number
    }

export interface Facts {
  readonly scalingo: ScalingoFacts
  readonly github: GitHubFacts
}

/* ------------------------------------------------------------------ findings */

export interface Accepted {
  readonly reason: string | null
  readonly until: string | null
}

export interface Finding {
  readonly rule: RuleId
  readonly severity: Severity
  readonly app: string | null
  /** Account (email, else username), branch or repository the finding is about. */
  readonly subject: string | null
  /** What is wrong and why it matters, one line. */
  readonly message: string
  /** What to change, one line, with the names filled in. */
  readonly fix: string
  /**
   * The fix as something to paste, when there is one: a Scalingo CLI command, or a `gh api` call
   * with its ruleset body (several lines). Redacted outputs put a placeholder for an account.
   */
  readonly command?: string
  /** Link to the rule's README section. */
  readonly help: string
  readonly accepted?: Accepted
}

/** What a rule returns: a finding before severity, help and acceptance are applied. */
export type Draft = Omit<Finding, 'severity' | 'help' | 'accepted'>

export interface TeamSizeDecision {
  readonly size: TeamSize
  /** e.g. "auto: 9 accounts on 2 apps → mid" or "input: large". */
  readonly why: string
}

export interface Verdict {
  readonly result: 'pass' | 'fail'
  readonly teamSize: TeamSizeDecision
  /** Every finding, accepted ones included, most severe first. */
  readonly findings: readonly Finding[]
  readonly counts: { readonly errors: number; readonly warnings: number; readonly notices: number }
  /** The audit itself could not read something it needs (forces a failure). */
  readonly incomplete: boolean
}
