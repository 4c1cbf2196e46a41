import { z } from 'zod'
import { proxyUrl, proxyVariables, type ProxyEnvironment, type ProxySettings } from './proxy.js'
import {
  RULE_IDS,
  TEAM_SIZES,
  type AppTarget,
  type Config,
  type FailOn,
  type IgnoreEntry,
  type RuleId,
  type TriState
} from './types.js'
import { CHANGES_SINCE_FORMAT, parseChangesSince } from './access/changes-since.js'
import { serverHost } from './repositories.js'

/** A bad input: the message names the input, the value and what is allowed. */
export class ConfigError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** Reads one input the way the runner passes it (trimmed, '' when absent). */
export type InputReader = (name: string) => string

/**
 * Where the run happens, as plain data: the action takes it from `github.context` once
 * (src/main.ts), the command line from its flags and environment. Nothing below reads the context.
 */
export interface RunContext {
  /** owner/name (context.repo; the command line's --repo or GITHUB_REPOSITORY). */
  readonly repository?: string
  /** The runner's API base (context.apiUrl); the github-api-url input overrides it. */
  readonly apiUrl?: string
  /** context.serverUrl and context.runId: the run's page, linked from the summary and comment. */
  readonly serverUrl?: string
  readonly runId?: number
  readonly eventName?: string
  /** The event payload (context.payload); null or absent when there is none. */
  readonly payload?: unknown
}

/** What the config takes from the process environment: the proxy variables and the workspace. */
export interface ConfigEnvironment extends ProxyEnvironment {
  readonly GITHUB_WORKSPACE?: string
  /** owner/repo/.github/workflows/file.yml@ref: the workflow running the audit (not in github.context). */
  readonly GITHUB_WORKFLOW_REF?: string
  /** The running job's YAML key. */
  readonly GITHUB_JOB?: string
}

export interface ConfigSources {
  readonly read: InputReader
  readonly context: RunContext
  readonly env: ConfigEnvironment
  readonly now: Date
  /** Whether GITHUB_WORKSPACE holds a checkout (its .github/workflows exists). */
  readonly workspaceHasCheckout: boolean
}

/** Never quoted in an error: tokens, and proxy URLs (they may hold a password). */
const SECRET_INPUTS = new Set([
  'scalingo-api-token',
  'github-token',
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY'
])

/** Every run of line breaks (CR, LF, U+2028, U+2029) replaced by `mark`: a message stays one line. */
export function oneLine(text: string, mark: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, mark)
}

/** Quotes a value for an error message: short, one line, never a secret. */
function show(input: string, value: string): string {
  if (SECRET_INPUTS.has(input)) return value === '' ? 'empty' : '(hidden)'
  const line = oneLine(value, '⏎')
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line)
}

function fail(input: string, value: string, allowed: string): never {
  // `allowed` may quote part of the value: it stays on one line too.
  // Inputs are kebab-case; the runner's variables (GITHUB_API_URL, HTTPS_PROXY) are not inputs.
  const what = /^[a-z0-9-]+$/.test(input) ? 'Input' : 'Environment variable'
  throw new ConfigError(
    input,
    `${what} "${input}" is ${show(input, value)}: ${oneLine(allowed, '⏎')}.`
  )
}

