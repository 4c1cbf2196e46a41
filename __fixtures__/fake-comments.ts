import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: 'Bot' | 'User' }
}

export interface Request {
  readonly method: string
  readonly path: string
  readonly authorization: string | undefined
}

/**
 * A loopback stand-in for GitHub's issue comment endpoints: list (paginated with a Link
 * header), create, update. `fail` makes every request of one method answer that status.
 */
export class FakeComments {
  comments: FakeComment[] = []
  requests: Request[] = []
  fail: { method: string; status: number; message?: string } | null = null
  /** Answers to the next creates, in order: a status, after saving the comment or not. */
  postFailures: { status: number; saved: boolean }[] = []
  /** GraphQL `viewer.login` of the token; null: the GraphQL call fails. */
  viewer: string | null = 'github-actions[bot]'
  private nextId = 1000
  private server: Server | null = null
  baseUrl = ''

  /** A comment by the workflow token's bot, a person (mallory), or any login given. */
  add(body: string, type: 'Bot' | 'User' = 'Bot', login?: string): FakeComment {
    const comment = {
      id: this.nextId++,
      body,
      user: { login: login ?? (type === 'Bot' ? 'github-actions[bot]' : 'mallory'), type }
    }
    this.comments.push(comment)
    return comment
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    this.baseUrl = `http://127.0.0.1:${port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl)
    const method = req.method ?? 'GET'
    this.requests.push({ method, path: url.pathname, authorization: req.headers.authorization })
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    if (this.fail && this.fail.method === method) {
      send(this.fail.status, {
        message: this.fail.message ?? 'Resource not accessible by integration'
      })
      return
    }

    if (url.pathname === '/graphql' && method === 'POST') {
      if (this.viewer === null) return send(502, { message: 'Bad Gateway' })
      return send(200, { data: { viewer: { login: this.viewer } } })
    }
    const list = /^\/repos\/acme\/shop\/issues\/7\/comments$/.exec(url.pathname)
    const one = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (list && method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? '30')
      const page = Number(url.searchParams.get('page') ?? '1')
      const slice = this.comments.slice((page - 1) * perPage, page * perPage)
      const last = Math.max(1, Math.ceil(this.comments.length / perPage))
      const headers: Record<string, string> =
        page < last
          ? {
              link: `<${this.baseUrl}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`
            }
          : {}
      send(200, slice, headers)
    } else if (list && method === 'POST') {
      const { body } = JSON.parse(raw) as { body: string }
      const failure = this.postFailures.shift()
      // The comment is written by whoever the token is.
      const author = this.viewer ?? 'github-actions[bot]'
      const type = author.endsWith('[bot]') ? 'Bot' : 'User'
      if (failure === undefined) return send(201, this.add(body, type, author))
      if (failure.saved) this.add(body, type, author)
      send(failure.status, { message: 'Server Error' })
    } else if (one && method === 'PATCH') {
      const comment = this.comments.find((c) => c.id === Number(one[1]))
      if (!comment) return send(404, { message: 'Not Found' })
      comment.body = (JSON.parse(raw) as { body: string }).body
      send(200, comment)
    } else {
      send(404, { message: 'Not Found' })
    }
  }
}
