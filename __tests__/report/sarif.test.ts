import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { RULE_CATALOG, helpUrl } from '../../src/policy/catalog.js'
import { FINGERPRINT_KEY, buildSarif, fingerprint } from '../../src/report/sarif.js'
import { RULE_IDS } from '../../src/types.js'
import { makeFinding, makeVerdict } from '../../__fixtures__/report-data.js'

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, the plugin is .default.
const addFormats = addFormatsModule.default

// The OASIS SARIF 2.1.0 schema (oasis-tcs/sarif-spec, Documents/CommitteeSpecifications/2.1.0), vendored.
const schema = JSON.parse(
  readFileSync(new URL('./sarif-schema-2.1.0.json', import.meta.url), 'utf8')
) as Record<string, unknown>
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
const validate = ajv.compile(schema)

const findings = [
  makeFinding({
    severity: 'error',
    rule: 'branch-unprotected',
    app: null,
    subject: 'main',
    message: 'main is not protected.',
    fix: 'Protect it.'
  }),
  makeFinding({ severity: 'warning' }),
  makeFinding({
    severity: 'notice',
    rule: 'invitation-pending',
    subject: 'dan@example.com',
    accepted: { reason: 'joins Monday', until: '2030-01-31' }
  }),
  makeFinding({
    severity: 'notice',
    rule: 'no-ci-workflow',
    app: null,
    subject: null,
    accepted: { reason: null, until: null }
  })
]
const opts = {
  toolVersion: '1.2.3',
  artifactUri: '.github/workflows/governance.yml',
  repoUri: 'https://github.com/acme/shop'
}

describe('buildSarif', () => {
  const log = buildSarif(
    makeVerdict(findings, { teamSize: { size: 'mid', why: 'input: mid' } }),
    opts
  )
  const run = log.runs[0]

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const ok = validate(JSON.parse(JSON.stringify(log)))
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('has a schema that can reject (so the check above means something)', () => {
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string }[] }[] }
    const first = broken.runs[0]?.results[0]
    if (first) first.level = 'critical'
    expect(validate(broken)).toBe(false)
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false)
  })

  it('describes every rule with descriptions, help, helpUri and its level at this team size', () => {
    const rules = run?.tool.driver.rules ?? []
    expect(rules.map((r) => r.id)).toEqual([...RULE_IDS])
    const protection = rules.find((r) => r.id === 'branch-unprotected')
    expect(protection?.shortDescription.text).toBe(RULE_CATALOG['branch-unprotected'].title)
    expect(protection?.fullDescription.text).toBe(RULE_CATALOG['branch-unprotected'].description)
    expect(protection?.help.text).toContain(RULE_CATALOG['branch-unprotected'].fix)
    expect(protection?.help.markdown).toContain('**Fix:**')
    expect(protection?.helpUri).toBe(helpUrl('branch-unprotected'))
    expect(protection?.defaultConfiguration).toEqual({ enabled: true, level: 'error' })
    // A notice at mid size; off (so disabled) for a small team.
    expect(
      rules.find((r) => r.id === 'owner-not-service-account')?.defaultConfiguration.level
    ).toBe('note')
    const small = buildSarif(makeVerdict([]), opts).runs[0]?.tool.driver.rules
    expect(small?.find((r) => r.id === 'owner-not-service-account')?.defaultConfiguration).toEqual({
      enabled: false,
      level: 'none'
    })
    expect(run?.tool.driver).toMatchObject({ name: 'scalingo-access-governance', version: '1.2.3' })
  })

  it('maps severities to levels and points at the workflow file, line 1', () => {
    expect(run?.results.map((r) => r.level)).toEqual(['error', 'warning', 'note', 'note'])
    expect(run?.results[0]).toMatchObject({
      ruleId: 'branch-unprotected',
      ruleIndex: RULE_IDS.indexOf('branch-unprotected'),
      message: { text: 'main is not protected. Fix: Protect it.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: '.github/workflows/governance.yml' },
            region: { startLine: 1 }
          }
        }
      ]
    })
    expect(run?.versionControlProvenance).toEqual([
      { repositoryUri: 'https://github.com/acme/shop' }
    ])
  })

  it('fingerprints rule|app|subject as sha256 hex, stable across runs and messages', () => {
    const again = buildSarif(
      makeVerdict(findings.map((f) => ({ ...f, message: `${f.message} (reworded)` }))),
      opts
    )
    const fps = run?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])
    expect(again.runs[0]?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(fps)
    expect(fps?.[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(new Set(fps).size).toBe(4)
    expect(fingerprint({ rule: 'branch-unprotected', app: null, subject: 'main' })).toBe(fps?.[0])
    expect(fingerprint({ rule: 'branch-unprotected', app: null, subject: 'prod' })).not.toBe(
      fps?.[0]
    )
  })

  it('keeps redacted look-alikes apart: repeats of rule|app|subject get distinct fingerprints', () => {
    const twin = makeFinding({ subject: 'b***@example.com' })
    const log2 = buildSarif(makeVerdict([twin, { ...twin, message: 'other' }]), opts)
    const [a, b] = log2.runs[0]?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]) ?? []
    expect(a).toBe(fingerprint(twin))
    expect(b).toBe(fingerprint(twin, 2))
    expect(a).not.toBe(b)
  })

  it('marks accepted findings as external suppressions with their justification', () => {
    expect(run?.results[0]?.suppressions).toBeUndefined()
    expect(run?.results[2]?.suppressions).toEqual([
      { kind: 'external', state: 'accepted', justification: 'joins Monday (until 2030-01-31)' }
    ])
    expect(run?.results[3]?.suppressions?.[0]?.justification).toBe('accepted by the ignore input')
  })

  it('encodes unusual workflow paths into a valid relative URI', () => {
    const odd = buildSarif(makeVerdict(findings), {
      toolVersion: '1',
      artifactUri: './.github/workflows/my flow#1.yml'
    })
    expect(odd.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      '.github/workflows/my%20flow%231.yml'
    )
    expect(validate(JSON.parse(JSON.stringify(odd)))).toBe(true)
  })

  it('reports an incomplete audit as an unsuccessful invocation', () => {
    const log2 = buildSarif(makeVerdict([], { incomplete: true }), opts)
    expect(log2.runs[0]?.invocations).toEqual([{ executionSuccessful: false }])
  })
})
