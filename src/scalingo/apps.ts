// GET /v1/apps
// GET /v1/apps/{app}
// GET /v1/collaborators
// GET /v1/apps/{app}/collaborators
// GET /v1/scm_repo_links
// GET /v1/apps/{app}/scm_repo_link
import type { Collaborator, ScmLink } from '../types.js'
import type { Session } from './auth.js'
import {
  appResponse,
  appsResponse,
  collaboratorsResponse,
  scmLinkResponse,
  scmLinksResponse
} from './schemas.js'
import { toApp, toCollaborator, toScmLink, type ScalingoApp } from './to-facts.js'

/** Stops a server whose next_page never ends from looping the run away. */
const MAX_PAGES = 50

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

/** What a regional API says about the apps, their people and their SCM links. */
export interface AppCalls {
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

export function appCalls(session: Session): AppCalls {
  const { transport, get, getOk } = session
  return {
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
