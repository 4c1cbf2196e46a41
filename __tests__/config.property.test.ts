import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { propertyOptions } from '../__fixtures__/property.js'
import { ConfigError, parseConfig, type ConfigSources } from '../src/config.js'
import { INPUTS } from '../src/inputs.js'
import { describe as describeError } from '../src/main.js'
import type { Config } from '../src/types.js'

/**
 * Hostile values (issue 5): whatever the inputs, the environment and the event hold, parseConfig
 * gives a Config or one ConfigError naming the input, in one line, never echoing a token.
 */

const NAMES = INPUTS.map((i) => i.name)
/** Inputs whose values are also read from the environment. */
const ENV_INPUTS = ['GITHUB_API_URL', 'HTTPS_PROXY', 'http_proxy']
const SECRET = new Set(INPUTS.filter((i) => i.secret).map((i) => i.name))

/** Values that are fine for each input, so that later inputs get parsed too. */
const VALID: Record<string, readonly string[]> = {
  'scalingo-api-token': ['', 'tk-us-0123456789abcdef'],
  apps: ['my-app', 'a,b\nosc-secnum-fr1/c', 'app-1, app-2'],
  region: ['', 'osc-fr1', 'osc-secnum-fr1'],
  'team-size': ['', 'auto', 'small', 'mid', 'large'],
  owners: ['', 'ops@example.com', 'a,b\nc'],
  'service-accounts': ['', 'bot@example.com'],
  leads: ['', 'lead'],
  members: ['', 'x@example.com, y'],
  'max-collaborators': ['', '0', '3', '10000'],
  'max-accounts': ['', '1', '50'],
  'require-2fa': ['', 'true', 'False'],
  branch: ['', 'main', 'release/2024'],
  'min-approvals': ['', '0', '2'],
  'fail-on': ['', 'error', 'never', 'notice'],
  comment: ['', 'auto', 'true', 'false'],
  'sarif-file': ['', 'out/governance.sarif'],
  ignore: ['', 'no-ci-workflow # later', 'owner-unexpected@my-app:a@b.c until 2099-01-01 # ok'],
  redact: ['', 'auto', 'true', 'false'],
  'github-token': ['', 'ghs_0123456789abcdefABCDEF'],
  'github-api-url': ['', 'https://ghe.example.com/api/v3'],
  'require-scalingo-token': ['', 'false', 'TRUE'],
  'request-timeout': ['', '1', '30'],
  'scalingo-auth-url': ['', 'http://127.0.0.1:9/auth'],
  'scalingo-api-url': ['', 'https://api.example.com']
}

const INJECTIONS = [
  'x\n::error::pwned',
  '%0A::warning::pwned',
  '::set-output name=result::pass',
  '::add-mask::',
  '\r\n::stop-commands::token\r\n',
  '<img src=x onerror=alert(1)>',
  '| broken |',
  '[click](http://evil)',
  'a\u2028b\u2029c',
  '\u0000\u001b[31m',
  ' '.repeat(5000),
  '😀'.repeat(300)
]

const lineList = (item: fc.Arbitrary<string>, max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(item, { maxLength: max }), fc.constantFrom(',', '\n', '\r\n', ', ', '\r'))
    .map(([items, sep]) => items.join(sep))

const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(...INJECTIONS),
  lineList(fc.string({ unit: 'grapheme', maxLength: 40 }), 50),
  // Huge lists: thousands of plausible names.
  lineList(fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/), 3000),
  lineList(fc.constantFrom(...INJECTIONS, 'no-ci-workflow', 'a@b.c'), 200)
)

const valueFor = (name: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...(VALID[name] ?? [''])) },
    { weight: 1, arbitrary: hostile }
  )

