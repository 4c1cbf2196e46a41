import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The layer check of eslint.config.js, tried on planted imports: each is linted as if it were
 * a file at that path of src/ (lintText with a virtual path, so no planted file can break
 * `npm run lint`), with the repository's own configuration.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root })

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  if (result === undefined) throw new Error(`ESLint returned no result for ${filePath}`)
  const fatal = result.messages.filter((m) => m.fatal)
  if (fatal.length > 0) throw new Error(`${filePath} did not parse: ${fatal[0]?.message}`)
  return result.messages
    .filter(
      (m) =>
        m.ruleId === '@typescript-eslint/no-restricted-imports' ||
        m.ruleId === 'no-restricted-syntax'
    )
    .map((m) => m.message)
}

const use = (specifier: string): string => `import { x } from '${specifier}'\nexport const y = x\n`

// [file, import, why it is refused (a phrase of the message)]
const BAD: readonly (readonly [string, string, string])[] = [
  ['src/policy/planted.ts', '../github/branches.js', 'An adapter'],
  ['src/policy/planted.ts', '../scalingo/client.js', 'An adapter'],
  ['src/policy/rules/planted.ts', '../../github/errors.js', 'An adapter'],
  ['src/policy/planted.ts', '../report/summary.js', 'does not import a reporter'],
  ['src/policy/rules/planted.ts', '../../report/redact.js', 'does not import a reporter'],
  ['src/policy/planted.ts', '../cli/run.js', 'Only src/cli and src/sandbox'],
  ['src/policy/planted.ts', '../collect-facts.js', 'The orchestration'],
  ['src/policy/rules/planted.ts', '../../main.js', 'The orchestration'],
  ['src/policy/planted.ts', '@octokit/rest', 'make no request'],
  ['src/policy/planted.ts', 'undici', 'make no request'],
  ['src/report/planted.ts', '../github/errors.js', 'An adapter'],
  ['src/report/planted.ts', '../scalingo/errors.js', 'An adapter'],
  ['src/report/planted.ts', '@octokit/rest', 'make no request'],
  ['src/report/planted.ts', '@actions/github', 'make no request'],
  ['src/report/planted.ts', 'node:https', 'make no request'],
  ['src/report/planted.ts', '../publish.js', 'The orchestration'],
  ['src/main.ts', './cli/run.js', 'Only src/cli and src/sandbox'],
  ['src/planted.ts', './sandbox/server.js', 'Only src/cli and src/sandbox'],
  ['src/github/planted.ts', '../sandbox/github-api.js', 'Only src/cli and src/sandbox'],
  ['src/scalingo/planted.ts', '../cli/args.js', 'Only src/cli and src/sandbox'],
  ['src/report/planted.ts', '../../__tests__/report/comment.test.js', 'test helper'],
  ['src/planted.ts', '../__fixtures__/facts.js', 'test helper'],
  ['src/sandbox/planted.ts', '../../__fixtures__/core.js', 'test helper'],
  ['src/cli/planted.ts', '../../__tests__/cli/run-cli.js', 'test helper']
]

// What the layers allow: the same folders, importing down or sideways.
const GOOD: readonly (readonly [string, string])[] = [
  ['src/policy/planted.ts', '../types.js'],
  ['src/policy/planted.ts', './context.js'],
  ['src/policy/rules/planted.ts', './index.js'],
  ['src/policy/rules/planted.ts', '../catalog.js'],
  ['src/report/planted.ts', '../policy/catalog.js'],
  ['src/report/planted.ts', './escape.js'],
  ['src/report/planted.ts', '@actions/core'],
  ['src/main.ts', './audit.js'],
  ['src/planted.ts', './github/octokit.js'],
  ['src/planted.ts', './report/summary.js'],
  ['src/cli/planted.ts', '../sandbox/server.js'],
  ['src/sandbox/planted.ts', '../cli/render.js'],
  ['src/sandbox/planted.ts', '../github/reader.js']
]

describe('the layer check (eslint.config.js)', () => {
  it.each(BAD)('refuses in %s an import of %s', async (file, specifier, why) => {
    const messages = await restricted(file, use(specifier))
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain(why)
  })

  it.each(GOOD)('lets %s import %s', async (file, specifier) => {
    expect(await restricted(file, use(specifier))).toEqual([])
  })

  it('sees type-only imports and re-exports too', async () => {
    const typeOnly = "import type { Octokit } from '@octokit/rest'\nexport type O = Octokit\n"
    expect(await restricted('src/report/planted.ts', typeOnly)).toHaveLength(1)
    const reexport = "export { toGitHubError } from '../github/errors.js'\n"
    expect(await restricted('src/policy/planted.ts', reexport)).toHaveLength(1)
  })

  it('refuses dynamic imports in src/, which an import pattern cannot see', async () => {
    const dynamic = "export const cli = await import('../cli/run.js')\n"
    const [message, ...rest] = await restricted('src/policy/planted.ts', dynamic)
    expect(rest).toEqual([])
    expect(message).toContain('Static imports only')
  })
})

describe('no file is excused', () => {
  // The sticky comment's requests live in src/github/comments.ts: report/comment.ts renders only,
  // so it passes the reporter layer under any name of report/, as every reporter does.
  it('report/comment.ts imports no adapter and no HTTP client', async () => {
    const source = readFileSync(join(root, 'src/report/comment.ts'), 'utf8')
    expect(await restricted('src/report/comment-elsewhere.ts', source)).toEqual([])
    const planted = `${source}\nimport type { Octokit } from '@octokit/rest'\nexport type O = Octokit\n`
    expect(await restricted('src/report/comment.ts', planted)).toHaveLength(1)
  })
})
