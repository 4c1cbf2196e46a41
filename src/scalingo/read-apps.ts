// No API path of its own: reads the Scalingo facts through the auth and app adapters, in at
// most two rounds after the token exchange.
import type {
  Account,
  AppFacts,
  AppTarget,
  Collaborator,
  Config,
  ScalingoFacts,
  ScmLink,
  TokenFacts,
  Unavailable
} from '../types.js'
import { sameAccount } from '../accounts.js'
import { limiter, settle, type Settled } from '../promises.js'
import type { AppCollaborator, AppScmLink } from './apps.js'
import type { ScalingoClient } from './client.js'
import { ScalingoError } from './errors.js'
import { readAccessChanges } from './events.js'
import type { ScalingoApp } from './to-facts.js'

/** Requests in flight at once, per run: well under what a Scalingo account may send. */
export const SCALINGO_CONCURRENCY = 10

export interface CollectScalingoOptions {
  /**
   * Called once, as soon as the SCM link of every audited app is known (or known to be
   * unreadable), before the per-app reads finish: the GitHub branch reads wait only for this.
   */
  readonly onScmLinks?: (apps: readonly Pick<AppFacts, 'name' | 'scmLink'>[]) => void
  /**
   * Called for each page of `/v1/scm_repo_links` with the audited apps whose link that page
   * holds, before the last page arrives: a branch named there is read beside the next page.
   */
  readonly onScmLinkPage?: (apps: readonly Pick<AppFacts, 'name' | 'scmLink'>[]) => void
}

/** What round A learnt about one regional API. */
interface Region {
  readonly base: string
  readonly apps: Settled<ScalingoApp[]>
  readonly collaborators: Settled<AppCollaborator[]>
  readonly links: Settled<AppScmLink[]>
}

/** Where each fact of one audited app comes from, decided after round A. */
interface Plan {
  readonly target: AppTarget
  /** The app from /v1/apps, or a getApp call in round B, or a failure that ends the app. */
  readonly app: Settled<ScalingoApp> | 'fetch'
  readonly collaborators: Settled<Collaborator[]> | 'fetch'
  readonly link: Settled<ScmLink | null> | 'fetch'
}

/**
 * Reads what the rules need from Scalingo in at most two rounds after the token exchange:
 * round A asks the bulk endpoints (self, 2FA, and per region the apps, the collaborators of
 * owned apps and the SCM links); round B asks per app only for what the bulk answers could not
 * give (apps the account collaborates on, apps missing from the list, bulk endpoints that 404).
 * Anything that cannot be read becomes an `Unavailable` entry, never an empty list.
 */
