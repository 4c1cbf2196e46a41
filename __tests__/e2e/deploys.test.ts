import { describe, expect, it } from '@jest/globals'
import { loadScenario, type Scenario } from '../../src/sandbox/scenario.js'
import { expectedFindings } from './expected.js'
import { runCase } from './harness.js'
import { lines } from './run-scenario.js'

/**
 * Deploys from workflows (issue 15), on dist/index.js against the github-deploys scenario: one
 * workflow per way of deploying, the repository's environments, and the audit's own workflow
 * (audit.yml, job audit: GITHUB_WORKFLOW_REF and GITHUB_JOB as the runner sets them).
 */

const DEPLOY_RULES = /^(?:\S+) deploy-/

const deployLines = (findings: Parameters<typeof lines>[0]): string[] =>
  lines(findings).filter((line) => DEPLOY_RULES.test(line))

/** github-deploys with its workflows replaced by these (path → content). */
function withWorkflows(workflows: Record<string, string>): Scenario {
  const s = loadScenario('github-deploys')
  s.repository.workflows = Object.entries(workflows).map(([path, content], i) => ({
    id: 9000 + i,
    name: path,
    path,
    state: 'active' as const,
    content
  }))
  return s
}

const ON_EVERY_PUSH = `name: Deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: scalingo --app demo-app deploy-archive build.tar.gz
        env:
          SCALINGO_API_TOKEN: \${{ secrets.SCALINGO_API_TOKEN }}
`
const CI =
  'on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{ run: make test }]\n'

describe('deploys from workflows, end to end', () => {
  it('reports the unguarded deploys of the scenario, and nothing for the guarded ones', async () => {
    const run = await runCase({ scenario: 'github-deploys' })
    expect(lines(run.findings)).toEqual(expectedFindings('github-deploys'))
    expect(run.code).toBe(1)
    const byKey = new Map(run.findings.map((f) => [`${f.rule} ${f.subject ?? ''}`, f]))
    const push = byKey.get(
      'deploy-secret-outside-environment .github/workflows/deploy-push.yml#deploy'
    )
    expect(push?.fix).toContain('add "environment: production" under "jobs.deploy:"')
    expect(push?.fix).toContain('gh secret set SCALINGO_API_TOKEN --env production')
    const manual = byKey.get('deploy-trigger-unguarded .github/workflows/deploy-manual.yml#deploy')
    expect(manual?.message).toContain('workflow_dispatch: anyone with write access')
    const ship = byKey.get('deploy-trigger-unguarded .github/workflows/scalingo-deploy.yml#ship')
    expect(ship?.message).toContain('(through .github/workflows/release.yml#deploy)')

    // The audit's own workflow reads the secret in its job env and is never reported.
    expect(JSON.stringify(run.findings)).not.toContain('audit.yml')
    const deploys = run.summary.slice(
      run.summary.indexOf('### Deploys from workflows'),
      run.summary.indexOf('### Findings')
    )
    expect(deploys).toContain('| Workflow | Job | Triggers | Environment | Protection |')
    expect(deploys).toContain(
      '| .github/workflows/deploy-reviewed.yml | deploy | push (main) | production | ✅ required reviewers: leads, ana |'
    )
    expect(deploys).toContain('| staging | ✅ protected branches only |')
    expect(deploys).toContain('kolok/deploy-to-scalingo (git push)')
    expect(deploys).not.toContain('audit.yml')
  })

  it('reports both findings for a repository secret read on every push, none behind a protected environment', async () => {
    const open = await runCase({
      scenario: withWorkflows({
        '.github/workflows/deploy.yml': ON_EVERY_PUSH,
        '.github/workflows/ci.yml': CI
      })
    })
    expect(deployLines(open.findings)).toEqual([
      'error deploy-secret-outside-environment @demo-app :.github/workflows/deploy.yml#deploy',
      'error deploy-trigger-unguarded @demo-app :.github/workflows/deploy.yml#deploy'
    ])
    const guarded = await runCase({
      scenario: withWorkflows({
        '.github/workflows/deploy.yml': ON_EVERY_PUSH.replace(
          '    runs-on: ubuntu-latest\n',
          '    runs-on: ubuntu-latest\n    environment: production\n'
        ),
        '.github/workflows/ci.yml': CI
      })
    })
    expect(lines(guarded.findings)).toEqual([])
    expect(guarded.code).toBe(0)
  })

  it('makes unreadable environments a github-unavailable of that part only', async () => {
    const run = await runCase({
      scenario: 'github-deploys',
      faults: [
        {
          service: 'github',
          path: '/repos/demo/app/environments',
          kind: 'status',
          status: 403,
          body: { message: 'Resource not accessible by integration' }
        }
      ]
    })
    const found = lines(run.findings)
    expect(found).toContain('error github-unavailable @- :-')
    const unavailable = run.findings.find((f) => f.rule === 'github-unavailable')
    expect(unavailable?.message).toContain('environments of demo/app')
    expect(unavailable?.message).toContain('not checked: deploy-environment-unprotected')
    // What needs no environment is still judged.
    expect(found).toContain(
      'error deploy-secret-outside-environment @demo-app :.github/workflows/deploy-push.yml#deploy'
    )
    expect(found).toContain(
      'error deploy-trigger-unguarded @demo-app :.github/workflows/deploy-manual.yml#deploy'
    )
    expect(found.some((l) => l.includes('deploy-environment-unprotected'))).toBe(false)
    expect(run.code).toBe(1)
  })
})
