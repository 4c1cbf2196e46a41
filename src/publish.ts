import type * as actionsCore from '@actions/core'
import type { Octokit } from './github/octokit.js'
import { registerBlocker, registerRows, writeAccessRegister } from './report/access-register.js'
import { emitAnnotations } from './report/annotations.js'
import { wantsComment } from './config.js'
import { upsertComment, type StickyComment } from './github/comments.js'
import { renderComment } from './report/comment.js'
import { writeOutputs } from './report/outputs.js'
import { createRedactor } from './report/redact.js'
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
  readonly stickyComment?: Promise<StickyComment | null> | null
  readonly core: Core
  readonly env: NodeJS.ProcessEnv
}

export const TOOL_VERSION = '1.0.0'

/** Every account the facts name, for redaction. */
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
export async function publish(input: PublishInput): Promise<void> {
  const { verdict, facts, config, core, env } = input
  const redactor = createRedactor(accountsOf(facts), shouldRedact(config, facts, null))

  let ownNotices = 1 // the comment may add one
  if (facts.scalingo.status === 'skipped') {
    ownNotices++
    core.notice(`Scalingo checks skipped: ${facts.scalingo.reason}. The GitHub checks still ran.`, {
      title: 'Scalingo part skipped'
    })
  }
  // Decided before the annotations, so that its notice has a slot of its own.
  const registerBlocked = config.accessReport === null ? null : registerBlocker(facts, config)
  if (registerBlocked !== null) ownNotices++
  if (facts.github.status === 'skipped') {
    ownNotices++
    core.notice(`GitHub checks skipped: ${facts.github.reason}.`, { title: 'GitHub part skipped' })
  }
  // Keep slots for the lines this step adds itself: the failure line and our own notices.
  emitAnnotations(verdict.findings.map(redactor.finding), core, {
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
  writeOutputs(verdict, redactor, (name, value) => core.setOutput(name, value), {
    reportFile,
    sarifFile: sarifPath,
    accessReport
  })

  if (env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(renderSummary(context)).write()
  }

  await keepComment(input, context)
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
    core.warning(`The pull request comment could not be written: ${reason}`, {
      title: 'Comment not updated'
    })
    return
  }
  if (outcome === 'forbidden') {
    core.notice(
      'The token may not write pull request comments (pull requests from forks get a read-only token); the job summary has the full report.',
      { title: 'Comment skipped' }
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
