import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { z } from 'zod'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = join(root, '.github', 'workflows')

const permissions = z.union([z.record(z.string(), z.string()), z.string()])
const step = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.union([z.string(), z.boolean()]).optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.unknown()).optional()
})
const job = z.looseObject({
  permissions: permissions.optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  steps: z.array(step).default([])
})
const workflowSchema = z.looseObject({
  on: z.unknown(),
  permissions: permissions.optional(),
  jobs: z.record(z.string(), job)
})
type Step = z.infer<typeof step>
type Job = z.infer<typeof job>

const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))
const workflows = new Map(
  files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8')
    return [file, { text, doc: workflowSchema.parse(parse(text)) }] as const
  })
)

function workflow(file: string): { text: string; doc: z.infer<typeof workflowSchema> } {
  const found = workflows.get(file)
  if (!found) throw new Error(`.github/workflows/${file} is missing`)
  return found
}

/** Everything a step hands to the shell or the action: its run script, env and with values. */
function stepText(s: Step): string {
  return [s.run ?? '', JSON.stringify(s.env ?? {}), JSON.stringify(s.with ?? {})].join('\n')
}

function writes(p: Job['permissions']): string[] {
  if (p === undefined) return []
  if (typeof p === 'string') return p === 'write-all' ? ['write-all'] : []
  return Object.entries(p)
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope)
}

describe('the self-test job', () => {
  const selfTests = [...workflows].flatMap(([file, { doc }]) =>
    Object.entries(doc.jobs)
      .filter(([, j]) => j.steps.some((s) => s.uses === './'))
      .map(([name, j]) => ({ file, name, job: j }))
  )

  it('exists: a job runs the action from the repository itself with `uses: ./`', () => {
    expect(selfTests.map((t) => `${t.file}#${t.name}`)).not.toEqual([])
  })

  it.each(selfTests.map((t) => [`${t.file}#${t.name}`, t.job] as const))(
    '%s starts the sandbox before `uses: ./` and asserts on its outputs after',
    (_, j) => {
      const index = j.steps.findIndex((s) => s.uses === './')
      const action = j.steps[index]
      const id = action?.id
      expect(id).toEqual(expect.stringMatching(/^[A-Za-z_][\w-]*$/))

      // Shell line continuations joined, so the background `&` sits on the serve command's line.
      const before = j.steps.slice(0, index).map((s) => (s.run ?? '').replace(/\\\n\s*/g, ' '))
      expect(before.some((run) => /dist\/sandbox\/index\.js serve\b[^\n]*&/.test(run))).toBe(true)
      expect(action?.with?.['scalingo-auth-url']).toEqual(
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//)
      )
      expect(action?.with?.['scalingo-api-url']).toEqual(
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//)
      )

      const checks = j.steps
        .slice(index + 1)
        .filter((s) => stepText(s).includes(`steps.${id ?? ''}.outputs.`))
      expect(checks).not.toEqual([])
      const assertions = checks.map((s) => s.run ?? '').join('\n')
      // A check that cannot fail proves nothing: it must assert or exit non-zero.
      expect(assertions).toMatch(/\bassert\b|\bexit 1\b/)
      for (const output of ['result', 'errors', 'warnings', 'notices', 'findings']) {
        expect(checks.map(stepText).join('\n')).toContain(`steps.${id ?? ''}.outputs.${output}`)
      }
      expect(assertions).toContain('owner-unexpected')
    }
  )
})

describe('every workflow', () => {
  it.each(files)(
    '%s denies everything by default and grants each job its own permissions',
    (file) => {
      const { doc } = workflow(file)
      expect(doc.permissions).toEqual({})
      for (const [name, j] of Object.entries(doc.jobs)) {
        expect([name, j.permissions === undefined]).toEqual([name, false])
      }
    }
  )

  it.each(files)(
    '%s pins every third-party action by full commit SHA, with its version',
    (file) => {
      const { text } = workflow(file)
      const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].map((m) => ({
        ref: m[1] ?? '',
        rest: m[2] ?? ''
      }))
      for (const { ref, rest } of uses.filter((u) => !u.ref.startsWith('./'))) {
        expect([ref, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref)]).toEqual([ref, true])
        expect([ref, /#\s*v\d+(\.\d+){0,2}\b/.test(rest)]).toEqual([ref, true])
      }
    }
  )

  it('only the release job may write, and only contents', () => {
    const writers = [...workflows].flatMap(([file, { doc }]) =>
      Object.entries(doc.jobs).flatMap(([name, j]) =>
        writes(j.permissions).map((scope) => `${file}#${name}:${scope}`)
      )
    )
    expect(writers).toEqual(['release.yml#release:contents'])
  })

  it('none runs untrusted pull request code with secrets (pull_request_target)', () => {
    for (const { text } of workflows.values()) expect(text).not.toMatch(/pull_request_target/)
  })
})

describe('ci.yml', () => {
  it('checks format, lint, types and tests on Node 24', () => {
    const { doc } = workflow('ci.yml')
    const steps = Object.values(doc.jobs).flatMap((j) => j.steps)
    const runs = steps.map((s) => s.run ?? '')
    for (const command of [
      'npm ci',
      'npm run format:check',
      'npm run lint',
      'npm run typecheck',
      'npm test'
    ]) {
      expect(runs.some((r) => r.startsWith(command))).toBe(true)
    }
    const nodes = steps.filter((s) => s.uses?.startsWith('actions/setup-node@'))
    expect(nodes.map((s) => String(s.with?.['node-version']))).toEqual(['24', '24'])
  })
})

describe('check-dist.yml', () => {
  it('rebuilds from a fresh install, fails on any change under dist/ and uploads the expected dist/', () => {
    const { doc } = workflow('check-dist.yml')
    const steps = Object.values(doc.jobs).flatMap((j) => j.steps)
    const runs = steps.map((s) => s.run ?? '')
    const order = ['npm ci', 'npm run bundle', 'git status --porcelain dist/'].map((c) =>
      runs.findIndex((r) => r.includes(c))
    )
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(runs.find((r) => r.includes('git status --porcelain dist/'))).toMatch(/exit 1/)

    const diff = steps.find((s) => s.run?.includes('git status --porcelain dist/'))
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))
    expect(upload?.with?.path).toBe('dist/')
    expect(String(upload?.if)).toContain('failure()')
    expect(String(upload?.if)).toContain(`steps.${diff?.id ?? 'missing-id'}.outcome`)
  })
})

describe('release.yml', () => {
  const { doc } = workflow('release.yml')

  it('runs on semantic version tags', () => {
    expect(doc.on).toEqual({ push: { tags: ['v*.*.*'] } })
  })

  it('refuses a stale dist/ before the job that may write moves the major tag', () => {
    // The jobs it needs write nothing: 'only the release job may write' above.
    const release = Object.values(doc.jobs).find((j) => writes(j.permissions).length > 0)
    if (release === undefined) throw new Error('release.yml has no job that may write')
    const needs = [release.needs ?? []].flat()
    const verifying = needs.map((n) => doc.jobs[n]).filter((j): j is Job => j !== undefined)
    const verifyRuns = verifying.flatMap((j) => j.steps.map((s) => s.run ?? '')).join('\n')
    expect(verifyRuns).toContain('npm run bundle')
    expect(verifyRuns).toContain('git status --porcelain dist/')

    const releaseRuns = release.steps.map((s) => s.run ?? '').join('\n')
    expect(releaseRuns).toMatch(/git tag --force "\$MAJOR"/)
    expect(releaseRuns).toMatch(/git push --force origin "refs\/tags\/\$MAJOR"/)
  })
})
