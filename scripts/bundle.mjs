#!/usr/bin/env node
// `npm run bundle`: the three ncc builds (the action, the sandbox, the command line) at once,
// each writing its own folder of dist/. On two cores this takes about three quarters of the
// time of one build after the other. Exits non-zero when any build fails.
import { spawn } from 'node:child_process'

const builds = ['bundle:action', 'bundle:sandbox', 'bundle:cli']
const npm = process.env.npm_execpath

function run(script) {
  // npm_execpath is npm's own script when npm runs this; `npm` from PATH otherwise.
  const [command, args] = npm
    ? [process.execPath, [npm, 'run', '--silent', script]]
    : ['npm', ['run', '--silent', script]]
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('error', (error) => {
      process.stderr.write(`${script}: ${error.message}\n`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const codes = await Promise.all(builds.map(run))
const failed = builds.filter((_, i) => codes[i] !== 0)
if (failed.length > 0) {
  process.stderr.write(`npm run bundle: ${failed.join(', ')} failed\n`)
  process.exit(1)
}
