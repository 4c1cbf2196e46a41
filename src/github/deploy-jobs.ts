/**
 * Finds the Scalingo deploy jobs of a repository's workflow files: the jobs that read a secret
 * whose name matches `deploy-secrets`. Pure: it takes the files' text and returns facts. YAML is
 * parsed by the `yaml` package; expressions are scanned for the `secrets` context.
 */
import { parse } from 'yaml'
import type { AuditJob, DeployFacts, DeployJob, RefSet, WorkflowTrigger } from '../types.js'

/** This action, as a step names it from another repository (`uses: OWNER/REPO@ref`). */
export const ACTION_REPOSITORY = 'scalingo-access-governance/action'

export interface DeployReadOptions {
  /** `deploy-secrets` globs, matched case-insensitively against secret names. */
  readonly secretPatterns: readonly string[]
  /** The audit's own job: never a deploy job. */
  readonly auditJob: AuditJob | null
}

export interface WorkflowSource {
  readonly path: string
  /** The file's text; null when it could not be read (`reason` says why). */
  readonly source: string | null
  readonly reason?: string
}

/** Local reusable workflows that jobs call (`uses: ./.github/workflows/x.yml`), by path. */
export function calledWorkflowPaths(files: readonly WorkflowSource[]): string[] {
  const paths = new Set<string>()
  for (const file of files) {
    const doc = file.source === null ? null : parseWorkflow(file.source)
    if (doc === null) continue
    for (const job of Object.values(doc.jobs)) {
      const local = localWorkflow(job)
      if (local !== null) paths.add(local)
    }
  }
  return [...paths]
}

/**
 * The deploy jobs of these workflow files. `called` holds the local reusable workflows that are
 * not among `files` (inactive or unlisted), so that a call is still followed one level.
 */
export function readDeployJobs(
  files: readonly WorkflowSource[],
  options: DeployReadOptions,
  called: readonly WorkflowSource[] = []
): DeployFacts {
  const unread: { path: string; reason: string }[] = []
  const docs = new Map<string, ParsedWorkflow>()
  for (const file of [...files, ...called]) {
    if (docs.has(file.path)) continue
    if (file.source === null) {
      unread.push({ path: file.path, reason: file.reason ?? 'could not be read' })
      continue
    }
    const doc = parseWorkflow(file.source)
    if (doc === null)
      unread.push({ path: file.path, reason: 'not a workflow GitHub can run (YAML)' })
    else docs.set(file.path, doc)
  }
  const matches = secretMatcher(options.secretPatterns)
  const jobs = new Map<string, MutableDeployJob>()
  const add = (job: MutableDeployJob): void => {
    const key = `${job.path}#${job.job}`
    const known = jobs.get(key)
    if (known === undefined) {
      jobs.set(key, job)
      return
    }
    known.triggers.push(...job.triggers)
    for (const name of job.secrets) if (!known.secrets.includes(name)) known.secrets.push(name)
    known.readsAll ||= job.readsAll
  }

  // Only the listed files start runs of their own; `called` ones only run through a caller.
  const listed = new Set(files.map((file) => file.path))
  for (const [path, doc] of docs) {
    if (!listed.has(path)) continue
    const own = doc.triggers.filter((t) => t.event !== 'workflow_call')
    for (const [id, job] of Object.entries(doc.jobs)) {
      if (isAuditJob(options.auditJob, path, id)) continue
      if (typeof job.uses === 'string') {
        readCall({ path, doc, id, job, own, docs, matches, add, unread })
        continue
      }
      const reads = jobReads(doc, job, matches)
      if (!reads.deploys) continue
      // A workflow called from nowhere in this repository may be called from others.
      const triggers =
        own.length > 0 || !doc.triggers.some((t) => t.event === 'workflow_call')
          ? own
          : doc.triggers
      add(deployJob(path, id, doc, job, reads, triggers))
    }
  }
  // A reusable workflow's own `workflow_call` trigger stands only while no caller here is known.
  const result = [...jobs.values()].map((job): DeployJob => {
    const viaCaller = job.triggers.some((t) => t.via !== null)
    return {
      ...job,
      triggers: viaCaller ? job.triggers.filter((t) => t.event !== 'workflow_call') : job.triggers
    }
  })
  return { jobs: result, unread }
}

