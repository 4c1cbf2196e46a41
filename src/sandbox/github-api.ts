import {
  CREATED_AT,
  UPDATED_AT,
  linkHeader,
  paginate,
  readAuthorization,
  reply,
  stableHex,
  stableNumber,
  type Reply,
  type RouteRequest
} from './http-util.js'
import type {
  ClassicProtection,
  GitHubCaps,
  Scenario,
  ScenarioEnvironment,
  ScenarioRepository,
  ScenarioRuleset
} from './scenario.js'

/** A pull request comment as the sandbox keeps it. */
export interface SandboxComment {
  readonly id: number
  readonly body: string
  readonly user: string
  readonly createdAt: string
  readonly updatedAt: string
}

const DOCS = 'https://docs.github.com/rest'

function error(status: number, message: string, documentation = DOCS): Reply {
  return reply(status, { message, documentation_url: documentation, status: String(status) })
}

/**
 * The GitHub REST endpoints the action reads, under a GHES-like `/api/v3` prefix. Shapes follow
 * the REST reference; classic protection and ruleset bypass actors need Administration: read,
 * which a token only has when the scenario says so (the workflow GITHUB_TOKEN never does).
 */
export class GitHubApi {
  private comments: SandboxComment[] = []
  private nextCommentId = 1
  private readonly repo: ScenarioRepository
  private readonly fullName: string

  constructor(private readonly scenario: Scenario) {
    this.repo = scenario.repository
    this.fullName = `${this.repo.owner}/${this.repo.name}`
    this.resetComments()
  }

  resetComments(): void {
    this.comments = this.repo.comments.map((c) => ({
      id: c.id,
      body: c.body,
      user: c.user,
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT
    }))
    this.nextCommentId = Math.max(1_000_000, ...this.comments.map((c) => c.id + 1))
  }

  listComments(): SandboxComment[] {
    return this.comments.map((c) => ({ ...c }))
  }

  handle(req: RouteRequest): Reply {
    const auth = readAuthorization(req.headers)
    const caps =
      (auth.kind === 'token' || auth.kind === 'bearer') && auth.credential !== null
        ? this.scenario.tokens.github[auth.credential]
        : undefined
    if (auth.kind === 'none') return error(401, 'Requires authentication')
    if (caps === undefined) return error(401, 'Bad credentials')
    if (req.base.endsWith('/graphql')) return this.graphql(req, caps)

    const prefix = `/repos/${this.repo.owner}/${this.repo.name}`
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(req.path)
    if (!match) return error(404, 'Not Found')
    const sameRepo =
      decodeURIComponent(match[1] ?? '').toLowerCase() === this.repo.owner.toLowerCase() &&
      decodeURIComponent(match[2] ?? '').toLowerCase() === this.repo.name.toLowerCase()
    if (!sameRepo) return error(404, 'Not Found')
    const rest = match[3] ?? ''
    const url = `${req.base}${prefix}${rest}`

    if (req.method === 'GET') return this.get(rest, req, caps, url)
    if (req.method === 'POST') {
      const m = /^\/issues\/(\d+)\/comments$/.exec(rest)
      if (m) return this.createComment(Number(m[1]), req, caps)
    }
    if (req.method === 'PATCH') {
      const m = /^\/issues\/comments\/(\d+)$/.exec(rest)
      if (m) return this.updateComment(Number(m[1]), req, caps)
    }
    return error(404, 'Not Found')
  }

