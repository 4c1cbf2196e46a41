import { describe, expect, it } from '@jest/globals'
import {
  ConfigError,
  parseConfig,
  parseIgnoreLine,
  splitList,
  type ConfigEnvironment,
  type RunContext
} from '../src/config.js'
import type { Config } from '../src/types.js'

const NOW = new Date('2026-11-26T10:00:00Z')

function parse(
  inputs: Record<string, string>,
  context: RunContext = {},
  env: ConfigEnvironment = {}
): Config {
  return parseConfig({
    read: (name) => (inputs[name] ?? '').trim(),
    context: { repository: 'acme/shop', ...context },
    env,
    now: NOW,
    workspaceHasCheckout: false
  })
}

function errorOf(inputs: Record<string, string>): ConfigError {
  try {
    parse(inputs)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  it('applies the defaults of action.yml', () => {
    const config = parse({ apps: 'my-app' })
    expect(config).toMatchObject({
      scalingoApiToken: null,
      region: 'osc-fr1',
      teamSize: 'auto',
      maxCollaborators: null,
      maxAccounts: null,
      require2fa: true,
      branch: null,
      minApprovals: null,
      failOn: 'error',
      comment: 'auto',
      redact: 'auto',
      sarifFile: null,
      requestTimeoutMs: 30_000,
      scalingoAuthUrl: 'https://auth.scalingo.com',
      githubApiUrl: 'https://api.github.com',
      repository: { owner: 'acme', repo: 'shop' },
      today: '2026-11-26'
    })
    expect(config.apps).toEqual([
      { name: 'my-app', region: 'osc-fr1', apiUrl: 'https://api.osc-fr1.scalingo.com' }
    ])
  })

  it('splits apps on commas and newlines, reads regions and drops duplicates', () => {
    const config = parse({ apps: 'front, api\nosc-secnum-fr1/vault\n\nfront', region: 'osc-fr1' })
    expect(config.apps.map((a) => `${a.region}/${a.name} ${a.apiUrl}`)).toEqual([
      'osc-fr1/front https://api.osc-fr1.scalingo.com',
      'osc-fr1/api https://api.osc-fr1.scalingo.com',
      'osc-secnum-fr1/vault https://api.osc-secnum-fr1.scalingo.com'
    ])
  })

  it('keeps the path prefix of scalingo-api-url for every app', () => {
    const config = parse({
      apps: 'a-app,osc-secnum-fr1/b-app',
      'scalingo-api-url': 'http://127.0.0.1:9/scalingo/api/'
    })
    expect(config.apps.map((a) => a.apiUrl)).toEqual([
      'http://127.0.0.1:9/scalingo/api',
      'http://127.0.0.1:9/scalingo/api'
    ])
  })

  it('takes the GitHub API base from github-api-url, else GITHUB_API_URL, path prefix kept', () => {
    const context = { apiUrl: 'https://ghes.example.com/api/v3/' }
    expect(parse({ apps: 'my-app' }, context).githubApiUrl).toBe('https://ghes.example.com/api/v3')
    const input = { apps: 'my-app', 'github-api-url': 'http://127.0.0.1:8787/github/api/v3' }
    expect(parse(input, context).githubApiUrl).toBe('http://127.0.0.1:8787/github/api/v3')
  })

  it('reads lists, numbers and booleans', () => {
    const config = parse({
      apps: 'my-app',
      leads: 'a@x.io\nb@x.io, c',
      'max-collaborators': '4',
      'max-accounts': '9',
      'min-approvals': '2',
      'require-2fa': 'FALSE'
    })
    expect(config.leads).toEqual(['a@x.io', 'b@x.io', 'c'])
    expect([config.maxCollaborators, config.maxAccounts, config.minApprovals]).toEqual([4, 9, 2])
    expect(config.require2fa).toBe(false)
  })

  it('is frozen', () => {
    const config = parse({ apps: 'my-app' })
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.apps[0])).toBe(true)
  })

  it.each([
    [{ apps: '' }, 'apps', /at least one Scalingo app/],
    [
      { apps: 'my-app', 'team-size': 'huge' },
      'team-size',
      /"huge": expected one of small, mid, large, auto/
    ],
    [
      { apps: 'my-app', 'fail-on': 'fatal' },
      'fail-on',
      /expected one of error, warning, notice, never/
    ],
    [{ apps: 'my-app', 'require-2fa': 'yes' }, 'require-2fa', /expected true or false/],
    [{ apps: 'my-app', 'max-collaborators': '-1' }, 'max-collaborators', /whole number/],
    [{ apps: 'my-app', 'max-collaborators': '2.5' }, 'max-collaborators', /whole number/],
    [{ apps: 'my-app', 'min-approvals': 'two' }, 'min-approvals', /whole number from 0 to 10/],
    [{ apps: 'my-app', 'scalingo-auth-url': 'ftp://x' }, 'scalingo-auth-url', /http\(s\) URL/],
    [{ apps: 'bad app!' }, 'apps', /app names/],
    [{ apps: 'BAD REGION/app' }, 'apps', /region/],
    [{ apps: 'my-app', branch: 'a..b' }, 'branch', /git branch name/],
    [{ apps: 'my-app', comment: 'sometimes' }, 'comment', /auto, true, false/],
    [{ apps: 'my-app', redact: 'maybe' }, 'redact', /auto, true, false/]
  ])('rejects %j naming the input', (inputs, input, message) => {
    const error = errorOf(inputs)
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Input "${input}"`)
    expect(error.message).toMatch(message)
  })

  it('never echoes a token in an error', () => {
    const config = parse({ apps: 'my-app', 'scalingo-api-token': 'tk-us-secret' })
    expect(config.scalingoApiToken).toBe('tk-us-secret')
    const error = errorOf({
      apps: 'my-app',
      'scalingo-api-token': 'tk-us-secret',
      'team-size': 'x'
    })
    expect(error.message).not.toContain('tk-us-secret')
  })

  it('keeps error messages on one line', () => {
    const error = errorOf({ apps: 'my-app', 'team-size': 'a\n::error::injected' })
    expect(error.message).not.toMatch(/[\r\n]/)
  })

  it('reads the pull request number from the event', () => {
    const config = parseConfig({
      read: (name) => (name === 'apps' ? 'my-app' : ''),
      context: { eventName: 'pull_request', payload: { pull_request: { number: 42 } } },
      env: {},
      now: NOW,
      workspaceHasCheckout: false
    })
    expect(config.pullRequest).toBe(42)
    expect(config.repository).toBeNull()
  })
})

describe('run context', () => {
  it('links the run page from the server, repository and run id', () => {
    const context = { serverUrl: 'https://ghes.example.com/', runId: 1234 }
    expect(parse({ apps: 'my-app' }, context).runUrl).toBe(
      'https://ghes.example.com/acme/shop/actions/runs/1234'
    )
    // context.runId is NaN outside a runner (parseInt of nothing): no link rather than a wrong one.
    expect(parse({ apps: 'my-app' }, { ...context, runId: Number.NaN }).runUrl).toBeNull()
    expect(parse({ apps: 'my-app' }, { runId: 1234 }).runUrl).toBeNull()
  })

  it('takes the number of a pull_request event from its payload, not of other events', () => {
    const payload = { number: 9 }
    expect(
      parse({ apps: 'my-app' }, { eventName: 'pull_request_target', payload }).pullRequest
    ).toBe(9)
    expect(parse({ apps: 'my-app' }, { eventName: 'issues', payload }).pullRequest).toBeNull()
  })
})

describe('proxy variables', () => {
  it('reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY, the lower-case form first', () => {
    const config = parse(
      { apps: 'my-app' },
      {},
      {
        HTTP_PROXY: 'http://upper.example:3128',
        http_proxy: 'http://lower.example:3128',
        HTTPS_PROXY: 'proxy.example:8080',
        NO_PROXY: '.internal.example,127.0.0.1',
        no_proxy: ''
      }
    )
    expect(config.proxy).toEqual({
      httpProxy: 'http://lower.example:3128/',
      // No scheme: http://, as curl reads it.
      httpsProxy: 'http://proxy.example:8080/',
      // An empty lower-case variable does not hide the upper-case one.
      noProxy: '.internal.example,127.0.0.1'
    })
  })

  it('is direct when no proxy is set', () => {
    expect(parse({ apps: 'my-app' }).proxy).toEqual({
      httpProxy: null,
      httpsProxy: null,
      noProxy: ''
    })
  })

  it('names a bad proxy variable without echoing its value (it may hold a password)', () => {
    const env = { https_proxy: 'ftp://user:s3cret@proxy.example' }
    let caught: unknown
    try {
      parse({ apps: 'my-app' }, {}, env)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigError)
    const error = caught as ConfigError
    expect(error.input).toBe('https_proxy')
    expect(error.message).toBe(
      'Environment variable "https_proxy" is (hidden): expected a proxy URL such as http://proxy.example.com:3128.'
    )
  })
})

describe('ignore', () => {
  it('parses rule, app, subject (emails included), until and reason', () => {
    expect(
      parseIgnoreLine('collaborator-without-2fa@my-app:bob@example.com until 2027-01-31 # on leave')
    ).toEqual({
      rule: 'collaborator-without-2fa',
      app: 'my-app',
      subject: 'bob@example.com',
      until: '2027-01-31',
      reason: 'on leave',
      raw: 'collaborator-without-2fa@my-app:bob@example.com until 2027-01-31 # on leave'
    })
    expect(parseIgnoreLine('no-ci-workflow')).toMatchObject({
      rule: 'no-ci-workflow',
      app: null,
      subject: null,
      until: null,
      reason: null
    })
    expect(parseIgnoreLine('branch-unprotected:release/v2 # frozen')).toMatchObject({
      subject: 'release/v2',
      reason: 'frozen'
    })
  })

  it('skips blank and comment lines', () => {
    const config = parse({ apps: 'my-app', ignore: '# accepted risks\n\ninvitation-pending\n' })
    expect(config.ignore.map((entry) => entry.rule)).toEqual(['invitation-pending'])
  })

  it.each([
    ['not-a-rule', /not a rule id/],
    ['invitation-pending until 2027-02-30', /YYYY-MM-DD/],
    ['invitation-pending until tomorrow', /YYYY-MM-DD/],
    ['github-unavailable # token cannot read', /cannot be accepted/]
  ])('rejects %s', (line, message) => {
    const error = errorOf({ apps: 'my-app', ignore: line })
    expect(error.input).toBe('ignore')
    expect(error.message).toMatch(message)
  })
})

describe('splitList', () => {
  it('drops blanks and duplicates', () => {
    expect(splitList(' a ,\r\nb,,a\n')).toEqual(['a', 'b'])
  })
})

describe('tokens', () => {
  it('fails on an empty Scalingo token only when the maintainer asks for it', () => {
    const error = errorOf({ apps: 'my-app', 'require-scalingo-token': 'true' })
    expect(error.input).toBe('scalingo-api-token')
    expect(error.message).toMatch(/require-scalingo-token is true/)
  })

  it('reads the request timeout in seconds, at most 30', () => {
    expect(parse({ apps: 'my-app', 'request-timeout': '2' }).requestTimeoutMs).toBe(2_000)
    expect(errorOf({ apps: 'my-app', 'request-timeout': '31' }).input).toBe('request-timeout')
  })
})
