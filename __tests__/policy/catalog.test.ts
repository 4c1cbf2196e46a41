import { describe, expect, it } from '@jest/globals'
import { HELP_BASE, RULE_CATALOG, helpUrl } from '../../src/policy/catalog.js'
import { RULE_IDS } from '../../src/types.js'

describe('RULE_CATALOG', () => {
  it('describes exactly the rule ids', () => {
    expect(Object.keys(RULE_CATALOG).sort()).toEqual([...RULE_IDS].sort())
  })

  it.each([...RULE_IDS])('%s has one-line, non-empty texts', (rule) => {
    for (const text of Object.values(RULE_CATALOG[rule])) {
      expect(text.trim().length).toBeGreaterThan(5)
      expect(text).not.toContain('\n')
    }
  })

  it('links to the README heading of the rule', () => {
    expect(HELP_BASE).toBe('https://github.com/scalingo-access-governance/action#')
    expect(helpUrl('owner-unexpected')).toBe(
      'https://github.com/scalingo-access-governance/action#owner-unexpected'
    )
  })
})