  private get(rest: string, req: RouteRequest, caps: GitHubCaps, url: string): Reply {
    if (rest === '') return reply(200, this.repository(req, caps))
    if (rest === '/branches') {
      return this.page(
        this.repo.branches.map((b) => this.branchSummary(b.name, req)),
        req,
        url
      )
    }
    // GitHub Free, private repository: no protection, no rulesets (403 naming the plan).
    const planLimit = this.planLimit(rest)
    if (planLimit !== null) return planLimit
    if (rest.startsWith('/branches/')) {
      const tail = rest.slice('/branches/'.length)
      if (tail.endsWith('/protection')) {
        const name = this.branchName(tail.slice(0, -'/protection'.length))
        return this.protection(name, caps, req)
      }
      const name = this.branchName(tail)
      if (name === null) return error(404, 'Branch not found')
      return reply(200, this.branchSummary(name, req))
    }
    if (rest.startsWith('/rules/branches/')) {
      const name = decodeURIComponent(rest.slice('/rules/branches/'.length))
      const rules = this.activeRulesets(name).flatMap((r) =>
        r.rules.map((rule) => ({
          type: rule.type,
          ...(rule.parameters === undefined ? {} : { parameters: rule.parameters }),
          // The OpenAPI enum of ruleset_source_type here is Repository | Organization.
          ruleset_source_type: r.source === 'Repository' ? 'Repository' : 'Organization',
          ruleset_source: this.sourceName(r),
          ruleset_id: r.id
        }))
      )
      return this.page(rules, req, url)
    }
    if (rest === '/rulesets') {
      // `targets`: only rulesets of those targets; `includes_parents=false`: the repository's own.
      const targets = req.query.get('targets')?.split(',') ?? null
      const parents = req.query.get('includes_parents') !== 'false'
      return this.page(
        this.repo.rulesets
          .filter(
            (r) =>
              (targets === null || targets.includes(r.target)) &&
              (parents || r.source === 'Repository')
          )
          .map((r) => this.ruleset(r, req, null)),
        req,
        url
      )
    }
    const rulesetMatch = /^\/rulesets\/(\d+)$/.exec(rest)
    if (rulesetMatch) {
      const ruleset = this.repo.rulesets.find((r) => r.id === Number(rulesetMatch[1]))
      return ruleset === undefined
        ? error(404, 'Not Found')
        : reply(200, this.ruleset(ruleset, req, caps))
    }
    if (rest === '/actions/permissions/workflow') {
      if (!caps.adminRead) {
        return error(
          403,
          'Resource not accessible by integration',
          `${DOCS}/actions/permissions#get-default-workflow-permissions-for-a-repository`
        )
      }
      return reply(200, {
        default_workflow_permissions: 'read',
        can_approve_pull_request_reviews: this.repo.actionsCanApprove
      })
    }
    if (rest === '/actions/workflows') {
      return this.countedPage(
        this.repo.workflows,
        'workflows',
        (w) => ({
          id: w.id,
          node_id: `W_${stableHex(`wf:${w.id}`, 12)}`,
          name: w.name,
          path: w.path,
          state: w.state,
          created_at: CREATED_AT,
          updated_at: UPDATED_AT,
          url: `${req.base}/repos/${this.fullName}/actions/workflows/${w.id}`,
          html_url: `https://github.com/${this.fullName}/blob/${this.repo.defaultBranch}/${w.path}`,
          badge_url: `https://github.com/${this.fullName}/workflows/${encodeURIComponent(w.name)}/badge.svg`
        }),
        req,
        url
      )
    }
    if (rest === '/environments') {
      return this.countedPage(
        this.repo.environments,
        'environments',
        (e) => this.environment(e, req),
        req,
        url
      )
    }
    const policiesMatch = /^\/environments\/([^/]+)\/deployment-branch-policies$/.exec(rest)
    if (policiesMatch) {
      const name = decodeURIComponent(policiesMatch[1] ?? '')
      const environment = this.repo.environments.find(
        (e) => e.name.toLowerCase() === name.toLowerCase()
      )
      if (environment === undefined) {
        return error(404, 'Not Found', `${DOCS}/deployments/branch-policies`)
      }
      const policies = Array.isArray(environment.branchPolicy) ? environment.branchPolicy : []
      return this.countedPage(
        policies,
        'branch_policies',
        (p) => {
          const id = stableNumber(`policy:${environment.name}:${p.type}:${p.name}`)
          return { id, node_id: `MDE2OkdhdGVCcmFuY2hQb2xpY3k${id}`, name: p.name, type: p.type }
        },
        req,
        url
      )
    }
    if (rest.startsWith('/contents/') || rest === '/contents') {
      return this.contents(decodeURIComponent(rest.slice('/contents/'.length)), req)
    }
    const pullMatch = /^\/pulls\/(\d+)$/.exec(rest)
    if (pullMatch) {
      return Number(pullMatch[1]) === this.repo.pullRequest
        ? reply(200, this.pullRequest(req))
        : error(404, 'Not Found')
    }
    const commentsMatch = /^\/issues\/(\d+)\/comments$/.exec(rest)
    if (commentsMatch) {
      if (Number(commentsMatch[1]) !== this.repo.pullRequest) return error(404, 'Not Found')
      return this.page(
        this.comments.map((c) => this.comment(c, req)),
        req,
        url
      )
    }
    return error(404, 'Not Found')
  }

