import type { Account, Config, ScalingoFacts, TeamSize, TeamSizeDecision } from '../types.js'
import { isDeleted, plural, sameAccount } from './context.js'

/** Upper bounds of distinct accounts per size; above the last one the team is large. */
const MAX_SMALL = 5
const MAX_MID = 15
/** More audited apps than this means several environments or projects: at least large. */
const MAX_APPS_BELOW_LARGE = 3

/** Lower-cased email, else username, else id: one person counts once across apps. */
function identity(account: Account): string | null {
  if (account.email) return `email:${account.email.toLowerCase()}`
  if (account.username) return `username:${account.username.toLowerCase()}`
  if (account.id) return `id:${account.id}`
  return null
}

function sizeFor(accounts: number): TeamSize {
  if (accounts <= MAX_SMALL) return 'small'
  if (accounts <= MAX_MID) return 'mid'
  return 'large'
}

/** What the summary says when `auto` could not count (DESIGN §3). */
export const NOT_COUNTED =
  'the strictest, since Scalingo was not read; set team-size to use another'

/**
 * The team-size input, or (auto) a size from the distinct accounts on the audited apps that were
 * read (owner and collaborators, pending invitations included, deleted accounts not; review apps,
 * which clone their parent's collaborators, add none). When Scalingo was not read (no token on a
 * fork pull request, or nothing readable), `auto` cannot count and uses large, the strictest.
 */
export function decideTeamSize(config: Config, scalingo: ScalingoFacts): TeamSizeDecision {
  if (config.teamSize !== 'auto') return { size: config.teamSize, why: `input: ${config.teamSize}` }

  const counted =
    scalingo.status === 'read' ? scalingo.apps.filter((a) => a.parentApp === null) : []
  if (counted.length === 0) {
    const why = scalingo.status === 'skipped' ? 'Scalingo skipped' : 'no Scalingo app read'
    return { size: 'large', why: `auto: ${why} → large (${NOT_COUNTED})` }
  }
  // One person counts once across apps, whichever identity each entry carries (sameAccount).
  const ids: Account[] = []
  for (const app of counted) {
    for (const account of [app.owner, ...app.collaborators.filter((c) => !isDeleted(c))]) {
      if (identity(account) !== null && !ids.some((known) => sameAccount(known, account))) {
        ids.push(account)
      }
    }
  }

  // Review apps among the audited ones are not audited apps (DESIGN §3).
  const apps =
    config.apps.length - (scalingo.status === 'read' ? scalingo.apps.length - counted.length : 0)
  const manyApps = apps > MAX_APPS_BELOW_LARGE
  const manyAppsNote = ` (more than ${MAX_APPS_BELOW_LARGE} apps)`

  const byAccounts = sizeFor(ids.length)
  const size = manyApps ? 'large' : byAccounts
  const note = manyApps && byAccounts !== 'large' ? manyAppsNote : ''
  return {
    size,
    why: `auto: ${plural(ids.length, 'account')} on ${plural(apps, 'app')} → ${size}${note}`
  }
}