export async function collectScalingoFacts(
  config: Config,
  client: ScalingoClient,
  options: CollectScalingoOptions = {}
): Promise<ScalingoFacts> {
  const exchanged = await settle(client.authenticate())
  if (!exchanged.ok) {
    options.onScmLinks?.([])
    return {
      status: 'read',
      token: null,
      apps: [],
      failures: [
        { app: null, what: 'Scalingo token exchange', reason: exchangeReason(exchanged.error) }
      ],
      requests: client.requestCount
    }
  }

  const targets = distinctTargets(config.apps)
  const bases = [...new Set(targets.map((t) => t.apiUrl))]
  const limit = limiter(SCALINGO_CONCURRENCY)
  const send = <T>(task: () => Promise<T>): Promise<Settled<T>> => settle(limit(task))

  // Round A: everything that does not depend on another answer.
  const [self, tfa, regionList] = await Promise.all([
    send(() => client.self()),
    send(() => client.tfa()),
    Promise.all(
      bases.map(async (base): Promise<Region> => {
        const appList = send(() => client.listApps(base))
        const audited = targets.filter((t) => t.apiUrl === base).map((t) => t.name)
        const onPage = (page: readonly AppScmLink[]): void => {
          void appList.then((listed) => {
            if (listed.ok) options.onScmLinkPage?.(linkedApps(audited, listed.value, page))
          })
        }
        const [apps, collaborators, links] = await Promise.all([
          appList,
          send(() => client.listCollaborators(base)),
          send(() => client.scmRepoLinks(base, onPage))
        ])
        return { base, apps, collaborators, links }
      })
    )
  ])
  const regions = new Map(regionList.map((r) => [r.base, r]))
  const me = self.ok ? self.value : null

  // Round B: per-app requests for what round A could not answer, all at once.
  const plans = targets.map((target) => plan(target, regions.get(target.apiUrl), me))
  // The links first: they decide which branches GitHub reads, so that need not wait for people.
  const reads = plans.map((p) => ({
    plan: p,
    link:
      p.link === 'fetch'
        ? send(() => client.appScmRepoLink(p.target.apiUrl, p.target.name))
        : Promise.resolve(p.link)
  }))
  const linksKnown = Promise.all(reads.map((r) => r.link)).then((known) => {
    options.onScmLinks?.(
      reads.map((r, index) => {
        const link = known[index]
        return { name: r.plan.target.name, scmLink: link?.ok === true ? link.value : null }
      })
    )
  })
  const resolving = Promise.all(reads.map((r) => runPlan(r.plan, r.link, client, send)))
  // Queued after the facts the rules need, so those come first; an app's pages are read in turn.
  const changesRead =
    config.changesSince === null
      ? null
      : readAccessChanges(client, targets, new Date(config.changesSince.since), limit)
  const resolved = await resolving
  await linksKnown

  const failures: Unavailable[] = []
  if (!self.ok) failures.push(failure(null, 'account behind the Scalingo token', self.error))
  if (!tfa.ok) failures.push(failure(null, "2FA status of the Scalingo token's account", tfa.error))
  const reachable: string[] = []
  for (const region of regionList) {
    if (region.apps.ok) reachable.push(...region.apps.value.map((a) => a.name))
    else
      failures.push(
        failure(
          null,
          `apps the Scalingo token reaches on ${hostOf(region.base)}`,
          region.apps.error
        )
      )
  }

  const apps: AppFacts[] = []
  for (const facts of resolved) {
    failures.push(...facts.failures)
    if (facts.app !== null) apps.push(facts.app)
  }
  const changes = await changesRead
  // An app that could not be read is reported already: its events add nothing to that.
  const read = new Set(apps.map((a) => a.name))
  if (changes !== null) {
    failures.push(...changes.failures.filter((f) => f.app !== null && read.has(f.app)))
  }

  const token: TokenFacts | null = me && {
    account: me,
    tfaEnabled: tfa.ok ? tfa.value : null,
    reachableApps: [...new Set(reachable)]
  }
  return {
    status: 'read',
    token,
    apps,
    failures,
    requests: client.requestCount,
    ...(changes === null ? {} : { changes: changes.changes.filter((c) => read.has(c.app)) })
  }
}

/**
 * The audited apps whose link a page of the bulk list holds; matched as `plan` matches them (by
 * name in the app list, then by an id that no other listed app shares).
 */
function linkedApps(
  audited: readonly string[],
  listed: readonly ScalingoApp[],
  page: readonly AppScmLink[]
): Pick<AppFacts, 'name' | 'scmLink'>[] {
  return audited.flatMap((name) => {
    const app = listed.find((a) => a.name === name)
    if (app === undefined || !hasUniqueId(listed, app)) return []
    const entry = page.find((l) => l.appId === app.id)
    return entry === undefined ? [] : [{ name, scmLink: entry.link }]
  })
}

/** Bulk answers name apps by id; an id shared by two listed apps cannot tell them apart. */
function hasUniqueId(listed: readonly ScalingoApp[], app: ScalingoApp): boolean {
  return listed.filter((a) => a.id === app.id).length === 1
}

