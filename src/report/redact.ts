import type { Account, Finding } from '../types.js'

/** Hides account emails and names in everything a public audience can read. */
export interface Redactor {
  readonly enabled: boolean
  /** The string with every email, and every known username, masked. */
  text(s: string): string
  /** The finding with subject, message, fix and accepted reason masked. */
  finding(f: Finding): Finding
}

// Deliberately loose (any RFC 5322 atext before the @): over-masking something email-like is
// cheaper than leaking an address. Known emails need no list: this catches every one of them.
const EMAIL = String.raw`[A-Za-z0-9!#$%&'*+/=?^_\`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`
// Username-shaped tokens. Atext is a superset of these characters, so an email can never start
// inside a token: the email alternative, tried first, always wins from the token's start.
const TOKEN = String.raw`[A-Za-z0-9_.-]+`
const PATTERN = new RegExp(`${EMAIL}|${TOKEN}`, 'g')

/** a***@example.com */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return maskName(email)
  return `${email.charAt(0)}***${email.slice(at)}`
}

/** a*** */
export function maskName(name: string): string {
  return `${name.charAt(0)}***`
}

const IDENTITY: Redactor = {
  enabled: false,
  text: (s) => s,
  finding: (f) => f
}

/**
 * Builds a redactor for these accounts. One linear scan per string with set look-ups, so 100,000
 * accounts cost no more per string than ten. Methods are closures (no `this`), so
 * `findings.map(redactor.finding)` works.
 */
export function createRedactor(accounts: readonly Account[], enabled: boolean): Redactor {
  if (!enabled) return IDENTITY

  const names = new Set<string>()
  for (const account of accounts) {
    if (account.username && account.username.length >= 2) names.add(account.username.toLowerCase())
  }

  /**
   * A token is masked when it is a known username, or starts with one followed by a dot
   * ("alice." ending a sentence, "alice.smith" when only alice is known): the longest wins.
   */
  const maskToken = (token: string): string => {
    for (let end = token.length; end >= 2; end = token.lastIndexOf('.', end - 1)) {
      if (names.has(token.slice(0, end).toLowerCase())) return maskName(token) + token.slice(end)
    }
    return token
  }

  const text = (s: string): string =>
    s.replace(PATTERN, (match) => (match.includes('@') ? maskEmail(match) : maskToken(match)))
  const orNull = (s: string | null): string | null => (s === null ? null : text(s))

  return {
    enabled: true,
    text,
    finding: (f) => ({
      ...f,
      subject: orNull(f.subject),
      message: text(f.message),
      fix: text(f.fix),
      ...(f.accepted ? { accepted: { ...f.accepted, reason: orNull(f.accepted.reason) } } : {})
    })
  }
}