  /** One page of a list GitHub answers as a bare array. */
  private page(all: readonly unknown[], req: RouteRequest, url: string): Reply {
    const { items, headers } = this.slice(all, req, url)
    return reply(200, items, headers)
  }

  /** One page of a list GitHub wraps as `{ total_count, [key]: [...] }`; `toJson` maps that page. */
  private countedPage<T>(
    all: readonly T[],
    key: string,
    toJson: (item: T) => unknown,
    req: RouteRequest,
    url: string
  ): Reply {
    const { items, headers } = this.slice(all, req, url)
    return reply(200, { total_count: all.length, [key]: items.map(toJson) }, headers)
  }

  /** The `page` / `per_page` slice GitHub serves (30 a page, at most 100) and its Link header. */
  private slice<T>(
    all: readonly T[],
    req: RouteRequest,
    url: string
  ): { items: T[]; headers: Record<string, string> | undefined } {
    const page = paginate(all, req.query, { perPage: 30, maxPerPage: 100 })
    const link = linkHeader(url, req.query, page)
    return { items: page.items, headers: link === null ? undefined : { link } }
  }

  /** Octokit encodes `/` in branch names; a raw client may not, so both are accepted. */
  private branchName(raw: string): string | null {
    const name = decodeURIComponent(raw)
    return this.repo.branches.some((b) => b.name === name) ? name : null
  }

  private classic(name: string): ClassicProtection | null {
    if (this.noProtectionOnPlan()) return null
    return this.repo.branches.find((b) => b.name === name)?.protection ?? null
  }

  private noProtectionOnPlan(): boolean {
    return this.repo.plan === 'free' && this.repo.private
  }

  private activeRulesets(branch: string): ScenarioRuleset[] {
    if (this.noProtectionOnPlan()) return []
    return this.repo.rulesets.filter(
      (r) =>
        r.enforcement === 'active' &&
        r.target === 'branch' &&
        r.branches.some((p) => this.refMatches(p, branch))
    )
  }

  /** Ruleset ref patterns as GitHub matches them (fnmatch): `*` stops at `/`, `**` does not. */
  private refMatches(pattern: string, branch: string): boolean {
    if (pattern === '~ALL') return true
    if (pattern === '~DEFAULT_BRANCH') return branch === this.repo.defaultBranch
    const escape = (p: string): string => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    const regex = new RegExp(
      `^${pattern
        .split('**')
        .map((part) => part.split('*').map(escape).join('[^/]*'))
        .join('.*')}$`
    )
    return regex.test(branch)
  }

  /** The 403 of GitHub Free for a private repository's protection and rules; null otherwise. */
  private planLimit(rest: string): Reply | null {
    if (this.repo.plan !== 'free' || !this.repo.private) return null
    const docs =
      rest.startsWith('/branches/') && rest.endsWith('/protection')
        ? 'branches/branch-protection#get-branch-protection'
        : rest.startsWith('/rules/branches/')
          ? 'repos/rules#get-rules-for-a-branch'
          : rest === '/rulesets' || /^\/rulesets\/\d+$/.test(rest)
            ? 'repos/rules#get-all-repository-rulesets'
            : null
    if (docs === null) return null
    const paid = this.repo.ownerType === 'User' ? 'GitHub Pro' : 'GitHub Team'
    return error(
      403,
      `Upgrade to ${paid} or make this repository public to enable this feature.`,
      `${DOCS}/${docs}`
    )
  }

