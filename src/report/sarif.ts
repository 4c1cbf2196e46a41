import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { HELP_BASE, RULE_CATALOG, helpUrl } from '../policy/catalog.js'
import { SEVERITY_BY_SIZE, type Level } from '../policy/severities.js'
import { RULE_IDS, type Finding, type RuleId, type Severity, type Verdict } from '../types.js'
import type { Redactor } from './redact.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
export const TOOL_NAME = 'scalingo-access-governance'
export const FINGERPRINT_KEY = 'scalingoGovernance/v1'

export type SarifLevel = 'error' | 'warning' | 'note' | 'none'

/* The subset of SARIF 2.1.0 this reporter writes (validated against the full schema in tests). */
export interface SarifMessage {
  readonly text: string
  readonly markdown?: string
}
export interface SarifRule {
  readonly id: string
  readonly name: string
  readonly shortDescription: SarifMessage
  readonly fullDescription: SarifMessage
  readonly help: SarifMessage
  readonly helpUri: string
  readonly defaultConfiguration: { readonly enabled: boolean; readonly level: SarifLevel }
  readonly properties: { readonly tags: readonly string[]; readonly 'security-severity'?: string }
}
export interface SarifResult {
  readonly ruleId: RuleId
  readonly ruleIndex: number
  readonly level: SarifLevel
  readonly message: SarifMessage
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string }
      readonly region: { readonly startLine: number }
    }
  }[]
  readonly partialFingerprints: Readonly<Record<string, string>>
  readonly suppressions?: readonly {
    readonly kind: 'external'
    readonly state: 'accepted'
    readonly justification: string
  }[]
  readonly properties: { readonly app: string | null; readonly subject: string | null }
}
export interface SarifLog {
  readonly $schema: string
  readonly version: '2.1.0'
  readonly runs: readonly {
    readonly tool: {
      readonly driver: {
        readonly name: string
        readonly version: string
        readonly informationUri: string
        readonly rules: readonly SarifRule[]
      }
    }
    readonly invocations: readonly { readonly executionSuccessful: boolean }[]
    readonly versionControlProvenance?: readonly { readonly repositoryUri: string }[]
    readonly columnKind: 'utf16CodeUnits'
    readonly results: readonly SarifResult[]
  }[]
}

export interface SarifOptions {
  readonly toolVersion: string
  /** https URL of the repository, e.g. https://github.com/acme/shop. */
  readonly repoUri?: string
  /** Where results point: the workflow file, relative to the repository root, or 'action.yml'. */
  readonly artifactUri: string
}

const LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  error: 'error',
  warning: 'warning',
  notice: 'note'
}

// Code scanning ranks security alerts by this score (0-10): error → high, warning → medium.
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  error: '8.0',
  warning: '5.0',
  notice: '2.0'
}

/**
 * sha256(rule|app|subject) in hex: stable across runs whatever the message says. `repeat` (2, 3…)
 * separates findings whose rule, app and subject are equal in this run.
 */
export function fingerprint(f: Pick<Finding, 'rule' | 'app' | 'subject'>, repeat = 1): string {
  const key = `${f.rule}|${f.app ?? ''}|${f.subject ?? ''}`
  return createHash('sha256')
    .update(repeat === 1 ? key : `${key}|${repeat}`)
    .digest('hex')
}

/**
 * A SARIF 2.1.0 log for github/codeql-action/upload-sarif. Pass findings already redacted when
 * the report is public: subjects feed the fingerprint and the result properties.
 */
export function buildSarif(verdict: Verdict, opts: SarifOptions): SarifLog {
  const size = verdict.teamSize.size
  const rules = RULE_IDS.map((id) => sarifRule(id, SEVERITY_BY_SIZE[id][size]))
  const uri = artifactUri(opts.artifactUri)
  const repositoryUri = opts.repoUri ? absoluteUri(opts.repoUri) : null

  // Redacted subjects can collide (b***@example.com for bob and bill): number the repeats so
  // code scanning keeps them apart instead of merging two alerts into one.
  const seen = new Map<string, number>()
  const results = verdict.findings.map((f): SarifResult => {
    const base = fingerprint(f)
    const repeat = (seen.get(base) ?? 0) + 1
    seen.set(base, repeat)
    const result: SarifResult = {
      ruleId: f.rule,
      ruleIndex: RULE_IDS.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: {
        text: `${f.message} Fix: ${f.fix}${f.command ? `\n\n${f.command}` : ''}`,
        ...(f.command
          ? { markdown: `${f.message}\n\n**Fix:** ${f.fix}\n\n\`\`\`\`sh\n${f.command}\n\`\`\`\`` }
          : {})
      },
      locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } }],
      partialFingerprints: {
        [FINGERPRINT_KEY]: repeat === 1 ? base : fingerprint(f, repeat)
      },
      properties: { app: f.app, subject: f.subject }
    }
    if (!f.accepted) return result
    return {
      ...result,
      suppressions: [{ kind: 'external', state: 'accepted', justification: justification(f) }]
    }
  })

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: opts.toolVersion,
            informationUri: HELP_BASE.replace(/#.*$/, ''),
            rules
          }
        },
        invocations: [{ executionSuccessful: !verdict.incomplete }],
        ...(repositoryUri ? { versionControlProvenance: [{ repositoryUri }] } : {}),
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
}

function sarifRule(id: RuleId, level: Level): SarifRule {
  const info = RULE_CATALOG[id]
  const text = `${info.description}\n\nRecommendation: ${info.recommendation}\n\nFix: ${info.fix}`
  const markdown =
    `${info.description}\n\n**Recommendation** (Scalingo): ${info.recommendation}\n\n` +
    `**Fix:** ${info.fix}\n\n[Rule documentation](${helpUrl(id)})`
  return {
    id,
    name: pascal(id),
    shortDescription: { text: info.title },
    fullDescription: { text: info.description },
    help: { text, markdown },
    helpUri: helpUrl(id),
    defaultConfiguration:
      level === 'off' ? { enabled: false, level: 'none' } : { enabled: true, level: LEVEL[level] },
    properties: {
      tags: ['security', 'scalingo'],
      ...(level === 'off' ? {} : { 'security-severity': SECURITY_SEVERITY[level] })
    }
  }
}

function justification(f: Finding): string {
  const reason = f.accepted?.reason ?? 'accepted by the ignore input'
  const until = f.accepted?.until
  return until ? `${reason} (until ${until})` : reason
}

function pascal(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
}

/** A relative URI reference: forward slashes, no leading './' or '/', unsafe characters encoded. */
function artifactUri(path: string): string {
  const clean = path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
  return (clean === '' ? 'action.yml' : clean).split('/').map(encodeURIComponent).join('/')
}

function absoluteUri(u: string): string | null {
  try {
    return new URL(u).href
  } catch {
    return null
  }
}

/**
 * Writes the SARIF of the redacted findings to `file` (relative to `dir`), creating its folder;
 * returns the absolute path. The action and the command line both write it this way.
 */
export function writeSarifFile(
  dir: string,
  file: string,
  verdict: Verdict,
  redactor: Pick<Redactor, 'finding'>,
  opts: SarifOptions
): string {
  const path = resolve(dir, file)
  mkdirSync(dirname(path), { recursive: true })
  const sarif = buildSarif({ ...verdict, findings: verdict.findings.map(redactor.finding) }, opts)
  writeFileSync(path, `${JSON.stringify(sarif, null, 2)}\n`)
  return path
}
