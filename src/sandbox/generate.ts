import { parseScenario, type Scenario, type ScenarioInput } from './scenario.js'

export interface ScaleOptions {
  /** Audited apps. */
  readonly apps: number
  /** Collaborators per app. */
  readonly collaborators: number
}

/**
 * A large, well-governed scenario for the benchmark: a service account owns every app, a deploy
 * service account holds the token and collaborates on each, two leads are full Collaborators and
 * the rest are Limited, drawn from a shared pool so that apps overlap like real teams do.
 */
export function generateScenario({ apps, collaborators }: ScaleOptions): Scenario {
  if (!Number.isInteger(apps) || apps < 1) throw new Error('apps must be a positive integer')
  if (!Number.isInteger(collaborators) || collaborators < 1) {
    throw new Error('collaborators must be a positive integer')
  }
  const domain = 'scale.example'
  const poolSize = collaborators + apps
  const people = Array.from({ length: poolSize }, (_, i) => `dev${String(i + 1).padStart(4, '0')}`)
  const leads = people.slice(0, 2)
  const appNames = Array.from(
    { length: apps },
    (_, i) => `scale-app-${String(i + 1).padStart(3, '0')}`
  )

  const scenario: ScenarioInput = {
    name: `scale-${apps}x${collaborators}`,
    description: `Generated: ${apps} app(s) with ${collaborators} collaborator(s) each.`,
    inputs: {
      apps: appNames.join('\n'),
      'team-size': 'auto',
      owners: `owner@${domain}`,
      'service-accounts': `owner@${domain}, deploy@${domain}`,
      leads: leads.map((p) => `${p}@${domain}`).join(', '),
      members: people
        .slice(2)
        .map((p) => `${p}@${domain}`)
        .join(', '),
      'scalingo-api-token': 'tk-us-sandbox-scale-deploy',
      'github-token': 'ghs_sandbox_scale_admin'
    },
    tokens: {
      scalingo: { 'tk-us-sandbox-scale-deploy': 'deploy' },
      github: { ghs_sandbox_scale_admin: { adminRead: true, canWrite: true } }
    },
    accounts: [
      { id: 'owner', username: 'scale-owner', email: `owner@${domain}`, tfa: true },
      { id: 'deploy', username: 'scale-deploy', email: `deploy@${domain}`, tfa: true },
      ...people.map((p) => ({ id: p, username: p, email: `${p}@${domain}`, tfa: true }))
    ],
    apps: appNames.map((name, index) => {
      // The deploy account takes one seat; the others rotate through the pool per app.
      const seats = Array.from(
        { length: Math.max(0, collaborators - 1) },
        (_, k) => people[(index + k) % poolSize] ?? 'deploy'
      )
      return {
        name,
        owner: 'owner',
        collaborators: [
          { account: 'deploy' },
          ...seats.map((p) => ({ account: p, limited: !leads.includes(p) }))
        ],
        scmLink: { owner: 'scale', repo: 'monorepo', branch: 'main', autoDeploy: index === 0 }
      }
    }),
    repository: {
      owner: 'scale',
      name: 'monorepo',
      defaultBranch: 'main',
      private: true,
      pullRequest: 1,
      branches: [
        {
          name: 'main',
          protection: {
            requiredReviews: { approvals: 2, codeOwners: true, dismissStale: true },
            statusChecks: { strict: true, contexts: ['test'] },
            enforceAdmins: true
          }
        }
      ],
      workflows: [
        {
          id: 1,
          name: 'CI',
          path: '.github/workflows/ci.yml',
          content:
            'name: CI\non: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n'
        }
      ]
    }
  }
  return parseScenario(scenario)
}
