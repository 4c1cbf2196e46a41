import { afterEach, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_SEED, propertyOptions } from '../../__fixtures__/property.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return testFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

describe('property tests', () => {
  const saved = process.env.FC_SEED
  afterEach(() => {
    if (saved === undefined) delete process.env.FC_SEED
    else process.env.FC_SEED = saved
  })

  it('start from the fixed seed, which FC_SEED overrides', () => {
    delete process.env.FC_SEED
    expect(propertyOptions({ numRuns: 5 })).toEqual({ seed: DEFAULT_SEED, numRuns: 5, verbose: 1 })
    process.env.FC_SEED = ' 42 '
    expect(propertyOptions().seed).toBe(42)
    process.env.FC_SEED = '-7'
    expect(propertyOptions().seed).toBe(-7)
    process.env.FC_SEED = 'soon'
    expect(() => propertyOptions()).toThrow('FC_SEED must be an integer, got soon')
  })

  it('every fc.assert and fc.check in __tests__ takes propertyOptions()', () => {
    const unseeded: string[] = []
    let checked = 0
    for (const file of testFiles(join(root, '__tests__'))) {
      const source = readFileSync(file, 'utf8')
      const runs = source.match(/\bfc\.(?:assert|check)\(/g)?.length ?? 0
      const seeded = source.match(/\bpropertyOptions\(/g)?.length ?? 0
      checked += runs
      if (!file.endsWith('property-seeds.test.ts') && seeded < runs) {
        unseeded.push(`${relative(root, file)}: ${runs} runs, ${seeded} seeded`)
      }
    }
    expect(unseeded).toEqual([])
    expect(checked).toBeGreaterThanOrEqual(6)
  })
})
