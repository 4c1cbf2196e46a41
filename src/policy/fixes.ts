/**
 * Fixes you can paste, with the names filled in. Every Scalingo command and flag is checked
 * against the Scalingo CLI's source (Scalingo/cli 1.48.0: `cmd/collaborators.go`,
 * `cmd/integration_link.go`; global `--app` and `--region` flags in `scalingo/main.go`); every
 * ruleset body against GitHub's OpenAPI description of `POST /repos/{owner}/{repo}/rulesets`
 * (`__tests__/policy/fixes.test.ts` validates them with ajv).
 */
import type { AppFacts, BranchFacts } from '../types.js'

/** A word the shell reads as itself, else single-quoted. */
export function shellArg(s: string): string {
  return /^[\p{L}\p{N}@%+=:,./_-]+$/u.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

/** `scalingo --app APP --region REGION <command…>`: the app's own region, never the default. */
export function scalingoCommand(app: Pick<AppFacts, 'name' | 'region'>, ...args: string[]): string {
  return ['scalingo', '--app', shellArg(app.name), '--region', shellArg(app.region), ...args].join(
    ' '
  )
}

/** `collaborators-update --limited=true EMAIL` (`--limited false` with a space would be ignored). */
export const makeLimited = (app: Pick<AppFacts, 'name' | 'region'>, email: string): string =>
  scalingoCommand(app, 'collaborators-update', '--limited=true', shellArg(email))

/** `collaborators-remove EMAIL`: also revokes a pending invitation (matched by email). */
export const removeCollaborator = (app: Pick<AppFacts, 'name' | 'region'>, email: string): string =>
  scalingoCommand(app, 'collaborators-remove', shellArg(email))

/** The `--no-…` form: `--allow-review-apps-from-forks=false` would turn the setting on. */
export const noReviewAppsFromForks = (app: Pick<AppFacts, 'name' | 'region'>): string =>
  scalingoCommand(app, 'integration-link-update', '--no-allow-review-apps-from-forks')

/** The Scalingo CLI has no app transfer: the project is transferred in the dashboard. */
export const PROJECT_TRANSFER =
  'dashboard.scalingo.com → Projects → the project → Settings → Transfer project ownership (the new owner must first be a collaborator on every resource of the project)'

export const TOKENS_PAGE = 'https://dashboard.scalingo.com/account/tokens'

export interface Repo {
  readonly owner: string
  readonly repo: string
}

export const settingsUrl = (r: Repo, page: string): string =>
  `https://github.com/${r.owner}/${r.repo}/settings/${page}`

/** A rule of a ruleset body, as `POST /repos/{owner}/{repo}/rulesets` takes it. */
export type RulesetRule =
  | { readonly type: 'deletion' | 'non_fast_forward' }
  | {
      readonly type: 'pull_request'
      readonly parameters: {
        readonly required_approving_review_count: number
        readonly dismiss_stale_reviews_on_push: boolean
        readonly require_code_owner_review: boolean
        readonly require_last_push_approval: boolean
        readonly required_review_thread_resolution: boolean
      }
    }
  | {
      readonly type: 'required_status_checks'
      readonly parameters: {
        readonly required_status_checks: readonly { readonly context: string }[]
        readonly strict_required_status_checks_policy: boolean
      }
    }

export const STATUS_CHECK_PLACEHOLDER = 'CHECK-NAME'

export function pullRequestRule(approvals: number, codeOwners = false): RulesetRule {
  return {
    type: 'pull_request',
    parameters: {
      required_approving_review_count: approvals,
      dismiss_stale_reviews_on_push: false,
      require_code_owner_review: codeOwners,
      require_last_push_approval: false,
      required_review_thread_resolution: false
    }
  }
}

export function statusChecksRule(): RulesetRule {
  return {
    type: 'required_status_checks',
    parameters: {
      required_status_checks: [{ context: STATUS_CHECK_PLACEHOLDER }],
      strict_required_status_checks_policy: false
    }
  }
}

/** The body of a new branch ruleset holding exactly `rules`, for this branch only. */
export function rulesetBody(name: string, branch: string, rules: readonly RulesetRule[]): object {
  return {
    name,
    target: 'branch',
    enforcement: 'active',
    conditions: { ref_name: { include: [`refs/heads/${branch}`], exclude: [] } },
    rules
  }
}

/**
 * `gh api --method POST repos/{o}/{r}/rulesets --input -` with the body on stdin: one pasteable
 * block. Rulesets add up (the most restrictive rule wins), so a new one changes only what it holds.
 */
export function rulesetCommand(
  repo: Repo,
  branch: BranchFacts,
  name: string,
  rules: readonly RulesetRule[]
): string {
  const body = JSON.stringify(
    rulesetBody(`${name} (${branch.branch})`, branch.branch, rules),
    null,
    2
  )
  return [
    `gh api --method POST repos/${shellArg(repo.owner)}/${shellArg(repo.repo)}/rulesets --input - <<'JSON'`,
    body,
    'JSON'
  ].join('\n')
}
