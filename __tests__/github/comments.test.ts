import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import { upsertComment } from '../../src/github/comments.js'
import { GitHubError } from '../../src/github/errors.js'
import { COMMENT_MARKER } from '../../src/types.js'
import { FakeComments } from '../../__fixtures__/fake-comments.js'

const TOKEN = 'ghs_commenttesttoken1234567890'

describe('upsertComment', () => {
  const fake = new FakeComments()
  let octokit: Octokit
  const target = (body: string) => ({ owner: 'acme', repo: 'shop', issueNumber: 7, body })
  const marked = (text: string): string => `${COMMENT_MARKER}\n${text}\n`

  beforeAll(async () => {
    await fake.start()
    octokit = new Octokit({
      auth: TOKEN,
      baseUrl: fake.baseUrl,
      log: { debug() {}, info() {}, warn() {}, error() {} }
    })
  })
  afterAll(() => fake.stop())
  beforeEach(() => {
    fake.comments = []
    fake.requests = []
    fake.postFailures = []
    fake.fail = null
  })

  it('creates the comment when none holds the marker', async () => {
    fake.add('LGTM', 'User')
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('created')
    expect(fake.comments.map((c) => c.body)).toEqual(['LGTM', marked('v1')])
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'POST'])
  })

  it('updates the marked comment when the body changed, never adding a second one', async () => {
    // 150 comments: the marked one sits on the second page.
    for (let i = 0; i < 120; i++) fake.add(`chatter ${i}`, 'User')
    const mine = fake.add(marked('old'))
    for (let i = 0; i < 29; i++) fake.add(`more ${i}`, 'User')
    expect(await upsertComment(octokit, target(marked('new')))).toBe('updated')
    expect(fake.comments.find((c) => c.id === mine.id)?.body).toBe(marked('new'))
    expect(fake.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1)
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'PATCH'])
  })

  it('leaves the comment alone when the body is the same (CRLF or trailing space aside)', async () => {
    fake.add(marked('same').replace(/\n/g, '\r\n'))
    expect(await upsertComment(octokit, target(marked('same')))).toBe('unchanged')
    expect(fake.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('never posts twice when a create was saved but answered with an error', async () => {
    fake.postFailures = [{ status: 502, saved: true }]
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('created')
    expect(fake.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1)
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET'])
  })

  it('creates again after a failed create that was not saved', async () => {
    fake.postFailures = [
      { status: 503, saved: false },
      { status: 500, saved: false }
    ]
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('created')
    expect(fake.comments.map((c) => c.body)).toEqual([marked('v1')])
    expect(fake.requests.map((r) => r.method)).toEqual([
      'GET',
      'POST',
      'GET',
      'POST',
      'GET',
      'POST'
    ])
  })

  it('leaves the comment alone when only the link to the run changed', async () => {
    fake.add(`${marked('same')}\n\n<sub>[Full report](https://github.com/o/r/actions/runs/1)</sub>`)
    const rerun = `${marked('same')}\n\n<sub>[Full report](https://github.com/o/r/actions/runs/2)</sub>`
    expect(await upsertComment(octokit, target(rerun))).toBe('unchanged')
    expect(await upsertComment(octokit, target(`${marked('other')}\n\n<sub>x</sub>`))).toBe(
      'updated'
    )
  })

  it('prefers the bot comment over a human one that pastes the marker', async () => {
    const human = fake.add(marked('fake'), 'User')
    const bot = fake.add(marked('old'))
    expect(await upsertComment(octokit, target(marked('new')))).toBe('updated')
    expect(fake.comments.find((c) => c.id === human.id)?.body).toBe(marked('fake'))
    expect(fake.comments.find((c) => c.id === bot.id)?.body).toBe(marked('new'))
  })

  it('ignores comments that merely quote the marker', async () => {
    fake.add(`> ${COMMENT_MARKER}\n> quoted`, 'User')
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('created')
  })

  it("returns 'forbidden' on 403 (read-only token)", async () => {
    fake.fail = { method: 'POST', status: 403 }
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('forbidden')
    expect(fake.comments).toHaveLength(0)
  })

  it("returns 'forbidden' on 404 (fork token cannot see the pull request)", async () => {
    fake.fail = { method: 'GET', status: 404 }
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('forbidden')
  })

  it('throws other errors with status, method and path, and never the token', async () => {
    fake.add(marked('old'))
    fake.fail = { method: 'PATCH', status: 500, message: `boom ${TOKEN}` }
    const error = await upsertComment(octokit, target(marked('new'))).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubError)
    const e = error as GitHubError
    expect(e.status).toBe(500)
    expect(e.method).toBe('PATCH')
    expect(e.path).toMatch(/^\/repos\/acme\/shop\/issues\/comments\/\d+$/)
    expect(e.message).not.toContain(TOKEN)
  })

  it('treats a rate-limit 403 as an error, not as a permission problem', async () => {
    fake.fail = { method: 'GET', status: 403, message: 'API rate limit exceeded' }
    await expect(upsertComment(octokit, target(marked('v1')))).rejects.toThrow(/HTTP 403 on GET/)
  })

  it('sends the token only in the Authorization header', async () => {
    await upsertComment(octokit, target(marked('v1')))
    expect(fake.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(fake.comments[0]?.body).not.toContain(TOKEN)
  })
})
