import {
  makeBranch,
  makeDeployJob,
  makeEnvironment,
  makeFacts,
  makeGitHub,
  seen,
  unseen
} from '../../__fixtures__/facts.js'
import type { BranchFacts, DeployJob, EnvironmentFact, Facts } from '../../src/types.js'

export const PRODUCTION = { name: 'production', raw: 'production' }

/** Facts with these deploy jobs and environments (null: the environments could not be read). */
export function deployFacts(
  jobs: DeployJob[],
  environments: EnvironmentFact[] | null = [],
  branches: BranchFacts[] = [makeBranch()]
): Facts {
  return makeFacts({
    github: makeGitHub({
      branches,
      deploys: seen({ jobs, unread: [] }),
      environments: environments === null ? unseen() : seen(environments)
    })
  })
}

export { makeDeployJob, makeEnvironment, makeBranch, seen }
