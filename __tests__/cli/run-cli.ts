import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** The bundled command, as `npm install` links it (package.json "bin"). */
export const CLI = join(process.cwd(), 'dist', 'cli', 'index.js')

if (!existsSync(CLI)) {
  throw new Error('dist/cli/index.js is missing: run `npm run bundle` before the command tests')
}

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the command as a process with a clean environment: only PATH, HOME and `env`, so a token
 * in the developer's shell never reaches a test (nor the sandbox).
 */
export function runCommand(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  node: string = process.execPath
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      node,
      [CLI, ...args],
      {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.cwd(), ...env },
        timeout: 150_000,
        maxBuffer: 16 * 1024 * 1024
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error)
          return
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
      }
    )
  })
}
