// GET /repos/{owner}/{repo}/rules/branches/{branch}
// GET /repos/{owner}/{repo}/rulesets
// GET /repos/{owner}/{repo}/rulesets/{ruleset_id}
import type { Octokit } from './octokit.js'
import type { BypassActor } from '../types.js'
import { ruleFacts, type RuleFacts, type RulesetInfo, type Rulesets } from './branch-facts.js'
import { GitHubError, isHidden, isPlanLimit, type RequestTarget } from './errors.js'
import { parsed } from './request.js'
import { branchRuleListSchema, rulesetListSchema, rulesetSchema } from './schemas.js'

/**
 * Every branch ruleset of the repository and its parents (`targets=branch`: a tag or push
 * ruleset cannot guard the branch, so one that fails to read does not fail it), with bypass
 * actors when visible. GitHub Free on a private repository answers 403 for the list: no
 * ruleset can exist there, so the map is empty.
 */
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
  let summaries
  try {
    summaries = await parsed(list, rulesetListSchema, () =>
      octokit.paginate('GET /repos/{owner}/{repo}/rulesets', {
        owner,
        repo,
        includes_parents: true,
        targets: 'branch',
        per_page: 100
      })
    )
  } catch (error) {
    if (isPlanLimit(error)) return new Map()
    throw error
  }
  const entries = await Promise.all(
    summaries.map(async (summary): Promise<[number, RulesetInfo]> => {
      const target: RequestTarget = {
        method: 'GET',
        path: `/repos/${owner}/${repo}/rulesets/${summary.id}`,
        permission: 'Metadata: read'
      }
      const base = {
        name: summary.name,
        enforcement: summary.enforcement,
        sourceType: summary.source_type ?? null
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
          // OpenAPI: bypass_mode defaults to "always".
          mode: actor.bypass_mode ?? 'always'
        }))
        return [
          summary.id,
          {
            ...base,
            name: ruleset.name,
            enforcement: ruleset.enforcement,
            sourceType: ruleset.source_type ?? base.sourceType,
            bypassActors: bypassActors ?? null,
            currentUserCanBypass: ruleset.current_user_can_bypass ?? null
          }
        ]
      } catch (error) {
        // Hidden from this token: its bypass actors stay unseen. A rate limit, an outage or a
        // bad body is a failure, never "hidden".
        if (isHidden(error)) {
          return [summary.id, { ...base, bypassActors: null, currentUserCanBypass: null }]
        }
        throw error
      }
    })
  )
  return new Map(entries)
}

/**
 * The active rules on a branch, summed up over every ruleset that applies. GitHub Free on a
 * private repository answers 403 "Upgrade to GitHub Pro or make this repository public…": no
 * rule can apply there, and the branch cannot be protected on that plan. A server without
 * rulesets (old GHES) answers 404: no rule applies either.
 */
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
  try {
    const rules = await parsed(target, branchRuleListSchema, () =>
      octokit.paginate('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
        owner,
        repo,
        branch,
        per_page: 100
      })
    )
    return ruleFacts(rules, false)
  } catch (error) {
    if (isPlanLimit(error)) return ruleFacts([], true)
    if (error instanceof GitHubError && error.status === 404 && error.refusal === null) {
      return ruleFacts([], false)
    }
    throw error
  }
}
