// No API path: pure mappings from Scalingo's answers (schemas.ts) to the facts of src/types.ts.
import type { Account, Collaborator, ScmLink } from '../types.js'
import type { AppShape, CollaboratorShape, ScmLinkShape } from './schemas.js'

/** An app as /v1/apps and /v1/apps/{app} describe it. */
export interface ScalingoApp {
  readonly id: string
  readonly name: string
  readonly owner: Account
  /** Set on review apps. */
  readonly parentApp: string | null
  /** As the app answer gives it, when it does. */
  readonly region: string | null
}

/** Empty strings and Scalingo's "n/a" (pending invitation) mean "not known". */
function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const trimmed = value.trim()
  return trimmed === '' || trimmed === 'n/a' ? null : trimmed
}

export function toAccount(user: {
  id?: string | null
  username?: string | null
  email?: string | null
}): Account {
  return { id: text(user.id), username: text(user.username), email: text(user.email) }
}

export function toApp(app: AppShape): ScalingoApp {
  return {
    id: app.id,
    name: app.name,
    owner: toAccount(app.owner),
    parentApp: text(app.parent_app_name),
    region: text(app.region)
  }
}

export function toCollaborator(c: CollaboratorShape): Collaborator {
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

export function toScmLink(link: ScmLinkShape): ScmLink {
  return {
    scmType: link.scm_type,
    url: text(link.url),
    linker: link.linker ? toAccount(link.linker) : null,
    owner: link.owner,
    repo: link.repo,
    branch: text(link.branch),
    autoDeploy: link.auto_deploy_enabled ?? false,
    reviewAppsEnabled: link.deploy_review_apps_enabled ?? false,
    reviewAppsFromForks: link.automatic_creation_from_forks_allowed ?? false
  }
}
