import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { RULE_CATALOG } from '../src/policy/catalog.js'
import { SEVERITY_BY_SIZE } from '../src/policy/severities.js'
import { INPUTS, OUTPUTS } from '../src/inputs.js'
import { RULE_IDS } from '../src/types.js'

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

  const rules = section('## Rules')
  it.each(RULE_IDS)('has a section for %s with its severities and its fix', (rule) => {
    const body = section(`### \`${rule}\``)
    const { small, mid, large } = SEVERITY_BY_SIZE[rule]
    expect(body).toContain(`| ${small} | ${mid} | ${large} |`)
    expect(body).toContain(RULE_CATALOG[rule].fix)
    // Findings link to this section (helpUrl's #anchor: catalog.test.ts).
    expect(rules).toContain(`| [\`${rule}\`](#${rule}) |`)
  })
})
