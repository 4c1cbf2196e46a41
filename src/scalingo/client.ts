import { Agent, type Dispatcher } from 'undici'
import type { Account, Collaborator, ScmLink } from '../types.js'
import { Transport, type HttpRequest } from './http.js'
import {
  appResponse,
  appsResponse,
  collaboratorsResponse,
  exchangeResponse,
  scmLinkResponse,
  scmLinksResponse,
  selfResponse,
  tfaResponse,
  type AppShape,
  type CollaboratorShape,
  type ScmLinkShape
} from './schemas.js'

export const DEFAULT_TIMEOUT_MS = 30_000
const USER_AGENT = 'scalingo-access-governance (GitHub Action)'
/** Stops a server whose next_page never ends from looping the run away. */
const MAX_PAGES = 50

export interface ScalingoClientOptions {
  readonly apiToken: string
  /** Auth service base, e.g. https://auth.scalingo.com (a path prefix is kept). */
  readonly authUrl: string
  readonly dispatcher?: Dispatcher
  /** Per attempt, headers and body included. */
  readonly timeoutMs?: number
  /** Aborts every request and every wait (the run's deadline). */
  readonly signal?: AbortSignal
  readonly setSecret: (secret: string) => void
}

interface Fetched {
  readonly request: HttpRequest
  readonly status: number
  readonly body: string
}

/** An app as /v1/apps and /v1/apps/{app} describe it. */
export interface ScalingoApp {
  readonly id: string
  readonly name: string
  readonly owner: Account
}

/** An entry of GET /v1/collaborators: a collaborator and the app it belongs to. */
export interface AppCollaborator {
  readonly appId: string | null
  readonly appName: string | null
  readonly collaborator: Collaborator
}

/** An entry of GET /v1/scm_repo_links: a link and the app it belongs to. */
export interface AppScmLink {
  readonly appId: string | null
  readonly link: ScmLink
}

export interface ScalingoClient {
  /** Requests actually sent so far, retries included. */
  readonly requestCount: number
  /** Exchanges the API token for a bearer, once; concurrent callers share the exchange. */
  authenticate(): Promise<void>
  self(): Promise<Account>
  tfa(): Promise<boolean>
  listApps(apiBase: string): Promise<ScalingoApp[]>
  getApp(apiBase: string, app: string): Promise<ScalingoApp>
  /** Collaborators of every app the token's account owns in that region. */
  listCollaborators(apiBase: string): Promise<AppCollaborator[]>
  appCollaborators(apiBase: string, app: string): Promise<Collaborator[]>
  /** Every SCM link the account sees in that region, all pages; `onPage` sees each page. */
  scmRepoLinks(
    apiBase: string,
    onPage?: (links: readonly AppScmLink[]) => void
  ): Promise<AppScmLink[]>
  /** null when the app has no SCM link. */
  appScmRepoLink(apiBase: string, app: string): Promise<ScmLink | null>
}

/**
 * The Scalingo API, read-only: token exchange on the auth service, then bearer requests to
 * the regional APIs. Every response is checked by a zod schema and mapped to src/types.ts.
 */
