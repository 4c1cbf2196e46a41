import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sanitize, wrap } from '../../src/cli/render.js'
import { runCli, type CliIo } from '../../src/cli/run.js'

function io(
  overrides: Partial<CliIo> = {}
): CliIo & { stdout: () => string; stderr: () => string } {
  let out = ''
  let err = ''
  return {
    out: (text) => {
      out += text
    },
    err: (text) => {
      err += text
    },
    env: {},
    isTty: false,
    columns: null,
    cwd: process.cwd(),
    ...overrides,
    stdout: () => out,
    stderr: () => err
  }
}

const ESC = '\u001b['

describe('runCli colours', () => {
  it('colours a terminal, and nothing when NO_COLOR is set or stdout is not a terminal', async () => {
    const tty = io({ isTty: true, columns: 100 })
    const noColor = io({ isTty: true, columns: 100, env: { NO_COLOR: '1' } })
    const pipe = io()
    expect(await runCli(['--sandbox', 'small-failing'], tty)).toBe(1)
    expect(await runCli(['--sandbox', 'small-failing'], noColor)).toBe(1)
    expect(await runCli(['--sandbox', 'small-failing'], pipe)).toBe(1)
    expect(tty.stdout()).toContain(`${ESC}31m`)
    expect(noColor.stdout()).not.toContain(ESC)
    expect(pipe.stdout()).not.toContain(ESC)
    // A terminal gets wrapped lines; a pipe keeps one line per message.
    expect(
      Math.max(
        ...noColor
          .stdout()
          .split('\n')
          .map((l) => l.length)
      )
    ).toBeLessThanOrEqual(100)
    expect(
      Math.max(
        ...pipe
          .stdout()
          .split('\n')
          .map((l) => l.length)
      )
    ).toBeGreaterThan(100)
  }, 60_000)
})

describe('runCli --sarif-file', () => {
  it('writes SARIF 2.1.0 where asked, relative to the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sag-cli-'))
    try {
      const sink = io({ cwd: dir })
      expect(await runCli(['--sandbox', 'mid-failing', '--sarif-file=out/audit.sarif'], sink)).toBe(
        1
      )
      const sarif = JSON.parse(readFileSync(join(dir, 'out', 'audit.sarif'), 'utf8')) as {
        version: string
        runs: { results: unknown[] }[]
      }
      expect(sarif.version).toBe('2.1.0')
      expect(sarif.runs[0]?.results.length).toBeGreaterThan(10)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('sanitize', () => {
  it('turns terminal controls from API text into visible escapes', () => {
    expect(sanitize('eve\u001b[2J\u0007@x.example\nnext')).toBe('eve\\x1b[2J\\x07@x.example next')
    expect(sanitize('plain text é')).toBe('plain text é')
  })
})

describe('wrap', () => {
  it('wraps at the width with a hanging indent, or not at all without one', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve'
    const lines = wrap(text, '    ', 30)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) {
      expect(line.startsWith('    ')).toBe(true)
      expect(line.length).toBeLessThanOrEqual(30)
    }
    expect(lines.map((l) => l.trim()).join(' ')).toBe(text)
    expect(wrap(text, '    ', null)).toEqual([`    ${text}`])
  })
})
