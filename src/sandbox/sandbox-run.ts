import type { Sandbox } from './server.js'

/*
 * How a started sandbox is handed to the action or the command line. Kept apart from the
 * process runner so that the command line's bundle does not carry it.
 */

/** A pull_request event payload, enough for @actions/github's context and the action. */
export function pullRequestEvent(options: {
  owner: string
  repo: string
  number: number
  private?: boolean
  base?: string
  head?: string
}): Record<string, unknown> {
  const repository = {
    name: options.repo,
    full_name: `${options.owner}/${options.repo}`,
    owner: { login: options.owner },
    private: options.private ?? true,
    visibility: (options.private ?? true) ? 'private' : 'public',
    default_branch: options.base ?? 'main'
  }
  return {
    action: 'synchronize',
    number: options.number,
    pull_request: {
      number: options.number,
      state: 'open',
      head: { ref: options.head ?? 'feature/sandbox', sha: '0'.repeat(40), repo: repository },
      base: { ref: options.base ?? 'main', sha: '1'.repeat(40), repo: repository }
    },
    repository
  }
}

/**
 * Host names to give the sandbox's URLs instead of 127.0.0.1 (the port is kept): names that only
 * a test's proxy resolves prove that the traffic went through it.
 */
export interface SandboxHosts {
  /** For the Scalingo auth and API URLs. */
  readonly scalingo?: string
  /** For the GitHub API URL. */
  readonly github?: string
}

function onHost(url: string, host: string | undefined): string {
  if (host === undefined) return url
  const parsed = new URL(url)
  parsed.hostname = host
  return parsed.href.replace(/\/+$/, '')
}

/** The inputs and environment that run the action against a started sandbox. */
export function sandboxRun(
  sandbox: Sandbox,
  hosts: SandboxHosts = {}
): {
  inputs: Record<string, string>
  env: Record<string, string>
  eventPayload: Record<string, unknown>
  githubToken: string
} {
  const { repository } = sandbox.scenario
  const githubToken = sandbox.scenario.inputs['github-token'] ?? ''
  return {
    inputs: {
      ...sandbox.scenario.inputs,
      'scalingo-auth-url': onHost(sandbox.scalingoAuthUrl, hosts.scalingo),
      'scalingo-api-url': onHost(sandbox.scalingoApiUrl, hosts.scalingo)
    },
    env: {
      GITHUB_API_URL: onHost(sandbox.githubApiUrl, hosts.github),
      GITHUB_REPOSITORY: `${repository.owner}/${repository.name}`,
      GITHUB_REPOSITORY_OWNER: repository.owner,
      GITHUB_BASE_REF: repository.defaultBranch,
      // As the runner sets it: the audit runs from the repository's audit.yml (job `audit`).
      GITHUB_WORKFLOW_REF: `${repository.owner}/${repository.name}/.github/workflows/audit.yml@refs/pull/${repository.pullRequest}/merge`,
      GITHUB_HEAD_REF: 'feature/sandbox'
    },
    eventPayload: pullRequestEvent({
      owner: repository.owner,
      repo: repository.name,
      number: repository.pullRequest,
      private: repository.private,
      base: repository.defaultBranch
    }),
    githubToken
  }
}
