import { describe, expect, it } from '@jest/globals'
import {
  calledWorkflowPaths,
  readDeployJobs,
  readTriggers,
  secretMatcher,
  secretReads,
  type WorkflowSource
} from '../../src/github/deploy-jobs.js'
import type { DeployReadOptions } from '../../src/github/deploy-jobs.js'
import { makeDeployJob } from '../../__fixtures__/facts.js'

// Workflow syntax as GitHub documents it ("Workflow syntax for GitHub Actions": on, jobs.<id>.uses,
// jobs.<id>.secrets, jobs.<id>.environment; "Events that trigger workflows" for the push filters).

const OPTIONS: DeployReadOptions = { secretPatterns: ['*SCALINGO*'], auditJob: null }
const file = (path: string, source: string): WorkflowSource => ({
  path: `.github/workflows/${path}`,
  source
})
const read = (files: WorkflowSource[], options: Partial<DeployReadOptions> = {}) =>
  readDeployJobs(files, { ...OPTIONS, ...options })

const DEPLOY_STEP = `
    runs-on: ubuntu-latest
    steps:
      - run: scalingo --app shop deploy
        env:
          SCALINGO_API_TOKEN: \${{ secrets.SCALINGO_API_TOKEN }}`

describe('readTriggers', () => {
  const all = { branches: { kind: 'all' }, tags: { kind: 'all' } }
  it('reads a string, a list and a map', () => {
    expect(readTriggers('push')).toEqual([{ event: 'push', push: all, via: null }])
    expect(readTriggers(['push', 'workflow_dispatch'])?.map((t) => t.event)).toEqual([
      'push',
      'workflow_dispatch'
    ])
    expect(readTriggers({ push: null, schedule: [{ cron: '0 0 * * *' }] })).toEqual([
      { event: 'push', push: all, via: null },
      { event: 'schedule', push: null, via: null }
    ])
    expect(readTriggers(42)).toBeNull()
    expect(readTriggers([{ push: null }])).toBeNull()
  })

  it('follows GitHub: branch filters alone run no tag, tag filters alone run no branch', () => {
    expect(readTriggers({ push: { branches: ['main'] } })?.[0]?.push).toEqual({
      branches: { kind: 'only', patterns: ['main'] },
      tags: { kind: 'none' }
    })
    expect(readTriggers({ push: { tags: 'v*' } })?.[0]?.push).toEqual({
      branches: { kind: 'none' },
      tags: { kind: 'only', patterns: ['v*'] }
    })
    expect(readTriggers({ push: { 'branches-ignore': ['dev'] } })?.[0]?.push).toEqual({
      branches: { kind: 'except', patterns: ['dev'] },
      tags: { kind: 'none' }
    })
    expect(readTriggers({ push: { 'tags-ignore': ['x'], branches: 'main' } })?.[0]?.push).toEqual({
      branches: { kind: 'only', patterns: ['main'] },
      tags: { kind: 'except', patterns: ['x'] }
    })
    // `paths` alone filters nothing by ref.
    expect(readTriggers({ push: { paths: ['src/**'] } })?.[0]?.push).toEqual(all)
  })
})

describe('secretReads', () => {
  it('reads the three property forms, case-insensitively, inside expressions only', () => {
    expect(
      secretReads(
        '${{ secrets.A }} ${{ Secrets[\'B\'] }} ${{ secrets["C"] }} secrets.NOT_IN_EXPRESSION'
      )
    ).toEqual({ names: ['A', 'B', 'C'], all: false })
  })

  it('counts any other use of the context as reading every secret', () => {
    expect(secretReads('${{ toJSON(secrets) }}').all).toBe(true)
    expect(secretReads("${{ secrets[format('{0}_TOKEN', inputs.app)] }}").all).toBe(true)
  })

  it('ignores secrets inside string literals and properties of other contexts', () => {
    expect(secretReads("${{ 'secrets.X' }} ${{ inputs.secrets }} ${{ github.secrets }}")).toEqual({
      names: [],
      all: false
    })
  })
})

