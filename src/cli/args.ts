import { parseArgs } from 'node:util'
import { INPUTS, type InputDefinition } from '../inputs.js'
import { REPOSITORY } from '../config.js'
import { DEFAULT_SCENARIO, SCENARIO_NAMES } from '../sandbox/scenario.js'

/** Bad usage: exit code 2, one line that names the flag. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface CliArgs {
  readonly help: boolean
  readonly json: boolean
  /** Scenario to run on the embedded sandbox; null: the real platforms. */
  readonly sandbox: string | null
  /** owner/name from --repo; null: GITHUB_REPOSITORY. */
  readonly repo: string | null
  /** Only the inputs given as flags, by input name. */
  readonly inputs: Readonly<Record<string, string>>
}

export const COMMAND = 'scalingo-governance'

/** Secrets never travel as flags (shell history, process lists): each has its variable. */
export function envVarOf(input: InputDefinition): string {
  return input.name.toUpperCase().replace(/-/g, '_')
}

/** Boolean inputs (default true or false): `--x`, `--x=false` and `--no-x` all work. */
export function isSwitch(input: InputDefinition): boolean {
  return input.default === 'true' || input.default === 'false'
}

const FLAG_INPUTS = INPUTS.filter((input) => !input.secret)
const SECRET_INPUTS = INPUTS.filter((input) => input.secret === true)

const byName = (name: string): InputDefinition | undefined =>
  FLAG_INPUTS.find((input) => input.name === name)

/** How a ConfigError's input is spelled on the command line. */
export function flagLabel(inputName: string): string {
  const secret = SECRET_INPUTS.find((input) => input.name === inputName)
  if (secret) return envVarOf(secret)
  return byName(inputName) ? `--${inputName}` : inputName
}

/** Parses argv with node:util parseArgs; flags are generated from INPUTS. Throws UsageError. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
    sandbox: { type: 'boolean' },
    repo: { type: 'string' }
  }
  for (const input of FLAG_INPUTS) {
    options[input.name] = { type: isSwitch(input) ? 'boolean' : 'string' }
  }
  // Not strict: switches take `=false`, and every message below names the flag our way.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true
  })

  const inputs: Record<string, string> = {}
  let help = false
  let json = false
  let sandbox: string | null = null
  let sandboxIndex = -1
  let repo: string | null = null

  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue
    if (token.kind === 'positional') {
      if (sandbox !== null && token.index === sandboxIndex + 1) {
        sandbox = scenario(token.value)
        continue
      }
      // The value is not echoed: a misplaced token must not land in a terminal log.
      throw new UsageError(
        `Unexpected argument at position ${token.index + 1}: values belong to a flag (--name=value).`
      )
    }
    const { name, rawName } = token
    const secret = SECRET_INPUTS.find((input) => input.name === name)
    const value = token.inlineValue === true ? token.value : undefined
    const valueAfter = token.inlineValue === false ? token.value : undefined
    const noValue = (): void => {
      if (value !== undefined) throw new UsageError(`${rawName} takes no value.`)
    }
    const needValue = (): string => {
      const given = value ?? valueAfter
      // A value that looks like a flag is a forgotten value (write --name=-x to mean it).
      if (given === undefined || (valueAfter !== undefined && valueAfter.startsWith('-'))) {
        throw new UsageError(`${rawName} needs a value: ${rawName}=VALUE.`)
      }
      return given
    }

    if (name === 'help') {
      noValue()
      help = true
    } else if (name === 'json') {
      noValue()
      json = true
    } else if (name === 'sandbox') {
      sandbox = value === undefined ? DEFAULT_SCENARIO : scenario(value)
      sandboxIndex = value === undefined ? token.index : -1
    } else if (name === 'repo') {
      const given = needValue()
      if (!REPOSITORY.test(given)) {
        throw new UsageError(`--repo is ${JSON.stringify(given)}: expected owner/name.`)
      }
      repo = given
    } else if (secret !== undefined) {
      throw new UsageError(
        `--${name} is not a flag: set ${envVarOf(secret)} instead, so the token stays out of shell history and process lists.`
      )
    } else if (name.startsWith('no-') && isSwitchName(name.slice(3))) {
      noValue()
      inputs[name.slice(3)] = 'false'
    } else {
      const input = byName(name)
      if (!input || !rawName.startsWith('--')) {
        throw new UsageError(`Unknown flag ${rawName}. See ${COMMAND} --help.`)
      }
      if (isSwitch(input)) {
        inputs[name] = value ?? 'true'
      } else {
        const given = needValue()
        // A repeated flag adds a line, as a multi-line input would (--ignore, --apps, …).
        inputs[name] = name in inputs ? `${inputs[name]}\n${given}` : given
      }
    }
  }
  return { help, json, sandbox, repo, inputs }
}

function isSwitchName(name: string): boolean {
  const input = byName(name)
  return input !== undefined && isSwitch(input)
}

function scenario(name: string): string {
  if (!SCENARIO_NAMES.includes(name)) {
    throw new UsageError(
      `--sandbox is ${JSON.stringify(name)}: expected one of ${SCENARIO_NAMES.join(', ')}.`
    )
  }
  return name
}

/** Inputs that mean nothing outside a pull request run. */
const ACTION_ONLY: Readonly<Record<string, string>> = {
  comment: 'no effect here: the command line never comments'
}

