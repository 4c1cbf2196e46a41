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
  /** REST calls only: the GraphQL viewer question is asked beside the list. */
  const restMethods = (): string[] =>
    fake.requests.filter((r) => r.path !== '/graphql').map((r) => r.method)

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
    fake.viewer = 'github-actions[bot]'
  })

  it('creates the comment when none holds the marker', async () => {
    fake.add('LGTM', 'User')
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('created')
    expect(fake.comments.map((c) => c.body)).toEqual(['LGTM', marked('v1')])
    expect(restMethods()).toEqual(['GET', 'POST'])
  })

  it('updates the marked comment when the body changed, never adding a second one', async () => {
    // 150 comments: the marked one sits on the second page.
    for (let i = 0; i < 120; i++) fake.add(`chatter ${i}`, 'User')
    const mine = fake.add(marked('old'))
    for (let i = 0; i < 29; i++) fake.add(`more ${i}`, 'User')
    expect(await upsertComment(octokit, target(marked('new')))).toBe('updated')
    expect(fake.comments.find((c) => c.id === mine.id)?.body).toBe(marked('new'))
    expect(fake.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1)
    expect(restMethods()).toEqual(['GET', 'GET', 'PATCH'])
  })

  it('leaves the comment alone when the body is the same (CRLF or trailing space aside)', async () => {
    fake.add(marked('same').replace(/\n/g, '\r\n'))
    expect(await upsertComment(octokit, target(marked('same')))).toBe('unchanged')
    expect(restMethods()).toEqual(['GET'])
  })

  it('never posts twice when a create was saved but answered with an error', async () => {
    fake.postFailures = [{ status: 502, saved: true }]
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('created')
    expect(fake.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1)
    expect(restMethods()).toEqual(['GET', 'POST', 'GET'])
  })

  it('creates again after a failed create that was not saved', async () => {
    fake.postFailures = [
      { status: 503, saved: false },
      { status: 500, saved: false }
    ]
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('created')
    expect(fake.comments.map((c) => c.body)).toEqual([marked('v1')])
    expect(restMethods()).toEqual(['GET', 'POST', 'GET', 'POST', 'GET', 'POST'])
  })

  it('leaves the comment alone when only the link to the run changed', async () => {
    fake.add(`${marked('same')}\n\n<sub>[Full report](https://github.com/o/r/actions/runs/1)</sub>`)
    const rerun = `${marked('same')}\n\n<sub>[Full report](https://github.com/o/r/actions/runs/2)</sub>`
    expect(await upsertComment(octokit, target(rerun))).toBe('unchanged')
    expect(await upsertComment(octokit, target(`${marked('other')}\n\n<sub>x</sub>`))).toBe(
      'updated'
    )
  })

  it("never touches a person's comment carrying the marker, and creates its own", async () => {
    // A contributor posts the marker first, hoping the action edits their comment.
    const human = fake.add(marked('result: pass'), 'User')
    expect(await upsertComment(octokit, target(marked('v1')))).toBe('created')
    expect(fake.comments.find((c) => c.id === human.id)?.body).toBe(marked('result: pass'))
    expect(restMethods()).toEqual(['GET', 'POST'])
    // The rerun edits the action's comment, still never the person's: one comment of the action.
    expect(await upsertComment(octokit, target(marked('v2')))).toBe('updated')
    expect(fake.comments.find((c) => c.id === human.id)?.body).toBe(marked('result: pass'))
    const own = fake.comments.filter((c) => c.user.login === 'github-actions[bot]')
    expect(own.map((c) => c.body)).toEqual([marked('v2')])
  })

  it('edits its own comment, not the human one that pastes the marker before it', async () => {
    const human = fake.add(marked('fake'), 'User')
    const bot = fake.add(marked('old'))
    expect(await upsertComment(octokit, target(marked('new')))).toBe('updated')
    expect(fake.comments.find((c) => c.id === human.id)?.body).toBe(marked('fake'))
    expect(fake.comments.find((c) => c.id === bot.id)?.body).toBe(marked('new'))
  })

  it("with a GitHub App's token, edits only that App's bot comment, not another bot's", async () => {
    fake.viewer = 'acme-governance[bot]'
    const other = fake.add(marked('other bot'), 'Bot', 'github-actions[bot]')
    const mine = fake.add(marked('old'), 'Bot', 'acme-governance[bot]')
    expect(await upsertComment(octokit, target(marked('new')))).toBe('updated')
    expect(fake.comments.find((c) => c.id === other.id)?.body).toBe(marked('other bot'))
    expect(fake.comments.find((c) => c.id === mine.id)?.body).toBe(marked('new'))
  })

  it("with a personal token, the user's own marked comment is the action's", async () => {
    fake.viewer = 'dana'
    fake.add(marked('by someone else'), 'User', 'mallory')
    const mine = fake.add(marked('old'), 'User', 'dana')
    expect(await upsertComment(octokit, target(marked('new')))).toBe('updated')
    expect(fake.comments.find((c) => c.id === mine.id)?.body).toBe(marked('new'))
    expect(fake.comments.filter((c) => c.body === marked('new'))).toHaveLength(1)
  })

  it('matches a bot whose login GraphQL gives without the [bot] suffix', async () => {
    fake.viewer = 'github-actions'
    const bot = fake.add(marked('old'))
    fake.add(marked('fake'), 'User', 'github-actions-fan')
    expect(await upsertComment(octokit, target(marked('new')))).toBe('updated')
    expect(fake.comments.find((c) => c.id === bot.id)?.body).toBe(marked('new'))
  })

  it('creates a new comment, editing none, when the token cannot say who it is', async () => {
    fake.viewer = null
    const bot = fake.add(marked('old'))
    expect(await upsertComment(octokit, target(marked('new')))).toBe('created-unverified')
    expect(fake.comments.find((c) => c.id === bot.id)?.body).toBe(marked('old'))
    expect(restMethods()).toEqual(['GET', 'POST'])
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
