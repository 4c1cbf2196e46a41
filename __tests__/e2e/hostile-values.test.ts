import { describe, expect, it } from '@jest/globals'
import { OUTPUTS } from '../../src/inputs.js'
import type { Scenario } from '../../src/sandbox/scenario.js'
import { runCase, STACK_FRAME, withCanaryTokens, type CaseRun } from './harness.js'

/**
 * Values built to inject (issue 5): emails, usernames, app, repository and branch names that come
 * back from the APIs try to start workflow commands, break annotation properties, or put HTML,
 * links and table cells into the summary and the comment. Run through dist/index.js.
 */

const PAYLOADS = {
  command: 'x\n::error::pwned',
  encoded: '%0A::warning::pwned',
  crlf: 'y\r\n::set-output name=result::pass',
  html: '<img src=x onerror=alert(1)>',
  table: '| broken |',
  link: '[click](http://evil)',
  mention: ' cc @acme/everyone @root'
}

/** mid-failing, with hostile values wherever the APIs send text the reports show. */
function hostileScenario(): Scenario {
  const s = withCanaryTokens('mid-failing')
  const account = (id: string): Scenario['accounts'][number] => {
    const found = s.accounts.find((a) => a.id === id)
    if (found === undefined) throw new Error(`no account ${id}`)
    return found
  }
  account('paul').username = `paul${PAYLOADS.command}`
  account('paul').fullname = PAYLOADS.html
  account('sofia').email = `sofia${PAYLOADS.command}@fleet.example`
  account('tom').email = `${PAYLOADS.html}@fleet.example`
  account('tom').username = `tom${PAYLOADS.table}`
  account('vera').email = `${PAYLOADS.link}@fleet.example`
  account('vera').username = `vera${PAYLOADS.crlf}`
  account('yann').email = `${PAYLOADS.table}@fleet.example`
  account('ugo').email = `ugo${PAYLOADS.encoded}@fleet.example`

  const [production, staging, side] = s.apps
  if (!production || !staging || !side) throw new Error('mid-failing changed shape')
  for (const c of production.collaborators) {
    if (c.status === 'pending') c.email = `xena${PAYLOADS.encoded}${PAYLOADS.html}@fleet.example`
  }
  // App names are validated in inputs, so hostile ones can only come from the API.
  side.name = `side${PAYLOADS.command}${PAYLOADS.html}`
  // The deploying branch comes from the SCM link, so its name is API text too.
  const branch = `release/${PAYLOADS.html}${PAYLOADS.table}${PAYLOADS.link}${PAYLOADS.mention}`
  if (production.scmLink) production.scmLink.branch = branch
  s.repository.branches.push({ name: branch, protection: null })
  if (staging.scmLink) staging.scmLink.repo = `infra${PAYLOADS.command}${PAYLOADS.link}`
  return s
}

const KNOWN_PROPERTIES = new Set(['title', 'file', 'line', 'endLine', 'col', 'endColumn'])

/** Workflow command lines whose property list is not well formed. */
function brokenCommands(stdout: string): string[] {
  const broken: string[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::/.exec(line)
    if (!match) continue
    const properties = match[2]
    if (properties === undefined) continue
    for (const pair of properties.split(',')) {
      const key = pair.slice(0, Math.max(0, pair.indexOf('=')))
      if (!KNOWN_PROPERTIES.has(key)) broken.push(line)
    }
  }
  return broken
}

/** Markdown table rows whose count of unescaped `|` differs from their header's. */
function brokenRows(markdown: string): string[] {
  const cells = (line: string): number => (line.match(/(?<!\\)\|/g) ?? []).length
  const broken: string[] = []
  let header: number | null = null
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      header = null
      continue
    }
    header ??= cells(line)
    if (cells(line) !== header) broken.push(line)
  }
  return broken
}