function plan(target: AppTarget, region: Region | undefined, me: Account | null): Plan {
  const fetchAll: Plan = { target, app: 'fetch', collaborators: 'fetch', link: 'fetch' }
  if (region === undefined) return fetchAll
  if (!region.apps.ok) {
    // The list endpoint is missing (404): ask for the app itself. Any other failure ends here.
    if (isNotFound(region.apps.error)) return fetchAll
    const failed = { ok: false, error: region.apps.error } as const
    return { target, app: failed, collaborators: failed, link: failed }
  }
  const app = region.apps.value.find((a) => a.name === target.name)
  if (app === undefined) return fetchAll
  const owned = me !== null && sameAccount(app.owner, me)

  const uniqueId = hasUniqueId(region.apps.value, app)
  // A link in the bulk list is good whoever owns the app.
  const listed =
    uniqueId && region.links.ok ? region.links.value.find((l) => l.appId === app.id) : undefined
  const link: Plan['link'] =
    listed !== undefined
      ? { ok: true, value: listed.link }
      : uniqueId
        ? // The bulk list covers every owned app, so absence there means no link.
          fromBulk(owned, region.links, () => null)
        : 'fetch'
  const collaborators = fromBulk(owned, region.collaborators, (all) =>
    all
      .filter((c) => (c.appName !== null ? c.appName === app.name : uniqueId && c.appId === app.id))
      .map((c) => c.collaborator)
  )
  return { target, app: { ok: true, value: app }, collaborators, link }
}

/**
 * A fact of an owned app from a bulk answer; 'fetch' for apps the bulk endpoints do not cover
 * (not owned) or when the endpoint does not exist (404). Other failures stay failures.
 */
function fromBulk<T, U>(
  owned: boolean,
  bulk: Settled<T>,
  pick: (value: T) => U
): Settled<U> | 'fetch' {
  if (!owned) return 'fetch'
  if (bulk.ok) return { ok: true, value: pick(bulk.value) }
  return isNotFound(bulk.error) ? 'fetch' : bulk
}

interface Resolved {
  readonly app: AppFacts | null
  readonly failures: readonly Unavailable[]
}

type Send = <T>(task: () => Promise<T>) => Promise<Settled<T>>

async function runPlan(
  p: Plan,
  linkRead: Promise<Settled<ScmLink | null>>,
  client: ScalingoClient,
  send: Send
): Promise<Resolved> {
  const { name, apiUrl } = p.target
  const [app, collaborators, link] = await Promise.all([
    p.app === 'fetch' ? send(() => client.getApp(apiUrl, name)) : p.app,
    p.collaborators === 'fetch'
      ? send(() => client.appCollaborators(apiUrl, name))
      : p.collaborators,
    linkRead
  ])

  if (!app.ok) {
    if (p.app === 'fetch' && isNotFound(app.error)) {
      const reason = `app ${name} not found or not visible to the token's account (${message(app.error)})`
      return { app: null, failures: [{ app: name, what: `app ${name}`, reason }] }
    }
    return { app: null, failures: [failure(name, `owner of ${name}`, app.error)] }
  }
  if (!collaborators.ok) {
    return { app: null, failures: [failure(name, `collaborators of ${name}`, collaborators.error)] }
  }
  // An unreadable link is listed as a failure; the app stays, its people were read.
  const failures = link.ok ? [] : [failure(name, `SCM link of ${name}`, link.error)]
  return {
    app: {
      name,
      region: p.target.region,
      owner: app.value.owner,
      collaborators: collaborators.value,
      scmLink: link.ok ? link.value : null
    },
    failures
  }
}

function distinctTargets(apps: readonly AppTarget[]): AppTarget[] {
  const seen = new Set<string>()
  return apps.filter((t) => {
    const key = `${t.apiUrl}\n${t.name}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function exchangeReason(error: unknown): string {
  if (
    error instanceof ScalingoError &&
    error.kind === 'http' &&
    (error.status === 401 || error.status === 403)
  ) {
    return `token exchange refused: HTTP ${error.status} — check scalingo-api-token`
  }
  return `token exchange failed: ${message(error)}`
}

function failure(app: string | null, what: string, error: unknown): Unavailable {
  return { app, what, reason: message(error) }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isNotFound(error: unknown): boolean {
  return error instanceof ScalingoError && error.status === 404
}

function hostOf(base: string): string {
  return URL.canParse(base) ? new URL(base).host : base
}