  private sourceName(r: ScenarioRuleset): string {
    return r.source === 'Repository' ? this.fullName : this.repo.owner
  }

  /** A `simple-user` as the OpenAPI description requires it. */
  private simpleUser(login: string, req: RouteRequest): Record<string, unknown> {
    const id = stableNumber(`user:${login}`)
    // GitHub percent-encodes a bot's brackets: /users/github-actions%5Bbot%5D.
    const path = encodeURIComponent(login)
    const url = `${req.base}/users/${path}`
    return {
      login,
      id,
      node_id: `U_${stableHex(`user:${login}`, 12)}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url,
      html_url: `https://github.com/${path}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: 'User',
      site_admin: false
    }
  }

  /** An `integration` (GitHub App) as the OpenAPI description requires it. */
  private integration(slug: string): Record<string, unknown> {
    return {
      id: stableNumber(`app:${slug}`),
      slug,
      node_id: `A_${stableHex(`app:${slug}`, 12)}`,
      owner: null,
      name: slug,
      description: null,
      external_url: `https://example.com/${slug}`,
      html_url: `https://github.com/apps/${slug}`,
      created_at: CREATED_AT,
      updated_at: UPDATED_AT,
      permissions: { contents: 'read' },
      events: []
    }
  }

  private repository(req: RouteRequest, caps: GitHubCaps): Record<string, unknown> {
    const r = this.repo
    const api = `${req.base}/repos/${this.fullName}`
    // Every URL template that `full-repository` requires, as GitHub writes them.
    const templates = Object.fromEntries(
      (
        [
          ['archive', '/{archive_format}{/ref}'],
          ['assignees', '/assignees{/user}'],
          ['blobs', '/git/blobs{/sha}'],
          ['branches', '/branches{/branch}'],
          ['collaborators', '/collaborators{/collaborator}'],
          ['comments', '/comments{/number}'],
          ['commits', '/commits{/sha}'],
          ['compare', '/compare/{base}...{head}'],
          ['contents', '/contents/{+path}'],
          ['contributors', '/contributors'],
          ['deployments', '/deployments'],
          ['downloads', '/downloads'],
          ['events', '/events'],
          ['forks', '/forks'],
          ['git_commits', '/git/commits{/sha}'],
          ['git_refs', '/git/refs{/sha}'],
          ['git_tags', '/git/tags{/sha}'],
          ['hooks', '/hooks'],
          ['issue_comment', '/issues/comments{/number}'],
          ['issue_events', '/issues/events{/number}'],
          ['issues', '/issues{/number}'],
          ['keys', '/keys{/key_id}'],
          ['labels', '/labels{/name}'],
          ['languages', '/languages'],
          ['merges', '/merges'],
          ['milestones', '/milestones{/number}'],
          ['notifications', '/notifications{?since,all,participating}'],
          ['pulls', '/pulls{/number}'],
          ['releases', '/releases{/id}'],
          ['stargazers', '/stargazers'],
          ['statuses', '/statuses/{sha}'],
          ['subscribers', '/subscribers'],
          ['subscription', '/subscription'],
          ['tags', '/tags'],
          ['teams', '/teams'],
          ['trees', '/git/trees{/sha}']
        ] as const
      ).map(([name, tail]) => [`${name}_url`, `${api}${tail}`])
    )
    return {
      ...templates,
      id: stableNumber(`repo:${this.fullName}`),
      node_id: `R_${stableHex(`repo:${this.fullName}`, 14)}`,
      name: r.name,
      full_name: this.fullName,
      private: r.private,
      visibility: r.private ? 'private' : 'public',
      owner: { ...this.simpleUser(r.owner, req), type: r.ownerType },
      html_url: `https://github.com/${this.fullName}`,
      url: api,
      clone_url: `https://github.com/${this.fullName}.git`,
      git_url: `git://github.com/${this.fullName}.git`,
      ssh_url: `git@github.com:${this.fullName}.git`,
      svn_url: `https://github.com/${this.fullName}`,
      mirror_url: null,
      homepage: null,
      language: null,
      license: null,
      forks: 0,
      forks_count: 0,
      open_issues: 0,
      open_issues_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      network_count: 0,
      subscribers_count: 0,
      size: 0,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_discussions: false,
      description: null,
      fork: false,
      archived: false,
      disabled: false,
      default_branch: r.defaultBranch,
      created_at: CREATED_AT,
      updated_at: UPDATED_AT,
      pushed_at: UPDATED_AT,
      permissions: {
        admin: caps.adminRead,
        maintain: caps.adminRead,
        push: caps.canWrite,
        triage: caps.canWrite,
        pull: true
      }
    }
  }

