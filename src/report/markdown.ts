import { clip, escapeMarkdown } from './escape.js'

/**
 * A markdown table of at most `cap` rows; the rest are counted in one last line.
 * Cells must already be escaped (see `cell`).
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  cap: number,
  noun = 'rows'
): string[] {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`]
  for (const row of rows.slice(0, cap)) lines.push(`| ${row.join(' | ')} |`)
  if (rows.length > cap) lines.push('', `…and ${rows.length - cap} more ${noun}.`)
  return lines
}

/** Comma-separated names, each through `format` (escaping), at most `cap`, then "…and N more". */
export function nameList(
  names: readonly string[],
  cap: number,
  empty = '—',
  format: (name: string) => string = (n) => escapeMarkdown(clip(n, 120))
): string {
  if (names.length === 0) return empty
  const shown = names.slice(0, cap).map(format)
  const rest = names.length - shown.length
  return rest > 0 ? `${shown.join(', ')} …and ${rest} more` : shown.join(', ')
}
