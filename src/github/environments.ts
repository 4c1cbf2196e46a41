// GET /repos/{owner}/{repo}/environments
// GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies
import type { Octokit } from './octokit.js'
import { z } from 'zod'
import type { EnvironmentFact } from '../types.js'
import type { RequestTarget } from './errors.js'
import { parsed } from './request.js'

/** GitHub's docs for both endpoints: fine-grained tokens need "Actions" repository permission (read). */
export const ENVIRONMENTS_PERMISSION = 'Actions: read'

// Shapes from GitHub's OpenAPI description (`environment`, `deployment-branch-policy`); only the
// fields read are required, unknown ones are tolerated.
const reviewerSchema = z.object({
  type: z.string().optional(),
  reviewer: z
    .object({
      login: z.string().optional(),
      slug: z.string().optional(),
      name: z.string().optional()
    })
    .nullable()
    .optional()
})

const protectionRuleSchema = z.object({
  type: z.string(),
  wait_timer: z.number().optional(),
  prevent_self_review: z.boolean().optional(),
  reviewers: z.array(reviewerSchema).optional()
})

const environmentSchema = z.object({
  name: z.string(),
  protection_rules: z.array(protectionRuleSchema).optional(),
  deployment_branch_policy: z
    .object({ protected_branches: z.boolean(), custom_branch_policies: z.boolean() })
    .nullable()
    .optional()
})
const environmentListSchema = z.array(environmentSchema)

const branchPolicyListSchema = z.array(
  z.object({ name: z.string(), type: z.enum(['branch', 'tag']).optional() })
)

/**
 * Every environment of the repository with its protection: required reviewers, wait timer and
 * which branches may deploy (the custom policies read for the environments that have them).
 */
export async function readEnvironments(
  octokit: Octokit,
  owner: string,
  repo: string
): Promise<EnvironmentFact[]> {
  const list: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/environments`,
    permission: ENVIRONMENTS_PERMISSION
  }
  const environments = await parsed(list, environmentListSchema, () =>
    octokit.paginate('GET /repos/{owner}/{repo}/environments', { owner, repo, per_page: 100 })
  )
  return Promise.all(
    environments.map(async (environment): Promise<EnvironmentFact> => {
      const rules = environment.protection_rules ?? []
      const reviewers = rules
        .filter((rule) => rule.type === 'required_reviewers')
        .flatMap((rule) => rule.reviewers ?? [])
        .map((r) => r.reviewer?.login ?? r.reviewer?.slug ?? r.reviewer?.name ?? '(unnamed)')
      const policy = environment.deployment_branch_policy ?? null
      return {
        name: environment.name,
        reviewers,
        preventSelfReview: rules.some((rule) => rule.prevent_self_review === true),
        waitTimer: Math.max(0, ...rules.map((rule) => rule.wait_timer ?? 0)),
        branchPolicy:
          policy === null
            ? null
            : policy.protected_branches
              ? { kind: 'protected' }
              : policy.custom_branch_policies
                ? {
                    kind: 'custom',
                    policies: await readBranchPolicies(octokit, owner, repo, environment.name)
                  }
                : null
      }
    })
  )
}

async function readBranchPolicies(
  octokit: Octokit,
  owner: string,
  repo: string,
  environment: string
): Promise<{ name: string; type: 'branch' | 'tag' }[]> {
  const target: RequestTarget = {
    method: 'GET',
    path: `/repos/${owner}/${repo}/environments/${environment}/deployment-branch-policies`,
    permission: ENVIRONMENTS_PERMISSION
  }
  const policies = await parsed(target, branchPolicyListSchema, () =>
    octokit.paginate(
      'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
      { owner, repo, environment_name: environment, per_page: 100 }
    )
  )
  // `type` is optional in the description; GitHub's default for a policy is a branch.
  return policies.map((p) => ({ name: p.name, type: p.type ?? 'branch' }))
}