  private branchSummary(name: string, req: RouteRequest): Record<string, unknown> {
    const classic = this.classic(name)
    const checks = classic?.statusChecks ?? null
    const sha = stableHex(`sha:${name}`, 40)
    const commitUrl = `${req.base}/repos/${this.fullName}/commits/${sha}`
    const gitUser = { name: 'Sandbox', email: 'sandbox@example.com', date: UPDATED_AT }
    return {
      name,
      commit: {
        sha,
        node_id: `C_${stableHex(`commit:${sha}`, 12)}`,
        url: commitUrl,
        html_url: `https://github.com/${this.fullName}/commit/${sha}`,
        comments_url: `${commitUrl}/comments`,
        commit: {
          url: `${req.base}/repos/${this.fullName}/git/commits/${sha}`,
          author: gitUser,
          committer: gitUser,
          message: 'Sandbox commit',
          comment_count: 0,
          tree: {
            sha: stableHex(`tree:${sha}`, 40),
            url: `${req.base}/repos/${this.fullName}/git/trees/${stableHex(`tree:${sha}`, 40)}`
          }
        },
        author: null,
        committer: null,
        parents: []
      },
      _links: {
        self: `${req.base}/repos/${this.fullName}/branches/${encodeURIComponent(name)}`,
        html: `https://github.com/${this.fullName}/tree/${name}`
      },
      protected: classic !== null || this.activeRulesets(name).length > 0,
      protection: {
        enabled: classic !== null,
        required_status_checks: {
          enforcement_level:
            checks === null ? 'off' : classic?.enforceAdmins ? 'everyone' : 'non_admins',
          contexts: checks?.contexts ?? [],
          checks: (checks?.contexts ?? []).map((context) => ({ context, app_id: null }))
        }
      },
      protection_url: `${req.base}/repos/${this.fullName}/branches/${encodeURIComponent(name)}/protection`
    }
  }

  private protection(name: string | null, caps: GitHubCaps, req: RouteRequest): Reply {
    const docs = 'https://docs.github.com/rest/branches/branch-protection#get-branch-protection'
    if (!caps.adminRead) return error(403, 'Resource not accessible by integration', docs)
    if (name === null) return error(404, 'Branch not found', docs)
    const p = this.classic(name)
    if (p === null) return error(404, 'Branch not protected', docs)
    const url = `${req.base}/repos/${this.fullName}/branches/${encodeURIComponent(name)}/protection`
    return reply(200, {
      url,
      ...(p.statusChecks === null
        ? {}
        : {
            required_status_checks: {
              url: `${url}/required_status_checks`,
              strict: p.statusChecks.strict,
              contexts: p.statusChecks.contexts,
              contexts_url: `${url}/required_status_checks/contexts`,
              checks: p.statusChecks.contexts.map((context) => ({ context, app_id: null }))
            }
          }),
      ...(p.requiredReviews === null
        ? {}
        : {
            required_pull_request_reviews: {
              url: `${url}/required_pull_request_reviews`,
              dismiss_stale_reviews: p.requiredReviews.dismissStale,
              require_code_owner_reviews: p.requiredReviews.codeOwners,
              required_approving_review_count: p.requiredReviews.approvals,
              require_last_push_approval: false,
              ...(p.bypassUsers.length + p.bypassApps.length === 0
                ? {}
                : {
                    bypass_pull_request_allowances: {
                      users: p.bypassUsers.map((login) => this.simpleUser(login, req)),
                      teams: [],
                      apps: p.bypassApps.map((slug) => this.integration(slug))
                    }
                  })
            }
          }),
      required_signatures: { url: `${url}/required_signatures`, enabled: false },
      enforce_admins: { url: `${url}/enforce_admins`, enabled: p.enforceAdmins },
      required_linear_history: { enabled: false },
      allow_force_pushes: { enabled: p.allowForcePushes },
      allow_deletions: { enabled: p.allowDeletions },
      block_creations: { enabled: false },
      required_conversation_resolution: { enabled: false },
      lock_branch: { enabled: p.lockBranch },
      allow_fork_syncing: { enabled: false }
    })
  }

