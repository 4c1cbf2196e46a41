import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { runAction, type Annotation, type RunActionResult } from './run-action.js'
import { wrap } from '../cli/render.js'
import { sandboxRun } from './sandbox-run.js'
import { DEFAULT_SCENARIO } from './scenario.js'
import { startSandbox, type Sandbox } from './server.js'

export type Write = (text: string) => void

/** The folder holding action.yml: up from the running script, else up from the working directory. */
export function findActionDir(
  from: readonly string[] = [process.argv[1] ?? '', process.cwd()]
): string {
  for (const start of from) {
    if (start === '') continue
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'action.yml'))) return dir
      if (dirname(dir) === dir) break
    }
  }
  return process.cwd()
}

const LEVELS: readonly Annotation['level'][] = ['error', 'warning', 'notice']

/**
 * `npm run demo`: runs the bundled action against the sandbox exactly as a runner would and
 * prints what a reviewer sees. It shows; it does not fail because the scenario fails.
 */
export async function runDemo(options: {
  scenario?: string
  actionDir?: string
  write?: Write
}): Promise<number> {
  const write: Write = options.write ?? ((text) => process.stdout.write(text))
  const actionDir = options.actionDir ?? findActionDir()
  const main = join(actionDir, 'dist', 'index.js')
  if (!existsSync(main)) {
    write(`The bundled action is missing (${main}). Build it first: npm run bundle\n`)
    return 1
  }
  const sandbox = await startSandbox({ scenario: options.scenario ?? DEFAULT_SCENARIO })
  let result: RunActionResult | null = null
  try {
    const run = sandboxRun(sandbox)
    write(rule(`Scenario ${sandbox.scenario.name}`))
    const description = sandbox.scenario.description.split(/\s+/).filter(Boolean).join(' ')
    write(`${wrap(description, '', 96).join('\n')}\n`)
    write(`Sandbox: ${sandbox.url}  (Scalingo + GitHub on loopback)\n`)
    result = await runAction({ actionDir, ...run, timeoutMs: 150_000 })
    printResult(result, sandbox, write)
  } finally {
    await sandbox.close()
    if (result !== null) await rm(result.tempDir, { recursive: true, force: true })
  }
  return 0
}

function printResult(result: RunActionResult, sandbox: Sandbox, write: Write): void {
  write(rule('Annotations'))
  if (result.annotations.length === 0) write('(none)\n')
  for (const level of LEVELS) {
    const list = result.annotations.filter((a) => a.level === level)
    if (list.length === 0) continue
    write(`\n${level.toUpperCase()} (${list.length})\n`)
    for (const a of list) {
      const title = a.title ? `${a.title}: ` : ''
      write(`  • ${title}${a.message.replace(/\n/g, '\n    ')}\n`)
    }
  }

  write(rule('Job summary'))
  const summary = result.summary.replace(/<!--[\s\S]*?-->/g, '').trim()
  write(summary === '' ? '(empty)\n' : `${summary}\n`)

  write(rule('Outputs'))
  for (const name of [
    'result',
    'team-size',
    'errors',
    'warnings',
    'notices',
    'report-file',
    'sarif-file'
  ]) {
    const value = result.outputs[name]
    if (value === undefined || value === '') continue
    // Files live in the run's temporary folder, which the demo removes.
    const note = name.endsWith('-file') ? '  (removed with the run)' : ''
    write(`  ${name.padEnd(12)} ${value}${note}\n`)
  }
  const findings = countFindings(result.outputs.findings)
  if (findings !== null) write(`  ${'findings'.padEnd(12)} ${findings} (JSON array)\n`)

  write(rule('Run'))
  const byService = new Map<string, number>()
  for (const r of sandbox.requests) byService.set(r.service, (byService.get(r.service) ?? 0) + 1)
  const counts = [...byService].map(([service, n]) => `${service} ${n}`).join(', ')
  write(`  exit code    ${result.code ?? 'killed'}${result.timedOut ? ' (timed out)' : ''}\n`)
  write(`  requests     ${counts || 'none'}\n`)
  write(
    `  PR comments  ${sandbox.comments.length} on #${sandbox.scenario.repository.pullRequest}\n`
  )
  if (result.code !== 0 && result.code !== 1) {
    write(
      `\nThe action did not finish normally; its stderr ends with:\n${result.stderr.slice(-2000)}\n`
    )
  }
}

function countFindings(json: string | undefined): number | null {
  if (json === undefined || json === '') return null
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.length : null
  } catch {
    return null
  }
}

function rule(title: string): string {
  return `\n── ${title} ${'─'.repeat(Math.max(4, 72 - title.length))}\n`
}
