import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitHubError } from '../../src/github/errors.js'
import { readWorkflows } from '../../src/github/workflows.js'
import { NO_ADMIN, useFakeGitHub, type Reply } from './fake-github.js'

const R = '/repos/acme/shop'

const github = useFakeGitHub()
const client = github.client

describe('readWorkflows', () => {
  const b64 = (text: string): string => Buffer.from(text).toString('base64')
  const file = (text: string): Reply => ({
    body: { type: 'file', encoding: 'base64', content: b64(text) }
  })
  const workflow = (name: string, path: string, state = 'active') => ({
    id: name.length,
    name,
    path,
    state
  })
  let workspace: string | null = null
  afterEach(async () => {
    if (workspace !== null) await rm(workspace, { recursive: true, force: true })
    workspace = null
  })

  it('reads triggers from the checkout first, else from the contents API', async () => {
    workspace = await mkdtemp(join(tmpdir(), 'gh-reader-'))
    await mkdir(join(workspace, '.github', 'workflows'), { recursive: true })
    await writeFile(
      join(workspace, '.github/workflows/ci.yml'),
      'on: [push, pull_request]\njobs: {}\n'
    )
    const octokit = await client({
      [`GET ${R}/actions/workflows`]: {
        body: {
          total_count: 6,
          workflows: [
            workflow('CI', '.github/workflows/ci.yml'),
            workflow('Deploy', '.github/workflows/deploy.yml'),
            workflow('PR target', '.github/workflows/pr.yml'),
            workflow('Old', '.github/workflows/old.yml', 'disabled_manually'),
            workflow('pages-build-deployment', 'dynamic/pages/pages-build-deployment'),
            workflow('Gone', '.github/workflows/gone.yml')
          ]
        }
      },
      // The checkout's copy wins: this one must not be read.
      [`GET ${R}/contents/.github/workflows/ci.yml`]: file('on: push\n'),
      [`GET ${R}/contents/.github/workflows/deploy.yml`]: file(
        'on:\n  push:\n    branches: [main]\n'
      ),
      [`GET ${R}/contents/.github/workflows/pr.yml`]: file('"on":\n  pull_request_target:\n')
    })
    const workflows = await readWorkflows(octokit, 'acme', 'shop', workspace)

    expect(workflows).toEqual([
      { name: 'CI', path: '.github/workflows/ci.yml', state: 'active', onPullRequest: true },
      {
        name: 'Deploy',
        path: '.github/workflows/deploy.yml',
        state: 'active',
        onPullRequest: false
      },
      // pull_request_target runs the base branch's workflow and commit: it tests no change.
      {
        name: 'PR target',
        path: '.github/workflows/pr.yml',
        state: 'active',
        onPullRequest: false
      },
      {
        name: 'Old',
        path: '.github/workflows/old.yml',
        state: 'disabled_manually',
        onPullRequest: null
      },
      {
        name: 'pages-build-deployment',
        path: 'dynamic/pages/pages-build-deployment',
        state: 'active',
        onPullRequest: false
      },
      { name: 'Gone', path: '.github/workflows/gone.yml', state: 'active', onPullRequest: null }
    ])
    expect(github.server.hitsOn(`GET ${R}/contents/.github/workflows/ci.yml`)).toBe(0)
    expect(github.server.hitsOn(`GET ${R}/contents/.github/workflows/old.yml`)).toBe(0)
  })

  it('never reads a file outside the checkout', async () => {
    workspace = await mkdtemp(join(tmpdir(), 'gh-reader-'))
    const octokit = await client({
      [`GET ${R}/actions/workflows`]: {
        body: { total_count: 1, workflows: [workflow('Evil', '../../etc/passwd')] }
      }
    })
    const [fact] = await readWorkflows(octokit, 'acme', 'shop', workspace)
    expect(fact?.onPullRequest).toBeNull()
  })

  it('fetches a workflow file over 1 MB raw (contents API: encoding "none", empty content)', async () => {
    const big = `on: [pull_request]\njobs:\n  a:\n    runs-on: x\n    steps: []\n# ${'x'.repeat(64)}\n`
    const octokit = await client({
      [`GET ${R}/actions/workflows`]: {
        body: { total_count: 1, workflows: [workflow('Big', '.github/workflows/big.yml')] }
      },
      [`GET ${R}/contents/.github/workflows/big.yml`]: (hit) =>
        hit.accept === 'application/vnd.github.raw+json'
          ? { body: big, headers: { 'content-type': 'text/plain; charset=utf-8' } }
          : { body: { type: 'file', encoding: 'none', content: '', size: 1_200_000 } }
    })
    const [fact] = await readWorkflows(octokit, 'acme', 'shop', null)
    expect(fact?.onPullRequest).toBe(true)
    expect(github.server.hitsOn(`GET ${R}/contents/.github/workflows/big.yml`)).toBe(2)
  })

  it('fails when the list cannot be read, naming Actions: read', async () => {
    const octokit = await client({ [`GET ${R}/actions/workflows`]: NO_ADMIN })
    const error = (await readWorkflows(octokit, 'acme', 'shop', null).catch(
      (e: unknown) => e
    )) as GitHubError
    expect(error).toBeInstanceOf(GitHubError)
    expect(error.hint).toBe('give the token Actions: read')
  })
})