  /** `caps` null: the list form, which never carries rules or bypass actors. */
  private ruleset(
    r: ScenarioRuleset,
    req: RouteRequest,
    caps: GitHubCaps | null
  ): Record<string, unknown> {
    const summary = {
      id: r.id,
      name: r.name,
      target: r.target,
      source_type: r.source,
      source: this.sourceName(r),
      enforcement: r.enforcement,
      node_id: `RRS_${stableHex(`ruleset:${r.id}`, 12)}`,
      _links: {
        self: { href: `${req.base}/repos/${this.fullName}/rulesets/${r.id}` },
        html: { href: `https://github.com/${this.fullName}/rules/${r.id}` }
      },
      created_at: CREATED_AT,
      updated_at: UPDATED_AT
    }
    if (caps === null) return summary
    // GitHub shows bypass actors only to those who may edit the ruleset: repository admins for
    // the repository's own, organization admins for an organization's (enterprise owners beyond).
    const mayEdit =
      r.source === 'Repository' ? caps.adminRead : r.source === 'Organization' && caps.orgAdmin
    return {
      ...summary,
      ...(mayEdit ? { bypass_actors: r.bypassActors } : {}),
      current_user_can_bypass:
        r.currentUserCanBypass ?? (mayEdit && r.bypassActors.length > 0 ? 'always' : 'never'),
      conditions: {
        ref_name: {
          include: r.branches.map((b) => (b.startsWith('~') ? b : `refs/heads/${b}`)),
          exclude: []
        }
      },
      rules: r.rules.map((rule) => ({
        type: rule.type,
        ...(rule.parameters === undefined ? {} : { parameters: rule.parameters })
      }))
    }
  }

  /** An environment in the shape of GitHub's `environment` schema. */
  private environment(e: ScenarioEnvironment, req: RouteRequest): Record<string, unknown> {
    const rule = (type: string, extra: Record<string, unknown>): Record<string, unknown> => {
      const id = stableNumber(`rule:${e.id}:${type}`)
      return { id, node_id: `GA_${stableHex(`rule:${e.id}:${type}`, 12)}`, type, ...extra }
    }
    const rules: Record<string, unknown>[] = []
    if (e.waitTimer > 0) rules.push(rule('wait_timer', { wait_timer: e.waitTimer }))
    if (e.reviewers.length > 0) {
      rules.push(
        rule('required_reviewers', {
          prevent_self_review: e.preventSelfReview,
          reviewers: e.reviewers.map((r) => ({
            type: r.type,
            reviewer: r.type === 'User' ? this.simpleUser(r.name, req) : this.team(r.name, req)
          }))
        })
      )
    }
    if (e.branchPolicy !== null) rules.push(rule('branch_policy', {}))
    const name = encodeURIComponent(e.name)
    return {
      id: e.id,
      node_id: `EN_${stableHex(`env:${e.id}`, 12)}`,
      name: e.name,
      url: `${req.base}/repos/${this.fullName}/environments/${name}`,
      html_url: `https://github.com/${this.fullName}/deployments/activity_log?environments_filter=${name}`,
      created_at: CREATED_AT,
      updated_at: UPDATED_AT,
      protection_rules: rules,
      deployment_branch_policy:
        e.branchPolicy === null
          ? null
          : {
              protected_branches: e.branchPolicy === 'protected',
              custom_branch_policies: e.branchPolicy !== 'protected'
            }
    }
  }

