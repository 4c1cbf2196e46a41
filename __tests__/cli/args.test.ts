import { describe, expect, it } from '@jest/globals'
import { UsageError, flagLabel, parseCliArgs, renderHelp } from '../../src/cli/args.js'
import { INPUTS } from '../../src/inputs.js'
import { DEFAULT_SCENARIO } from '../../src/sandbox/scenario.js'

describe('parseCliArgs', () => {
  it('maps every non-secret input to a flag, in both spellings', () => {
    for (const input of INPUTS.filter((i) => !i.secret)) {
      const value = input.default === 'true' ? 'false' : 'x,y'
      expect(parseCliArgs([`--${input.name}=${value}`]).inputs).toEqual({ [input.name]: value })
      if (input.default !== 'true' && input.default !== 'false') {
        expect(parseCliArgs([`--${input.name}`, value]).inputs).toEqual({ [input.name]: value })
      }
    }
  })

  it('reads booleans as --x, --x=false and --no-x', () => {
    expect(parseCliArgs(['--require-2fa']).inputs).toEqual({ 'require-2fa': 'true' })
    expect(parseCliArgs(['--require-2fa=false']).inputs).toEqual({ 'require-2fa': 'false' })
    expect(parseCliArgs(['--no-require-2fa']).inputs).toEqual({ 'require-2fa': 'false' })
    expect(parseCliArgs(['--no-require-scalingo-token']).inputs).toEqual({
      'require-scalingo-token': 'false'
    })
  })

  it('takes --sandbox with or without a scenario, and --repo', () => {
    expect(parseCliArgs(['--sandbox']).sandbox).toBe(DEFAULT_SCENARIO)
    expect(parseCliArgs(['--sandbox', 'small-healthy', '--json'])).toMatchObject({
      sandbox: 'small-healthy',
      json: true
    })
    expect(parseCliArgs(['--sandbox=large-failing']).sandbox).toBe('large-failing')
    expect(parseCliArgs(['--repo', 'acme/shop']).repo).toBe('acme/shop')
    expect(parseCliArgs(['-h']).help).toBe(true)
  })

  it('joins a repeated flag into lines', () => {
    expect(parseCliArgs(['--apps', 'a', '--apps=b']).inputs).toEqual({ apps: 'a\nb' })
  })

  it.each([
    [['--nope'], 'Unknown flag --nope'],
    [['--no-apps'], 'Unknown flag --no-apps'],
    [['--no-team-size'], 'Unknown flag --no-team-size'],
    [['--apps'], '--apps needs a value'],
    [['--apps', '--json'], '--apps needs a value'],
    [['--no-require-2fa=true'], '--no-require-2fa takes no value'],
    [['--github-token=ghp_secret'], 'set GITHUB_TOKEN instead'],
    [['--apps=a', 'stray'], 'Unexpected argument at position 2'],
    [['--sandbox', 'unknown'], '--sandbox is "unknown"']
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError)
    expect(() => parseCliArgs(argv)).toThrow(message)
  })

  it('never echoes a token given as a flag or as a stray argument', () => {
    for (const argv of [['--scalingo-api-token', 'tk-us-secret'], ['tk-us-secret']]) {
      let message = ''
      try {
        parseCliArgs(argv)
      } catch (error) {
        message = error instanceof Error ? error.message : ''
      }
      expect(message).not.toBe('')
      expect(message).not.toContain('tk-us-secret')
    }
  })
})

describe('flagLabel', () => {
  it('names the flag, or the environment variable of a secret', () => {
    expect(flagLabel('team-size')).toBe('--team-size')
    expect(flagLabel('scalingo-api-token')).toBe('SCALINGO_API_TOKEN')
    expect(flagLabel('GITHUB_API_URL')).toBe('GITHUB_API_URL')
  })
})

describe('renderHelp', () => {
  it('has one line per input with its summary and default, secrets as environment variables', () => {
    const help = renderHelp()
    for (const input of INPUTS) {
      const label = flagLabel(input.name)
      const line = help.split('\n').find((l) => new RegExp(`^ +${label}[ [=]`).test(l))
      expect({ name: input.name, line }).toEqual({
        name: input.name,
        line: expect.stringContaining(input.summary)
      })
      expect(line).toContain(input.default)
      if (input.secret) expect(help).not.toMatch(new RegExp(`--${input.name}\\b`))
    }
  })
})