/** Splits a list input on commas and newlines, dropping blanks and duplicates. */
export function splitList(value: string): string[] {
  const items = value
    .split(/[,\r\n]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
  return [...new Set(items)]
}

function oneOf<const T extends readonly string[]>(
  input: string,
  value: string,
  allowed: T
): T[number] {
  const parsed = z.enum(allowed).safeParse(value)
  if (!parsed.success) fail(input, value, `expected one of ${allowed.join(', ')}`)
  return parsed.data
}

/** `getBooleanInput` semantics: true | True | TRUE | false | False | FALSE. */
function bool(input: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  return fail(input, value, 'expected true or false')
}

function optionalInt(input: string, value: string, min: number, max: number): number | null {
  if (value === '') return null
  const parsed = z.coerce.number().int().min(min).max(max).safeParse(value)
  if (!/^\d+$/.test(value) || !parsed.success) {
    fail(input, value, `expected a whole number from ${min} to ${max}, or empty for the default`)
  }
  return parsed.data
}

function url(input: string, value: string): string {
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(value)
  if (!parsed.success) fail(input, value, 'expected an http(s) URL')
  return parsed.data.replace(/\/+$/, '')
}

const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/
const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/
/** An `ignore` entry's app: `name`, or `region/name` (how two same-named apps are told apart). */
const IGNORE_APP = /^(?:[a-z0-9][a-z0-9-]{0,62}\/)?[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/
// Git ref names: no space, control character, ~ ^ : ? * [ \ or "..", not ending in "/" or ".lock".
// eslint-disable-next-line no-control-regex -- control characters are exactly what a ref name may not hold
const BRANCH = /^(?!.*\.\.)(?!.*\/\/)(?!\/)(?!.*\/$)(?!.*\.lock$)[^\s\x00-\x1f\x7f~^:?*[\\]{1,255}$/

function regionOf(input: string, value: string): string {
  if (!REGION.test(value)) fail(input, value, 'expected a Scalingo region such as osc-fr1')
  return value
}

function parseApps(value: string, region: string, apiOverride: string | null): AppTarget[] {
  const entries = splitList(value)
  if (entries.length === 0) {
    fail('apps', value, 'expected at least one Scalingo app name (comma or newline separated)')
  }
  const seen = new Set<string>()
  const apps: AppTarget[] = []
  for (const entry of entries) {
    const slash = entry.indexOf('/')
    const appRegion = slash === -1 ? region : entry.slice(0, slash)
    const name = slash === -1 ? entry : entry.slice(slash + 1)
    if (slash !== -1 && !REGION.test(appRegion)) {
      fail('apps', entry, 'expected region/app with a region such as osc-secnum-fr1')
    }
    if (!APP_NAME.test(name)) {
      fail('apps', entry, 'expected app names of letters, digits and dashes, optionally region/app')
    }
    const key = `${appRegion}/${name}`
    if (seen.has(key)) continue
    seen.add(key)
    apps.push({
      name,
      region: appRegion,
      apiUrl: apiOverride ?? `https://api.${appRegion}.scalingo.com`
    })
  }
  return apps
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value)
  if (!match) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const IGNORE_FORMAT = 'expected rule[@app][:subject] [until YYYY-MM-DD] [# reason]'

/** Parses one `ignore` line: `rule[@app][:subject] [until YYYY-MM-DD] [# reason]`. */
export function parseIgnoreLine(line: string): IgnoreEntry {
  const raw = line.trim()
  const hash = raw.indexOf('#')
  const reason = hash === -1 ? null : raw.slice(hash + 1).trim() || null
  let selector = (hash === -1 ? raw : raw.slice(0, hash)).trim()
  let until: string | null = null
  const untilMatch = /\s+until\s+(\S+)$/.exec(selector)
  if (untilMatch) {
    until = untilMatch[1] ?? null
    if (until === null || !isCalendarDate(until)) {
      fail('ignore', raw, `"until" needs a date as YYYY-MM-DD; ${IGNORE_FORMAT}`)
    }
    selector = selector.slice(0, untilMatch.index).trim()
  }
  const colon = selector.indexOf(':')
  const head = colon === -1 ? selector : selector.slice(0, colon)
  const subject = colon === -1 ? null : selector.slice(colon + 1).trim() || null
  const at = head.indexOf('@')
  const rule = (at === -1 ? head : head.slice(0, at)).trim()
  const app = at === -1 ? null : head.slice(at + 1).trim() || null
  if (!(RULE_IDS as readonly string[]).includes(rule)) {
    const shown = rule.length > 40 ? `${rule.slice(0, 37)}...` : rule
    fail('ignore', raw, `"${shown}" is not a rule id; ${IGNORE_FORMAT}`)
  }
  if (/\s/.test(head) || (app !== null && !IGNORE_APP.test(app))) {
    fail('ignore', raw, IGNORE_FORMAT)
  }
  if (rule === 'scalingo-unavailable' || rule === 'github-unavailable') {
    // An audit that could not read a platform must never pass, so these cannot be accepted.
    fail(
      'ignore',
      raw,
      `"${rule}" cannot be accepted: an audit that could not read its facts never passes`
    )
  }
  return { rule: rule as RuleId, app, subject, until, reason, raw }
}

function parseIgnore(value: string): IgnoreEntry[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseIgnoreLine)
}

const eventSchema = z.object({
  pull_request: z.object({ number: z.number().int().positive() }).optional(),
  number: z.number().int().positive().optional()
})

const forkEventSchema = z.object({
  pull_request: z.object({
    head: z.object({ repo: z.object({ full_name: z.string() }).nullable() }),
    base: z.object({ repo: z.object({ full_name: z.string() }) })
  })
})

/**
 * A pull request whose head lives in another repository: a fork (its head repository may also
 * be gone, `null`, once the fork is deleted). Such a run is never trusted with the register.
 */
function isForkPullRequest(event: unknown): boolean {
  const parsed = forkEventSchema.safeParse(event)
  if (!parsed.success) return false
  const { head, base } = parsed.data.pull_request
  return head.repo === null || head.repo.full_name !== base.repo.full_name
}

function pullRequestNumber(context: RunContext): number | null {
  const parsed = eventSchema.safeParse(context.payload)
  if (!parsed.success) return null
  if (parsed.data.pull_request) return parsed.data.pull_request.number
  const name = context.eventName ?? ''
  return name.startsWith('pull_request') ? (parsed.data.number ?? null) : null
}

/** HTTP(S)_PROXY and NO_PROXY; a proxy that is not an http(s) URL names its variable. */
function proxySettings(env: ProxyEnvironment): ProxySettings {
  const vars = proxyVariables(env)
  const parse = (found: { name: string; value: string } | null): string | null => {
    if (found === null) return null
    return (
      proxyUrl(found.value) ??
      fail(found.name, found.value, 'expected a proxy URL such as http://proxy.example.com:3128')
    )
  }
  return { httpProxy: parse(vars.http), httpsProxy: parse(vars.https), noProxy: vars.noProxy }
}

const RUN_ID = /^[1-9]\d{0,19}$/

/** The run's page, when the server, repository and run id are all known and well-formed. */
function runUrl(context: RunContext, repo: Config['repository']): string | null {
  const server = context.serverUrl ?? ''
  const id = String(context.runId ?? '')
  if (
    repo === null ||
    !RUN_ID.test(id) ||
    !z.url({ protocol: /^https?$/ }).safeParse(server).success
  ) {
    return null
  }
  return `${server.replace(/\/+$/, '')}/${repo.owner}/${repo.repo}/actions/runs/${id}`
}

// Secret names are letters, digits and underscores; a glob adds * and ?.
const SECRET_GLOB = /^[A-Za-z0-9_*?]+$/

function parseDeploySecrets(value: string): string[] {
  const globs = splitList(value)
  if (globs.length === 0) {
    fail('deploy-secrets', value, 'expected at least one secret name or glob, such as *SCALINGO*')
  }
  for (const glob of globs) {
    if (!SECRET_GLOB.test(glob)) {
      fail(
        'deploy-secrets',
        glob,
        'expected secret names or globs of letters, digits, underscores, * and ?, separated by commas or newlines'
      )
    }
  }
  return globs
}

/** GITHUB_WORKFLOW_REF is `owner/repo/<path>@<ref>`: the path is what lies between. */
function auditJob(env: ConfigEnvironment): Config['auditJob'] {
  const ref = env.GITHUB_WORKFLOW_REF ?? ''
  const at = ref.lastIndexOf('@')
  const path = (at === -1 ? ref : ref.slice(0, at)).split('/').slice(2).join('/')
  if (path === '') return null
  const job = env.GITHUB_JOB ?? ''
  return { path, job: job === '' ? null : job }
}

/** owner/name, as context.repo, GITHUB_REPOSITORY and `--repo` give it. */
export const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/

function repository(value: string | undefined): Config['repository'] {
  const match = REPOSITORY.exec(value ?? '')
  return match?.[1] && match[2] ? { owner: match[1], repo: match[2] } : null
}

/** Every input parsed once, in the order a reader expects errors. */
export function parseConfig(sources: ConfigSources): Config {
  const { read, env, context } = sources
  const region = regionOf('region', read('region') || 'osc-fr1')
  const scalingoAuthUrl = url(
    'scalingo-auth-url',
    read('scalingo-auth-url') || 'https://auth.scalingo.com'
  )
  const apiInput = read('scalingo-api-url')
  const scalingoApiUrl = apiInput === '' ? null : url('scalingo-api-url', apiInput)
  const apps = parseApps(read('apps'), region, scalingoApiUrl)
  const githubApiInput = read('github-api-url')
  const githubApiUrl =
    githubApiInput !== ''
      ? url('github-api-url', githubApiInput)
      : url('GITHUB_API_URL', context.apiUrl || 'https://api.github.com')
  const sarif = read('sarif-file')
  if (sarif.includes('\0')) fail('sarif-file', sarif, 'expected a file path')
  const branch = read('branch')
  if (branch !== '' && !BRANCH.test(branch)) fail('branch', branch, 'expected a git branch name')
  const token = read('scalingo-api-token')
  const requireScalingoToken = bool(
    'require-scalingo-token',
    read('require-scalingo-token') || 'false'
  )
  if (token === '' && requireScalingoToken) {
    fail(
      'scalingo-api-token',
      token,
      'a token is required because require-scalingo-token is true (pull requests from forks get no secrets)'
    )
  }
  const githubToken = read('github-token')
  const accessReport = read('access-report')
  if (accessReport.includes('\0')) fail('access-report', accessReport, 'expected a file path')
  const changesInput = read('changes-since')
  const changesSince = changesInput === '' ? null : parseChangesSince(changesInput, sources.now)
  if (changesInput !== '' && changesSince === null) {
    fail('changes-since', changesInput, CHANGES_SINCE_FORMAT)
  }
  const repo = repository(context.repository)

  const config: Config = {
    scalingoApiToken: token === '' ? null : token,
    apps,
    region,
    teamSize: oneOf('team-size', read('team-size') || 'auto', [...TEAM_SIZES, 'auto'] as const),
    owners: splitList(read('owners')),
    serviceAccounts: splitList(read('service-accounts')),
    leads: splitList(read('leads')),
    members: splitList(read('members')),
    maxCollaborators: optionalInt('max-collaborators', read('max-collaborators'), 0, 10_000),
    maxAccounts: optionalInt('max-accounts', read('max-accounts'), 1, 10_000),
    require2fa: bool('require-2fa', read('require-2fa') || 'true'),
    branch: branch === '' ? null : branch,
    minApprovals: optionalInt('min-approvals', read('min-approvals'), 0, 10),
    failOn: oneOf('fail-on', read('fail-on') || 'error', [
      'error',
      'warning',
      'notice',
      'never'
    ] as const) satisfies FailOn,
    comment: oneOf('comment', read('comment') || 'auto', [
      'auto',
      'true',
      'false'
    ] as const) satisfies TriState,
    sarifFile: sarif === '' ? null : sarif,
    ignore: parseIgnore(read('ignore')),
    redact: oneOf('redact', read('redact') || 'auto', ['auto', 'true', 'false'] as const),
    githubToken: githubToken === '' ? null : githubToken,
    requestTimeoutMs: (optionalInt('request-timeout', read('request-timeout'), 1, 30) ?? 30) * 1000,
    scalingoAuthUrl,
    scalingoApiUrl,
    githubApiUrl,
    proxy: proxySettings(env),
    repository: repo,
    githubHost: serverHost(context.serverUrl),
    pullRequest: pullRequestNumber(context),
    runUrl: runUrl(context, repo),
    workspace: sources.workspaceHasCheckout ? (env.GITHUB_WORKSPACE ?? null) : null,
    today: sources.now.toISOString().slice(0, 10),
    deploySecrets: parseDeploySecrets(read('deploy-secrets') || '*SCALINGO*'),
    auditJob: auditJob(env),
    accessReport: accessReport === '' ? null : accessReport,
    changesSince,
    forkPullRequest: isForkPullRequest(sources.context.payload)
  }
  return deepFreeze(config)
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/** Whether the run keeps a pull request comment: `true`, or `auto` on a pull request. */
export function wantsComment(config: Pick<Config, 'comment' | 'pullRequest'>): boolean {
  return config.comment === 'true' || (config.comment === 'auto' && config.pullRequest !== null)
}