  /** GitHub's `team`, every required field present. */
  private team(slug: string, req: RouteRequest): Record<string, unknown> {
    const id = stableNumber(`team:${slug}`)
    const api = `${req.base}/organizations/${stableNumber(`org:${this.repo.owner}`)}/team/${id}`
    return {
      id,
      node_id: `T_${stableHex(`team:${slug}`, 12)}`,
      url: api,
      members_url: `${api}/members{/member}`,
      name: slug,
      slug,
      description: null,
      privacy: 'closed',
      permission: 'push',
      html_url: `https://github.com/orgs/${this.repo.owner}/teams/${slug}`,
      repositories_url: `${api}/repos`,
      parent: null,
      type: 'organization'
    }
  }

  private files(): Map<string, string> {
    const files = new Map<string, string>(Object.entries(this.repo.files))
    for (const w of this.repo.workflows) files.set(w.path, w.content)
    return files
  }

  private contents(path: string, req: RouteRequest): Reply {
    const clean = path.replace(/^\/+|\/+$/g, '')
    const files = this.files()
    const text = files.get(clean)
    const entry = (p: string, type: 'file' | 'dir', size: number): Record<string, unknown> => {
      const self = `${req.base}/repos/${this.fullName}/contents/${p}`
      const html = `https://github.com/${this.fullName}/${type === 'file' ? 'blob' : 'tree'}/${this.repo.defaultBranch}/${p}`
      const git = `${req.base}/repos/${this.fullName}/git/${type === 'file' ? 'blobs' : 'trees'}/${stableHex(`blob:${p}`, 40)}`
      return {
        type,
        name: p.split('/').pop() ?? p,
        path: p,
        sha: stableHex(`blob:${p}:${files.get(p) ?? ''}`, 40),
        size,
        url: self,
        html_url: html,
        git_url: git,
        download_url:
          type === 'file' ? `https://raw.githubusercontent.com/${this.fullName}/HEAD/${p}` : null,
        _links: { self, git, html }
      }
    }
    if (text !== undefined) {
      // The raw media type answers the file's text (any size up to 100 MB).
      if (/application\/vnd\.github\.raw/.test(req.headers.accept ?? '')) {
        return {
          status: 200,
          text,
          headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' }
        }
      }
      // Over 1 MB, the object answers no content: encoding "none", content "".
      if (this.repo.workflows.some((w) => w.path === clean && w.overOneMegabyte === true)) {
        return reply(200, {
          ...entry(clean, 'file', 1_048_576 + Buffer.byteLength(text)),
          encoding: 'none',
          content: ''
        })
      }
      const base64 = Buffer.from(text, 'utf8').toString('base64')
      return reply(200, {
        ...entry(clean, 'file', Buffer.byteLength(text)),
        encoding: 'base64',
        // GitHub wraps the base64 content at 60 characters.
        content: `${base64.replace(/(.{60})/g, '$1\n')}\n`
      })
    }
    // A directory: list what is directly under it.
    const prefix = clean === '' ? '' : `${clean}/`
    const children = new Map<string, Record<string, unknown>>()
    for (const [p, t] of files) {
      if (!p.startsWith(prefix)) continue
      const rest = p.slice(prefix.length)
      const slash = rest.indexOf('/')
      const child = slash === -1 ? p : prefix + rest.slice(0, slash)
      children.set(
        child,
        entry(child, slash === -1 ? 'file' : 'dir', slash === -1 ? Buffer.byteLength(t) : 0)
      )
    }
    if (children.size === 0) {
      return error(
        404,
        'Not Found',
        'https://docs.github.com/rest/repos/contents#get-repository-content'
      )
    }
    return reply(200, [...children.values()])
  }

