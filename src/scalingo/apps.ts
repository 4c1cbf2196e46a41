// GET /v1/apps
// GET /v1/apps/{app}
// GET /v1/collaborators
// GET /v1/apps/{app}/collaborators
// GET /v1/scm_repo_links
// GET /v1/apps/{app}/scm_repo_link
import type { Collaborator, ScmLink } from '../types.js'
import type { Fetched, Session } from './auth.js'
import { ScalingoError } from './errors.js'
import {
  appResponse,
  appsResponse,
  collaboratorsResponse,
  scmLinkResponse,
  scmLinksResponse,
  type PaginationShape
} from './schemas.js'
import { toApp, toCollaborator, toScmLink, type ScalingoApp } from './to-facts.js'

/**
 * Stops a server whose next_page never ends from looping the run away; a list that would need
 * more pages is unavailable, never complete (with PER_PAGE entries a page, 5,000 entries).
 */
export const MAX_PAGES = 50

/**
 * `per_page` sent to every list: Scalingo documents no maximum ("each resource has a maximum for
 * this value", index.md "Pagination"; go-utils defaults to 20). 100 is the largest page size its
 * services are known to take; a server that caps it lower still drives the loop by `next_page`,
 * and one that refuses it (400/422 naming per_page) is asked again without it.
 */
export const PER_PAGE = 100

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
  /** Every app the account owns or collaborates on there, review apps included, all pages. */
  listApps(apiBase: string): Promise<ScalingoApp[]>
  getApp(apiBase: string, app: string): Promise<ScalingoApp>
  /** Collaborators of every app the token's account owns in that region, all pages. */
  listCollaborators(apiBase: string): Promise<AppCollaborator[]>
  appCollaborators(apiBase: string, app: string): Promise<Collaborator[]>
  /**
   * Every SCM link the token's account made in that region ("linked by your account"), all
   * pages; `onPage` sees each page. A link someone else made is not there.
   */
  scmRepoLinks(
    apiBase: string,
    onPage?: (links: readonly AppScmLink[]) => void
  ): Promise<AppScmLink[]>
  /** null when the app has no SCM link. */
  appScmRepoLink(apiBase: string, app: string): Promise<ScmLink | null>
}

export function appCalls(session: Session): AppCalls {
  const { transport, getOk, get } = session

  /**
   * Every page of a list, following `meta.pagination` when the answer has one; a list that
   * cannot be followed to its end (page limit, a page failing, pagination that points nowhere)
   * throws: it is unavailable, never complete.
   */
  async function allPages<T>(
    apiBase: string,
    path: string,
    read: (fetched: Fetched) => { items: T[]; meta: PaginationShape },
    onPage?: (items: readonly T[]) => void
  ): Promise<T[]> {
    const items: T[] = []
    let page = 1
    let perPage: number | null = PER_PAGE
    for (let count = 0; ; count++) {
      const query = [perPage === null ? '' : `per_page=${perPage}`, page > 1 ? `page=${page}` : '']
        .filter((part) => part !== '')
        .join('&')
      if (count >= MAX_PAGES) {
        throw cutShort(path, `more than ${MAX_PAGES} pages; the list was not read to its end`)
      }
      let fetched: Fetched
      try {
        fetched = await getOk(apiBase, path, query)
      } catch (error) {
        if (perPage !== null && refusesPerPage(error)) {
          perPage = null
          continue
        }
        throw error
      }
      const { items: pageItems, meta } = read(fetched)
      items.push(...pageItems)
      onPage?.(pageItems)
      const next = nextPage(meta, page)
      if (next === 'end') return items
      if (next === 'lost') {
        throw cutShort(
          path,
          `page ${page} points to no next page before the last one, or is another page`
        )
      }
      page = next
    }
  }

  return {
    async listApps(apiBase) {
      return allPages(apiBase, '/v1/apps', ({ request, body }) => {
        const parsed = transport.parse(request, body, appsResponse)
        return { items: parsed.apps.map(toApp), meta: parsed.meta }
      })
    },

    async getApp(apiBase, app) {
      const { request, body } = await getOk(apiBase, `/v1/apps/${encodeURIComponent(app)}`)
      return toApp(transport.parse(request, body, appResponse).app)
    },

    async listCollaborators(apiBase) {
      return allPages(apiBase, '/v1/collaborators', ({ request, body }) => {
        const parsed = transport.parse(request, body, collaboratorsResponse)
        return {
          items: parsed.collaborators.map((c) => ({
            appId: c.app_id ?? null,
            appName: c.app_name ?? null,
            collaborator: toCollaborator(c)
          })),
          meta: parsed.meta
        }
      })
    },

    async appCollaborators(apiBase, app) {
      const path = `/v1/apps/${encodeURIComponent(app)}/collaborators`
      return allPages(apiBase, path, ({ request, body }) => {
        const parsed = transport.parse(request, body, collaboratorsResponse)
        return { items: parsed.collaborators.map(toCollaborator), meta: parsed.meta }
      })
    },

    async scmRepoLinks(apiBase, onPage) {
      return allPages(
        apiBase,
        '/v1/scm_repo_links',
        ({ request, body }) => {
          const parsed = transport.parse(request, body, scmLinksResponse)
          return {
            items: parsed.scm_repo_links.map((link): AppScmLink => ({
              appId: link.app_id ?? null,
              link: toScmLink(link)
            })),
            meta: parsed.meta
          }
        },
        onPage
      )
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

/**
 * The page after `page`, 'end' on the last one, 'lost' when the pagination says more pages exist
 * but names none ahead. Last pages end with `next_page` null, or (Go services, whose ints cannot
 * be null) with `current_page` equal to `total_pages` and `next_page` equal to it or to 0.
 */
export function nextPage(meta: PaginationShape, page: number): number | 'end' | 'lost' {
  const pagination = meta?.pagination
  if (pagination === null || pagination === undefined) return 'end'
  // A server that answers another page than the one asked cannot be followed.
  if (pagination.current_page != null && pagination.current_page !== page) return 'lost'
  const current = page
  const total = pagination.total_pages ?? null
  if (total !== null && current >= total) return 'end'
  const next = pagination.next_page ?? null
  if (next !== null && next > current) return next
  return next === null && total === null ? 'end' : 'lost'
}

function cutShort(path: string, detail: string): ScalingoError {
  return new ScalingoError({ kind: 'schema', status: null, method: 'GET', path, detail })
}

/** A 400 or 422 that names `per_page`: the server takes no page size that large. */
function refusesPerPage(error: unknown): boolean {
  return (
    error instanceof ScalingoError &&
    (error.status === 400 || error.status === 422) &&
    `${error.message} ${error.bodyExcerpt}`.includes('per_page')
  )
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
