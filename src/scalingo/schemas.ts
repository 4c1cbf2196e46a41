import { z } from 'zod'

/*
 * Shapes of the Scalingo responses this action reads (DESIGN.md §5). Objects are not strict:
 * unknown fields are dropped, missing required ones rejected. Fields that Scalingo sends as
 * null (pending invitations, accounts without 2FA data) accept null.
 */

/** Ids are strings on Scalingo; numbers (seen in some fixtures) become strings. */
const id = z.union([z.string(), z.number()]).transform(String)

const optionalText = z.string().nullish()

/** `is_limited` appears as a string ("false") in Scalingo's own documentation examples. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])

export const exchangeResponse = z.object({ token: z.string().min(1) })

const user = z.object({ id, username: optionalText, email: optionalText })
export const selfResponse = z.object({ user })

export const tfaResponse = z.object({ tfa: z.object({ enabled: z.boolean() }) })

const owner = z.object({ id: id.nullish(), username: optionalText, email: optionalText })
const app = z.object({ id, name: z.string().min(1), owner })
export type AppShape = z.infer<typeof app>

export const appsResponse = z.object({ apps: z.array(app) })
export const appResponse = z.object({ app })

const collaborator = z.object({
  id: id.nullish(),
  user_id: id.nullish(),
  email: optionalText,
  username: optionalText,
  status: z.string(),
  is_limited: flag.nullish(),
  tfa_status: z.boolean().nullish(),
  app_id: id.nullish(),
  app_name: optionalText
})
export type CollaboratorShape = z.infer<typeof collaborator>

export const collaboratorsResponse = z.object({ collaborators: z.array(collaborator) })

const scmLink = z.object({
  app_id: id.nullish(),
  scm_type: z.string(),
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
  meta: z
    .object({
      pagination: z.object({ next_page: z.number().int().nullish() }).nullish()
    })
    .nullish()
})
