import type * as actionsCore from '@actions/core'
import type { Octokit } from './github/octokit.js'
import { registerBlocker, registerRows, writeAccessRegister } from './report/access-register.js'
import { emitAnnotations } from './report/annotations.js'
import { wantsComment } from './config.js'
import { upsertComment, type StickyLookup } from './github/comments.js'
import { renderComment } from './report/comment.js'
import { writeOutputs } from './report/outputs.js'
import { createRedactor, type Redactor } from './report/redact.js'
import { writeReportFile } from './report/report-file.js'
import { writeSarifFile } from './report/sarif.js'
import { renderSummary } from './report/summary.js'
import type { Account, Config, Facts, Verdict } from './types.js'

type Core = Pick<
  typeof actionsCore,
  'error' | 'warning' | 'notice' | 'info' | 'setOutput' | 'summary'
>

export interface PublishInput {
  readonly verdict: Verdict
  readonly facts: Facts
  readonly config: Config
  readonly octokit: Octokit | null
  /** The sticky comment's lookup, started beside the audit. */
  readonly stickyComment?: Promise<StickyLookup> | null
  readonly core: Core
  readonly env: NodeJS.ProcessEnv
}

export const TOOL_VERSION = '1.0.0'

/**
 * Names of accounts the inputs give (owners, service-accounts, leads, members) and the emails
 * of `ignore` lines, for redaction: an expired ignore line is quoted in its finding.
 */
export function namesOf(config: Config): string[] {
  const emails = config.ignore.flatMap((e) =>
    e.subject !== null && e.subject.includes('@') ? [e.subject] : []
  )
  return [
    ...config.owners,
    ...config.serviceAccounts,
    ...config.leads,
    ...config.members,
    ...emails
  ]
}

/** The redactor of a run: every account of the facts and of the inputs, when redaction applies. */
export function redactorFor(config: Config, facts: Facts, eventPrivate: boolean | null): Redactor {
  return createRedactor(
    accountsOf(facts),
    shouldRedact(config, facts, eventPrivate),
    namesOf(config)
  )
}

/** Every account the facts name (pending invitations included), for redaction. */
export function accountsOf(facts: Facts): Account[] {
  if (facts.scalingo.status !== 'read') return []
  const accounts: Account[] = []
  if (facts.scalingo.token) accounts.push(facts.scalingo.token.account)
  for (const app of facts.scalingo.apps) accounts.push(app.owner, ...app.collaborators)
  return accounts
}

/** Redact on public repositories (or when visibility is unknown) unless told otherwise. */
export function shouldRedact(config: Config, facts: Facts, eventPrivate: boolean | null): boolean {
  if (config.redact !== 'auto') return config.redact === 'true'
  const isPrivate = facts.github.status === 'read' ? facts.github.isPrivate : null
  return (isPrivate ?? eventPrivate) !== true
}

/**
 * Writes what reviewers see: annotations, job summary, outputs, report file, SARIF, PR comment.
 * Never decides the exit.
 */
export async function publish(input: PublishInput): Promise<Redactor> {
  const { verdict, facts, config, core, env } = input
  const redactor = redactorFor(config, facts, null)

  let ownNotices = 2 // the comment and a truncated findings output may add one each
  if (facts.scalingo.status === 'skipped') {
    ownNotices++
    core.notice(
      redactor.text(
        `Scalingo checks skipped: ${facts.scalingo.reason}. The GitHub checks still ran.`
      ),
      {
        title: 'Scalingo part skipped'
      }
    )
  }
  // Decided before the annotations, so that its notice has a slot of its own.
  const registerBlocked = config.accessReport === null ? null : registerBlocker(facts, config)
  if (registerBlocked !== null) ownNotices++
  if (facts.github.status === 'skipped') {
    ownNotices++
    core.notice(redactor.text(`GitHub checks skipped: ${facts.github.reason}.`), {
      title: 'GitHub part skipped'
    })
  }
  // Keep slots for the lines this step adds itself: the failure line and our own notices.
  emitAnnotations(verdict.findings, core, {
    redact: redactor.finding,
    reserved: { error: verdict.result === 'fail' ? 1 : 0, notice: ownNotices }
  })

  const context = { verdict, facts, config, redactor, runUrl: config.runUrl, registerBlocked }

  const reportFile = writeReportFile(env.RUNNER_TEMP ?? process.cwd(), verdict, facts, config)
  const sarifPath =
    config.sarifFile === null
      ? null
      : writeSarifFile(env.GITHUB_WORKSPACE ?? process.cwd(), config.sarifFile, verdict, redactor, {
          toolVersion: TOOL_VERSION,
          artifactUri: workflowPath(env)
        })
  let accessReport: string | null = null
  if (config.accessReport !== null && registerBlocked === null) {
    accessReport = writeAccessRegister(
      env.GITHUB_WORKSPACE ?? process.cwd(),
      config.accessReport,
      registerRows(facts, config)
    )
    core.info(`Access register written to ${accessReport}.`)
  } else if (registerBlocked !== null) {
    core.notice(`No access register written: ${redactor.text(registerBlocked)}.`, {
      title: 'Access register not written'
    })
  }
  const { findingsOmitted } = writeOutputs(
    verdict,
    redactor,
    (name, value) => core.setOutput(name, value),
    { reportFile, sarifFile: sarifPath, accessReport }
  )
  if (findingsOmitted > 0) {
    core.notice(
      `The findings output holds ${verdict.findings.length - findingsOmitted} of ${verdict.findings.length} findings (GitHub's output limit); findings-truncated is true and the report file (${reportFile}) has them all.`,
      { title: 'Findings output truncated' }
    )
  }

  if (env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(renderSummary({ ...context, findingsOmitted })).write()
  }

  await keepComment(input, context)
  return redactor
}

async function keepComment(
  { config, octokit, core, stickyComment }: PublishInput,
  context: Parameters<typeof renderComment>[0]
): Promise<void> {
  if (!wantsComment(config)) return
  if (config.pullRequest === null || config.repository === null || octokit === null) {
    core.notice('No pull request comment: this run is not for a pull request.', {
      title: 'Comment skipped'
    })
    return
  }
  let outcome: Awaited<ReturnType<typeof upsertComment>>
  try {
    const target = {
      ...config.repository,
      issueNumber: config.pullRequest,
      body: renderComment(context)
    }
    // Without a lookup started beside the audit, upsertComment looks the comment up itself.
    outcome = await upsertComment(octokit, target, stickyComment ?? undefined)
  } catch (error) {
    // The verdict stands without the comment: say so, and let the exit follow the findings.
    const reason = error instanceof Error ? error.message : String(error)
    core.warning(
      context.redactor.text(`The pull request comment could not be written: ${reason}`),
      {
        title: 'Comment not updated'
      }
    )
    return
  }
  if (outcome === 'forbidden') {
    core.notice(
      'The token may not write pull request comments (pull requests from forks get a read-only token); the job summary has the full report.',
      { title: 'Comment skipped' }
    )
  } else if (outcome === 'created-unverified') {
    core.notice(
      "The token's own login could not be read (GraphQL viewer), so no earlier comment could be proven to be this action's: a new comment was posted and no other comment was edited.",
      { title: 'Comment posted anew' }
    )
  } else {
    core.info(`Pull request comment ${outcome}.`)
  }
}

function workflowPath(env: NodeJS.ProcessEnv): string {
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/file.yml@refs/heads/main
  const match = /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')
  return match?.[1] ?? 'action.yml'
}
