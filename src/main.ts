import * as core from '@actions/core'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RUN_DEADLINE_MS, audit } from './audit.js'
import { ConfigError, oneLine, parseConfig } from './config.js'
import { publish } from './publish.js'
import { INPUTS } from './inputs.js'
import type { Verdict } from './types.js'

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
      env: process.env,
      event: readEvent(process.env.GITHUB_EVENT_PATH),
      now: new Date(),
      workspaceHasCheckout: hasCheckout(process.env.GITHUB_WORKSPACE)
    })
    const signal = AbortSignal.timeout(RUN_DEADLINE_MS)
    const { facts, octokit, stickyComment, verdict } = await audit(config, {
      signal,
      setSecret: core.setSecret
    })
    await publish({ verdict, facts, config, octokit, stickyComment, core, env: process.env })
    if (verdict.result === 'fail') core.setFailed(failureLine(verdict, config.failOn))
  } catch (error) {
    core.setFailed(describe(error))
  }
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

function readEvent(path: string | undefined): unknown {
  if (!path || !existsSync(path)) return null
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch {
    return null
  }
}

function hasCheckout(workspace: string | undefined): boolean {
  return Boolean(workspace) && existsSync(join(workspace ?? '', '.github', 'workflows'))
}