/** Raw HTML or a live link built from hostile text. */
function injectedMarkup(raw: string): string[] {
  // Fenced code (the fixes' commands) is literal text in CommonMark: nothing in it renders,
  // links or mentions. The fence is longer than any backtick run inside (report/groups.ts).
  const markdown = raw.replace(/^(`{3,})sh\n[\s\S]*?\n\1$/gm, '')
  const found: string[] = []
  if (/<img|onerror=/i.test(markdown.replace(/onerror=alert\(1\)&gt;/g, ''))) found.push('html')
  if (/<(?!!--|\/?(?:sub|details|summary|br|b|code)\b)[a-z]/i.test(markdown)) found.push('tag')
  if (/(?<!\\)\[click(?:\\)?\]\(http:\/\/evil\)/.test(markdown)) found.push('link')
  if (/^::/m.test(markdown)) found.push('workflow command')
  // GitHub's mention rule: "@login" after a non-word character would notify someone.
  if (/(^|\W)@(acme|root)\b/.test(markdown)) found.push('mention')
  return found
}

function expectNoInjection(run: CaseRun): void {
  // No injected workflow command starts a line, and every command's properties parse.
  expect(run.stdout).not.toMatch(/^::[a-z-]+(?: [^:]*)?::pwned/m)
  expect(run.stdout).not.toMatch(/^::set-output/m)
  expect(brokenCommands(run.stdout)).toEqual([])
  for (const a of run.annotations) {
    if (a.title !== undefined) expect(a.title).not.toMatch(/[\r\n]/)
  }
  for (const text of [run.summary, ...run.comments.map((c) => c.body)]) {
    expect(injectedMarkup(text)).toEqual([])
    expect(brokenRows(text)).toEqual([])
  }
  // Outputs hold only the declared names (no output smuggled in through a value).
  for (const name of Object.keys(run.outputs)) expect(OUTPUTS).toContain(name)
  expect(() => JSON.parse(run.outputs.findings ?? '') as unknown).not.toThrow()
}

describe('hostile values from the APIs', () => {
  const scenario = hostileScenario()
  // One run per redact value, shared by the tests that read it.
  const runs = new Map<string, Promise<CaseRun>>()
  const runWith = (redact: string): Promise<CaseRun> => {
    let run = runs.get(redact)
    if (run === undefined) {
      run = runCase({ scenario, inputs: { redact } })
      runs.set(redact, run)
    }
    return run
  }

  it.each([
    ['redact false', 'false'],
    ['redact true', 'true']
  ])(
    'cannot inject commands, markup or table cells (%s)',
    async (_name, redact) => {
      const run = await runWith(redact)
      // The hostile values did reach the findings: the test is about real text.
      expect(run.code).toBe(1)
      const subjects = run.findings.map((f) => `${f.subject ?? ''} ${f.message}`).join('\n')
      if (redact === 'false') {
        expect(subjects).toContain(PAYLOADS.html)
        expect(subjects).toContain('::error::pwned')
        expect(subjects).toContain(PAYLOADS.link)
      }
      expect(run.comments.length).toBeGreaterThan(0)
      expect(run.annotations.length).toBeGreaterThan(10)
      expectNoInjection(run)
    },
    60_000
  )

  it('the table rows and annotation titles stay whole', async () => {
    const run = await runWith('false')
    const unprotected = run.annotations.filter((a) => a.title?.startsWith('branch-unprotected'))
    expect(unprotected.length).toBeGreaterThan(0)
    // The hostile branch is in the message, with its line breaks intact as data, not commands.
    expect(unprotected.map((a) => a.message).join('\n')).toContain(PAYLOADS.html)
    expect(run.summary).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(run.summary).toContain('\\| broken \\|')
    // The mention in the branch name reached the comment as text that notifies no one.
    expect(run.comments.map((c) => c.body).join('\n')).toContain('@\u200bacme/everyone')
  }, 60_000)
})

describe('hostile inputs through dist/index.js', () => {
  it.each([
    ['apps', 'x\n::error::pwned'],
    ['fail-on', '%0A::warning::pwned'],
    ['ignore', '!\r::error::pwned'],
    ['branch', 'a b\n::set-output name=result::pass'],
    ['request-timeout', '99999999999999999999']
  ])(
    'a bad %s stops before any request with one ::error:: line',
    async (input, value) => {
      const run = await runCase({
        scenario: withCanaryTokens('small-healthy'),
        inputs: { [input]: value }
      })
      expect(run.code).toBe(1)
      expect(run.requests).toEqual([])
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'))
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain(`Input "${input}"`)
      expect(run.stdout).not.toMatch(/^::[a-z-]+(?: [^:]*)?::pwned/m)
      expect(run.stdout).not.toMatch(/^::set-output/m)
      expect(`${run.stdout}\n${run.stderr}`).not.toMatch(STACK_FRAME)
      expect(run.stderr.trim()).toBe('')
    },
    60_000
  )
})
