import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { makeBranch, makeFacts, makeGitHub, seen, unseen } from '../../../__fixtures__/facts.js'
import { runRules } from '../../../src/policy/evaluate.js'
import { defineRule, type RuleDefinition } from '../../../src/policy/rule.js'
import { RULES, RULE_IDS } from '../../../src/policy/rules/index.js'
import type { Facts } from '../../../src/types.js'
import { ctxOf } from '../scenarios.js'

const SRC = new URL('../../../src/policy/rules/', import.meta.url)
const TESTS = new URL('./', import.meta.url)

const modules = readdirSync(SRC)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''))

describe('the rule registry', () => {
  it('lists each rule once, and RULE_IDS in its order', () => {
    expect(RULE_IDS).toEqual(RULES.map((rule) => rule.id))
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length)
    expect(RULE_IDS).toHaveLength(32)
  })

  it('lists every module of src/policy/rules/, and no rule lives elsewhere', () => {
    expect([...modules].sort()).toEqual([...RULE_IDS].sort())
  })

  it.each([...RULE_IDS])('%s: src/policy/rules/%s.ts exports it as default', async (id) => {
    const module = (await import(new URL(`${id}.ts`, SRC).href)) as {
      default: RuleDefinition
    }
    expect(module.default.id).toBe(id)
    expect(RULES).toContain(module.default)
  })

  it.each([...RULE_IDS])('%s: has its test, __tests__/policy/rules/%s.test.ts', (id) => {
    expect(existsSync(new URL(`${id}.test.ts`, TESTS))).toBe(true)
  })

  it("CONTRIBUTING.md's Rules map links each rule to its module, in registry order", () => {
    const text = readFileSync(new URL('../../../CONTRIBUTING.md', import.meta.url), 'utf8')
    const map = [
      ...text.matchAll(/^\| \[`([a-z0-9-]+)`\]\(src\/policy\/rules\/([a-z0-9-]+)\.ts\) \|/gm)
    ]
    expect(map.map((m) => m[1])).toEqual([...RULE_IDS])
    expect(map.map((m) => m[2])).toEqual([...RULE_IDS])
  })

  it('types a definition so that a missing field does not compile', () => {
    const rule = defineRule({
      id: 'example-rule',
      // @ts-expect-error -- meta lacks fix
      meta: {
        title: 'Example',
        severity: { small: 'off', mid: 'notice', large: 'warning' },
        recommendation: 'A sentence.',
        description: 'A line.'
      },
      check: () => []
    })
    expect(Object.isFrozen(rule) && Object.isFrozen(rule.meta)).toBe(true)
  })
})

describe('all rules together', () => {
  const withBranch = (branch: Parameters<typeof makeBranch>[0]): Facts =>
    makeFacts({ github: makeGitHub({ branches: [makeBranch(branch)] }) })

  it('fire nothing when both platforms were skipped', () => {
    const facts: Facts = {
      scalingo: { status: 'skipped', reason: 'no token' },
      github: { status: 'skipped', reason: 'no repository' }
    }
    expect(runRules(ctxOf(facts, { owners: ['x'], leads: ['y'], maxAccounts: 0 }))).toEqual([])
  })

  it('an unprotected branch also fires the other rules that are literally true', () => {
    const facts = withBranch({
      protected: seen(false),
      requiredApprovals: seen(null),
      codeOwnerReviews: seen(false),
      requiredStatusChecks: seen([]),
      forcePushAllowed: seen(true),
      deletionAllowed: seen(true)
    })
    expect(runRules(ctxOf(facts)).map((d) => d.rule)).toEqual([
      'branch-unprotected',
      'reviews-not-required',
      'code-owner-review-not-required',
      'status-checks-not-required',
      'force-push-allowed',
      'deletion-allowed'
    ])
  })

  it('unseen facts fire nothing but protection-partially-readable', () => {
    const facts = withBranch({
      protected: unseen(),
      requiredApprovals: unseen(),
      codeOwnerReviews: unseen(),
      requiredStatusChecks: unseen(),
      forcePushAllowed: unseen(),
      deletionAllowed: unseen(),
      adminsBypass: unseen(),
      unreadable: [{ what: 'enforce_admins', permission: 'Administration: read' }]
    })
    expect(runRules(ctxOf(facts, {}, 'large')).map((d) => d.rule)).toEqual([
      'protection-partially-readable'
    ])
  })
})
