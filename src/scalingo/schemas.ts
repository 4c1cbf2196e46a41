import { z } from 'zod'

/*
 * Shapes of the Scalingo responses this action reads (DESIGN.md §5). Objects are not strict:
 * unknown fields are dropped, missing required ones rejected. Fields that Scalingo sends as
 * null (pending invitations, accounts without 2FA data) accept null.
 */

/** Ids are strings on Scalingo; numbers (seen in some fixtures) become strings. */
const id = z.union([z.string(), z.number()]).transform(String)

const optionalText = z.string().nullish()

/**
 * `is_limited` and `tfa_status` are documented as `"true"`/`"false"` strings in places
 * (collaborators.md's attribute table, the collaborator events) and as booleans in the examples:
 * both forms are read.
 */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])

/**
 * `meta.pagination` (index.md "Pagination"): `next_page` null, or equal to `total_pages` on the
 * last page (Go services, whose ints cannot be null); the previous page is `prev_page` or
 * `previous_page` (billing.md, invoices.md).
 */
const page = z.number().int().nullish()
export const paginationMeta = z
  .object({
    pagination: z
      .object({
        current_page: page,
        next_page: page,
        prev_page: page,
        previous_page: page,
        total_pages: page,
        total_count: page
      })
      .nullish()
  })
  .nullish()
export type PaginationShape = z.infer<typeof paginationMeta>

export const exchangeResponse = z.object({ token: z.string().min(1) })

const user = z.object({ id, username: optionalText, email: optionalText })
export const selfResponse = z.object({ user })

export const tfaResponse = z.object({ tfa: z.object({ enabled: z.boolean() }) })

const owner = z.object({ id: id.nullish(), username: optionalText, email: optionalText })
const app = z.object({
  id,
  name: z.string().min(1),
  owner,
  /** Not in apps.md's attribute table; review apps carry it (go-scalingo review_apps.go, scalingo.js). */
  parent_app_name: optionalText,
  region: optionalText
})
export type AppShape = z.infer<typeof app>

export const appsResponse = z.object({ apps: z.array(app), meta: paginationMeta })
export const appResponse = z.object({ app })

const collaborator = z.object({
  id: id.nullish(),
  user_id: id.nullish(),
  email: optionalText,
  username: optionalText,
  status: z.string(),
  is_limited: flag.nullish(),
  tfa_status: flag.nullish(),
  app_id: id.nullish(),
  app_name: optionalText
})
export type CollaboratorShape = z.infer<typeof collaborator>

export const collaboratorsResponse = z.object({
  collaborators: z.array(collaborator),
  meta: paginationMeta
})

const scmLink = z.object({
  app_id: id.nullish(),
  scm_type: z.string(),
  /** Root URL of the provider: in go-scalingo and scalingo.js, not in the documentation's examples. */
  url: optionalText,
  linker: user.nullish(),
  owner: z.string(),
  repo: z.string(),
  branch: optionalText,
  auto_deploy_enabled: z.boolean().nullish(),
  deploy_review_apps_enabled: z.boolean().nullish(),
  automatic_creation_from_forks_allowed: z.boolean().nullish()
})
export type ScmLinkShape = z.infer<typeof scmLink>

export const scmLinkResponse = z.object({ scm_repo_link: scmLink })

export const scmLinksResponse = z.object({
  scm_repo_links: z.array(scmLink),
  meta: paginationMeta
})

/** `GET {auth}/v1/regions` (regions.md). */
export const regionsResponse = z.object({
  regions: z.array(z.object({ name: z.string().min(1), api: z.string().min(1) }))
})
