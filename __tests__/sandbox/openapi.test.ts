import { describe, expect, it } from '@jest/globals'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { GitHubApi } from '../../src/sandbox/github-api.js'
import type { RouteRequest } from '../../src/sandbox/http-util.js'
import { SCENARIO_NAMES, loadScenario, type Scenario } from '../../src/sandbox/scenario.js'

/**
 * The sandbox must answer as GitHub does: every answer it serves on the routes the action calls
 * validates against the response schema of that operation in GitHub's own OpenAPI description
 * (@octokit/openapi, generated/api.github.com.json). OpenAPI 3.0's `nullable` is turned into
 * JSON Schema's `anyOf [..., null]` for ajv; `example`s are dropped.
 *
 * Where the description lists no response for a status GitHub does send, the body is checked
 * against the description's `basic-error` schema, and the public source that shows GitHub
 * answering so is named in SILENT below.
 */

const require = createRequire(import.meta.url)
const SPEC_PATH = require.resolve('@octokit/openapi/generated/api.github.com.json')
interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>
}
interface Spec {
  paths: Record<string, Record<string, Operation>>
  components: {
    schemas: Record<string, unknown>
    responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
  }
}
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec
const BASE = 'https://api.github.com/openapi'

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert)
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/'))
      out[key] = BASE + value
    else if (key === 'nullable' || key === 'example' || key === 'examples') continue
    else out[key] = convert(value)
  }
  return (node as { nullable?: unknown }).nullable === true
    ? { anyOf: [out, { type: 'null' }] }
    : out
}

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false })
addFormats(ajv)
ajv.addSchema({ $id: BASE, components: convert({ schemas: spec.components.schemas }) })

/** The operations the action calls (CONTRIBUTING's API path table), with their path patterns. */
const ROUTES: readonly { method: string; template: string; pattern: RegExp }[] = [
  ['GET', '/repos/{owner}/{repo}', /^$/],
  ['GET', '/repos/{owner}/{repo}/branches/{branch}', /^\/branches\/(?!.*\/protection$).+$/],
  ['GET', '/repos/{owner}/{repo}/branches/{branch}/protection', /^\/branches\/.+\/protection$/],
  ['GET', '/repos/{owner}/{repo}/rules/branches/{branch}', /^\/rules\/branches\/.+$/],
  ['GET', '/repos/{owner}/{repo}/rulesets', /^\/rulesets$/],
  ['GET', '/repos/{owner}/{repo}/rulesets/{ruleset_id}', /^\/rulesets\/\d+$/],
  ['GET', '/repos/{owner}/{repo}/actions/workflows', /^\/actions\/workflows$/],
  [
    'GET',
    '/repos/{owner}/{repo}/actions/permissions/workflow',
    /^\/actions\/permissions\/workflow$/
  ],
  ['GET', '/repos/{owner}/{repo}/contents/{path}', /^\/contents\/.+$/],
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', /^\/issues\/\d+\/comments$/],
  ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', /^\/issues\/\d+\/comments$/],
  ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', /^\/issues\/comments\/\d+$/]
].map(([method, template, pattern]) => ({
  method: method as string,
  template: template as string,
  pattern: pattern as RegExp
}))

/**
 * Statuses GitHub sends that the description does not list for the operation, and the public
 * source the sandbox's body follows. The bodies are GitHub's `basic-error` shape.
 */
const SILENT: Readonly<Record<string, string>> = {
  'GET /repos/{owner}/{repo}/rules/branches/{branch} 403':
    'GitHub Free, private repository: "Upgrade to GitHub Pro or make this repository public to enable this feature." (desktop/desktop#17764, #17781, #18420, #19768: fetchRepoRulesForBranch)',
  'GET /repos/{owner}/{repo}/rulesets 403':
    'GitHub Free, private repository, same message (desktop/desktop#17764: fetchAllRepoRulesets)',
  'GET /repos/{owner}/{repo}/rulesets/{ruleset_id} 403':
    'GitHub Free, private repository, same message as the list (desktop/desktop#17764)',
  'GET /repos/{owner}/{repo}/branches/{branch}/protection 403':
    'without Administration: read, "Resource not accessible by integration" (GitHub docs, "Troubleshooting the REST API"; actions/create-github-app-token#258); on GitHub Free for a private repository, "Upgrade to GitHub Pro or make this repository public" (the cli/cli and desktop/desktop threads above)',
  'GET /repos/{owner}/{repo}/actions/permissions/workflow 403':
    'without Administration: read, "Resource not accessible by integration" (GitHub docs: the endpoint needs the Administration repository permission)',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 403':
    'a read-only token (fork pull request), "Resource not accessible by integration" (GitHub docs, "Automatic token authentication")',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} 403':
    'a read-only token, "Resource not accessible by integration" (same source)'
}

const validators = new Map<string, ValidateFunction>()
function validatorFor(key: string, schema: unknown): ValidateFunction {
  let v = validators.get(key)
  if (v === undefined) {
    v = ajv.compile(convert(schema) as object)
    validators.set(key, v)
  }
  return v
}

/** The schema of an operation's answer at this status, or basic-error with its SILENT source. */
function schemaOf(
  method: string,
  template: string,
  status: number
): { key: string; schema: unknown } {
  const op = spec.paths[template]?.[method.toLowerCase()]
  if (op === undefined) throw new Error(`no ${method} ${template} in the description`)
  const response = op.responses[String(status)]
  const resolved =
    response?.$ref === undefined
      ? response
      : spec.components.responses[response.$ref.split('/').pop() ?? '']
  const content = resolved?.content?.['application/json']?.schema
  if (content !== undefined) return { key: `${method} ${template} ${status}`, schema: content }
  const silent = SILENT[`${method} ${template} ${status}`]
  if (silent === undefined) {
    throw new Error(
      `${method} ${template} answered ${status}, which neither the description nor SILENT covers`
    )
  }
  return { key: 'basic-error', schema: { $ref: '#/components/schemas/basic-error' } }
}

