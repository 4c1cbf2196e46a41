import type { Account, Finding } from '../types.js'

/** Hides account emails and names in everything a public audience can read. */
export interface Redactor {
  readonly enabled: boolean
  /** The string with every known email and username, and every other email, masked. */
  text(s: string): string
  /** The finding with subject, message, fix and accepted reason masked. */
  finding(f: Finding): Finding
}

/** Letters of every script (accents too), combining marks and digits. */
const ALNUM = String.raw`\p{L}\p{M}\p{N}`
// By pattern: any RFC 5322 atext before the @ and a dotted domain of any script (dana@exämple.fr).
// Deliberately loose: over-masking something email-like is cheaper than leaking an address.
const EMAIL = `[${ALNUM}!#$%&'*+/=?^_${'`'}{|}~.-]+@[${ALNUM}-]+(?:\\.[${ALNUM}-]+)+`
// By identity: username-shaped tokens, with what follows an @ (ops@localhost has no dot, so only
// the facts know it is an email). Each is looked up in the accounts the facts name.
const TOKEN = String.raw`[${ALNUM}_.+-]+(?:@[${ALNUM}_.+-]+)*`
const PATTERN = new RegExp(`${EMAIL}|${TOKEN}`, 'gu')
const WHOLE_TOKEN = new RegExp(`^(?:${TOKEN})$`, 'u')
const WHOLE_EMAIL = new RegExp(`^(?:${EMAIL})$`, 'u')

/** a***@example.com (the domain after it, a one-character local part cannot read as the address). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return maskName(email)
  return `${Array.from(email)[0] ?? ''}***${email.slice(at)}`
}

/** a***; a one-character name would be shown whole by its first character, so it is ***. */
export function maskName(name: string): string {
  const first = Array.from(name)[0] ?? ''
  return name.length <= first.length ? '***' : `${first}***`
}

const IDENTITY: Redactor = {
  enabled: false,
  text: (s) => s,
  finding: (f) => f
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Builds a redactor for these accounts (and any other name: the account lists of the inputs).
 * Every email and username they hold is masked wherever it stands as a whole token, whatever
 * its shape (one character, `+`, accents, a dotless or internationalised domain); any other
 * email is masked by pattern. One linear scan per string with set look-ups, so 100,000 accounts
 * cost no more per string than ten. Methods are closures (no `this`), so
 * `findings.map(redactor.finding)` works.
 */
export function createRedactor(
  accounts: readonly Account[],
  enabled: boolean,
  names: readonly string[] = []
): Redactor {
  if (!enabled) return IDENTITY

  const known = new Set<string>()
  // Identifiers a token scan cannot see whole (a space, a quote): replaced as literals first.
  const odd: string[] = []
  const remember = (value: string | null): void => {
    const v = value?.trim() ?? ''
    if (v === '') return
    known.add(v.toLowerCase())
    if (!WHOLE_TOKEN.test(v)) odd.push(v)
  }
  for (const account of accounts) {
    remember(account.username)
    remember(account.email)
  }
  for (const name of names) remember(name)
  const literal =
    odd.length === 0
      ? null
      : new RegExp(
          [...new Set(odd)]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'),
          'giu'
        )

  /** Known as a whole, or up to a dot ("alice." ending a sentence, "alice.smith" when only alice is known): the longest wins. */
  const knownPrefix = (token: string): number => {
    let end = token.length
    while (end > 0) {
      if (known.has(token.slice(0, end).toLowerCase())) return end
      end = token.lastIndexOf('.', end - 1)
    }
    return 0
  }

  const maskToken = (token: string): string => {
    if (token.includes('@')) {
      // A known email (trailing dots of a sentence aside), else each side on its own
      // ("alice@main": a username and a branch).
      const bare = token.replace(/\.+$/, '')
      if (known.has(bare.toLowerCase())) return maskEmail(bare) + token.slice(bare.length)
      return token.split('@').map(maskToken).join('@')
    }
    const end = knownPrefix(token)
    return end === 0 ? token : maskName(token.slice(0, end)) + token.slice(end)
  }

  const scan = (s: string): string =>
    s.replace(PATTERN, (match) => (WHOLE_EMAIL.test(match) ? maskEmail(match) : maskToken(match)))
  const text = (s: string): string =>
    scan(
      literal === null
        ? s
        : s.replace(literal, (m) => (m.includes('@') ? maskEmail(m) : maskName(m)))
    )
  const orNull = (s: string | null): string | null => (s === null ? null : text(s))

  /**
   * A command with an account in it cannot be pasted once masked: the masked account becomes a
   * placeholder (EMAIL, USERNAME), and a comment line says what it stands for.
   */
  const command = (c: string): string => {
    const masked = text(c)
    if (masked === c) return c
    const stands: string[] = []
    const out = masked.replace(/(?<=^|[\s'"=])([^\s'"=]*\*\*\*[^\s'"]*)/gu, (m) => {
      const placeholder = m.includes('@') ? 'EMAIL' : 'USERNAME'
      stands.push(`${placeholder} = ${m}`)
      return placeholder
    })
    return stands.length === 0
      ? out
      : `# Redacted: put the account in place of ${[...new Set(stands)].join(', ')} (the report file has it).\n${out}`
  }

  return {
    enabled: true,
    text,
    finding: (f) => ({
      ...f,
      subject: orNull(f.subject),
      message: text(f.message),
      fix: text(f.fix),
      ...(f.command === undefined ? {} : { command: command(f.command) }),
      ...(f.accepted ? { accepted: { ...f.accepted, reason: orNull(f.accepted.reason) } } : {})
    })
  }
}
