// GET /repos/{owner}/{repo}/rules/branches/{branch}
// GET /repos/{owner}/{repo}/rulesets
// GET /repos/{owner}/{repo}/rulesets/{ruleset_id}
import type { Octokit } from './octokit.js'
import type { BypassActor } from '../types.js'
import type { RuleFacts, RulesetInfo, Rulesets } from './branch-facts.js'
import { ADMINISTRATION_READ, GitHubError, type RequestTarget } from './errors.js'
import { parsed, validate } from './request.js'
import {
  branchRuleListSchema,
  pullRequestParamsSchema,
  rulesetListSchema,
  rulesetSchema,
  statusCheckParamsSchema
} from './schemas.js'

/** Every ruleset of the repository and its parents, with bypass actors when visible. */
export async function readRulesets(
  octokit: Octokit,
  owner: string,
  repo: string
): Promise<Rulesets> {
  const list: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/rulesets`,
    permission: 'Metadata: read'
  }
  const summaries = await parsed(list, rulesetListSchema, () =>
    octokit.paginate('GET /repos/{owner}/{repo}/rulesets', {
      owner,
      repo,
      includes_parents: true,
      per_page: 100
    })
  )
  const entries = await Promise.all(
    summaries.map(async (summary): Promise<[number, RulesetInfo]> => {
      const target: RequestTarget = {
        method: 'GET',
        path: `/repos/${owner}/${repo}/rulesets/${summary.id}`,
        permission: ADMINISTRATION_READ
      }
      try {
        const ruleset = await parsed(target, rulesetSchema, () =>
          octokit.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
            owner,
            repo,
            ruleset_id: summary.id,
            includes_parents: true
          })
        )
        const bypassActors = ruleset.bypass_actors?.map((actor): BypassActor => ({
          type: actor.actor_type,
          id:
            actor.actor_id === undefined || actor.actor_id === null ? null : String(actor.actor_id),
          mode: actor.bypass_mode ?? null
        }))
        return [
          summary.id,
          {
            name: ruleset.name,
            enforcement: ruleset.enforcement,
            bypassActors: bypassActors ?? null
          }
        ]
      } catch (error) {
        // Hidden from this token: its bypass actors stay unseen. Anything else is a failure.
        if (error instanceof GitHubError && (error.status === 403 || error.status === 404)) {
          return [
            summary.id,
            { name: summary.name, enforcement: summary.enforcement, bypassActors: null }
          ]
        }
        throw error
      }
    })
  )
  return new Map(entries)
}

/** The active rules on a branch, summed up over every ruleset that applies. */
export async function readRules(
  octokit: Octokit,
  owner: string,
  repo: string,
  branch: string
): Promise<RuleFacts> {
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/rules/branches/${branch}`,
    permission: 'Metadata: read'
  }
  const rules = await parsed(target, branchRuleListSchema, () =>
    octokit.paginate('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
      owner,
      repo,
      branch,
      per_page: 100
    })
  )
  let approvals: number | null = null
  let codeOwner = false
  const checks = new Set<string>()
  for (const rule of rules) {
    if (rule.type === 'pull_request') {
      const params = validate(target, pullRequestParamsSchema, rule.parameters, 'pull_request rule')
      approvals = Math.max(approvals ?? 0, params.required_approving_review_count)
      codeOwner ||= params.require_code_owner_review
    } else if (rule.type === 'required_status_checks') {
      const params = validate(
        target,
        statusCheckParamsSchema,
        rule.parameters,
        'required_status_checks rule'
      )
      for (const check of params.required_status_checks) checks.add(check.context)
    }
  }
  return {
    count: rules.length,
    approvals,
    codeOwner,
    checks: [...checks],
    blocksForcePush: rules.some((rule) => rule.type === 'non_fast_forward'),
    blocksDeletion: rules.some((rule) => rule.type === 'deletion'),
    rulesetIds: [...new Set(rules.map((rule) => rule.ruleset_id ?? null))]
  }
}