describe('secretMatcher', () => {
  it('matches case-insensitive globs', () => {
    const matches = secretMatcher(['*SCALINGO*', 'DEPLOY_?'])
    expect(matches('scalingo_api_token')).toBe(true)
    expect(matches('MY_SCALINGO')).toBe(true)
    expect(matches('DEPLOY_1')).toBe(true)
    expect(matches('DEPLOY_12')).toBe(false)
    expect(matches('GITHUB_TOKEN')).toBe(false)
  })
})

describe('readDeployJobs', () => {
  it('finds a job reading a matching secret in step env, with method and app', () => {
    const facts = read([
      file('deploy.yml', `name: Deploy\non: push\njobs:\n  deploy:${DEPLOY_STEP}\n`)
    ])
    // makeDeployJob's defaults are this job: deploy.yml's job deploy, on every push, outside any
    // environment, reading SCALINGO_API_TOKEN for the Scalingo CLI.
    expect(facts.jobs).toEqual([makeDeployJob({ apps: ['shop'] })])
  })

  it('counts workflow-level env, with, run and toJSON(secrets); not other secrets', () => {
    const facts = read([
      file(
        'all.yml',
        `on: workflow_dispatch
env:
  TOKEN: \${{ secrets.SCALINGO_TOKEN }}
jobs:
  from-workflow-env:
    runs-on: ubuntu-latest
    steps: [{ run: make }]
  with:
    runs-on: ubuntu-latest
    steps:
      - uses: kolok/deploy-to-scalingo@v1
        with: { ssh-private-key: "\${{ secrets.SCALINGO_SSH_KEY }}", app-name: shop-staging }
  run:
    runs-on: ubuntu-latest
    steps:
      - run: git push "https://:\${{ secrets.SCALINGO_API_TOKEN }}@ssh.osc-fr1.scalingo.com/shop.git" HEAD:main
  everything:
    runs-on: ubuntu-latest
    steps:
      - run: echo '\${{ toJSON(secrets) }}' > all.json
`
      ),
      file(
        'other.yml',
        `on: push\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }\n`
      )
    ])
    const byJob = Object.fromEntries(facts.jobs.map((j) => [j.job, j]))
    // The workflow env reaches every job of the file.
    expect(Object.keys(byJob).sort()).toEqual(['everything', 'from-workflow-env', 'run', 'with'])
    expect(byJob.with?.method).toBe('kolok/deploy-to-scalingo (git push)')
    expect(byJob.with?.apps).toEqual(['shop-staging'])
    expect(byJob.with?.secrets).toEqual(['SCALINGO_TOKEN', 'SCALINGO_SSH_KEY'])
    expect(byJob.run?.method).toBe('git push to a Scalingo remote')
    expect(byJob.run?.apps).toEqual(['shop'])
    expect(byJob.everything?.readsAll).toBe(true)
  })

  it('reads environment as a name, a mapping, or an unresolved expression', () => {
    const facts = read([
      file(
        'envs.yml',
        `on: push
jobs:
  named:
    environment: production${DEPLOY_STEP}
  mapping:
    environment: { name: staging, url: "https://example.com" }${DEPLOY_STEP}
  expression:
    environment: \${{ inputs.target }}${DEPLOY_STEP}
`
      )
    ])
    expect(facts.jobs.map((j) => j.environment)).toEqual([
      { name: 'production', raw: 'production' },
      { name: 'staging', raw: 'staging' },
      { name: null, raw: '${{ inputs.target }}' }
    ])
  })

  it("leaves out the audit's own job and jobs whose secret only reaches this action", () => {
    const source = `on: pull_request
jobs:
  audit:
    runs-on: ubuntu-latest
    steps:
      - uses: scalingo-access-governance/action@v1
        with: { scalingo-api-token: "\${{ secrets.SCALINGO_API_TOKEN }}", apps: shop }
  local:
    runs-on: ubuntu-latest
    steps:
      - uses: ./
        with: { scalingo-api-token: "\${{ secrets.SCALINGO_API_TOKEN }}", apps: shop }
  leaks:
    runs-on: ubuntu-latest
    steps:
      - uses: ./
        with: { scalingo-api-token: "\${{ secrets.SCALINGO_API_TOKEN }}", apps: shop }
      - run: echo "\${{ secrets.SCALINGO_API_TOKEN }}" | base64
  self:${DEPLOY_STEP}
`
    const facts = read([file('audit.yml', source)], {
      auditJob: { path: '.github/workflows/audit.yml', job: 'self' }
    })
    expect(facts.jobs.map((j) => j.job)).toEqual(['leaks'])
  })

  it('follows a local reusable workflow one level, with the caller triggers', () => {
    const caller = file(
      'deploy.yml',
      `on:
  push:
    branches: [main]
jobs:
  call:
    uses: ./.github/workflows/reusable.yml
    secrets:
      token: \${{ secrets.SCALINGO_API_TOKEN }}
  inherit:
    uses: ./.github/workflows/reusable.yml
    secrets: inherit
  remote:
    uses: acme/pipelines/.github/workflows/scalingo.yml@v2
    secrets: inherit
`
    )
    const called = file(
      'reusable.yml',
      `on:
  workflow_call:
    secrets:
      token: { required: false }
jobs:
  ship:
    environment: production
    runs-on: ubuntu-latest
    steps:
      - run: scalingo --app shop deploy
        env: { SCALINGO_API_TOKEN: "\${{ secrets.token }}" }
  inherited:
    runs-on: ubuntu-latest
    steps:
      - run: scalingo -a shop restart
        env: { SCALINGO_API_TOKEN: "\${{ secrets.SCALINGO_API_TOKEN }}" }
`
    )
    expect(calledWorkflowPaths([caller])).toEqual(['.github/workflows/reusable.yml'])
    // The called file is read as a `called` source (not listed): it starts nothing by itself.
    const facts = readDeployJobs([caller], OPTIONS, [called])
    const byKey = Object.fromEntries(facts.jobs.map((j) => [`${j.path}#${j.job}`, j]))
    const ship = byKey['.github/workflows/reusable.yml#ship']
    expect(ship?.environment).toEqual({ name: 'production', raw: 'production' })
    expect(ship?.secrets).toEqual(['SCALINGO_API_TOKEN'])
    // With `secrets: inherit`, `secrets.token` is a secret named TOKEN, which is not a deploy secret.
    expect(ship?.triggers.map((t) => t.via)).toEqual(['.github/workflows/deploy.yml#call'])
    // `inherited` reads SCALINGO_API_TOKEN: passed by `secrets: inherit`, not by the mapping.
    expect(byKey['.github/workflows/reusable.yml#inherited']?.triggers.map((t) => t.via)).toEqual([
      '.github/workflows/deploy.yml#inherit'
    ])
    const remote = byKey['.github/workflows/deploy.yml#remote']
    expect(remote?.unfollowed).toBe('acme/pipelines/.github/workflows/scalingo.yml@v2')
    expect(remote?.environment).toBeNull()
    expect(remote?.readsAll).toBe(true)
  })

  it('keeps a workflow_call trigger only when no caller in the repository is known', () => {
    const facts = read([file('shared.yml', `on: workflow_call\njobs:\n  deploy:${DEPLOY_STEP}\n`)])
    expect(facts.jobs[0]?.triggers.map((t) => t.event)).toEqual(['workflow_call'])
  })

  it('lists files it could not read or parse, and reads the others', () => {
    const facts = read([
      { path: '.github/workflows/gone.yml', source: null, reason: 'listed but not found (404)' },
      file('broken.yml', 'on: [push\njobs: {'),
      file('deploy.yml', `on: push\njobs:\n  deploy:${DEPLOY_STEP}\n`)
    ])
    expect(facts.unread).toEqual([
      { path: '.github/workflows/gone.yml', reason: 'listed but not found (404)' },
      { path: '.github/workflows/broken.yml', reason: 'not a workflow GitHub can run (YAML)' }
    ])
    expect(facts.jobs).toHaveLength(1)
  })

  it('uses the deploy-secrets globs', () => {
    const source = `on: push\njobs:\n  deploy:${DEPLOY_STEP}\n`
    expect(read([file('d.yml', source)], { secretPatterns: ['PROD_*'] }).jobs).toEqual([])
    expect(read([file('d.yml', source)], { secretPatterns: ['*api_token'] }).jobs).toHaveLength(1)
  })
})
