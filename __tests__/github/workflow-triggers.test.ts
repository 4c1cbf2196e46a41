import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parse } from 'yaml'
import { runsOnChange, workflowEvents } from '../../src/github/workflow-triggers.js'
import { propertyOptions } from '../../__fixtures__/property.js'

const JOBS = 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n'

describe('workflowEvents', () => {
  it.each([
    ['a scalar', 'on: pull_request\n', ['pull_request']],
    ['a quoted scalar', "on: 'push'\n", ['push']],
    ['a flow sequence', 'on: [push, pull_request]\n', ['push', 'pull_request']],
    [
      'a multi-line flow sequence',
      'on: [\n  push, # main\n  pull_request\n]\n',
      ['push', 'pull_request']
    ],
    [
      'a flow mapping',
      'on: {pull_request: {branches: [main]}, push: null}\n',
      ['pull_request', 'push']
    ],
    [
      'a block sequence',
      'on:\n  - push\n  - "pull_request_target"\n',
      ['push', 'pull_request_target']
    ],
    [
      'a block sequence at the key indent',
      'on:\n- push\n- pull_request\nenv: {}\n',
      ['push', 'pull_request']
    ],
    [
      'a block mapping with settings',
      'on:\n  push:\n    branches: [main]\n  # pull_request: is off\n  workflow_dispatch:\n',
      ['push', 'workflow_dispatch']
    ],
    ['a quoted key', '"on":\n  pull_request:\n    types: [opened]\n', ['pull_request']],
    ['the YAML 1.1 true key', 'true:\n  merge_group:\n', ['merge_group']],
    ['an anchor', 'on: &triggers [push]\n', ['push']]
  ])('reads %s', (_label, on, expected) => {
    expect(workflowEvents(`name: CI\n${on}${JOBS}`)).toEqual(expected)
  })

  it('finds `on` after comments, a document marker and other keys', () => {
    const source = '# CI\n---\nname: "on: push"\nenv:\n  on: nothing\non:\n  pull_request:\n' + JOBS
    expect(workflowEvents(source)).toEqual(['pull_request'])
  })

  it('ignores an `on` key nested under another key', () => {
    expect(workflowEvents(`name: x\nconcurrency:\n  on: pull_request\n${JOBS}`)).toBeNull()
  })

  it.each([
    ['no on key', `name: x\n${JOBS}`],
    ['an alias', 'x: &a [push]\non: *a\n'],
    ['a tag', 'on: !custom push\n'],
    ['a block scalar', 'on: |\n  push\n'],
    ['an unclosed flow sequence', 'on: [push, pull_request\n'],
    ['an empty value', 'on:\njobs: {}\n'],
    ['empty text', '']
  ])('answers null for %s', (_label, source) => {
    expect(workflowEvents(source)).toBeNull()
  })

  it('handles CRLF line endings and a byte order mark', () => {
    expect(workflowEvents('\uFEFFname: x\r\non:\r\n  pull_request:\r\n')).toEqual(['pull_request'])
  })
})

// pull_request_target runs the default branch's workflow and commit since 2025-12-08 (GitHub
// changelog 2025-11-07): it tests nothing of the change. merge_group builds the merge queue's.
describe('runsOnChange', () => {
  it.each([
    ['on: pull_request', true],
    ['on: [pull_request_target]', false],
    ['on:\n  pull_request_target:\n    types: [opened]', false],
    ['on: [push, merge_group]', true],
    ['on: [pull_request_target, merge_group]', true],
    ['on:\n  push:\n    branches: [pull_request]', false],
    ['on: workflow_dispatch', false]
  ])('%s → %s', (on, expected) => {
    expect(runsOnChange(`${on}\n${JOBS}`)).toBe(expected)
  })

  it('answers null when the triggers cannot be read', () => {
    expect(runsOnChange(JOBS)).toBeNull()
  })
})

// Every shape GitHub accepts, written many ways, must read like a real YAML parser reads it.
describe('agrees with a YAML parser', () => {
  const EVENTS = ['push', 'pull_request', 'pull_request_target', 'merge_group', 'workflow_dispatch']
  const eventsArb = fc.uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1, maxLength: 5 })
  const quote = (e: string, q: number): string => (q === 1 ? `'${e}'` : q === 2 ? `"${e}"` : e)

  function render(
    events: string[],
    style: number,
    indent: number,
    q: number,
    comments: boolean
  ): string {
    const pad = ' '.repeat(indent)
    const c = comments ? ' # note' : ''
    const items = events.map((e) => quote(e, q))
    switch (style) {
      case 0:
        return `on: ${items[0]}${c}\n`
      case 1:
        return `on: [${items.join(', ')}]${c}\n`
      case 2:
        return `on:${c}\n${items.map((e) => `${pad}- ${e}${c}`).join('\n')}\n`
      case 3:
        return `on: {${items.map((e) => `${e}: {}`).join(', ')}}${c}\n`
      default:
        return (
          `on:${c}\n` +
          items.map((e) => `${pad}${e}:${c}\n${pad}${pad}types: [opened]${c}`).join('\n') +
          '\n'
        )
    }
  }

  it('for scalars, sequences and mappings, flow or block', () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        (events, style, indent, q, comments) => {
          const source = `name: CI\n${render(events, style, indent, q, comments)}${JOBS}`
          const doc = parse(source) as { on: unknown }
          const on = doc.on
          const expected =
            typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on as object)
          const got = workflowEvents(source)
          expect(got).toEqual(expected)
        }
      ),
      propertyOptions({ numRuns: 300 })
    )
  })
})
