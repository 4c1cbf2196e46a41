/**
 * Reads the events of a workflow's top-level `on:` without a YAML library. Only the first level
 * of `on` matters here (event names), and GitHub accepts few shapes for it: a scalar, a flow or
 * block sequence, a flow or block mapping. Anything else answers null ("could not tell"), never
 * a guess.
 */

/**
 * Events that build a change before it merges. `pull_request_target` is not one: since
 * 2025-12-08 it always runs the default branch's workflow and commit (GitHub changelog,
 * 2025-11-07), so it tests nothing of the change.
 */
const CHANGE_EVENTS = new Set(['pull_request', 'merge_group'])

/** true/false when the triggers could be read; null when they could not. */
export function runsOnChange(source: string): boolean | null {
  const events = workflowEvents(source)
  return events === null ? null : events.some((event) => CHANGE_EVENTS.has(event))
}

/** Event names under the top-level `on:` key, or null when it is missing or not understood. */
export function workflowEvents(source: string): string[] | null {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const top = topLevelIndent(lines)
  if (top === null) return null
  // YAML 1.1 readers turn a bare `on` key into `true`, and some tools write it back that way.
  const onKey = new RegExp(`^ {${top}}(?:on|"on"|'on'|true)[ \\t]*:(?=[ \\t]|$)(.*)$`)
  const at = lines.findIndex((line) => onKey.test(line))
  if (at === -1) return null
  const rest = stripComment(onKey.exec(lines[at] ?? '')?.[1] ?? '').trim()
  if (rest !== '') return inlineValue(rest, lines.slice(at + 1))
  return blockValue(lines.slice(at + 1), top)
}

/** Indent of the first content line: the top-level mapping's keys sit there. */
function topLevelIndent(lines: readonly string[]): number | null {
  for (const line of lines) {
    if (isBlank(line) || line.startsWith('%') || /^(?:---|\.\.\.)(?:\s|$)/.test(line)) continue
    return indentOf(line)
  }
  return null
}

function inlineValue(rest: string, following: readonly string[]): string[] | null {
  const value = stripProperties(rest)
  if (value === null) return null
  if (value.startsWith('[') || value.startsWith('{')) {
    // A flow collection may continue over the next lines until its brackets close.
    let text = value
    for (const line of following) {
      if (closes(text)) break
      text += ` ${stripComment(line).trim()}`
    }
    return closes(text) ? flowItems(text) : null
  }
  if (/^[|>*!&]/.test(value)) return null
  const name = scalar(value)
  return name === null ? null : [name]
}

function blockValue(following: readonly string[], top: number): string[] | null {
  const content = following.filter((line) => !isBlank(line))
  const first = content[0]
  if (first === undefined) return null
  const child = indentOf(first)
  const isSequence = /^-(?:\s|$)/.test(first.slice(child))
  // A block sequence may sit at the parent's indent; a mapping must be deeper.
  if (child < top || (child === top && !isSequence)) return null
  const events: string[] = []
  for (const line of content) {
    const indent = indentOf(line)
    if (indent < child) break
    if (indent > child) continue // an event's own settings
    const body = stripComment(line.slice(indent)).trim()
    if (isSequence && !body.startsWith('-')) break // the next top-level key
    const name = isSequence ? scalar(body.replace(/^-\s*/, '')) : mappingKey(body)
    if (name === null) return null
    events.push(name)
  }
  return events
}

/** Items of a flow sequence, or keys of a flow mapping, at its first level. */
function flowItems(text: string): string[] | null {
  const isMap = text.startsWith('{')
  const parts: string[] = []
  let depth = 0
  let quote: string | null = null
  let current = ''
  for (const char of text) {
    if (quote !== null) {
      if (char === quote) quote = null
    } else if (char === '"' || char === "'") {
      quote = char
    } else if (char === '[' || char === '{') {
      depth += 1
      if (depth === 1) continue
    } else if (char === ']' || char === '}') {
      depth -= 1
      if (depth === 0) continue
    } else if (char === ',' && depth === 1) {
      parts.push(current)
      current = ''
      continue
    }
    if (depth >= 1) current += char
  }
  parts.push(current)
  const events: string[] = []
  for (const part of parts.map((p) => p.trim())) {
    if (part === '') continue
    const name = isMap ? mappingKey(part, true) : scalar(part)
    if (name === null) return null
    events.push(name)
  }
  return events
}

/** The key of `key: value` or `key:` (quoted or plain). */
function mappingKey(text: string, flow = false): string | null {
  const quoted = /^(["'])(.*?)\1\s*:/.exec(text)
  if (quoted) return quoted[2] ?? null
  const plain = /^([^\s:"'#[\]{},][^:#]*?)\s*:(?:\s|$)/.exec(text)
  if (plain) return plain[1] ?? null
  // In a flow mapping a key may stand alone (`{push, pull_request}`).
  return flow ? scalar(text) : null
}

/** A plain or quoted scalar, or null when it is a nested collection or an alias. */
function scalar(text: string): string | null {
  const value = text.trim()
  if (value === '' || /^[[{|>*&!]/.test(value)) return null
  const quoted = /^(["'])(.*)\1$/.exec(value)
  if (quoted) return quoted[2] ?? null
  return /^[^"'#:]+$/.test(value) ? value : null
}

/** Drops an anchor before the value (`&a [push]`); a tag or alias is not understood. */
function stripProperties(value: string): string | null {
  const anchored = /^&\S+\s*(.*)$/.exec(value)
  const rest = anchored ? (anchored[1] ?? '') : value
  return rest === '' || rest.startsWith('!') ? null : rest
}

/** True when every bracket opened in the text is closed (quotes respected). */
function closes(text: string): boolean {
  let depth = 0
  let quote: string | null = null
  for (const char of text) {
    if (quote !== null) {
      if (char === quote) quote = null
    } else if (char === '"' || char === "'") quote = char
    else if (char === '[' || char === '{') depth += 1
    else if (char === ']' || char === '}') depth -= 1
  }
  return depth === 0 && quote === null
}

/** Removes a `# comment` that starts a line or follows whitespace, outside quotes. */
function stripComment(line: string): string {
  let quote: string | null = null
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]
    if (quote !== null) {
      if (char === quote) quote = null
    } else if (char === '"' || char === "'") quote = char
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i)
  }
  return line
}

function isBlank(line: string): boolean {
  return stripComment(line).trim() === ''
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length
}
