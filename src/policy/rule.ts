import type { Draft, RuleId, Severity, TeamSize } from '../types.js'
import type { RuleContext } from './context.js'

/** A rule's severity at one team size; `off`: not reported at that size. */
export type Level = Severity | 'off'

/** What a rule's check reports; the rule id and, unless the case needs its own, the fix come from the rule. */
export interface Report {
  readonly app: string | null
  /** Account (email, else username), branch or repository the finding is about. */
  readonly subject: string | null
  /** What is wrong and why it matters, one line. */
  readonly message: string
  /** Only when the fix depends on the case; otherwise `meta.fix`. */
  readonly fix?: string
  /** The fix to paste (a CLI command, a `gh api` call with its body), names filled in. */
  readonly command?: string
}

/** What a rule means: read by the findings, reports, SARIF and the README's rule reference. */
export interface RuleMeta {
  /** Short human name. */
  readonly title: string
  /** Default severity at each team size (DESIGN §2): the rule and the size decide it, thresholds do not. */
  readonly severity: Readonly<Record<TeamSize, Level>>
  /** The sentence of Scalingo's guide (or of the design) the rule enforces. */
  readonly recommendation: string
  /** One line: what a finding of this rule means. */
  readonly description: string
  /** One line: what to change in Scalingo's dashboard/CLI or on GitHub. */
  readonly fix: string
}

/** One rule, in the manner of ESLint's rule modules: `src/policy/rules/<id>.ts` exports one as default. */
export interface RuleDefinition<Id extends string = RuleId> {
  readonly id: Id
  readonly meta: RuleMeta
  /** Pure: facts and config in, reports out. No I/O, no clock, no `github.context`. */
  check(ctx: RuleContext): readonly Report[]
}

/** Types a rule module's definition (a missing field is a compile error) and freezes it. */
export function defineRule<const Id extends string>(rule: RuleDefinition<Id>): RuleDefinition<Id> {
  return Object.freeze({ ...rule, meta: Object.freeze({ ...rule.meta }) })
}

/** The rule's reports as drafts: its id on each, and its fix where the report has none. */
export function draftsOf(rule: RuleDefinition, ctx: RuleContext): Draft[] {
  return rule.check(ctx).map((report) => ({
    rule: rule.id,
    app: report.app,
    subject: report.subject,
    message: report.message,
    fix: report.fix ?? rule.meta.fix,
    ...(report.command === undefined ? {} : { command: report.command })
  }))
}
