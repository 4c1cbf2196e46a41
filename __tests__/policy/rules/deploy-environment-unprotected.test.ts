import { describe, expect, it } from '@jest/globals'
import rule from '../../../src/policy/rules/deploy-environment-unprotected.js'
import { itIsARule, run as runRule } from '../scenarios.js'
import {
  PRODUCTION,
  deployFacts,
  makeBranch,
  makeDeployJob,
  makeEnvironment,
  seen
} from '../deploy-facts.js'

const job = makeDeployJob({ environment: PRODUCTION })
const run = (...args: Parameters<typeof deployFacts>) => runRule(rule, deployFacts(...args))

describe('deploy-environment-unprotected', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'notice', mid: 'warning', large: 'error' })

  it('fires for an environment with neither reviewers nor a branch policy', () => {
    const [finding, ...rest] = run([job], [makeEnvironment({ reviewers: [] })])
    expect(rest).toEqual([])
    expect(finding).toMatchObject({
      rule: 'deploy-environment-unprotected',
      app: 'my-app',
      subject: '.github/workflows/deploy.yml#deploy'
    })
    expect(finding?.message).toContain('every branch may deploy')
    expect(finding?.fix).toContain('Settings → Environments → production')
    expect(finding?.fix).toContain('Protected branches only')
  })

  it('does not fire with required reviewers, or with "Protected branches only"', () => {
    expect(run([job], [makeEnvironment()])).toEqual([])
    const onlyProtected = makeEnvironment({ reviewers: [], branchPolicy: { kind: 'protected' } })
    expect(run([job], [onlyProtected])).toEqual([])
  })

  it('accepts custom policies only when each names an audited protected branch', () => {
    const custom = (name: string, type: 'branch' | 'tag' = 'branch') =>
      makeEnvironment({
        reviewers: [],
        branchPolicy: { kind: 'custom', policies: [{ name, type }] }
      })
    expect(run([job], [custom('main')])).toEqual([])
    expect(run([job], [custom('release/*')])[0]?.message).toContain('a pattern')
    expect(run([job], [custom('v1', 'tag')])[0]?.message).toContain('tags are not known')
    expect(run([job], [custom('develop')])[0]?.message).toContain('not an audited branch')
    const unprotectedMain = [makeBranch({ protected: seen(false) })]
    expect(run([job], [custom('main')], unprotectedMain)[0]?.message).toContain('not protected')
  })

  it('fires for an environment named in the workflow but absent from the repository', () => {
    const [finding] = run([job], [])
    expect(finding?.message).toContain('does not exist yet')
    expect(finding?.fix).toContain('New environment')
  })

  it('matches the environment name case-insensitively, as GitHub does', () => {
    expect(run([job], [makeEnvironment({ name: 'Production' })])).toEqual([])
  })

  it('fires for an environment chosen by an expression: unknown is not fine', () => {
    const expression = makeDeployJob({ environment: { name: null, raw: '${{ inputs.env }}' } })
    expect(run([expression], [makeEnvironment()])[0]?.message).toContain('picks its environment')
  })

  it('stays silent without an environment, or when the environments could not be read', () => {
    expect(run([makeDeployJob()], [])).toEqual([])
    expect(run([job], null)).toEqual([])
  })
})