/** --help, generated from INPUTS so that it cannot drift from action.yml. */
export function renderHelp(): string {
  const rows: [string, string][] = FLAG_INPUTS.map((input) => {
    const flag = isSwitch(input) ? `--${input.name}[=VALUE]` : `--${input.name} VALUE`
    const facts = [
      input.required ? 'required' : null,
      input.default !== '' ? `default: ${input.default}` : null,
      isSwitch(input) ? `or --no-${input.name}` : null,
      ACTION_ONLY[input.name] ?? null
    ].filter((fact): fact is string => fact !== null)
    return [flag, facts.length > 0 ? `${input.summary} (${facts.join('; ')})` : input.summary]
  })
  const env: [string, string][] = [
    ...SECRET_INPUTS.map((input): [string, string] => [
      envVarOf(input),
      `${input.summary} (the ${input.name} input; in Actions its default is ${input.default || 'empty'})`
    ]),
    ['GITHUB_REPOSITORY', 'owner/name of the repository, when --repo is not given.'],
    ['GITHUB_API_URL', 'GitHub API base (default: https://api.github.com; GitHub Enterprise too).'],
    ['NO_COLOR', 'Set: no colours. Colours are only used when stdout is a terminal.']
  ]
  const own: [string, string][] = [
    [
      '--repo OWNER/NAME',
      'GitHub repository whose deploying branch is audited (default: GITHUB_REPOSITORY; none: the GitHub part is skipped).'
    ],
    ['--json', "Print the JSON report (the action's report file) instead of the table."],
    [
      '--sandbox [SCENARIO]',
      `Run on the embedded loopback sandbox with that scenario's inputs; flags override them (default: ${DEFAULT_SCENARIO}; one of ${SCENARIO_NAMES.join(', ')}).`
    ],
    ['-h, --help', 'Show this help.']
  ]
  return [
    `Usage: ${COMMAND} --apps APPS [flags]`,
    '',
    "Audits who can touch Scalingo apps and how the deploying GitHub branch is guarded, against Scalingo's recommendations: the GitHub Action's audit, from a terminal.",
    '',
    'Inputs (as action.yml declares them; repeat a flag to add a line):',
    ...columns(rows),
    '',
    'Command line:',
    ...columns(own),
    '',
    'Environment:',
    ...columns(env),
    '',
    'Exit codes: 0 pass; 1 fail (a finding at or above --fail-on, or an audit that could not read everything); 2 bad usage.',
    '',
    'Examples:',
    `  ${COMMAND} --sandbox mid-failing`,
    `  SCALINGO_API_TOKEN=tk-us-… GITHUB_TOKEN=$(gh auth token) ${COMMAND} --apps my-app-production,my-app-staging --repo acme/my-app --team-size mid --leads alice@acme.example`,
    `  ${COMMAND} --apps my-app --no-require-2fa --fail-on=warning --json > report.json`,
    ''
  ].join('\n')
}

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`)
}
