import { z } from 'zod'
import { SCENARIO_FILES } from './scenarios/index.js'

/**
 * A sandbox scenario: the Scalingo accounts and apps and the GitHub repository that the loopback
 * server answers from. Scenario files are plain data; this schema checks them and their
 * cross-references (tokens → accounts, collaborators → accounts, rulesets → branches).
 */

const accountSchema = z.strictObject({
  /** Key used by the scenario to refer to the account; the API shows a derived `us-…` id. */
  id: z.string().min(1),
  username: z.string().min(1),
  email: z.string().min(3),
  fullname: z.string().optional(),
  tfa: z.boolean()
})

const collaboratorSchema = z
  .strictObject({
    /** Account key; absent for an invitation sent to an email that has no account. */
    account: z.string().optional(),
    email: z.string().optional(),
    status: z.enum(['pending', 'accepted', 'user account deleted']).default('accepted'),
    limited: z.boolean().default(false),
    /**
     * `tfa_status` as Scalingo gives it: from the account (`given`, the default), left out
     * (`absent`: the field joined the entries late) or `null`.
     */
    tfaStatus: z.enum(['given', 'absent', 'null']).default('given')
  })
  .refine((c) => c.account !== undefined || c.email !== undefined, {
    message: 'a collaborator needs an account or an email'
  })

const scmLinkSchema = z.strictObject({
  owner: z.string().min(1),
  repo: z.string().min(1),
  branch: z.string().min(1),
  scmType: z.string().default('github'),
  /** The provider's root URL (`url`); default from the SCM type (github.com, gitlab.com). */
  url: z.string().optional(),
  /** Account key of whoever made the link (default: the owner); GET /v1/scm_repo_links lists only the caller's. */
  linker: z.string().optional(),
  autoDeploy: z.boolean(),
  reviewApps: z.boolean().default(false),
  fromForks: z.boolean().default(false)
})

/**
 * An app event (GET /v1/apps/{app}/events). Times are relative to the sandbox's clock when it
 * answers, so a window such as `changes-since: 30d` holds the same events on every run.
 */
const eventSchema = z.strictObject({
  type: z.string().min(1),
  /** Hours before the request; with `repeat`, the newest of the series. */
  hoursAgo: z.number().min(0),
  /** Account key of the event's user. */
  by: z.string().min(1),
  /** `type_data` exactly as Scalingo documents it for the type. */
  typeData: z.record(z.string(), z.unknown()).default({}),
  /** UTC offset written in `created_at` (`Z`, `+02:00`): Scalingo sends both. */
  zone: z
    .string()
    .regex(/^(Z|[+-]\d{2}:\d{2})$/)
    .default('Z'),
  /** The same event this many times, `everyHours` apart going back (deployments, …). */
  repeat: z.number().int().min(1).default(1),
  everyHours: z.number().positive().default(1)
})

const appSchema = z.strictObject({
  name: z.string().min(1),
  region: z.string().default('osc-fr1'),
  owner: z.string().min(1),
  collaborators: z.array(collaboratorSchema).default([]),
  scmLink: scmLinkSchema.nullable().default(null),
  events: z.array(eventSchema).default([]),
  /** `parent_app_name`: the app is a review app of that one. */
  parentApp: z.string().optional()
})

/** How the sandbox's Scalingo speaks, where Scalingo's documentation allows several forms. */
const scalingoSchema = z
  .strictObject({
    /** `is_limited` and `tfa_status` as "true"/"false" strings, as collaborators.md types them. */
    stringBooleans: z.boolean().default(false),
    /** `null`: the last page has next_page null; `go`: next_page equals total_pages (Go ints). */
    pagination: z.enum(['null', 'go']).default('null'),
    /** The page size of GET /v1/scm_repo_links when per_page asks for more. */
    maxPerPage: z.number().int().positive().default(50),
    /** Regions GET /v1/regions lists; default: the regions of the scenario's apps. */
    regions: z.array(z.string().min(1)).optional(),
    /**
     * Requests each API token may make per window (auth service and regional APIs together),
     * past which the answer is 429 `Retry later` (text/plain, no Retry-After), as documented;
     * null: no limit.
     */
    rateLimit: z
      .strictObject({
        requests: z.number().int().positive(),
        windowMs: z.number().int().positive()
      })
      .nullable()
      .default({ requests: 60, windowMs: 60_000 })
  })
  .default({
    stringBooleans: false,
    pagination: 'null',
    maxPerPage: 50,
    rateLimit: { requests: 60, windowMs: 60_000 }
  })

