import { describe, expect, it } from '@jest/globals'
import GithubSlugger from 'github-slugger'
import { marked, type Token } from 'marked'
import { readFileSync } from 'node:fs'
import { helpUrl } from '../src/policy/catalog.js'
import { RULE_IDS } from '../src/types.js'

/**
 * Every link into the README lands on a heading: the README's own `(#…)` links, and the rule
 * links of findings, annotations and SARIF (`helpUrl`). Anchors are made as GitHub makes them
 * (github-slugger: the heading's text, lower-cased, punctuation dropped, -1, -2 on repeats).
 */

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

/** The text a reader sees in inline tokens: code spans without their backticks, links' words. */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) {
        return plainText(token.tokens as Token[])
      }
      return 'text' in token && typeof token.text === 'string' ? token.text : ''
    })
    .join('')
}

function anchorsOf(markdown: string): string[] {
  const slugger = new GithubSlugger()
  const anchors: string[] = []
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'heading' && 'tokens' in token && Array.isArray(token.tokens)) {
      anchors.push(slugger.slug(plainText(token.tokens as Token[])))
    }
  })
  return anchors
}

function inPageLinks(markdown: string): string[] {
  const links: string[] = []
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'link' && 'href' in token && typeof token.href === 'string') {
      if (token.href.startsWith('#')) links.push(token.href.slice(1))
    }
  })
  return links
}

const anchors = new Set(anchorsOf(readme))

describe('links into the README', () => {
  it('makes anchors the way GitHub does', () => {
    const sample = [
      '## From a terminal (command line)',
      '### `owner-unexpected`',
      '## Usage',
      '## Usage',
      '```sh',
      '# not a heading',
      '```'
    ].join('\n')
    expect(anchorsOf(sample)).toEqual([
      'from-a-terminal-command-line',
      'owner-unexpected',
      'usage',
      'usage-1'
    ])
    expect(inPageLinks('See [Permissions](#permissions) and [docs](https://x.test/#a).')).toEqual([
      'permissions'
    ])
  })

  it("the README's own links point at its headings", () => {
    const links = inPageLinks(readme)
    expect(links.length).toBeGreaterThan(30)
    expect(links.filter((link) => !anchors.has(link))).toEqual([])
  })

  it.each([...RULE_IDS])("%s: a finding's rule link opens the rule's section", (rule) => {
    const anchor = new URL(helpUrl(rule)).hash.slice(1)
    expect(anchor).toBe(rule)
    expect(anchors.has(anchor)).toBe(true)
  })
})
