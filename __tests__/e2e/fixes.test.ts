import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { SCENARIO_NAMES } from '../../src/sandbox/scenario.js'
import type { Finding } from '../../src/types.js'

/*
 * Every fix of the demo scenarios is a command the Scalingo CLI or GitHub's API accepts as
 * written. Sources:
 * - Scalingo CLI: Scalingo/cli @ a7c67f9d (1.48.0), urfave/cli v3: root flags `--app`/`-a` and
 *   `--region` (scalingo/main.go, cmd/commands.go addCommand); `cmd/collaborators.go`
 *   (collaborators-update: ArgsUsage "email", BoolFlag `limited`; collaborators-remove:
 *   ArgsUsage "email"); `cmd/integration_link.go` (integration-link-update: no argument, the
 *   `--no-…` flags disable; integration-link-delete: no argument; integration-link-create:
 *   ArgsUsage "repository-url"). A bool flag takes `--flag` or `--flag=true|false`, never a
 *   separate value (urfave's command_parse.go), and `--allow-review-apps-from-forks=false`
 *   turns the setting on (IsSet in integrationlink/params.go): both are refused here.
 * - GitHub: the request body schema of `POST /repos/{owner}/{repo}/rulesets` in
 *   @octokit/openapi's api.github.com description, validated with ajv.
 */

const run = promisify(execFile)
const require = createRequire(import.meta.url)
const addFormats = addFormatsModule.default

interface CliCommand {
  readonly args: number
  readonly flags: Readonly<Record<string, 'bool' | 'string' | 'uint'>>
}
const SCALINGO: Readonly<Record<string, CliCommand>> = {
  'collaborators-update': { args: 1, flags: { limited: 'bool' } },
  'collaborators-remove': { args: 1, flags: {} },
  'integration-link-delete': { args: 0, flags: {} },
  'integration-link-update': {
    args: 0,
    flags: {
      branch: 'string',
      'auto-deploy': 'bool',
      'no-auto-deploy': 'bool',
      'deploy-review-apps': 'bool',
      'no-deploy-review-apps': 'bool',
      'allow-review-apps-from-forks': 'bool',
      'aware-of-security-risks': 'bool',
      'no-allow-review-apps-from-forks': 'bool',
      'destroy-on-close': 'bool',
      'no-destroy-on-close': 'bool',
      'destroy-on-stale': 'bool',
      'no-destroy-on-stale': 'bool'
    }
  },
  'integration-link-create': {
    args: 1,
    flags: {
      branch: 'string',
      'auto-deploy': 'bool',
      'deploy-review-apps': 'bool',
      'destroy-on-close': 'bool',
      'no-auto-deploy': 'bool',
      'no-deploy-review-apps': 'bool',
      'no-destroy-on-close': 'bool',
      'allow-review-apps-from-forks': 'bool',
      'aware-of-security-risks': 'bool',
      'no-allow-review-apps-from-forks': 'bool',
      'hours-before-destroy-on-close': 'uint',
      'destroy-on-stale': 'bool',
      'no-destroy-on-stale': 'bool',
      'hours-before-destroy-on-stale': 'uint'
    }
  }
}

/** Words as a POSIX shell splits them (plain words and single quotes: all the fixes use). */
function shellWords(line: string): string[] {
  const words: string[] = []
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g
  for (const m of line.matchAll(re))
    words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] ?? ''))
  return words
}

