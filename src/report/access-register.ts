import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { matchesAny, sameAccount } from '../policy/context.js'
import type { Account, AppFacts, Collaborator, Config, Facts, TokenFacts } from '../types.js'

/*
 * The access register (DESIGN §7): one CSV row per app and account, for periodic access reviews.
 * It is evidence for the people who run the review, so it is not redacted and is written on a
 * trusted path only.
 */

export const REGISTER_COLUMNS = [
  'app',
  'region',
  'account',
  'username',
  'role',
  '2fa',
  'listed as',
  'token account'
] as const

export type RegisterRole = 'owner' | 'collaborator' | 'limited collaborator' | 'pending' | 'deleted'

export interface RegisterRow {
  readonly app: string
  readonly region: string
  /** Email, else username, else the account id. */
  readonly account: string
  readonly username: string
  /** One of RegisterRole; a status Scalingo adds later is kept as it came. */
  readonly role: RegisterRole | (string & {})
  readonly tfa: 'on' | 'off' | 'unknown'
  /** Every list the account is in, joined by "; ", or "none". */
  readonly listedAs: string
  readonly tokenAccount: 'yes' | 'no'
}

/**
 * Why no register may be written for this run, or null when it may: never on a pull request
 * from a fork, never from a partial read (a register that misses an app or the token's account
 * would be false evidence).
 */
export function registerBlocker(facts: Facts, config: Config): string | null {
  if (config.forkPullRequest) {
    return 'this run is for a pull request from a fork, and the register is written on trusted runs only'
  }
  const { scalingo } = facts
  if (scalingo.status === 'skipped') return `Scalingo was not read (${scalingo.reason})`
  if (scalingo.token === null) return "the Scalingo token's account could not be read"
  const read = new Set(scalingo.apps.map((a) => `${a.region}/${a.name}`))
  const missing = config.apps.filter((t) => !read.has(`${t.region}/${t.name}`)).map((t) => t.name)
  if (missing.length > 0) {
    return `the people of ${missing.join(', ')} could not be read (see the scalingo-unavailable findings)`
  }
  return null
}

/** One row per app and account: the owner first, then the collaborators as Scalingo lists them. */
export function registerRows(facts: Facts, config: Config): RegisterRow[] {
  if (facts.scalingo.status !== 'read') return []
  const token = facts.scalingo.token
  return facts.scalingo.apps.flatMap((app) => [
    ownerRow(app, token, config),
    ...app.collaborators.map((c) => collaboratorRow(app, c, token, config))
  ])
}

function ownerRow(app: AppFacts, token: TokenFacts | null, config: Config): RegisterRow {
  const isToken = token !== null && sameAccount(token.account, app.owner)
  // The owner's 2FA is known only when the token is the owner's (GET /v1/client/tfa).
  const tfa = isToken ? token.tfaEnabled : null
  return row(app, app.owner, 'owner', tfa, isToken, config)
}

function collaboratorRow(
  app: AppFacts,
  c: Collaborator,
  token: TokenFacts | null,
  config: Config
): RegisterRow {
  const role =
    c.status === 'accepted'
      ? c.isLimited
        ? 'limited collaborator'
        : 'collaborator'
      : c.status === 'pending'
        ? 'pending'
        : c.status === 'user account deleted'
          ? 'deleted'
          : c.status
  // Only an accepted collaborator's 2FA means anything; Scalingo gives null for the others.
  const tfa = c.status === 'accepted' ? c.tfa : null
  const isToken = token !== null && sameAccount(token.account, c)
  return row(app, c, role, tfa, isToken, config)
}

function row(
  app: AppFacts,
  account: Account,
  role: RegisterRow['role'],
  tfa: boolean | null,
  isToken: boolean,
  config: Config
): RegisterRow {
  const lists: [string, readonly string[]][] = [
    ['owners', config.owners],
    ['service-accounts', config.serviceAccounts],
    ['leads', config.leads],
    ['members', config.members]
  ]
  const listed = lists.filter(([, list]) => matchesAny(account, list)).map(([name]) => name)
  return {
    app: app.name,
    region: app.region,
    account: account.email ?? account.username ?? account.id ?? '',
    username: account.username ?? '',
    role,
    tfa: tfa === null ? 'unknown' : tfa ? 'on' : 'off',
    listedAs: listed.length > 0 ? listed.join('; ') : 'none',
    tokenAccount: isToken ? 'yes' : 'no'
  }
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a
 * line break. A byte-order mark first, so that spreadsheets read the file as UTF-8 (accented
 * names). A cell starting with =, +, -, @, tab or CR gets a leading ' so that no spreadsheet
 * runs it as a formula (csv-stringify's escape_formulas).
 */
export function renderRegister(rows: readonly RegisterRow[]): string {
  return stringify(
    rows.map((r) => [
      r.app,
      r.region,
      r.account,
      r.username,
      r.role,
      r.tfa,
      r.listedAs,
      r.tokenAccount
    ]),
    {
      bom: true,
      header: true,
      columns: [...REGISTER_COLUMNS],
      record_delimiter: 'windows',
      escape_formulas: true
    }
  )
}

/** Writes the register at `file` (relative to `dir`, the workspace) and returns its path. */
export function writeAccessRegister(
  dir: string,
  file: string,
  rows: readonly RegisterRow[]
): string {
  const path = resolve(dir, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, renderRegister(rows), { encoding: 'utf8' })
  return path
}
