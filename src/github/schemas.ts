import { z } from 'zod'

/**
 * Shapes of the GitHub REST responses the reader uses (api.github.com and GHES, 2022-11-28).
 * Unknown fields are tolerated; the fields we rely on are required.
 */

export const repoSchema = z.object({
  default_branch: z.string(),
  private: z.boolean()
})

export const workflowSchema = z.object({
  name: z.string(),
  path: z.string(),
  state: z.string()
})
export const workflowListSchema = z.array(workflowSchema)

/**
 * A file from the contents API; a directory answers an array, which this rejects. Over 1 MB,
 * `encoding` is "none" and `content` empty: the raw media type gives the text then.
 */
export const contentFileSchema = z.object({
  type: z.string().optional(),
  encoding: z.string().optional(),
  content: z.string().optional()
})

export const rulesetSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  enforcement: z.string(),
  /** Repository, Organization or Enterprise (OpenAPI `source_type`); absent on old servers. */
  source_type: z.string().optional(),
  source: z.string().optional()
})
export const rulesetListSchema = z.array(rulesetSummarySchema)

/** Every actor type and mode is kept as written (OpenAPI enums grow: EnterpriseOwner, exempt). */
export const bypassActorSchema = z.object({
  actor_id: z.number().nullable().optional(),
  actor_type: z.string(),
  bypass_mode: z.string().optional()
})

export const rulesetSchema = rulesetSummarySchema.extend({
  /** Absent when the token may not see who bypasses the ruleset (not allowed to edit it). */
  bypass_actors: z.array(bypassActorSchema).optional(),
  /** always | pull_requests_only | never | exempt: what the token's own identity may bypass. */
  current_user_can_bypass: z.string().optional()
})

const statusChecksSchema = z.object({
  enforcement_level: z.string().optional(),
  contexts: z.array(z.string()),
  checks: z.array(z.object({ context: z.string() })).optional()
})

const enabledSchema = z.object({ enabled: z.boolean().optional() })
/** OpenAPI: `apps` items are `integration`, which is nullable; users and teams are kept lenient too. */
const namedSchema = z
  .object({ login: z.string().optional(), slug: z.string().optional() })
  .nullable()

/** GET /repos/{o}/{r}/branches/{b}/protection (classic protection, Administration: read). */
export const classicProtectionSchema = z.object({
  required_status_checks: statusChecksSchema.optional(),
  enforce_admins: z.object({ enabled: z.boolean() }).optional(),
  required_pull_request_reviews: z
    .object({
      require_code_owner_reviews: z.boolean(),
      required_approving_review_count: z.number().optional(),
      bypass_pull_request_allowances: z
        .object({
          users: z.array(namedSchema).optional(),
          teams: z.array(namedSchema).optional(),
          apps: z.array(namedSchema).optional()
        })
        .optional()
    })
    .optional(),
  allow_force_pushes: enabledSchema.optional(),
  allow_deletions: enabledSchema.optional(),
  lock_branch: enabledSchema.optional()
})
export type ClassicProtection = z.infer<typeof classicProtectionSchema>

/** GET /repos/{o}/{r}/branches/{b} (Contents: read): `protected` and a protection summary. */
export const branchSummarySchema = z.object({
  name: z.string(),
  protected: z.boolean(),
  protection: z
    .object({
      enabled: z.boolean().optional(),
      required_status_checks: statusChecksSchema.optional()
    })
    .optional()
})
export type BranchSummary = z.infer<typeof branchSummarySchema>

/**
 * One entry of GET /repos/{o}/{r}/rules/branches/{b}. The OpenAPI requires only `type`:
 * `parameters` may be absent for any rule, and a type this reader does not know is kept.
 * Parameters are checked per type, one rule at a time.
 */
export const branchRuleSchema = z.object({
  type: z.string(),
  ruleset_source_type: z.string().optional(),
  ruleset_source: z.string().optional(),
  ruleset_id: z.number().optional(),
  parameters: z.unknown().optional()
})
export const branchRuleListSchema = z.array(branchRuleSchema)

/** Absent fields mean the rule asks for none of it (OpenAPI: parameters is optional). */
export const pullRequestParamsSchema = z.object({
  required_approving_review_count: z.number().int().min(0).optional(),
  require_code_owner_review: z.boolean().optional()
})

export const statusCheckParamsSchema = z.object({
  required_status_checks: z.array(z.object({ context: z.string() }))
})

/** `workflows` rule (required workflows): each entry names a workflow file of a repository. */
export const workflowsParamsSchema = z.object({
  workflows: z.array(
    z.object({
      path: z.string(),
      repository_id: z.number().optional(),
      ref: z.string().optional(),
      sha: z.string().optional()
    })
  )
})

/** GET /repos/{o}/{r}/actions/permissions/workflow (Administration: read). */
export const workflowPermissionsSchema = z.object({
  default_workflow_permissions: z.string(),
  can_approve_pull_request_reviews: z.boolean()
})
