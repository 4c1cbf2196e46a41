import { describe, expect, it } from '@jest/globals'
import rule from '../../../src/policy/rules/deploy-secret-outside-environment.js'
import { itIsARule, run as runRule } from '../scenarios.js'
import { PRODUCTION, deployFacts, makeDeployJob } from '../deploy-facts.js'

describe('deploy-secret-outside-environment', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'warning', large: 'error' })

  it('fires for a deploy job without environment, naming the job, the secret and the app', () => {
    const [finding, ...rest] = runRule(rule, deployFacts([makeDeployJob()]))
    expect(rest).toEqual([])
    expect(finding).toMatchObject({
      rule: 'deploy-secret-outside-environment',
      app: 'my-app',
      subject: '.github/workflows/deploy.yml#deploy'
    })
    expect(finding?.message).toContain('reads SCALINGO_API_TOKEN outside any environment')
    expect(finding?.message).toContain('anyone with write access can push a branch')
    expect(finding?.fix).toContain('add "environment: production" under "jobs.deploy:"')
    expect(finding?.fix).toContain('gh secret set SCALINGO_API_TOKEN --env production')
    expect(finding?.fix).toContain('gh secret delete SCALINGO_API_TOKEN')
    expect(finding?.fix).toContain('Settings → Environments → production → Required reviewers')
  })

  it('does not fire when the job declares an environment, or when there is no deploy job', () => {
    const behind = makeDeployJob({ environment: PRODUCTION })
    expect(runRule(rule, deployFacts([behind]))).toEqual([])
    expect(runRule(rule, deployFacts([]))).toEqual([])
  })

  it('gives app null when the job names no audited app', () => {
    const job = makeDeployJob({ apps: ['someone-elses-app'] })
    const [finding] = runRule(rule, deployFacts([job]))
    expect(finding?.app).toBeNull()
    expect(finding?.message).toContain('deploy to someone-elses-app')
  })

  it('says that the called workflow must declare the environment when the call is not followed', () => {
    const job = makeDeployJob({ unfollowed: 'acme/pipelines/.github/workflows/scalingo.yml@v2' })
    const [finding] = runRule(rule, deployFacts([job]))
    expect(finding?.fix).toContain('cannot declare an environment')
    expect(finding?.fix).toContain('acme/pipelines/.github/workflows/scalingo.yml@v2')
  })
})