const sources: fc.Arbitrary<ConfigSources> = fc
  .record({
    inputs: fc.record(Object.fromEntries(NAMES.map((n) => [n, valueFor(n)]))),
    apiUrl: fc.option(fc.oneof(fc.constant('https://api.github.com'), hostile), {
      nil: undefined
    }),
    repository: fc.option(fc.oneof(fc.constant('acme/shop'), hostile), { nil: undefined }),
    eventName: fc.option(fc.oneof(fc.constant('pull_request'), hostile), { nil: undefined }),
    event: fc.oneof(fc.constant(null), fc.anything(), fc.constant({ pull_request: { number: 7 } })),
    httpsProxy: fc.option(fc.oneof(fc.constant('http://proxy.example:3128'), hostile), {
      nil: undefined
    }),
    httpProxy: fc.option(hostile, { nil: undefined }),
    checkout: fc.boolean()
  })
  .map(({ inputs, apiUrl, repository, eventName, event, httpsProxy, httpProxy, checkout }) => ({
    // The runner trims inputs (getInput's default).
    read: (name: string) => (inputs[name] ?? '').trim(),
    context: { apiUrl, repository, eventName, payload: event },
    env: { GITHUB_WORKSPACE: '/tmp/ws', HTTPS_PROXY: httpsProxy, http_proxy: httpProxy },
    now: new Date('2025-06-01T12:00:00Z'),
    workspaceHasCheckout: checkout
  }))

/** The fast-check runs per property (the README quotes their total). */
const RUNS = { config: 3000, oneInput: 500 }

function outcome(s: ConfigSources): { ok: true; config: Config } | { ok: false; error: unknown } {
  try {
    return { ok: true, config: parseConfig(s) }
  } catch (error) {
    return { ok: false, error }
  }
}

function checkError(error: unknown, s: ConfigSources): void {
  expect(error).toBeInstanceOf(ConfigError)
  if (!(error instanceof ConfigError)) return
  expect([...NAMES, ...ENV_INPUTS]).toContain(error.input)
  expect(error.message).toContain(`"${error.input}"`)
  // What the step prints is one line, so the ::error:: line stays whole. (The raw message can
  // still quote a lone CR from an `ignore` line: config.ts echoes the rule id unescaped.)
  expect(describeError(error)).not.toMatch(/[\r\n\u2028\u2029]/)
  // A token is never echoed, not even when it is the bad input.
  for (const name of SECRET) {
    const value = s.read(name)
    if (value !== '' && (error.input === name || /^(tk-us-|ghs_)/.test(value))) {
      expect(error.message).not.toContain(value)
    }
  }
  // A proxy URL may hold a password: a bad one is named, never quoted.
  if (error.input !== 'GITHUB_API_URL' && ENV_INPUTS.includes(error.input)) {
    expect(error.message).toContain('is (hidden):')
  }
  expect(describeError(error)).toBe(error.message.replace(/[\r\n\u2028\u2029]+/g, '⏎'))
}

describe('parseConfig under hostile values (fast-check)', () => {
  it('gives a frozen Config or one ConfigError naming the input, in one line', () => {
    fc.assert(
      fc.property(sources, (s) => {
        const result = outcome(s)
        if (!result.ok) {
          checkError(result.error, s)
          return
        }
        const { config } = result
        expect(Object.isFrozen(config)).toBe(true)
        expect(Object.isFrozen(config.apps)).toBe(true)
        expect(config.apps.length).toBeGreaterThan(0)
        for (const app of config.apps) expect(app.name).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)
        expect(config.requestTimeoutMs).toBeGreaterThanOrEqual(1000)
        expect(config.requestTimeoutMs).toBeLessThanOrEqual(30_000)
        for (const list of [config.owners, config.leads, config.members, config.serviceAccounts])
          for (const item of list) expect(item).not.toMatch(/[\r\n,]/)
      }),
      propertyOptions({ numRuns: RUNS.config })
    )
  })

  it.each(NAMES)('input %s alone: valid, or an error naming it', (name) => {
    // Every other input valid, so this one is the only possible culprit.
    const base: Record<string, string> = { apps: 'my-app' }
    fc.assert(
      fc.property(hostile, (value) => {
        const s: ConfigSources = {
          read: (n) => (n === name ? value : (base[n] ?? '')).trim(),
          context: { apiUrl: 'https://api.github.com', repository: 'acme/shop' },
          env: {},
          now: new Date('2025-06-01T12:00:00Z'),
          workspaceHasCheckout: false
        }
        const result = outcome(s)
        if (result.ok) return
        checkError(result.error, s)
        if (result.error instanceof ConfigError) expect(result.error.input).toBe(name)
      }),
      propertyOptions({ numRuns: RUNS.oneInput })
    )
  })
})
