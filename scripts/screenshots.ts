/*
 * Renders the pull request comment and the job summary of demo scenarios the way GitHub shows
 * them (GitHub-flavoured markdown through marked, GitHub's stylesheet from github-markdown-css)
 * at a comment's width (about 780 px) and a job summary's, then screenshots each page with
 * headless Chromium (Debian's `chromium`). Run by hand (`npm run screenshots`), not in CI:
 * look at the PNGs under screenshots/ (not committed).
 *
 *   ACTION_DIR=/path/to/other/checkout npm run screenshots   # the same pages for another build
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { marked } from 'marked'
import { sandboxRun } from '../src/sandbox/sandbox-run.js'
import { runAction } from '../src/sandbox/run-action.js'
import { startSandbox } from '../src/sandbox/server.js'
import { COMMENT_MARKER } from '../src/types.js'

const require = createRequire(import.meta.url)
const CSS = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
const ACTION_DIR = resolve(process.env.ACTION_DIR ?? process.cwd())
const OUT = resolve(process.env.SCREENSHOT_DIR ?? 'screenshots')
const SCENARIOS =
  process.argv.slice(2).length > 0
    ? process.argv.slice(2)
    : ['mid-failing', 'large-failing', 'small-failing']
/** A pull request comment's body is about 780 px wide; a job summary about 1,000 px. */
const WIDTHS = { comment: 780, summary: 1012 }

function page(markdown: string, width: number): string {
  const html = marked.parse(markdown, { gfm: true, async: false })
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: ${width}px; padding: 16px; border: 1px solid #d0d7de; }
details { margin: 4px 0; }
</style></head><body><article class="markdown-body">${html}</article></body></html>`
}

function shoot(htmlPath: string, pngPath: string, width: number, height: number): void {
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--screenshot=${pngPath}`,
      `--window-size=${width + 2},${height}`,
      `file://${htmlPath}`
    ],
    { stdio: 'ignore', timeout: 60_000 }
  )
}

mkdirSync(OUT, { recursive: true })
for (const scenario of SCENARIOS) {
  const sandbox = await startSandbox({ scenario })
  try {
    const run = sandboxRun(sandbox)
    const result = await runAction({ actionDir: ACTION_DIR, ...run, timeoutMs: 150_000 })
    const comment = sandbox.comments.find((c) => c.body.startsWith(COMMENT_MARKER))?.body ?? ''
    for (const [kind, markdown] of [
      ['comment', comment],
      ['summary', result.summary]
    ] as const) {
      const width = WIDTHS[kind]
      const base = join(OUT, `${scenario}-${kind}`)
      writeFileSync(`${base}.md`, markdown)
      writeFileSync(`${base}.html`, page(markdown, width))
      shoot(`${base}.html`, `${base}.png`, width, kind === 'comment' ? 1400 : 2400)
      // The same page with every <details> open: what a reviewer sees after a click.
      writeFileSync(
        `${base}-open.html`,
        page(markdown, width).replace(/<details>/g, '<details open>')
      )
      shoot(`${base}-open.html`, `${base}-open.png`, width, 2400)
      console.log(`${base}.png (${markdown.length} characters)`)
    }
  } finally {
    await sandbox.close()
  }
}
