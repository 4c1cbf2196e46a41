import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { INPUTS, OUTPUTS } from '../src/inputs.js'
import type { RuleDefinition } from '../src/policy/rule.js'
import { RULES } from '../src/policy/rules/index.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

/** The README section under a heading, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = readme.indexOf(`${heading}\n`)
  expect(start).toBeGreaterThanOrEqual(0)
  const level = /^#+/.exec(heading)?.[0] ?? '#'
  const rest = readme.slice(start + heading.length)
  const next = rest.search(new RegExp(`\\n#{1,${level.length}} `))
  return next === -1 ? rest : rest.slice(0, next)
}

describe('README', () => {
  it('starts with the two set-up commands', () => {
    const top = readme.slice(0, 1500)
    expect(top).toContain('npm ci && npm run demo')
    expect(top).toContain('npm test')
  })

  it('documents every input and output', () => {
    const inputs = section('## Inputs')
    for (const input of INPUTS) expect(inputs).toContain(`| \`${input.name}\` |`)
    const outputs = section('## Outputs')
    for (const output of OUTPUTS) expect(outputs).toContain(`\`${output}\``)
  })
})

/** The row of the README's rule table for a rule module. */
function tableRow({ id, meta }: RuleDefinition): string {
  const { small, mid, large } = meta.severity
  return `| [\`${id}\`](#${id}) | ${meta.title} | ${small} | ${mid} | ${large} |`
}

/** The README's "Rule reference" section of a rule module, after its heading. */
function referenceSection({ meta }: RuleDefinition): string {
  const { small, mid, large } = meta.severity
  return [
    `**${meta.title}.** ${meta.description}`,
    '',
    '| small | mid | large |',
    '|---|---|---|',
    `| ${small} | ${mid} | ${large} |`,
    '',
    `- **Why:** ${meta.recommendation}`,
    `- **Fix:** ${meta.fix}`
  ].join('\n')
}

// The rule modules (src/policy/rules/<id>.ts) are the source; on a mismatch, the expected
// Markdown is in the failure's diff.
describe('README rule reference, derived from the rule modules', () => {
  it('has the rule table: one row per module, in registry order', () => {
    const rows = section('## Rules')
      .split('\n')
      .filter((line) => line.startsWith('| [`'))
    expect(rows).toEqual(RULES.map(tableRow))
  })

  it('has one section per module, in registry order', () => {
    const headings = section('## Rule reference')
      .split('\n')
      .filter((line) => line.startsWith('### '))
    expect(headings).toEqual(RULES.map((rule) => `### \`${rule.id}\``))
  })

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    'the section of %s shows its title, description, severities, recommendation and fix',
    (id, rule) => {
      // Findings link to this heading (helpUrl's #anchor: catalog.test.ts).
      expect(section(`### \`${id}\``).trim()).toBe(referenceSection(rule))
    }
  )
})
