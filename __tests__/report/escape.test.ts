import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import fc from 'fast-check'
import { cell, clip, escapeMarkdown, link, safeUrl } from '../../src/report/escape.js'
import { propertyOptions } from '../../__fixtures__/property.js'
import { HOSTILE } from '../../__fixtures__/report-data.js'

describe('escapeMarkdown', () => {
  it('escapes markdown syntax and HTML so names render as text', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe(
      '&lt;img src=x onerror=alert(1)&gt;'
    )
    expect(escapeMarkdown('[click](https://evil.example)')).toBe(
      '\\[click\\](https://evil.example)'
    )
    expect(escapeMarkdown('a | b')).toBe('a \\| b')
    expect(escapeMarkdown('`x` *y* _z_ # ! ~ \\')).toBe('\\`x\\` \\*y\\* \\_z\\_ \\# \\! \\~ \\\\')
    expect(escapeMarkdown('Tom & Jerry')).toBe('Tom &amp; Jerry')
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;')
  })

  it('drops @mentions so a name from an API cannot notify anyone from the PR comment', () => {
    const ZWSP = '\u200b'
    expect(escapeMarkdown('@alice')).toBe(`@${ZWSP}alice`)
    expect(escapeMarkdown('ping @Bob-1, and (@carol)')).toBe(
      `ping @${ZWSP}Bob-1, and (@${ZWSP}carol)`
    )
    expect(escapeMarkdown('team @acme/security')).toBe(`team @${ZWSP}acme/security`)
    expect(escapeMarkdown('@dave.')).toBe(`@${ZWSP}dave.`)
    // Emails and masked emails are not mentions on GitHub: left as they are.
    expect(escapeMarkdown('alice@example.com')).toBe('alice@example.com')
    expect(escapeMarkdown('a***@example.com')).toBe('a\\*\\*\\*@example.com')
    expect(escapeMarkdown('x @example.com')).toBe('x @example.com')
  })

  it('turns CR, LF and CRLF into spaces so a table row cannot be broken', () => {
    expect(escapeMarkdown('a\r\nb\nc\rd')).toBe('a b c d')
  })

  it.each(HOSTILE)('neutralises %j', (hostile) => {
    const out = escapeMarkdown(hostile)
    expect(out).not.toMatch(/[\r\n<>]/)
    expect(out).not.toMatch(/(^|[^\\])[|[\]`]/)
  })

  it('never leaves a raw newline, angle bracket or unescaped pipe, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeMarkdown(s)
        expect(out).not.toMatch(/[\r\n<>]/)
        // Every pipe is escaped: remove escaped pairs, then no pipe may remain.
        expect(out.replace(/\\./g, '')).not.toMatch(/[|[\]`*_]/)
      }),
      propertyOptions()
    )
  })
})

describe('cell, clip and link', () => {
  it('shows an em dash for empty values and clips long ones before escaping', () => {
    expect(cell(null)).toBe('—')
    expect(cell('')).toBe('—')
    expect(clip('abcdef', 4)).toBe('abc…')
    expect(cell('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`)
  })

  it('only links http(s) URLs and encodes characters that would end the link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull()
    expect(safeUrl('not a url')).toBeNull()
    expect(safeUrl('https://example.com/a)b|c')).toBe('https://example.com/a%29b%7Cc')
    expect(link('rule', 'javascript:alert(1)')).toBe('rule')
    expect(link('a|b', 'https://example.com/#x')).toBe('[a\\|b](https://example.com/#x)')
  })
})

describe('workflow commands through @actions/core', () => {
  let written: string[]
  let spy: ReturnType<typeof jest.spyOn>

  beforeEach(() => {
    written = []
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      return true
    })
  })
  afterEach(() => spy.mockRestore())

  it.each(HOSTILE)('a title and message of %j produce exactly one command line', (hostile) => {
    core.error(`${hostile} message`, { title: `${hostile}, title: x` })
    core.warning(hostile, { title: hostile })
    const lines = written
      .join('')
      .split(/\r?\n/)
      .filter((l) => l !== '')
    expect(lines).toHaveLength(2)
    expect(lines[0]?.startsWith('::error title=')).toBe(true)
    expect(lines[1]?.startsWith('::warning title=')).toBe(true)
    for (const line of lines) {
      // Properties end at the first '::'; the title must not contain a raw ':' or ','.
      const properties = line.slice(line.indexOf(' ') + 1, line.indexOf('::', 2))
      expect(properties).not.toMatch(/[,:\r\n]/)
      expect(line).not.toMatch(/\n/)
    }
  })

  it('escapes %, CR and LF in data, and : and , in properties', () => {
    core.error('a%0Ab\nc', { title: 'x:y,z' })
    expect(written.join('')).toBe(`::error title=x%3Ay%2Cz::a%250Ab%0Ac\n`)
  })
})
