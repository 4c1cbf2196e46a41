import type { ScmLink } from './types.js'

/** A repository on an SCM host, as the audit knows the one it runs for. */
export interface RepositoryRef {
  /** Host of GITHUB_SERVER_URL, lower-case (github.com, or a GitHub Enterprise host). */
  readonly host: string
  readonly owner: string
  readonly repo: string
}

/** Hosts of Scalingo's SaaS SCM types (go-scalingo scm_integrations.go). */
const SAAS_HOSTS: Readonly<Record<string, string>> = { github: 'github.com', gitlab: 'gitlab.com' }

/**
 * The host a link points at: its `url` (the provider's root URL) when given, else the SaaS host
 * of its `scm_type`; null when neither says (a self-hosted type without a URL).
 */
export function linkHost(link: Pick<ScmLink, 'scmType' | 'url'>): string | null {
  if (link.url !== null && URL.canParse(link.url)) return new URL(link.url).host.toLowerCase()
  return SAAS_HOSTS[link.scmType.toLowerCase()] ?? null
}

/** The link's repository as `host/owner/repo` (host left out when unknown), for messages. */
export function linkedRepository(
  link: Pick<ScmLink, 'scmType' | 'url' | 'owner' | 'repo'>
): string {
  const host = linkHost(link)
  return `${host === null ? '' : `${host}/`}${link.owner}/${link.repo}`
}

/**
 * The link deploys from this very repository: same host, owner and name, case-insensitively.
 * A GitLab or other-host link named like this repository is another repository.
 */
export function linksRepository(
  link: Pick<ScmLink, 'scmType' | 'url' | 'owner' | 'repo'>,
  here: RepositoryRef
): boolean {
  const host = linkHost(link)
  return (
    host !== null &&
    host === here.host.toLowerCase() &&
    link.owner.toLowerCase() === here.owner.toLowerCase() &&
    link.repo.toLowerCase() === here.repo.toLowerCase()
  )
}

/** The host of a GITHUB_SERVER_URL value; github.com when it is empty or unreadable. */
export function serverHost(serverUrl: string | undefined): string {
  return serverUrl !== undefined && URL.canParse(serverUrl)
    ? new URL(serverUrl).host.toLowerCase()
    : 'github.com'
}
