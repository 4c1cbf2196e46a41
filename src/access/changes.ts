import { z } from 'zod'
import type { Account, AccessChange, Unavailable } from '../types.js'

const EVENTS_WHAT = ' (access changes for changes-since)'

/** What an unreadable events list is called in `scalingo-unavailable` and the summary. */
export function eventsWhat(app: string): string {
  return `events of ${app}${EVENTS_WHAT}`
}

export function isEventsFailure(u: Unavailable): boolean {
  return u.what.endsWith(EVENTS_WHAT)
}

/** One event of an app, as the events adapter gives it: created at or after the window start. */
export interface AppEvent {
  /** ISO 8601 UTC. */
  readonly at: string
  readonly user: Account
  readonly type: string
  /** `type_data` as Scalingo sent it; null when absent. */
  readonly typeData: unknown
}

/*
 * The access-related event types and their `type_data`, as Scalingo's developers documentation
 * (`_scalingo_api/events.md`) and go-scalingo (`events_structs.go`) describe them. Every field
 * is optional: an event of a kept type is never dropped for a missing field.
 */

const optionalText = z.string().nullish()
const flag = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
  .nullish()

const collaboratorData = z.object({
  collaborator: z
    .object({
      id: optionalText,
      email: optionalText,
      username: optionalText,
      // Documented as a string in the tables and a boolean in the examples: both are accepted.
      is_limited: flag
    })
    .nullish()
})

const scmData = z.object({
  repo_name: optionalText,
  source: optionalText,
  branch: optionalText,
  auto_deploy: flag,
  auto_deploy_review_apps: flag,
  creation_from_forks_allowed: flag
})

const reviewAppData = z.object({
  review_app_name: optionalText,
  source_repo_name: optionalText,
  pr_number: z.number().int().nullish(),
  pr_comes_from_a_fork: flag
})

type Described = { readonly what: string; readonly subject: string | null } | null

const role = (limited: boolean | null | undefined): string =>
  limited === true ? 'Limited Collaborator' : limited === false ? 'Collaborator' : 'unknown role'

function describeCollaborator(type: string, data: unknown): Described {
  const parsed = collaboratorData.safeParse(data ?? {})
  const c = parsed.success ? parsed.data.collaborator : null
  const subject = nonEmpty(c?.email) ?? nonEmpty(c?.username) ?? nonEmpty(c?.id)
  switch (type) {
    case 'new_collaborator':
      return { what: `collaborator invited as ${role(c?.is_limited)}`, subject }
    case 'accept_collaborator':
      return { what: 'invitation accepted', subject }
    case 'delete_collaborator':
      return { what: 'collaborator removed', subject }
    default:
      return { what: `role changed to ${role(c?.is_limited)}`, subject }
  }
}

function describeScm(type: string, data: unknown): Described {
  const parsed = scmData.safeParse(data ?? {})
  const d = parsed.success ? parsed.data : null
  const subject = nonEmpty(d?.repo_name) ?? nonEmpty(d?.source)
  if (type === 'unlink_scm') return { what: 'SCM link removed', subject }
  const settings = [
    nonEmpty(d?.branch) === null ? null : `branch ${d?.branch}`,
    d?.auto_deploy === true
      ? 'auto-deploy on'
      : d?.auto_deploy === false
        ? 'auto-deploy off'
        : null,
    d?.auto_deploy_review_apps === true ? 'review apps on' : null,
    d?.creation_from_forks_allowed === true ? 'review apps from forks allowed' : null
  ].filter((s): s is string => s !== null)
  const verb = type === 'link_scm' ? 'SCM link created' : 'SCM link changed'
  return { what: settings.length > 0 ? `${verb} (${settings.join(', ')})` : verb, subject }
}

/** Only review apps from forks are access changes: code from outside ran with the app's setup. */
function describeReviewApp(data: unknown): Described {
  const parsed = reviewAppData.safeParse(data ?? {})
  if (!parsed.success || parsed.data.pr_comes_from_a_fork !== true) return null
  const d = parsed.data
  const pr =
    d.pr_number === null || d.pr_number === undefined ? '' : ` for pull request #${d.pr_number}`
  const name = nonEmpty(d.review_app_name)
  return {
    what: `review app ${name === null ? '' : `${name} `}created from a fork${pr}`,
    subject: nonEmpty(d.source_repo_name)
  }
}

function describe(event: AppEvent): Described {
  switch (event.type) {
    case 'new_collaborator':
    case 'accept_collaborator':
    case 'delete_collaborator':
    case 'change_collaborator_role':
      return describeCollaborator(event.type, event.typeData)
    case 'link_scm':
    case 'update_scm':
    case 'unlink_scm':
      return describeScm(event.type, event.typeData)
    case 'create_review_app':
      return describeReviewApp(event.typeData)
    default:
      return null
  }
}

/** The access changes among an app's events, newest first (ties keep Scalingo's order). */
export function accessChanges(app: string, events: readonly AppEvent[]): AccessChange[] {
  const changes = events.flatMap((event): AccessChange[] => {
    const described = describe(event)
    if (described === null) return []
    const actor =
      nonEmpty(event.user.email) ?? nonEmpty(event.user.username) ?? nonEmpty(event.user.id)
    return [{ app, at: event.at, actor: actor ?? 'unknown', ...described }]
  })
  return sortNewestFirst(changes)
}

/** Newest first; stable, so events at the same instant keep their order. */
export function sortNewestFirst(changes: readonly AccessChange[]): AccessChange[] {
  return [...changes].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' || trimmed === 'n/a' ? null : trimmed
}
