import type { Octokit } from '@octokit/rest'
import type { Dispatcher } from 'undici'
import { chooseBranches, startGitHubRead } from './github/collect.js'
import { createOctokit } from './github/octokit.js'
import { createScalingoClient } from './scalingo/client.js'
import { collectScalingoFacts } from './scalingo/collect.js'
import type { Config, Facts, GitHubFacts, ScalingoFacts } from './types.js'

export interface CollectOptions {
  /** Aborts every request when the run's deadline passes. */
  readonly signal: AbortSignal
  readonly setSecret: (secret: string) => void
  /** Undici dispatcher for Scalingo (tests and the sandbox inject one). */
  readonly dispatcher?: Dispatcher
}

export interface Collected {
  readonly facts: Facts
  /** The GitHub client, when there is one, for the pull request comment. */
  readonly octokit: Octokit | null
}

const NO_TOKEN =
  'scalingo-api-token is empty (pull requests from forks get no secrets), so no Scalingo request was made'

/**
 * Reads both platforms with the shortest critical path: the repository, its workflows and its
 * rulesets start at once beside the Scalingo exchange; the branches follow the SCM links.
 */
export async function collectFacts(config: Config, options: CollectOptions): Promise<Collected> {
  const octokit =
    config.githubToken !== null && config.repository !== null
      ? createOctokit({
          token: config.githubToken,
          baseUrl: config.githubApiUrl,
          signal: options.signal,
          timeoutMs: config.requestTimeoutMs
        })
      : null
  const github =
    octokit !== null && config.repository !== null
      ? startGitHubRead(octokit, { ...config.repository, workspace: config.workspace })
      : null

  const scalingoPromise: Promise<ScalingoFacts> =
    config.scalingoApiToken === null
      ? Promise.resolve({ status: 'skipped', reason: NO_TOKEN })
      : collectScalingoFacts(
          config,
          createScalingoClient({
            apiToken: config.scalingoApiToken,
            authUrl: config.scalingoAuthUrl,
            dispatcher: options.dispatcher,
            signal: options.signal,
            timeoutMs: config.requestTimeoutMs,
            setSecret: options.setSecret
          })
        )

  const [scalingo, defaultBranch] = await Promise.all([
    scalingoPromise,
    github ? github.defaultBranch() : Promise.resolve(null)
  ])

  let githubFacts: GitHubFacts
  if (github === null || config.repository === null) {
    githubFacts = { status: 'skipped', reason: skippedGitHub(config) }
  } else {
    const branches = chooseBranches({
      explicit: config.branch,
      ...config.repository,
      defaultBranch,
      apps: scalingo.status === 'read' ? scalingo.apps : []
    })
    githubFacts = await github.finish(branches)
  }
  return { facts: { scalingo, github: githubFacts }, octokit }
}

function skippedGitHub(config: Config): string {
  if (config.repository === null) return 'no repository is known (GITHUB_REPOSITORY is not set)'
  return 'github-token is empty'
}
