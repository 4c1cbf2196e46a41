import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js'
import { call } from '../../__fixtures__/sandbox-client.js'

// The platform wins: the sandbox's environments routes are checked against GitHub's own OpenAPI
// description (@octokit/openapi, generated/api.github.com.json), response 200 of each path.
const require = createRequire(import.meta.url)
const spec = JSON.parse(
  readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')
) as {
  paths: Record<
    string,
    { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }
  >
  components: object
}
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

function validator(path: string): (data: unknown) => string[] {
  const schema = spec.paths[path]?.get.responses['200']?.content['application/json']?.schema
  if (schema === undefined) throw new Error(`no 200 response for ${path}`)
  // OpenAPI 3.0: `nullable` is Ajv's own keyword; `example` and friends are annotations.
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  const validate = ajv.compile({ ...schema, components: spec.components })
  return (data) => {
    validate(data)
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)
  }
}

describe('sandbox environments routes against the OpenAPI description', () => {
  let sandbox: Sandbox
  const auth = 'token ghs_sandbox_github_deploys_admin'
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'github-deploys' })
  })
  afterAll(async () => {
    await sandbox.close()
  })

  test('GET /repos/{owner}/{repo}/environments', async () => {
    const answer = await call(`${sandbox.githubApiUrl}/repos/demo/app/environments`, { auth })
    expect(answer.status).toBe(200)
    expect(validator('/repos/{owner}/{repo}/environments')(answer.json)).toEqual([])
    // The three kinds of rule the description lists, each present somewhere.
    expect(answer.text).toContain('"required_reviewers"')
    expect(answer.text).toContain('"wait_timer"')
    expect(answer.text).toContain('"branch_policy"')
  })

  test('GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies', async () => {
    const answer = await call(
      `${sandbox.githubApiUrl}/repos/demo/app/environments/qa/deployment-branch-policies`,
      { auth }
    )
    expect(answer.status).toBe(200)
    const validate = validator(
      '/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies'
    )
    expect(validate(answer.json)).toEqual([])
    expect(answer.json).toMatchObject({
      total_count: 1,
      branch_policies: [{ name: 'release/*', type: 'branch' }]
    })
    // A body missing what the description requires is caught: the check can fail.
    expect(validate({ total_count: 1 })).not.toEqual([])
  })

  test('an unknown environment is a 404', async () => {
    const answer = await call(
      `${sandbox.githubApiUrl}/repos/demo/app/environments/nope/deployment-branch-policies`,
      { auth }
    )
    expect(answer.status).toBe(404)
  })
})
