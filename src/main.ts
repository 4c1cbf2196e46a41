import * as core from '@actions/core'
import * as github from '@actions/github'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { RUN_DEADLINE_MS, audit } from './audit.js'
import { ConfigError, oneLine, parseConfig, type RunContext } from './config.js'
import { Deadline } from './promises.js'
import { publish } from './publish.js'
import { SCALINGO_RATE_LIMIT } from './scalingo/budget.js'
import { INPUTS } from './inputs.js'
import { proxyCredentials, proxyEnvironment } from './proxy.js'
import type { Facts, Verdict } from './types.js'

/**
 * config → collect → evaluate → report → exit. The only place that decides failure.
 */
export async function run(): Promise<void> {
  try {
    // Mask the secrets before anything can print or send them.
    for (const input of INPUTS) {
      if (input.secret) {
        const value = core.getInput(input.name)
        if (value !== '') core.setSecret(value)
      }
    }
    const config = parseConfig({
      read: (name) => core.getInput(name),
      context: runContext(github.context),
      env: {
        ...proxyEnvironment(process.env),
        GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE,
        // github.context has the job but not the workflow's ref: both read here, side by side.
        GITHUB_WORKFLOW_REF: process.env.GITHUB_WORKFLOW_REF,
        GITHUB_JOB: process.env.GITHUB_JOB
      },
      now: new Date(),
      workspaceHasCheckout: hasCheckout(process.env.GITHUB_WORKSPACE)
    })
    for (const secret of proxyCredentials(config.proxy)) core.setSecret(secret)
    const deadline = new Deadline(RUN_DEADLINE_MS)
    // The request traces (core.debug, shown with step debug logging) fold into one group.
    const { facts, octokit, stickyComment, verdict } = await core.group(
      'Reading Scalingo and GitHub',
      async () => {
        const started = Date.now()
        const result = await audit(config, {
          signal: deadline.signal,
          deadlineAt: Date.now() + RUN_DEADLINE_MS,
          setSecret: core.setSecret,
          log: { debug: core.debug, info: core.info },
          onScalingoPacing: pacing(deadline, core.info)
        })
        core.info(readLine(result.facts, Date.now() - started))
        if (deadline.extendedMs > 0) {
          core.info(
            `Scalingo pacing: ${seconds(deadline.extendedMs)} spent within ${SCALINGO_RATE_LIMIT.requests} requests a minute, added to the run's deadline.`
          )
        }
        return result
      }
    )
    const redactor = await publish({
      verdict,
      facts,
      config,
      octokit,
      stickyComment,
      core,
      env: process.env
    })
    // The failure line is an annotation too: it quotes findings, so it is redacted like them.
    if (verdict.result === 'fail') {
      core.setFailed(redactor.text(failureLine(verdict, config.failOn)))
    }
  } catch (error) {
    core.setFailed(describe(error))
  }
}

/**
 * Scalingo's rate limit makes a large audit wait: the wait is added to the run's deadline (it is
 * not a slow answer) and the log says so once, when the first wait starts.
 */
export function pacing(deadline: Deadline, log: (line: string) => void): (waitMs: number) => void {
  return (waitMs) => {
    if (deadline.extendedMs === 0) {
      log(
        `Scalingo allows ${SCALINGO_RATE_LIMIT.requests} requests a minute per token: this audit needs more, ` +
          `so its requests are paced (waiting ${seconds(waitMs)} now) and the run's deadline grows by each wait.`
      )
    }
    deadline.extend(waitMs)
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

function failureLine(verdict: Verdict, failOn: string): string {
  if (verdict.incomplete) {
    const what = verdict.findings
      .filter(
        (f) => !f.accepted && (f.rule === 'scalingo-unavailable' || f.rule === 'github-unavailable')
      )
      .map((f) => f.message)
    return `The audit could not read everything it needs, so it cannot pass: ${what.join('; ')}`
  }
  const { errors, warnings, notices } = verdict.counts
  return (
    `Scalingo access governance failed (fail-on: ${failOn}): ` +
    `${errors} error(s), ${warnings} warning(s), ${notices} notice(s). See the job summary.`
  )
}

/** One clear line, whatever was thrown. */
export function describe(error: unknown): string {
  const text =
    error instanceof ConfigError
      ? error.message
      : `The audit could not run: ${error instanceof Error ? error.message : String(error)}`
  // One line, whatever the input or the error held: a failure is one ::error:: line.
  return oneLine(text, ' ')
}

/**
 * The toolkit's context as plain data, read once here: nothing below reads `github.context`.
 * `context.repo` throws when neither GITHUB_REPOSITORY nor the payload names a repository.
 */
function runContext(context: typeof github.context): RunContext {
  let repository: string | undefined
  try {
    repository = `${context.repo.owner}/${context.repo.repo}`
  } catch {
    repository = undefined
  }
  return {
    repository,
    apiUrl: context.apiUrl,
    serverUrl: context.serverUrl,
    runId: context.runId,
    eventName: context.eventName,
    payload: context.payload
  }
}

/** One line on what was read: requests per platform and the time it took. */
function readLine(facts: Facts, ms: number): string {
  const count = (part: Facts['scalingo'] | Facts['github']): string =>
    part.status === 'read' ? `${part.requests} request(s)` : 'skipped'
  return `Read in ${(ms / 1000).toFixed(1)} s: Scalingo ${count(facts.scalingo)}, GitHub ${count(facts.github)}.`
}

function hasCheckout(workspace: string | undefined): boolean {
  return Boolean(workspace) && existsSync(join(workspace ?? '', '.github', 'workflows'))
}
