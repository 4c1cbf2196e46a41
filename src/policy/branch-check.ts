import type { BranchFacts, Seen } from '../types.js'
import { githubBranches, type RuleContext } from './context.js'
import { rulesetCommand, settingsUrl, type Repo, type RulesetRule } from './fixes.js'
import type { Report } from './rule.js'

/** "branch main deploys to my-app on Scalingo" or "branch main". */
export function branchLabel(branch: BranchFacts): string {
  const base = `branch ${branch.branch}`
  return branch.deploysTo.length > 0
    ? `${base} deploys to ${branch.deploysTo.join(', ')} on Scalingo`
    : base
}

/** Sentence start; keeps the brief's wording "branch main deploys to my-app on Scalingo" intact. */
export const branchSentence = (branch: BranchFacts): string => `The ${branchLabel(branch)}`

/** A branch finding's app: the first app the branch deploys to, if any. */
export function branchReport(branch: BranchFacts, message: string): Report {
  return { app: branch.deploysTo[0] ?? null, subject: branch.branch, message }
}

/** Why no protection is possible, and what to do: a private repository on GitHub Free. */
export const PLAN_WHY =
  'GitHub Free offers no branch protection or rulesets on private repositories'
export const PLAN_FIX =
  'Upgrade the account to GitHub Pro (personal) or GitHub Team (organization), or make the repository public; then protect the branch with a ruleset or a branch protection rule.'

/** The repository whose branches were read. */
export function repoOf(ctx: RuleContext): Repo | null {
  const github = ctx.facts.github
  return github.status === 'read' ? { owner: github.owner, repo: github.repo } : null
}

/** A branch fix: what to do (names filled in) and the ruleset to POST, when one sets it. */
export type BranchFix = (
  branch: BranchFacts,
  repo: Repo,
  ctx: RuleContext
) => { readonly fix: string; readonly command?: string }

/**
 * A fix that adds a ruleset holding `rules` on the branch: the settings path in words, and the
 * `gh api` call that creates it.
 */
export function rulesetFix(
  what: string,
  rules: (ctx: RuleContext) => readonly RulesetRule[]
): BranchFix {
  return (branch, repo, ctx) => ({
    fix:
      `${what} on ${branch.branch}: add a branch ruleset in ${settingsUrl(repo, 'rules')} ` +
      '(or edit its classic protection), or create it with the gh api call of the comment and job summary.',
    command: rulesetCommand(repo, branch, what, rules(ctx))
  })
}

/** One report per branch whose fact was seen and fails `wrong`; unseen facts never fire. */
export function branchCheck<T>(
  fact: (branch: BranchFacts) => Seen<T>,
  wrong: (value: T, ctx: RuleContext) => boolean,
  message: (branch: BranchFacts, value: T, ctx: RuleContext) => string,
  fix?: BranchFix
): (ctx: RuleContext) => Report[] {
  return (ctx) =>
    githubBranches(ctx).flatMap((branch): Report[] => {
      const seen = fact(branch)
      if (!seen.seen || !wrong(seen.value, ctx)) return []
      const report = branchReport(branch, message(branch, seen.value, ctx))
      // On a plan without protection, the setting cannot be changed until the plan is.
      if (branch.protectionNotOnPlan) {
        return [{ ...report, message: `${report.message} (${PLAN_WHY}.)`, fix: PLAN_FIX }]
      }
      const repo = repoOf(ctx)
      return [fix && repo ? { ...report, ...fix(branch, repo, ctx) } : report]
    })
}