/* ------------------------------------------------------------------ parsing */

interface ParsedWorkflow {
  readonly name: string | null
  readonly triggers: readonly WorkflowTrigger[]
  readonly env: unknown
  readonly jobs: Readonly<Record<string, JobNode>>
}

/** A job as written; only the keys read here are typed. */
interface JobNode {
  readonly uses?: unknown
  readonly secrets?: unknown
  readonly with?: unknown
  readonly env?: unknown
  readonly environment?: unknown
  readonly steps?: unknown
  readonly [key: string]: unknown
}

function parseWorkflow(source: string): ParsedWorkflow | null {
  let data: unknown
  try {
    // YAML 1.2 core schema: `on` stays the string "on" (YAML 1.1 would make it `true`).
    data = parse(source, { maxAliasCount: 100 })
  } catch {
    return null
  }
  if (!isRecord(data) || !isRecord(data.jobs)) return null
  const on = 'on' in data ? data.on : data.true
  const triggers = readTriggers(on)
  if (triggers === null) return null
  const jobs: Record<string, JobNode> = {}
  for (const [id, job] of Object.entries(data.jobs)) if (isRecord(job)) jobs[id] = job
  return {
    name: typeof data.name === 'string' ? data.name : null,
    triggers,
    env: data.env,
    jobs
  }
}

/** `on:` as a string, a list of strings or a map of event → settings; null when it is none of them. */
export function readTriggers(on: unknown): WorkflowTrigger[] | null {
  const trigger = (event: string, settings: unknown): WorkflowTrigger => ({
    event,
    push: event === 'push' ? pushRefs(settings) : null,
    via: null
  })
  if (typeof on === 'string') return [trigger(on, null)]
  if (Array.isArray(on)) {
    if (!on.every((event): event is string => typeof event === 'string')) return null
    return on.map((event) => trigger(event, null))
  }
  if (isRecord(on)) return Object.entries(on).map(([event, settings]) => trigger(event, settings))
  return null
}

/**
 * GitHub's rule: with only branch filters a push of a tag does not run the workflow, with only
 * tag filters a push of a branch does not; with neither (or `paths` alone) every push runs it.
 */
function pushRefs(settings: unknown): { branches: RefSet; tags: RefSet } {
  const s = isRecord(settings) ? settings : {}
  const branches = refSet(s.branches, s['branches-ignore'])
  const tags = refSet(s.tags, s['tags-ignore'])
  if (branches === null && tags === null)
    return { branches: { kind: 'all' }, tags: { kind: 'all' } }
  return { branches: branches ?? { kind: 'none' }, tags: tags ?? { kind: 'none' } }
}

function refSet(only: unknown, ignore: unknown): RefSet | null {
  const list = (value: unknown): string[] | null => {
    if (typeof value === 'string') return [value]
    if (Array.isArray(value)) return value.map(String)
    return null
  }
  const include = list(only)
  if (include !== null) return { kind: 'only', patterns: include }
  const exclude = list(ignore)
  if (exclude !== null)
    return exclude.length === 0 ? { kind: 'all' } : { kind: 'except', patterns: exclude }
  return null
}

/* ------------------------------------------------------------------ secrets */

export interface SecretReads {
  /** Names read (as written), in order. */
  readonly names: readonly string[]
  /** The whole context is read (`toJSON(secrets)`, `secrets[expr]`, `secrets: inherit`). */
  readonly all: boolean
}

/**
 * The `secrets` context read in one string: inside `${{ … }}` only (outside, `secrets.X` is plain
 * text). Forms: `secrets.X`, `secrets['X']`, `secrets["X"]`; any other use of `secrets`
 * (`toJSON(secrets)`, `secrets[format(…)]`) reads every secret. Contexts are case-insensitive.
 */