const classicProtectionSchema = z.strictObject({
  requiredReviews: z
    .strictObject({
      approvals: z.number().int().min(0).max(6),
      codeOwners: z.boolean().default(false),
      dismissStale: z.boolean().default(false)
    })
    .nullable()
    .default(null),
  statusChecks: z
    .strictObject({ strict: z.boolean().default(false), contexts: z.array(z.string()) })
    .nullable()
    .default(null),
  enforceAdmins: z.boolean().default(false),
  allowForcePushes: z.boolean().default(false),
  allowDeletions: z.boolean().default(false),
  /** lock_branch: the branch is read-only. */
  lockBranch: z.boolean().default(false),
  /** Users and apps allowed to bypass the pull request requirement (logins, app slugs). */
  bypassUsers: z.array(z.string()).default([]),
  bypassApps: z.array(z.string()).default([])
})

/** The OpenAPI description's enums (repository-ruleset-bypass-actor, @octokit/openapi 23). */
const bypassActorSchema = z.strictObject({
  actor_id: z.number().int().nullable(),
  actor_type: z.enum([
    'Integration',
    'OrganizationAdmin',
    'RepositoryRole',
    'Team',
    'DeployKey',
    'User'
  ]),
  bypass_mode: z.enum(['always', 'pull_request', 'exempt']).default('always')
})

const rulesetRuleSchema = z.strictObject({
  type: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()).optional()
})

const rulesetSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().min(1),
  enforcement: z.enum(['active', 'evaluate', 'disabled']).default('active'),
  /** Where it is defined: an organization's or enterprise's ruleset applies to the repository too. */
  source: z.enum(['Repository', 'Organization', 'Enterprise']).default('Repository'),
  /** What it targets; only branch rulesets apply to a branch. */
  target: z.enum(['branch', 'tag', 'push']).default('branch'),
  /** Branch names, globs with `*` (not `/`) and `**` (anything), `~DEFAULT_BRANCH` or `~ALL`. */
  branches: z.array(z.string()).min(1),
  bypassActors: z.array(bypassActorSchema).default([]),
  /** current_user_can_bypass for the token's identity; default from the actors it may see. */
  currentUserCanBypass: z.enum(['always', 'pull_requests_only', 'never', 'exempt']).optional(),
  rules: z.array(rulesetRuleSchema)
})

const branchSchema = z.strictObject({
  name: z.string().min(1),
  protection: classicProtectionSchema.nullable().default(null)
})

const workflowSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().min(1),
  path: z.string().regex(/^\.github\/workflows\/[^/]+\.ya?ml$/),
  state: z
    .enum(['active', 'deleted', 'disabled_fork', 'disabled_inactivity', 'disabled_manually'])
    .default('active'),
  content: z.string(),
  /**
   * Served as a file over 1 MB is: `encoding: "none"` and empty content, the text only with the
   * raw media type (the contents API description).
   */
  overOneMegabyte: z.boolean().optional()
})

const environmentSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().min(1),
  /** Required reviewers: users by login, teams by slug. */
  reviewers: z
    .array(z.strictObject({ type: z.enum(['User', 'Team']), name: z.string().min(1) }))
    .default([]),
  preventSelfReview: z.boolean().default(false),
  /** Minutes; 0: no wait timer rule. */
  waitTimer: z.number().int().min(0).max(43_200).default(0),
  /** null: every branch may deploy; `protected`: protected branches only; a list: custom policies. */
  branchPolicy: z
    .union([
      z.literal('protected'),
      z.array(
        z.strictObject({
          name: z.string().min(1),
          type: z.enum(['branch', 'tag']).default('branch')
        })
      )
    ])
    .nullable()
    .default(null)
})