  private pullRequest(req: RouteRequest): Record<string, unknown> {
    const r = this.repo
    const repo = {
      full_name: this.fullName,
      name: r.name,
      private: r.private,
      owner: { login: r.owner }
    }
    return {
      number: r.pullRequest,
      state: 'open',
      title: 'Sandbox pull request',
      url: `${req.base}/repos/${this.fullName}/pulls/${r.pullRequest}`,
      html_url: `https://github.com/${this.fullName}/pull/${r.pullRequest}`,
      head: { ref: 'feature/sandbox', sha: stableHex('sha:head', 40), repo },
      base: { ref: r.defaultBranch, sha: stableHex(`sha:${r.defaultBranch}`, 40), repo }
    }
  }

  private comment(c: SandboxComment, req: RouteRequest): Record<string, unknown> {
    const pr = this.repo.pullRequest
    return {
      id: c.id,
      node_id: `IC_${stableHex(`comment:${c.id}`, 16)}`,
      url: `${req.base}/repos/${this.fullName}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.fullName}/pull/${pr}#issuecomment-${c.id}`,
      issue_url: `${req.base}/repos/${this.fullName}/issues/${pr}`,
      body: c.body,
      user: { ...this.simpleUser(c.user, req), type: c.user.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.user.endsWith('[bot]') ? 'NONE' : 'MEMBER',
      performed_via_github_app: null
    }
  }

  /** GraphQL: only `query { viewer { login } }` (what the action asks to learn who it is). */
  private graphql(req: RouteRequest, caps: GitHubCaps): Reply {
    if (req.method !== 'POST' || req.path !== '/graphql') return error(404, 'Not Found')
    let query = ''
    try {
      const parsed: unknown = JSON.parse(req.body)
      if (typeof parsed === 'object' && parsed !== null && 'query' in parsed) {
        query = typeof parsed.query === 'string' ? parsed.query : ''
      }
    } catch {
      // Answered below as GraphQL does: 200 with errors.
    }
    if (!/^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)) {
      return reply(200, {
        errors: [{ message: 'The sandbox answers only query { viewer { login } }' }]
      })
    }
    return reply(200, { data: { viewer: { login: caps.login } } })
  }

  private commentBody(req: RouteRequest): string | null {
    try {
      const parsed: unknown = JSON.parse(req.body)
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        'body' in parsed &&
        typeof parsed.body === 'string'
      ) {
        return parsed.body
      }
    } catch {
      // An unparsable body is a validation failure, below.
    }
    return null
  }

  /**
   * The text a comment write sets, or GitHub's refusal: 403 to a token that may not write (`docs`:
   * the endpoint's anchor in the issue comments docs), then 422 to a body without a string `body`.
   */
  private commentWrite(req: RouteRequest, caps: GitHubCaps, docs: string): string | Reply {
    if (!caps.canWrite) {
      return error(403, 'Resource not accessible by integration', `${DOCS}/issues/comments#${docs}`)
    }
    return this.commentBody(req) ?? error(422, 'Validation Failed')
  }

  private createComment(issue: number, req: RouteRequest, caps: GitHubCaps): Reply {
    if (issue !== this.repo.pullRequest) return error(404, 'Not Found')
    const body = this.commentWrite(req, caps, 'create-an-issue-comment')
    if (typeof body !== 'string') return body
    const now = new Date().toISOString()
    const comment: SandboxComment = {
      id: this.nextCommentId++,
      body,
      // Recorded by token, as GitHub does: the author is whoever the token is.
      user: caps.login,
      createdAt: now,
      updatedAt: now
    }
    this.comments.push(comment)
    const json = this.comment(comment, req)
    return reply(201, json, { location: String(json.url) })
  }

  private updateComment(id: number, req: RouteRequest, caps: GitHubCaps): Reply {
    const index = this.comments.findIndex((c) => c.id === id)
    if (index === -1) return error(404, 'Not Found')
    const body = this.commentWrite(req, caps, 'update-an-issue-comment')
    if (typeof body !== 'string') return body
    const current = this.comments[index]
    if (current === undefined) return error(404, 'Not Found')
    const updated: SandboxComment = { ...current, body, updatedAt: new Date().toISOString() }
    this.comments[index] = updated
    return reply(200, this.comment(updated, req))
  }
}
