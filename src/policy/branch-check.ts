import type { BranchFacts, Seen } from '../types.js'
import { githubBranches, type RuleContext } from './context.js'
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

/** One report per branch whose fact was seen and fails `wrong`; unseen facts never fire. */
export function branchCheck<T>(
  fact: (branch: BranchFacts) => Seen<T>,
  wrong: (value: T, ctx: RuleContext) => boolean,
  message: (branch: BranchFacts, value: T, ctx: RuleContext) => string
): (ctx: RuleContext) => Report[] {
  return (ctx) =>
    githubBranches(ctx).flatMap((branch): Report[] => {
      const seen = fact(branch)
      if (!seen.seen || !wrong(seen.value, ctx)) return []
      const report = branchReport(branch, message(branch, seen.value, ctx))
      // On a plan without protection, the setting cannot be changed until the plan is.
      return branch.protectionNotOnPlan
        ? [{ ...report, message: `${report.message} (${PLAN_WHY}.)`, fix: PLAN_FIX }]
        : [report]
    })
}
