import type { Dispatcher } from 'undici'
import { wantsComment } from './config.js'
import { findStickyComment, type StickyLookup } from './github/comments.js'
import { createOctokit, type Octokit } from './github/octokit.js'
import { chooseBranches, startGitHubRead, type BranchTarget } from './github/read-repository.js'
import { proxyDispatcher } from './proxy.js'
import { createScalingoClient } from './scalingo/client.js'
import { collectScalingoFacts } from './scalingo/read-apps.js'
import type { Config, Facts, GitHubFacts, ScalingoFacts } from './types.js'

export interface CollectOptions {
  /** Aborts every request when the run's deadline passes. */
  readonly signal: AbortSignal
  /** When that deadline passes (epoch ms), so that no rate-limit wait outlives it. */
  readonly deadlineAt?: number
  readonly setSecret: (secret: string) => void
  /** Undici dispatcher for Scalingo (tests and the sandbox inject one). */
  readonly dispatcher?: Dispatcher
  /** debug: request traces of both clients (method, path, status, time); info: retry notes. */
  readonly log?: { readonly debug: (line: string) => void; readonly info: (line: string) => void }
  /**
   * Told of each wait that Scalingo's 60 requests a minute impose on this run (pacing, not an
   * answer): the caller pushes its deadline back by it and says so in the log.
   */
  readonly onScalingoPacing?: (waitMs: number) => void
  /** Why a part is skipped, in the caller's words; the action's wording by default. */
  readonly skipReasons?: Partial<SkipReasons>
}

export interface SkipReasons {
  readonly noScalingoToken: string
  readonly noRepository: string
  /**
   * An empty GitHub token skips the GitHub part only when this is given (the command line);
   * without it, a repository to audit and no token to read it is a gap (github-unavailable), as
   * in a workflow, where a token always exists.
   */
  readonly noGitHubToken?: string
}

export interface Collected {
  readonly facts: Facts
  /** The GitHub client, when there is one, for the pull request comment. */
  readonly octokit: Octokit | null
  /**
   * The sticky comment, looked up beside the audit so that only its write follows the verdict;
   * null when no comment is kept. It rejects as the lookup failed (the publisher decides).
   */
  readonly stickyComment: Promise<StickyLookup> | null
}

const ACTION_SKIP_REASONS: SkipReasons = {
  noScalingoToken:
    'scalingo-api-token is empty (pull requests from forks get no secrets), so no Scalingo request was made',
  noRepository: 'no repository is known (GITHUB_REPOSITORY is not set)'
}

/**
 * Reads both platforms with the shortest critical path: the repository, its workflows and its
 * rulesets start at once beside the Scalingo exchange (and the `branch` input's branch too);
 * the deploying branches start the moment the SCM links are known, beside the per-app reads.
 */
export async function collectFacts(config: Config, options: CollectOptions): Promise<Collected> {
  const skip: SkipReasons = { ...ACTION_SKIP_REASONS, ...options.skipReasons }
  const log = options.log
  // One connection pool for both GitHub clients, through the proxy when one is set.
  const githubDispatcher = proxyDispatcher(config.proxy)
  const newOctokit = (): Octokit | null =>
    config.githubToken !== null && config.repository !== null
      ? createOctokit({
          token: config.githubToken,
          baseUrl: config.githubApiUrl,
          signal: options.signal,
          deadlineAt: options.deadlineAt,
          timeoutMs: config.requestTimeoutMs,
          dispatcher: githubDispatcher,
          log: log && { debug: log.debug, warn: log.info }
        })
      : null
  // One client reads the facts (and counts their requests), the other keeps the comment.
  const octokit = newOctokit()
  const commenter = newOctokit()
  const repository = config.repository
  const github =
    octokit !== null && repository !== null
      ? startGitHubRead(octokit, {
          ...repository,
          workspace: config.workspace,
          deploySecrets: config.deploySecrets,
          auditJob: config.auditJob
        })
      : null
  if (github !== null && config.branch !== null) github.prefetch(config.branch)
  const stickyComment =
    commenter !== null && repository !== null && config.pullRequest !== null && wantsComment(config)
      ? findStickyComment(commenter, { ...repository, issueNumber: config.pullRequest })
      : null
  // Read after the audit; until then a failed lookup must not count as unhandled.
  stickyComment?.catch(() => undefined)

  /** The branches that these apps' links name, else the default branch when one is given. */
  const branchesFor = (
    apps: Parameters<typeof chooseBranches>[0]['apps'],
    defaultBranch: string | null
  ): BranchTarget[] =>
    repository === null
      ? []
      : chooseBranches({
          explicit: config.branch,
          host: config.githubHost,
          ...repository,
          defaultBranch,
          apps
        })
  const prefetch = (branches: readonly BranchTarget[]): void => {
    for (const b of branches) github?.prefetch(b.branch)
  }

  const scalingoPromise: Promise<ScalingoFacts> =
    config.scalingoApiToken === null
      ? Promise.resolve({ status: 'skipped', reason: skip.noScalingoToken })
      : collectScalingoFacts(
          config,
          createScalingoClient({
            apiToken: config.scalingoApiToken,
            authUrl: config.scalingoAuthUrl,
            dispatcher: options.dispatcher,
            proxy: config.proxy,
            trace: log?.debug,
            signal: options.signal,
            timeoutMs: config.requestTimeoutMs,
            setSecret: options.setSecret,
            onPacing: options.onScalingoPacing
          }),
          {
            onScmLinks: (apps) => {
              void github?.defaultBranch().then((d) => prefetch(branchesFor(apps, d)))
            },
            // A branch a page's links name is chosen whatever the other pages hold (the default
            // branch is only for apps without a link): read it now, beside the next page.
            onScmLinkPage: (apps) => prefetch(branchesFor(apps, null))
          }
        )

  const scalingo = await scalingoPromise
  let githubFacts: GitHubFacts
  if (repository === null) {
    githubFacts = { status: 'skipped', reason: skip.noRepository }
  } else if (github === null && skip.noGitHubToken !== undefined) {
    githubFacts = { status: 'skipped', reason: skip.noGitHubToken }
  } else if (github === null) {
    // A repository to audit but no token to read it: that is a gap, never a pass.
    githubFacts = {
      status: 'read',
      ...repository,
      defaultBranch: null,
      isPrivate: null,
      branches: [],
      workflows: { seen: false },
      deploys: { seen: false },
      environments: { seen: false },
      actionsCanApprove: { seen: false },
      failures: [
        {
          app: null,
          what: `the repository ${repository.owner}/${repository.repo}`,
          reason: 'github-token is empty, so nothing could be read from GitHub'
        }
      ],
      requests: 0
    }
  } else {
    // The same choice from the apps that were read in full; normally what was prefetched.
    githubFacts = await github.finish(
      branchesFor(scalingo.status === 'read' ? scalingo.apps : [], await github.defaultBranch())
    )
  }
  return { facts: { scalingo, github: githubFacts }, octokit: commenter, stickyComment }
}
