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
      return [branchReport(branch, message(branch, seen.value, ctx))]
    })
}
