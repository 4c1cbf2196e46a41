// No API path of its own: reads the Scalingo facts through the auth and app adapters, in at
// most two rounds after the token exchange (and the regions list).
import type {
  Account,
  AppFacts,
  AppTarget,
  Collaborator,
  Config,
  ReachableApp,
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

/** One regional API to read: the audited apps there, or only the reach (another region). */
interface RegionTarget {
  readonly base: string
  /** The region's name; null when `scalingo-api-url` stands for every region. */
  readonly region: string | null
  readonly audited: readonly AppTarget[]
}

/** What round A learnt about one regional API. */
interface Region extends RegionTarget {
  readonly apps: Settled<ScalingoApp[]>
  readonly collaborators: Settled<AppCollaborator[]> | null
  readonly links: Settled<AppScmLink[]> | null
}

/** Where each fact of one audited app comes from, decided after round A. */
interface Plan {
  readonly target: AppTarget
  /** How findings name the app (`region/name` when two audited apps share the name). */
  readonly label: string
  /** The regional API that serves it. */
  readonly base: string
  /** The app from /v1/apps, or a getApp call in round B, or a failure that ends the app. */
  readonly app: Settled<ScalingoApp> | 'fetch'
  readonly collaborators: Settled<Collaborator[]> | 'fetch'
  readonly link: Settled<ScmLink | null> | 'fetch'
}

/**
 * Reads what the rules need from Scalingo in at most two rounds after the token exchange (three
 * when the regions are listed first): round A asks the bulk endpoints (self, 2FA, and per region
 * the apps, the collaborators of owned apps and the SCM links the token's account made); round B
 * asks per app only for what the bulk answers could not give (apps the account collaborates on,
 * links someone else made, apps missing from the list, bulk endpoints that 404 or whose entries
 * name no app). Anything that cannot be read becomes an `Unavailable` entry, never an empty list.
 *
 * Without `scalingo-api-url`, `GET {auth}/v1/regions` gives every region the account can use and
 * its API: the audited apps are read there, and the reach (token-not-app-scoped) spans them all.
 * With it, that one API stands for every region and the reach is read there once.
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
  const labels = appLabels(targets)
  const limit = limiter(SCALINGO_CONCURRENCY)
  const send = <T>(task: () => Promise<T>): Promise<Settled<T>> => settle(limit(task))
  const failures: Unavailable[] = []

  const selfRead = send(() => client.self())
  const tfaRead = send(() => client.tfa())
  let regionTargets: RegionTarget[]
  if (config.scalingoApiUrl !== null) {
    regionTargets = [{ base: config.scalingoApiUrl, region: null, audited: targets }]
  } else {
    const listed = await send(() => client.regions())
    if (!listed.ok) {
      failures.push(failure(null, "regions the Scalingo token's account can use", listed.error))
    }
    regionTargets = regionsToRead(targets, listed.ok ? listed.value : [])
  }

  // Round A: everything that does not depend on another answer.
  const [self, tfa, regionList] = await Promise.all([
    selfRead,
    tfaRead,
    Promise.all(
      regionTargets.map(async (r): Promise<Region> => {
        const appList = send(() => client.listApps(r.base))
        if (r.audited.length === 0)
          return { ...r, apps: await appList, collaborators: null, links: null }
        const onPage = (page: readonly AppScmLink[]): void => {
          void appList.then((listed) => {
            if (listed.ok)
              options.onScmLinkPage?.(linkedApps(r.audited, labels, listed.value, page))
          })
        }
        const [apps, collaborators, links] = await Promise.all([
          appList,
          send(() => client.listCollaborators(r.base)),
          send(() => client.scmRepoLinks(r.base, onPage))
        ])
        return { ...r, apps, collaborators, links }
      })
    )
  ])
  const me = self.ok ? self.value : null

  // Round B: per-app requests for what round A could not answer, all at once.
  const plans = regionList.flatMap((region) =>
    region.audited.map((target) => plan(target, labelOf(labels, target), region, me))
  )
  // The links first: they decide which branches GitHub reads, so that need not wait for people.
  const reads = plans.map((p) => ({
    plan: p,
    link:
      p.link === 'fetch'
        ? send(() => client.appScmRepoLink(p.base, p.target.name))
        : Promise.resolve(p.link)
  }))
  const linksKnown = Promise.all(reads.map((r) => r.link)).then((known) => {
    options.onScmLinks?.(
      reads.map((r, index) => {
        const link = known[index]
        return { name: r.plan.label, scmLink: link?.ok === true ? link.value : null }
      })
    )
  })
  const resolving = Promise.all(reads.map((r) => runPlan(r.plan, r.link, client, send)))
  // Queued after the facts the rules need, so those come first; an app's pages are read in turn.
  const changesRead =
    config.changesSince === null
      ? null
      : readAccessChanges(
          client,
          // Each app at the API that serves it (its region's, from /v1/regions when listed).
          plans.map((p) => ({ ...p.target, apiUrl: p.base })),
          new Date(config.changesSince.since),
          limit
        )
  const resolved = await resolving
  await linksKnown

  if (!self.ok) failures.push(failure(null, 'account behind the Scalingo token', self.error))
  if (!tfa.ok) failures.push(failure(null, "2FA status of the Scalingo token's account", tfa.error))
  const reachable: ReachableApp[] = []
  let reviewApps = 0
  for (const region of regionList) {
    if (region.apps.ok) {
      for (const app of region.apps.value) {
        // Review apps clone their parent's collaborators: they are not other apps to scope out.
        if (app.parentApp !== null) reviewApps++
        else reachable.push({ region: region.region ?? app.region, name: app.name })
      }
    } else if (region.audited.length > 0 || !isRefused(region.apps.error)) {
      failures.push(
        failure(
          null,
          `apps the Scalingo token reaches on ${hostOf(region.base)}`,
          region.apps.error
        )
      )
    }
    // A region the account may not read (401/403) holds nothing it reaches: not a failure.
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
  // In the order of the `apps` input.
  const order = new Map(targets.map((t, i) => [targetKey(t), i]))
  apps.sort(
    (x, y) =>
      (order.get(`${x.region}/${x.scalingoName}`) ?? 0) -
      (order.get(`${y.region}/${y.scalingoName}`) ?? 0)
  )

  const token: TokenFacts | null = me && {
    account: me,
    tfaEnabled: tfa.ok ? tfa.value : null,
    reachableApps: distinctReach(reachable),
    reviewApps
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
 * The regional APIs to read: each listed region, with the audited apps that live there; an
 * audited region missing from the list is still read at its default API (the regions answer
 * may be unreadable, or not list a region the `apps` input names).
 */
function regionsToRead(
  targets: readonly AppTarget[],
  listed: readonly { name: string; api: string }[]
): RegionTarget[] {
  const out: RegionTarget[] = listed.map((r) => ({
    base: r.api,
    region: r.name,
    audited: targets.filter((t) => t.region === r.name)
  }))
  const unlisted = targets.filter((t) => !listed.some((r) => r.name === t.region))
  for (const region of [...new Set(unlisted.map((t) => t.region))]) {
    const audited = unlisted.filter((t) => t.region === region)
    out.push({ base: audited[0]?.apiUrl ?? '', region, audited })
  }
  return out
}

const targetKey = (t: Pick<AppTarget, 'region' | 'name'>): string => `${t.region}/${t.name}`

/** `region/name` for apps whose name another audited app shares, else the name. */
function appLabels(targets: readonly AppTarget[]): ReadonlyMap<string, string> {
  const count = new Map<string, number>()
  for (const t of targets) count.set(t.name, (count.get(t.name) ?? 0) + 1)
  return new Map(
    targets.map((t) => [targetKey(t), (count.get(t.name) ?? 0) > 1 ? targetKey(t) : t.name])
  )
}

function labelOf(labels: ReadonlyMap<string, string>, target: AppTarget): string {
  return labels.get(targetKey(target)) ?? target.name
}

function distinctReach(reach: readonly ReachableApp[]): ReachableApp[] {
  const seen = new Set<string>()
  return reach.filter((r) => {
    const key = `${r.region ?? ''}/${r.name}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * The audited apps whose link a page of the bulk list holds; matched as `plan` matches them (by
 * name in the app list, then by an id that no other listed app shares).
 */
function linkedApps(
  audited: readonly AppTarget[],
  labels: ReadonlyMap<string, string>,
  listed: readonly ScalingoApp[],
  page: readonly AppScmLink[]
): Pick<AppFacts, 'name' | 'scmLink'>[] {
  return audited.flatMap((target) => {
    const app = listed.find((a) => a.name === target.name)
    if (app === undefined || !hasUniqueId(listed, app)) return []
    const entry = page.find((l) => l.appId === app.id)
    return entry === undefined ? [] : [{ name: labelOf(labels, target), scmLink: entry.link }]
  })
}

/** Bulk answers name apps by id; an id shared by two listed apps cannot tell them apart. */
function hasUniqueId(listed: readonly ScalingoApp[], app: ScalingoApp): boolean {
  return listed.filter((a) => a.id === app.id).length === 1
}

function plan(target: AppTarget, label: string, region: Region, me: Account | null): Plan {
  const base = region.base
  const fetchAll: Plan = {
    target,
    label,
    base,
    app: 'fetch',
    collaborators: 'fetch',
    link: 'fetch'
  }
  if (!region.apps.ok) {
    // The list endpoint is missing (404): ask for the app itself. Any other failure ends here.
    if (isNotFound(region.apps.error)) return fetchAll
    const failed = { ok: false, error: region.apps.error } as const
    return { target, label, base, app: failed, collaborators: failed, link: failed }
  }
  const app = region.apps.value.find((a) => a.name === target.name)
  if (app === undefined) return fetchAll
  const owned = me !== null && sameAccount(app.owner, me)
  const uniqueId = hasUniqueId(region.apps.value, app)

  // The bulk list holds only the links the token's account made: an app absent from it may
  // still be linked by someone else, so absence is unknown and the app's own link is asked.
  const links = region.links
  const usableLinks = links?.ok === true && links.value.every((l) => l.appId !== null)
  const listed = uniqueId && usableLinks ? links.value.find((l) => l.appId === app.id) : undefined
  const link: Plan['link'] = listed === undefined ? 'fetch' : { ok: true, value: listed.link }

  const bulk = region.collaborators
  // An entry that names no app makes the whole answer unusable: never an app with no one.
  const collaborators =
    bulk === null || (bulk.ok && !bulk.value.every((c) => c.appName !== null || c.appId !== null))
      ? 'fetch'
      : fromBulk(owned, bulk, (all) =>
          all
            .filter((c) =>
              c.appName !== null ? c.appName === app.name : uniqueId && c.appId === app.id
            )
            .map((c) => c.collaborator)
        )
  return { target, label, base, app: { ok: true, value: app }, collaborators, link }
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
  const { name } = p.target
  const { label, base } = p
  const [app, collaborators, link] = await Promise.all([
    p.app === 'fetch' ? send(() => client.getApp(base, name)) : p.app,
    p.collaborators === 'fetch' ? send(() => client.appCollaborators(base, name)) : p.collaborators,
    linkRead
  ])

  if (!app.ok) {
    if (p.app === 'fetch' && isNotFound(app.error)) {
      const reason = `app ${label} not found or not visible to the token's account (${message(app.error)})`
      return { app: null, failures: [{ app: label, what: `app ${label}`, reason }] }
    }
    return { app: null, failures: [failure(label, `owner of ${label}`, app.error)] }
  }
  if (!collaborators.ok) {
    return {
      app: null,
      failures: [failure(label, `collaborators of ${label}`, collaborators.error)]
    }
  }
  // An unreadable link is listed as a failure; the app stays, its people were read.
  const failures = link.ok ? [] : [failure(label, `SCM link of ${label}`, link.error)]
  return {
    app: {
      name: label,
      scalingoName: name,
      region: p.target.region,
      parentApp: app.value.parentApp,
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

/** 401 or 403: a region the account may not read. */
function isRefused(error: unknown): boolean {
  return error instanceof ScalingoError && (error.status === 401 || error.status === 403)
}

function isNotFound(error: unknown): boolean {
  return error instanceof ScalingoError && error.status === 404
}

function hostOf(base: string): string {
  return URL.canParse(base) ? new URL(base).host : base
}