export function secretReads(text: string): SecretReads {
  const names: string[] = []
  let all = false
  for (const match of text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    const expression = match[1] ?? ''
    const literals = stringLiterals(expression)
    const pattern =
      /(?<![\w.-])secrets\b(?:\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)|\s*\[\s*'((?:[^']|'')*)'\s*\]|\s*\[\s*"([^"]*)"\s*\])?/gi
    for (const m of expression.matchAll(pattern)) {
      const at = m.index
      if (literals.some(([start, end]) => at > start && at < end)) continue
      const name = m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3]
      if (name === undefined) all = true
      else if (!names.includes(name)) names.push(name)
    }
  }
  return { names, all }
}

/** [start, end] offsets of the single-quoted string literals of an expression. */
function stringLiterals(expression: string): [number, number][] {
  const ranges: [number, number][] = []
  let start = -1
  for (let i = 0; i < expression.length; i += 1) {
    if (expression[i] !== "'") continue
    if (start === -1) start = i
    else if (expression[i + 1] === "'") i += 1
    else {
      ranges.push([start, i])
      start = -1
    }
  }
  return ranges
}

/** Case-insensitive globs: `*` any run of characters, `?` one. */
export function secretMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.map(
    (pattern) =>
      new RegExp(
        `^${[...pattern]
          .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
          .join('')}$`,
        'i'
      )
  )
  return (name) => regexes.some((regex) => regex.test(name))
}

/** Every string under a value (mapping keys aside). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (isRecord(value)) return Object.values(value).flatMap(strings)
  return []
}

function readsOf(value: unknown): SecretReads {
  const names: string[] = []
  let all = false
  for (const text of strings(value)) {
    const reads = secretReads(text)
    all ||= reads.all
    for (const name of reads.names) if (!names.includes(name)) names.push(name)
  }
  return { names, all }
}

interface JobReads {
  readonly deploys: boolean
  readonly secrets: string[]
  readonly readsAll: boolean
}

/**
 * What a job reads: the workflow's `env` and everything in the job (env, steps' env, with and
 * run, container credentials, …). Reads made only by steps that run this action (its own inputs)
 * do not make a deploy job.
 */
function jobReads(
  doc: ParsedWorkflow,
  job: JobNode,
  matches: (name: string) => boolean,
  /**
   * In a reusable workflow called with a `secrets:` mapping, the only secrets there are: each
   * called name (lowercased) → what the caller read for it. null: every secret, by its own name.
   */
  passed: ReadonlyMap<string, SecretReads> | null = null
): JobReads {
  const steps = Array.isArray(job.steps) ? job.steps : []
  const ownSteps = steps.filter((step) => isRecord(step) && isThisAction(step.uses))
  const rest = Object.fromEntries(Object.entries(job).filter(([key]) => key !== 'steps'))
  const reads = readsOf([doc.env, rest, ...steps.filter((step) => !ownSteps.includes(step))])
  if (passed === null) {
    const secrets = reads.names.filter(matches)
    return { deploys: reads.all || secrets.length > 0, secrets, readsAll: reads.all }
  }
  const secrets = new Set<string>()
  let readsAll = false
  for (const [key, through] of passed) {
    if (!reads.all && !reads.names.some((name) => name.toLowerCase() === key)) continue
    const names = through.names.filter(matches)
    // The called name may say Scalingo while the caller's does not: either counts.
    if (names.length === 0 && matches(key) && through.names.length > 0) names.push(...through.names)
    for (const name of names) secrets.add(name)
    readsAll ||= through.all
  }
  return { deploys: readsAll || secrets.size > 0, secrets: [...secrets], readsAll }
}

function isThisAction(uses: unknown): boolean {
  if (typeof uses !== 'string') return false
  const value = uses.trim()
  if (value === './' || value === '.') return true
  const at = value.indexOf('@')
  return (at === -1 ? value : value.slice(0, at)).toLowerCase() === ACTION_REPOSITORY
}

function isAuditJob(audit: AuditJob | null, path: string, job: string): boolean {
  return audit !== null && audit.path === path && (audit.job === null || audit.job === job)
}

