import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { importedPackages } from '../src/sandbox/bench.js'

/**
 * What the lock file installs for the bundle. Every copy of a package in dist/index.js is parsed
 * and run at each start, so the packages the action bundles resolve to one version each; the
 * copies that only the development tools use (`dev: true` in the lock) do not reach the bundle.
 */

interface LockEntry {
  readonly version?: string
  readonly dev?: boolean
}

const root = join(import.meta.dirname, '..')
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

function productionCopies(name: string): string[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.endsWith(`node_modules/${name}`) && entry.dev !== true)
    .map(([path, entry]) => `${path}@${entry.version ?? '?'}`)
}

/** Package names of the bare imports in every .ts file under `dir`. */
function packagesImportedBy(dir: string): string[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts')
  )
  const names = files.flatMap((file) => importedPackages(readFileSync(join(dir, file), 'utf8')))
  return [...new Set(names)].sort()
}

describe('the bundled dependencies', () => {
  it.each(['undici', '@actions/http-client', '@actions/core', '@octokit/core', 'zod', 'yaml'])(
    'one copy of %s reaches the bundle',
    (name) => {
      expect(productionCopies(name)).toHaveLength(1)
    }
  )

  it('the dependencies are what src/ imports, and no development package is among them', () => {
    const imported = packagesImportedBy(join(root, 'src'))
    expect(imported).toContain('@actions/github')
    expect(Object.keys(manifest.dependencies).sort()).toEqual(imported)
    expect(imported.filter((name) => name in manifest.devDependencies)).toEqual([])
  })
})
