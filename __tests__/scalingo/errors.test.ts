import { describe, expect, it } from '@jest/globals'
import { ScalingoError, errorDetail, stripSecrets } from '../../src/scalingo/errors.js'
import { joinUrl, retryAfterMs } from '../../src/scalingo/http.js'

describe('stripSecrets', () => {
  it('removes known secrets and token-shaped strings', () => {
    const out = stripSecrets(
      'a tk-us-abc-123 b eyJa.eyJb.c Bearer xyz.12345 d basic info my-secret-value',
      ['my-secret-value']
    )
    expect(out).toBe('a *** b *** *** d basic info ***')
  })

  it('collapses whitespace and control characters and cuts to 200 characters', () => {
    expect(stripSecrets('a\n\t\u0000b')).toBe('a b')
    const long = stripSecrets('x'.repeat(500))
    expect(long).toHaveLength(200)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('errorDetail', () => {
  it('reads Scalingo error bodies', () => {
    expect(errorDetail('{"error":"app not found","resource":"app"}')).toBe('app not found')
    expect(errorDetail('{"errors":{"name":["is invalid","is taken"]}}')).toBe(
      'name: is invalid, is taken'
    )
    expect(errorDetail('  Too Many Requests \n')).toBe('Too Many Requests')
    expect(errorDetail('{not json')).toBe('{not json')
  })
})

describe('ScalingoError', () => {
  it('says status, method and path, with the status text when the body is empty', () => {
    const error = new ScalingoError({
      kind: 'http',
      status: 502,
      method: 'GET',
      path: '/v1/apps',
      detail: ''
    })
    expect(error.message).toBe('Scalingo GET /v1/apps → HTTP 502: Bad Gateway')
    expect(error.bodyExcerpt).toBe('')
    expect(error).toBeInstanceOf(Error)
  })
})

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, caps at the 60 s rate-limit window and ignores junk', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs({ 'retry-after': '2' }, now)).toBe(2000)
    expect(retryAfterMs({ 'retry-after': '3600' }, now)).toBe(60_000)
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }, now)).toBe(3000)
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeNull()
    expect(retryAfterMs({}, now)).toBeNull()
  })
})

describe('joinUrl', () => {
  it('keeps the base path and drops only trailing slashes', () => {
    expect(joinUrl('http://127.0.0.1:1/scalingo/api//', '/v1/apps')).toBe(
      'http://127.0.0.1:1/scalingo/api/v1/apps'
    )
    expect(joinUrl('https://api.test', '/v1/scm_repo_links', 'page=2')).toBe(
      'https://api.test/v1/scm_repo_links?page=2'
    )
  })
})