/* ------------------------------------------------------------------ reusable workflows */

/** `./.github/workflows/x.yml` (optionally with `@ref`, which GitHub ignores for local calls). */
function localWorkflow(job: JobNode): string | null {
  if (typeof job.uses !== 'string') return null
  const match = /^\.\/(\.github\/workflows\/[^@\s]+\.ya?ml)(?:@\S*)?$/.exec(job.uses.trim())
  return match?.[1] ?? null
}

interface CallInput {
  readonly path: string
  readonly doc: ParsedWorkflow
  readonly id: string
  readonly job: JobNode
  readonly own: readonly WorkflowTrigger[]
  readonly docs: ReadonlyMap<string, ParsedWorkflow>
  readonly matches: (name: string) => boolean
  readonly add: (job: MutableDeployJob) => void
  readonly unread: { path: string; reason: string }[]
}

/**
 * A job that calls a reusable workflow passes it secrets with `secrets: inherit` (all of them)
 * or a mapping (each value an expression). A local workflow is followed one level: its jobs that
 * read what was passed are the deploy jobs (the `environment:` goes there), started by the
 * caller's triggers. A workflow the audit cannot read makes the calling job the deploy job.
 */
function readCall(input: CallInput): void {
  const { path, doc, id, job, own, docs, matches, add } = input
  const inherit = typeof job.secrets === 'string' && job.secrets.trim() === 'inherit'
  const passed = new Map<string, SecretReads>()
  if (isRecord(job.secrets)) {
    for (const [key, value] of Object.entries(job.secrets))
      passed.set(key.toLowerCase(), readsOf(value))
  }
  const passedAll = [...passed.values()].some((reads) => reads.all)
  const passedNames = [
    ...new Set(
      [...passed].flatMap(([key, reads]) =>
        reads.names.some(matches) ? reads.names.filter(matches) : matches(key) ? reads.names : []
      )
    )
  ]
  if (!inherit && !passedAll && passedNames.length === 0) return
  const via: WorkflowTrigger[] = own.map((t) => ({ ...t, via: `${path}#${id}` }))
  const local = localWorkflow(job)
  const calledDoc = local === null ? undefined : docs.get(local)
  if (local === null || calledDoc === undefined) {
    add({
      path,
      job: id,
      workflow: doc.name ?? path,
      triggers: [...own],
      environment: null,
      secrets: passedNames,
      readsAll: inherit || passedAll,
      method: null,
      apps: [],
      unfollowed: String(job.uses)
    })
    return
  }
  for (const [calledId, calledJob] of Object.entries(calledDoc.jobs)) {
    if (typeof calledJob.uses === 'string') {
      // A second level is not followed: the called job is judged on what it passes on.
      if (inherit || passedAll || passedNames.length > 0) {
        add({
          path: local,
          job: calledId,
          workflow: calledDoc.name ?? local,
          triggers: via,
          environment: null,
          secrets: passedNames,
          readsAll: inherit || passedAll,
          method: null,
          apps: [],
          unfollowed: calledJob.uses
        })
      }
      continue
    }
    const reads = jobReads(calledDoc, calledJob, matches, inherit ? null : passed)
    if (!reads.deploys) continue
    add(deployJob(local, calledId, calledDoc, calledJob, reads, via))
  }
}

/* ------------------------------------------------------------------ one job */

type MutableDeployJob = Omit<DeployJob, 'triggers' | 'secrets'> & {
  triggers: WorkflowTrigger[]
  secrets: string[]
  readsAll: boolean
}

function deployJob(
  path: string,
  id: string,
  doc: ParsedWorkflow,
  job: JobNode,
  reads: JobReads,
  triggers: readonly WorkflowTrigger[]
): MutableDeployJob {
  const texts = [...strings(doc.env), ...strings(job)]
  return {
    path,
    job: id,
    workflow: doc.name ?? path,
    triggers: [...triggers],
    environment: environmentOf(job.environment),
    secrets: [...reads.secrets],
    readsAll: reads.readsAll,
    method: deployMethod(job, texts),
    apps: appsNamed(doc, job, texts),
    unfollowed: null
  }
}