interface Served {
  readonly label: string
  readonly method: string
  readonly template: string
  readonly status: number
  readonly json: unknown
}

/** Every request the action makes for this scenario, and a few beyond, served by the sandbox. */
function serve(scenario: Scenario): Served[] {
  const api = new GitHubApi(scenario)
  const repo = scenario.repository
  const prefix = `/repos/${repo.owner}/${repo.name}`
  const out: Served[] = []
  const ask = (
    token: string,
    method: string,
    rest: string,
    query = '',
    body = '',
    accept = 'application/vnd.github+json'
  ): void => {
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(rest))
    if (route === undefined) throw new Error(`no route for ${method} ${rest}`)
    const req: RouteRequest = {
      method,
      path: `${prefix}${rest}`,
      query: new URLSearchParams(query),
      headers: { authorization: `token ${token}`, accept },
      body,
      base: 'http://127.0.0.1:1/github/api/v3'
    }
    const r = api.handle(req)
    // A raw media type is not JSON: its text is the file.
    if (r.json === undefined) return
    out.push({
      label: `${scenario.name} ${method} ${rest}${query ? `?${query}` : ''}`,
      method,
      template: route.template,
      status: r.status,
      json: r.json
    })
  }
  for (const token of Object.keys(scenario.tokens.github)) {
    ask(token, 'GET', '')
    ask(token, 'GET', '/rulesets', 'includes_parents=true&targets=branch&per_page=100')
    for (const r of repo.rulesets) ask(token, 'GET', `/rulesets/${r.id}`, 'includes_parents=true')
    ask(token, 'GET', '/actions/workflows', 'per_page=100')
    ask(token, 'GET', '/actions/permissions/workflow')
    for (const b of [...repo.branches.map((x) => x.name), 'no-such-branch']) {
      const name = encodeURIComponent(b)
      ask(token, 'GET', `/branches/${name}`)
      ask(token, 'GET', `/branches/${name}/protection`)
      ask(token, 'GET', `/rules/branches/${name}`, 'per_page=100')
    }
    for (const path of [
      ...repo.workflows.map((w) => w.path),
      '.github/CODEOWNERS',
      'CODEOWNERS',
      'docs/CODEOWNERS',
      '.github'
    ]) {
      ask(token, 'GET', `/contents/${path}`, `ref=${encodeURIComponent(repo.defaultBranch)}`)
    }
    const n = repo.pullRequest
    ask(token, 'GET', `/issues/${n}/comments`, 'per_page=100')
    ask(token, 'POST', `/issues/${n}/comments`, '', JSON.stringify({ body: 'x' }))
    for (const c of api.listComments()) {
      ask(token, 'PATCH', `/issues/comments/${c.id}`, '', JSON.stringify({ body: 'y' }))
    }
  }
  return out
}

describe('the sandbox against GitHub’s OpenAPI description', () => {
  const scenarios = SCENARIO_NAMES.map((name) => loadScenario(name))

  it.each(SCENARIO_NAMES)('%s: every answer validates against its operation’s schema', (name) => {
    const scenario = scenarios.find((s) => s.name === name)
    if (scenario === undefined) throw new Error(name)
    const problems: string[] = []
    for (const served of serve(scenario)) {
      const { key, schema } = schemaOf(served.method, served.template, served.status)
      const validate = validatorFor(key, schema)
      if (!validate(served.json)) {
        const first = validate.errors
          ?.slice(0, 3)
          .map((e) => `${e.instancePath} ${e.message ?? ''}`)
        problems.push(`${served.label} → ${served.status}: ${first?.join('; ') ?? ''}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('serves the Free-plan 403 on the protection, rules and rulesets of a private repository', () => {
    const scenario = loadScenario('github-free-private')
    const answers = serve(scenario).filter((s) => s.status === 403)
    const templates = new Set(answers.map((a) => a.template))
    expect([...templates].sort()).toEqual(
      [
        '/repos/{owner}/{repo}/actions/permissions/workflow',
        '/repos/{owner}/{repo}/branches/{branch}/protection',
        '/repos/{owner}/{repo}/rules/branches/{branch}',
        '/repos/{owner}/{repo}/rulesets',
        '/repos/{owner}/{repo}/rulesets/{ruleset_id}'
      ].sort()
    )
    const rules = answers.find((a) => a.template.startsWith('/repos/{owner}/{repo}/rules/'))
    expect(rules?.json).toEqual({
      message: 'Upgrade to GitHub Team or make this repository public to enable this feature.',
      documentation_url: 'https://docs.github.com/rest/repos/rules#get-rules-for-a-branch',
      status: '403'
    })
  })

  it('would catch a drift: a rule with an unknown source type fails the rules schema', () => {
    const { key, schema } = schemaOf('GET', '/repos/{owner}/{repo}/rules/branches/{branch}', 200)
    const validate = validatorFor(key, schema)
    expect(validate([{ type: 'deletion', ruleset_source_type: 'Repository', ruleset_id: 1 }])).toBe(
      true
    )
    expect(validate([{ type: 'deletion', ruleset_source_type: 'Galaxy', ruleset_id: 1 }])).toBe(
      false
    )
    expect(validate([{ ruleset_id: 1 }])).toBe(false)
  })
})