/** Why a Scalingo CLI line would not do what it says, or null when it parses as written. */
function scalingoProblem(line: string): string | null {
  const words = shellWords(line)
  if (words[0] !== 'scalingo') return 'not a scalingo command'
  let i = 1
  const global: Record<string, string> = {}
  while (words[i]?.startsWith('--')) {
    const name = words[i]?.slice(2) ?? ''
    if (name !== 'app' && name !== 'region') return `unknown global flag --${name}`
    global[name] = words[i + 1] ?? ''
    i += 2
  }
  if (!global.app || !global.region) return 'no --app or no --region'
  const command = SCALINGO[words[i] ?? '']
  if (command === undefined) return `unknown command ${words[i]}`
  const positional: string[] = []
  for (const word of words.slice(i + 1)) {
    if (!word.startsWith('--')) {
      positional.push(word)
      continue
    }
    const [name = '', value] = word.slice(2).split('=', 2)
    const kind = command.flags[name]
    if (kind === undefined) return `unknown flag --${name}`
    if (kind === 'bool' && value !== undefined && value !== 'true') {
      return `--${name}=${value}: a bool flag set to anything but true is a trap`
    }
  }
  // A string flag's value is the next word: count it out of the positional arguments.
  const flagValues = words.slice(i + 1).filter((w, k, all) => {
    const previous = all[k - 1]
    return (
      previous !== undefined && command.flags[previous.slice(2)] === 'string' && !w.startsWith('--')
    )
  }).length
  if (positional.length - flagValues !== command.args) {
    return `${positional.length - flagValues} arguments, ${words[i]} takes ${command.args}`
  }
  return null
}

const api = JSON.parse(
  readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8')
) as {
  paths: Record<string, { post: { requestBody: { content: Record<string, { schema: object }> } } }>
}
const rulesetSchema =
  api.paths['/repos/{owner}/{repo}/rulesets']?.post.requestBody.content['application/json']?.schema
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
const validRuleset = ajv.compile(rulesetSchema ?? {})

async function findingsOf(scenario: string): Promise<Finding[]> {
  // In a folder of its own: a scenario's access-report is written where the command runs.
  const cwd = mkdtempSync(join(tmpdir(), 'fixes-'))
  const cli = join(process.cwd(), 'dist', 'cli', 'index.js')
  const { stdout } = await run('node', [cli, '--sandbox', scenario, '--json'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024
  })
    .finally(() => rmSync(cwd, { recursive: true, force: true }))
    .catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
  return (JSON.parse(stdout) as { verdict: { findings: Finding[] } }).verdict.findings
}

describe('every fix of the demo scenarios is accepted as written', () => {
  it('the checker itself refuses the traps', () => {
    expect(
      scalingoProblem(
        'scalingo --app a --region osc-fr1 collaborators-update --limited=true x@y.fr'
      )
    ).toBeNull()
    expect(
      scalingoProblem(
        'scalingo --app a --region osc-fr1 collaborators-update --limited false x@y.fr'
      )
    ).toMatch(/arguments/)
    expect(
      scalingoProblem(
        'scalingo --app a --region osc-fr1 integration-link-update --allow-review-apps-from-forks=false'
      )
    ).toMatch(/trap/)
    expect(
      scalingoProblem('scalingo --app a --region osc-fr1 collaborators-add --limited x@y.fr')
    ).toMatch(/unknown command/)
    // Parameters of a pull_request rule without the approvals it requires; an unknown enforcement.
    const partial = { type: 'pull_request', parameters: { require_code_owner_review: true } }
    expect(validRuleset({ name: 'x', enforcement: 'active', rules: [partial] })).toBe(false)
    expect(validRuleset({ name: 'x', enforcement: 'on', rules: [] })).toBe(false)
  })

  it.each(SCENARIO_NAMES)('%s', async (scenario) => {
    const findings = await findingsOf(scenario)
    for (const f of findings) {
      expect(f.fix.length).toBeGreaterThan(0)
      if (f.command === undefined) continue
      if (f.command.startsWith('gh api')) {
        const lines = f.command.split('\n')
        expect(lines[0]).toMatch(
          /^gh api --method POST repos\/[^/\s]+\/[^/\s]+\/rulesets --input - <<'JSON'$/
        )
        expect(lines.at(-1)).toBe('JSON')
        const body: unknown = JSON.parse(lines.slice(1, -1).join('\n'))
        expect({
          rule: f.rule,
          valid: validRuleset(body),
          errors: validRuleset.errors ?? null
        }).toEqual({
          rule: f.rule,
          valid: true,
          errors: null
        })
      } else {
        for (const line of f.command.split('\n').filter((l) => !l.startsWith('#'))) {
          expect({ rule: f.rule, line, problem: scalingoProblem(line) }).toEqual({
            rule: f.rule,
            line,
            problem: null
          })
        }
      }
    }
  })
})