/** `environment: NAME` or `environment: {name: NAME, url: …}`; an expression stays unresolved. */
function environmentOf(value: unknown): DeployJob['environment'] {
  const raw = isRecord(value) ? value.name : value
  if (typeof raw !== 'string' || raw.trim() === '') return null
  const name = raw.trim()
  return { name: name.includes('${{') ? null : name, raw: name }
}

/** Deploy actions whose inputs and behaviour were read in their repositories. */
const KNOWN_ACTIONS: readonly {
  readonly uses: string
  readonly method: string
  readonly appInputs: readonly string[]
}[] = [
  // kolok/deploy-to-scalingo action.yml: `git push` to git@<known-host>:<app-name>.git.
  {
    uses: 'kolok/deploy-to-scalingo',
    method: 'kolok/deploy-to-scalingo (git push)',
    appInputs: ['app-name']
  },
  // scalingo-community/setup-scalingo action.yaml: installs the CLI, logs in with api_token.
  {
    uses: 'scalingo-community/setup-scalingo/deploy-app',
    method: 'scalingo-community/setup-scalingo/deploy-app',
    appInputs: ['app_name']
  },
  {
    uses: 'scalingo-community/setup-scalingo',
    method: 'Scalingo CLI (scalingo-community/setup-scalingo)',
    appInputs: ['app_name']
  }
]

function knownAction(uses: unknown): (typeof KNOWN_ACTIONS)[number] | null {
  if (typeof uses !== 'string') return null
  const name = uses.trim().split('@')[0]?.toLowerCase() ?? ''
  return KNOWN_ACTIONS.find((action) => action.uses === name) ?? null
}

function stepsOf(job: JobNode): Record<string, unknown>[] {
  return Array.isArray(job.steps) ? job.steps.filter(isRecord) : []
}

function deployMethod(job: JobNode, texts: readonly string[]): string | null {
  for (const step of stepsOf(job)) {
    const action = knownAction(step.uses)
    if (action !== null) return action.method
  }
  const runs = stepsOf(job)
    .map((step) => step.run)
    .filter((run): run is string => typeof run === 'string')
  const scalingoRemote = texts.some((text) => /scalingo\.com[:/]/i.test(text))
  if (runs.some((run) => /\bgit\s+push\b/.test(run)) && scalingoRemote) {
    return 'git push to a Scalingo remote'
  }
  if (
    runs.some((run) => /(?:^|[\s;&|(`])scalingo\s/m.test(run) || /cli-dl\.scalingo\.com/.test(run))
  ) {
    return 'Scalingo CLI'
  }
  return null
}

const APP = '[a-z0-9][a-z0-9_-]*'

/** Literal app names only: a `$VAR` or `${{ … }}` says nothing about which app. */
function appsNamed(doc: ParsedWorkflow, job: JobNode, texts: readonly string[]): string[] {
  const apps: string[] = []
  const add = (name: string | undefined): void => {
    if (name !== undefined && new RegExp(`^${APP}$`, 'i').test(name) && !apps.includes(name)) {
      apps.push(name)
    }
  }
  for (const text of texts) {
    for (const m of text.matchAll(
      new RegExp(`(?:--app[= ]|(?<![\\w-])-a )\\s*["']?(${APP})\\b`, 'gi')
    ))
      add(m[1])
    for (const m of text.matchAll(new RegExp(`scalingo\\.com[:/](${APP})\\.git\\b`, 'gi')))
      add(m[1])
  }
  const envs = [doc.env, job.env, ...stepsOf(job).map((step) => step.env)]
  for (const env of envs) {
    if (isRecord(env) && typeof env.SCALINGO_APP === 'string') add(env.SCALINGO_APP)
  }
  for (const step of stepsOf(job)) {
    const action = knownAction(step.uses)
    if (action === null || !isRecord(step.with)) continue
    for (const input of action.appInputs) {
      const value = step.with[input]
      if (typeof value === 'string') add(value)
    }
  }
  return apps
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
