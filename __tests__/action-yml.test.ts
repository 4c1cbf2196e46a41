import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { z } from 'zod'
import { INPUTS, OUTPUTS } from '../src/inputs.js'

const actionSchema = z.object({
  name: z.string(),
  description: z.string(),
  branding: z.object({ icon: z.string(), color: z.string() }),
  inputs: z.record(
    z.string(),
    z.object({ description: z.string(), required: z.boolean(), default: z.string().optional() })
  ),
  outputs: z.record(z.string(), z.object({ description: z.string() })),
  runs: z.object({ using: z.string(), main: z.string() })
})
const action = actionSchema.parse(
  parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8'))
)

describe('action.yml', () => {
  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    const declared = Object.entries(action.inputs).map(([name, input]) => ({
      name,
      default: input.default ?? '',
      required: input.required
    }))
    expect(declared).toEqual(
      INPUTS.map(({ name, default: value, required }) => ({ name, default: value, required }))
    )
  })

  it('declares every output', () => {
    expect(Object.keys(action.outputs)).toEqual([...OUTPUTS])
  })
})