export function createScalingoClient(options: ScalingoClientOptions): ScalingoClient {
  // Masked before any request can print it.
  options.setSecret(options.apiToken)
  const secrets: string[] = [options.apiToken]
  const transport = new Transport({
    dispatcher: options.dispatcher ?? new Agent(),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal,
    userAgent: USER_AGENT,
    secrets: () => secrets
  })
  const authBase = options.authUrl

  let bearer: Promise<string> | null = null
  const exchange = (): Promise<string> => {
    bearer ??= (async () => {
      const request: HttpRequest = {
        method: 'POST',
        base: authBase,
        path: '/v1/tokens/exchange',
        authorization: `Basic ${Buffer.from(`:${options.apiToken}`).toString('base64')}`
      }
      const response = await transport.send(request)
      if (response.status === 404) throw transport.httpError(request, 404, response.body)
      const { token } = transport.parse(request, response.body, exchangeResponse)
      options.setSecret(token)
      secrets.push(token)
      return token
    })()
    return bearer
  }

  /** GET with the bearer; a 404 comes back as a response, for the caller to judge. */
  async function get(base: string, path: string, query = ''): Promise<Fetched> {
    const token = await exchange()
    const request: HttpRequest = {
      method: 'GET',
      base,
      path,
      query,
      authorization: `Bearer ${token}`
    }
    const response = await transport.send(request)
    return { request, body: response.body, status: response.status }
  }

  /** GET where a 404 is an error like any other. */
  async function getOk(base: string, path: string, query = ''): Promise<Fetched> {
    const fetched = await get(base, path, query)
    if (fetched.status === 404) throw transport.httpError(fetched.request, 404, fetched.body)
    return fetched
  }

  return {
    get requestCount() {
      return transport.requestCount
    },

    async authenticate() {
      await exchange()
    },

    async self() {
      const { request, body } = await getOk(authBase, '/v1/users/self')
      const { user } = transport.parse(request, body, selfResponse)
      return toAccount(user)
    },

    async tfa() {
      const { request, body } = await getOk(authBase, '/v1/client/tfa')
      return transport.parse(request, body, tfaResponse).tfa.enabled
    },

    async listApps(apiBase) {
      const { request, body } = await getOk(apiBase, '/v1/apps')
      return transport.parse(request, body, appsResponse).apps.map(toApp)
    },

    async getApp(apiBase, app) {
      const { request, body } = await getOk(apiBase, `/v1/apps/${encodeURIComponent(app)}`)
      return toApp(transport.parse(request, body, appResponse).app)
    },

    async listCollaborators(apiBase) {
      const { request, body } = await getOk(apiBase, '/v1/collaborators')
      return transport.parse(request, body, collaboratorsResponse).collaborators.map((c) => ({
        appId: c.app_id ?? null,
        appName: c.app_name ?? null,
        collaborator: toCollaborator(c)
      }))
    },

    async appCollaborators(apiBase, app) {
      const path = `/v1/apps/${encodeURIComponent(app)}/collaborators`
      const { request, body } = await getOk(apiBase, path)
      return transport.parse(request, body, collaboratorsResponse).collaborators.map(toCollaborator)
    },

    async scmRepoLinks(apiBase, onPage) {
      const links: AppScmLink[] = []
      let page: number | null = 1
      for (let count = 0; page !== null && count < MAX_PAGES; count++) {
        const query: string = page === 1 ? '' : `page=${page}`
        const { request, body } = await getOk(apiBase, '/v1/scm_repo_links', query)
        const parsed = transport.parse(request, body, scmLinksResponse)
        const pageLinks = parsed.scm_repo_links.map((link): AppScmLink => ({
          appId: link.app_id ?? null,
          link: toScmLink(link)
        }))
        links.push(...pageLinks)
        onPage?.(pageLinks)
        const next = parsed.meta?.pagination?.next_page ?? null
        // Only move forward: a server that points back to a page already read would loop.
        page = next !== null && next > page ? next : null
      }
      return links
    },

    async appScmRepoLink(apiBase, app) {
      const path = `/v1/apps/${encodeURIComponent(app)}/scm_repo_link`
      const { request, body, status } = await get(apiBase, path)
      if (status === 404) {
        // 404 means "no link", unless Scalingo says the app itself is what was not found.
        if (notFoundResource(body) === 'app') throw transport.httpError(request, status, body)
        return null
      }
      return toScmLink(transport.parse(request, body, scmLinkResponse).scm_repo_link)
    }
  }
}

/** Scalingo's 404 bodies name the missing resource: `{"error": "not found", "resource": "app"}`. */
function notFoundResource(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed === 'object' && parsed !== null && 'resource' in parsed) {
      return typeof parsed.resource === 'string' ? parsed.resource : null
    }
  } catch {
    // A plain-text 404 names nothing.
  }
  return null
}

/** Empty strings and Scalingo's "n/a" (pending invitation) mean "not known". */
function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const trimmed = value.trim()
  return trimmed === '' || trimmed === 'n/a' ? null : trimmed
}

function toAccount(user: {
  id?: string | null
  username?: string | null
  email?: string | null
}): Account {
  return { id: text(user.id), username: text(user.username), email: text(user.email) }
}

function toApp(app: AppShape): ScalingoApp {
  return { id: app.id, name: app.name, owner: toAccount(app.owner) }
}

function toCollaborator(c: CollaboratorShape): Collaborator {
  return {
    // The account's id (what owner and self ids compare to), not the invitation's.
    id: text(c.user_id),
    username: text(c.username),
    email: text(c.email),
    status: c.status,
    isLimited: c.is_limited ?? false,
    tfa: c.tfa_status ?? null
  }
}

function toScmLink(link: ScmLinkShape): ScmLink {
  return {
    scmType: link.scm_type,
    owner: link.owner,
    repo: link.repo,
    branch: text(link.branch),
    autoDeploy: link.auto_deploy_enabled ?? false,
    reviewAppsEnabled: link.deploy_review_apps_enabled ?? false,
    reviewAppsFromForks: link.automatic_creation_from_forks_allowed ?? false
  }
}
