import { describe, expect, it } from '@jest/globals'
import { parseChangesSince } from '../../src/access/changes-since.js'
import { ConfigError, parseConfig } from '../../src/config.js'

const NOW = new Date('2026-11-26T15:30:00.000Z')

function configWith(value: string): ReturnType<typeof parseConfig> {
  return parseConfig({
    read: (name) => ({ apps: 'my-app', 'changes-since': value })[name] ?? '',
    context: {},
    env: {},
    now: NOW,
    workspaceHasCheckout: false
  })
}

describe('changes-since', () => {
  it('Nd is exactly N × 24 hours before now', () => {
    expect(parseChangesSince('7d', NOW)).toEqual({
      input: '7d',
      since: '2026-11-19T15:30:00.000Z'
    })
    expect(parseChangesSince('30d', NOW)?.since).toBe('2026-10-27T15:30:00.000Z')
    expect(parseChangesSince('1d', NOW)?.since).toBe('2026-11-25T15:30:00.000Z')
    expect(parseChangesSince('366d', NOW)?.since).toBe('2025-11-25T15:30:00.000Z')
  })

  it('a date is that UTC day at 00:00, today included', () => {
    expect(parseChangesSince('2026-11-01', NOW)?.since).toBe('2026-11-01T00:00:00.000Z')
    expect(parseChangesSince('2026-11-26', NOW)?.since).toBe('2026-11-26T00:00:00.000Z')
    expect(parseChangesSince('2024-02-29', NOW)?.since).toBe('2024-02-29T00:00:00.000Z')
  })

  it.each([
    '0d',
    '367d',
    '7',
    'd',
    '7D',
    '7 d',
    '1w',
    '2026-11-27',
    '2025-02-29',
    '2026-13-01',
    '26-11-01',
    'yesterday'
  ])('%s is refused', (value) => {
    expect(parseChangesSince(value, NOW)).toBeNull()
  })

  it('a bad value is one error naming the input and the value', () => {
    expect(() => configWith('1w')).toThrow(ConfigError)
    expect(() => configWith('1w')).toThrow(
      /^Input "changes-since" is "1w": expected Nd .*YYYY-MM-DD/
    )
  })

  it('the config carries the window; empty means not asked', () => {
    expect(configWith('7d').changesSince).toEqual({
      input: '7d',
      since: '2026-11-19T15:30:00.000Z'
    })
    expect(configWith('').changesSince).toBeNull()
  })
})

describe('fork pull requests and access-report', () => {
  const repo = (fullName: string): unknown => ({ full_name: fullName })
  const parse = (event: unknown, accessReport = ''): ReturnType<typeof parseConfig> =>
    parseConfig({
      read: (name) => ({ apps: 'my-app', 'access-report': accessReport })[name] ?? '',
      context: { eventName: 'pull_request', payload: event },
      env: {},
      now: NOW,
      workspaceHasCheckout: false
    })

  it('a head in another repository, or a deleted one, is a fork; the same repository is not', () => {
    const pr = (head: unknown): unknown => ({
      number: 5,
      pull_request: { number: 5, head: { repo: head }, base: { repo: repo('acme/shop') } }
    })
    expect(parse(pr(repo('mallory/shop'))).forkPullRequest).toBe(true)
    expect(parse(pr(null)).forkPullRequest).toBe(true)
    expect(parse(pr(repo('acme/shop'))).forkPullRequest).toBe(false)
    expect(parse({ schedule: '0 6 1 * *' }).forkPullRequest).toBe(false)
  })

  it('access-report is a path; empty means none', () => {
    expect(parse(null, 'reviews/register.csv').accessReport).toBe('reviews/register.csv')
    expect(parse(null).accessReport).toBeNull()
    expect(() => parse(null, 'a\0b')).toThrow(/^Input "access-report"/)
  })
})
