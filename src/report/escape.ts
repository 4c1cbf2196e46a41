/**
 * Text from the APIs or from inputs goes through here before it reaches markdown, so a name
 * cannot open a link, inject HTML, start a heading or break a table row.
 */

const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/** What GitHub turns into a mention: "@" after a non-word character, a login, then no ".x". */
const MENTION = /(^|\W)@([a-z0-9][a-z0-9-]*)(?=\.+[\s\W]|\.+$|[^0-9a-z_.]|$)/gi

/** Escapes a string for a markdown table cell or inline text (GitHub-flavoured markdown). */
export function escapeMarkdown(s: string): string {
  return (
    s
      // Line breaks would end a table row or start a block; tabs and other controls are noise.
      .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/[&<>]/g, (c) => HTML[c] ?? c)
      .replace(/[\\`*_[\]|#!~]/g, (c) => `\\${c}`)
      // "@name" would notify that user or team from the PR comment: a zero-width space after the
      // "@" keeps the text and drops the mention. The pattern is GitHub's own mention rule, so
      // emails and masked emails (a***@example.com: a dot follows the name) stay untouched.
      .replace(MENTION, '$1@\u200b$2')
  )
}

/** Shortens a string to at most `max` characters (before escaping), marking the cut. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s
  return `${s.slice(0, Math.max(0, max - 1))}…`
}

/** Escaped, clipped cell text; an empty value shows as an em dash so cells never collapse. */
export function cell(s: string | null | undefined, max = 300): string {
  if (s === null || s === undefined || s === '') return '—'
  return escapeMarkdown(clip(s, max))
}

/**
 * A URL safe to put inside `[text](url)`: only http(s), and the characters that would end the
 * link or the table cell percent-encoded. Anything else gives null (the caller prints no link).
 */
export function safeUrl(u: string | null | undefined): string | null {
  if (!u) return null
  let url: URL
  try {
    url = new URL(u)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  return url.href.replace(
    /[()<>|\s"'`\\[\]]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}

/** `[text](url)` when the URL is safe, else just the escaped text. */
export function link(text: string, url: string | null | undefined): string {
  const safe = safeUrl(url)
  const label = escapeMarkdown(text)
  return safe === null ? label : `[${label}](${safe})`
}