const commentSchema = z.strictObject({
  id: z.number().int().positive(),
  body: z.string(),
  user: z.string().default('octocat')
})

const githubCapsSchema = z.strictObject({
  /** Administration: read (classic protection, ruleset bypass actors). */
  adminRead: z.boolean(),
  /** Issues / pull requests: write (the sticky comment). */
  canWrite: z.boolean(),
  /** An organization admin's token: sees the bypass actors of organization rulesets. */
  orgAdmin: z.boolean().default(false),
  /**
   * Who the token is: GraphQL `viewer.login`, and the author of the comments it writes. The
   * workflow token is `github-actions[bot]`, a GitHub App `<slug>[bot]`, a personal token its user.
   */
  login: z.string().min(1).default('github-actions[bot]')
})

const repositorySchema = z.strictObject({
  owner: z.string().min(1),
  name: z.string().min(1),
  defaultBranch: z.string().min(1),
  private: z.boolean(),
  /**
   * The account's plan: on `free`, a private repository has neither classic protection nor
   * rulesets, and those endpoints answer 403 "Upgrade to GitHub Pro/Team or make this
   * repository public to enable this feature." (Pro for a user, Team for an organization).
   */
  plan: z.enum(['free', 'pro', 'team', 'enterprise']).default('team'),
  ownerType: z.enum(['User', 'Organization']).default('Organization'),
  /** Settings → Actions → "Allow GitHub Actions to create and approve pull requests". */
  actionsCanApprove: z.boolean().default(false),
  pullRequest: z.number().int().positive(),
  branches: z.array(branchSchema).min(1),
  rulesets: z.array(rulesetSchema).default([]),
  workflows: z.array(workflowSchema).default([]),
  /** Deployment environments (GET /repos/{o}/{r}/environments). */
  environments: z.array(environmentSchema).default([]),
  /** Other files served by the contents API (CODEOWNERS, …), path → text. */
  files: z.record(z.string(), z.string()).default({}),
  comments: z.array(commentSchema).default([])
})

export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9-]+$/),
    description: z.string().min(1),
    /** Action inputs the demo passes (the sandbox URLs are added by whoever runs it). */
    inputs: z.record(z.string(), z.string()),
    tokens: z.strictObject({
      /** Scalingo API token → account key. */
      scalingo: z.record(z.string(), z.string()),
      /** GitHub token → what it may do. */
      github: z.record(z.string(), githubCapsSchema)
    }),
    accounts: z.array(accountSchema),
    apps: z.array(appSchema),
    scalingo: scalingoSchema,
    repository: repositorySchema
  })
  .superRefine((s, ctx) => {
    const issue = (message: string): void => {
      ctx.addIssue({ code: 'custom', message })
    }
    const accounts = new Set<string>()
    for (const a of s.accounts) {
      if (accounts.has(a.id)) issue(`account "${a.id}" is defined twice`)
      accounts.add(a.id)
    }
    for (const [token, account] of Object.entries(s.tokens.scalingo)) {
      if (!accounts.has(account))
        issue(`Scalingo token "${token}" names unknown account "${account}"`)
    }
    const apps = new Set<string>()
    for (const app of s.apps) {
      // The same name may live in two regions (two apps); twice in one region is a mistake.
      const key = `${app.region}/${app.name}`
      if (apps.has(key)) issue(`app "${key}" is defined twice`)
      apps.add(key)
      const linker = app.scmLink?.linker
      if (linker !== undefined && !accounts.has(linker)) {
        issue(`app "${app.name}" has unknown SCM linker "${linker}"`)
      }
      if (!accounts.has(app.owner)) issue(`app "${app.name}" has unknown owner "${app.owner}"`)
      for (const c of app.collaborators) {
        if (c.account !== undefined && !accounts.has(c.account)) {
          issue(`app "${app.name}" has unknown collaborator "${c.account}"`)
        }
        if (c.account === app.owner) issue(`app "${app.name}" lists its owner as a collaborator`)
      }
      for (const e of app.events) {
        if (!accounts.has(e.by))
          issue(`app "${app.name}" has an event by unknown account "${e.by}"`)
      }
    }
    const branches = new Set(s.repository.branches.map((b) => b.name))
    if (!branches.has(s.repository.defaultBranch)) {
      issue(`default branch "${s.repository.defaultBranch}" is not among the branches`)
    }
    const ids = new Set<number>()
    for (const r of s.repository.rulesets) {
      if (ids.has(r.id)) issue(`ruleset id ${r.id} is used twice`)
      ids.add(r.id)
    }
    const scalingoToken = s.inputs['scalingo-api-token']
    if (scalingoToken && !(scalingoToken in s.tokens.scalingo)) {
      issue('inputs.scalingo-api-token is not one of tokens.scalingo')
    }
    const githubToken = s.inputs['github-token']
    if (githubToken && !(githubToken in s.tokens.github)) {
      issue('inputs.github-token is not one of tokens.github')
    }
  })

