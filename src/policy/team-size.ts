import type { Account, Config, ScalingoFacts, TeamSize, TeamSizeDecision } from '../types.js'
import { isDeleted, plural } from './context.js'

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

/**
 * The team-size input, or (auto) a size from the distinct accounts on the audited apps that were
 * read (owner and collaborators, pending invitations included, deleted accounts not).
 */
export function decideTeamSize(config: Config, scalingo: ScalingoFacts): TeamSizeDecision {
  if (config.teamSize !== 'auto') return { size: config.teamSize, why: `input: ${config.teamSize}` }

  const ids = new Set<string>()
  if (scalingo.status === 'read') {
    for (const app of scalingo.apps) {
      for (const account of [app.owner, ...app.collaborators.filter((c) => !isDeleted(c))]) {
        const id = identity(account)
        if (id !== null) ids.add(id)
      }
    }
  }

  const apps = config.apps.length
  const manyApps = apps > MAX_APPS_BELOW_LARGE
  const manyAppsNote = ` (more than ${MAX_APPS_BELOW_LARGE} apps)`
  if (ids.size === 0) {
    // The app count needs no Scalingo read, so it still decides when accounts could not be counted.
    return manyApps
      ? {
          size: 'large',
          why: `auto: no Scalingo accounts read, ${plural(apps, 'app')} → large${manyAppsNote}`
        }
      : { size: 'small', why: 'auto: no Scalingo accounts read → small' }
  }

  const byAccounts = sizeFor(ids.size)
  const size = manyApps ? 'large' : byAccounts
  const note = manyApps && byAccounts !== 'large' ? manyAppsNote : ''
  return {
    size,
    why: `auto: ${plural(ids.size, 'account')} on ${plural(apps, 'app')} → ${size}${note}`
  }
}