export type Scenario = z.output<typeof scenarioSchema>
/** What a scenario file holds (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>
export type ScenarioAccount = Scenario['accounts'][number]
export type ScenarioApp = Scenario['apps'][number]
export type ScenarioCollaborator = ScenarioApp['collaborators'][number]
export type ScenarioEvent = ScenarioApp['events'][number]
export type ScenarioRepository = Scenario['repository']
export type ScenarioRuleset = ScenarioRepository['rulesets'][number]
export type ScenarioEnvironment = ScenarioRepository['environments'][number]
export type ClassicProtection = NonNullable<ScenarioRepository['branches'][number]['protection']>
export type GitHubCaps = z.output<typeof githubCapsSchema>

/** Parses scenario data; the error lists every problem with its path. */
export function parseScenario(data: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(data)
  if (!parsed.success) {
    const name =
      typeof data === 'object' && data !== null && 'name' in data ? String(data.name) : '(unnamed)'
    throw new Error(`Scenario ${name} is invalid:\n${z.prettifyError(parsed.error)}`)
  }
  return parsed.data
}

/** Account keys of everyone on an app: owner, collaborators, pending invitations by email. */
export function appAccountKeys(app: ScenarioApp): string[] {
  return [app.owner, ...app.collaborators.map((c) => c.account ?? `email:${c.email ?? ''}`)]
}

/**
 * The team size DESIGN §3 derives with `team-size: auto` (distinct accounts, pending included;
 * more than three apps → at least large). Scenario tests use it to keep the data honest.
 */
export function autoTeamSize(
  scenario: Scenario,
  appNames: readonly string[]
): 'small' | 'mid' | 'large' {
  const keys = new Set<string>()
  for (const app of scenario.apps) {
    if (appNames.includes(app.name)) for (const key of appAccountKeys(app)) keys.add(key)
  }
  const bySize = keys.size <= 5 ? 'small' : keys.size <= 15 ? 'mid' : 'large'
  return appNames.length > 3 ? 'large' : bySize
}

/** The scenario the demo, the sandbox server and `--sandbox` use when none is named. */
export const DEFAULT_SCENARIO = 'mid-failing'

/** Names of the bundled scenarios. */
export const SCENARIO_NAMES: readonly string[] = Object.keys(SCENARIO_FILES)

/** A bundled scenario by name, validated. */
export function loadScenario(name: string): Scenario {
  const data = SCENARIO_FILES[name]
  if (data === undefined) {
    throw new Error(`Unknown scenario "${name}"; expected one of ${SCENARIO_NAMES.join(', ')}`)
  }
  return parseScenario(data)
}
