import { describe, expect, it } from '@jest/globals'
import type { AnnotationProperties } from '@actions/core'
import { emitAnnotations, type AnnotationSink } from '../../src/report/annotations.js'
import type { Finding } from '../../src/types.js'
import { makeFinding } from '../../__fixtures__/report-data.js'

interface Call {
  readonly level: 'error' | 'warning' | 'notice'
  readonly message: string
  readonly title: string | undefined
}

function recordingSink(): { sink: AnnotationSink; calls: Call[] } {
  const calls: Call[] = []
  const record =
    (level: Call['level']) =>
    (message: string | Error, props?: AnnotationProperties): void => {
      calls.push({ level, message: String(message), title: props?.title })
    }
  return {
    sink: { error: record('error'), warning: record('warning'), notice: record('notice') },
    calls
  }
}

const many = (n: number, severity: Finding['severity']): Finding[] =>
  Array.from({ length: n }, (_, i) =>
    makeFinding({
      severity,
      rule: 'too-many-collaborators',
      app: `app-${i}`,
      // A subject of its own each: findings of one rule and subject would read as one line.
      subject: `user${i}@example.com`,
      message: `m${i}.`,
      fix: `f${i}.`
    })
  )

describe('emitAnnotations', () => {
  it('groups one rule and subject across apps into one line naming the apps', () => {
    const { sink, calls } = recordingSink()
    const owned = Array.from({ length: 10 }, (_, i) =>
      makeFinding({
        severity: 'error',
        rule: 'owner-unexpected',
        app: `shop-${String(i + 1).padStart(2, '0')}`,
        subject: 'alice@example.com',
        message: `shop-${i + 1} is owned by alice@example.com.`,
        fix: 'Transfer it.'
      })
    )
    emitAnnotations(owned, sink)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.title).toBe('owner-unexpected (shop-01, shop-02 … shop-10 (10 apps))')
    expect(calls[0]?.message).toMatch(
      /^alice@example\.com: Unexpected app owner on 10 apps: shop-01, shop-02, .*shop-10\./
    )
  })

  it('writes title "rule (app)" and message "message Fix: fix"', () => {
    const { sink, calls } = recordingSink()
    emitAnnotations(
      [
        makeFinding({
          severity: 'error',
          rule: 'owner-unexpected',
          app: 'shop',
          message: 'Owner is x.',
          fix: 'Transfer.'
        }),
        makeFinding({
          severity: 'notice',
          rule: 'no-ci-workflow',
          app: null,
          message: 'No CI.',
          fix: 'Add one.'
        })
      ],
      sink
    )
    expect(calls).toEqual([
      { level: 'error', title: 'owner-unexpected (shop)', message: 'Owner is x. Fix: Transfer.' },
      { level: 'notice', title: 'no-ci-workflow', message: 'No CI. Fix: Add one.' }
    ])
  })

  it('skips accepted findings', () => {
    const { sink, calls } = recordingSink()
    const result = emitAnnotations(
      [makeFinding({ severity: 'error', accepted: { reason: 'known', until: null } })],
      sink
    )
    expect(calls).toHaveLength(0)
    expect(result).toEqual({ emitted: 0, folded: 0 })
  })

  it('at 25 errors and 3 warnings: 9 errors, one overflow line, then the 3 warnings', () => {
    const { sink, calls } = recordingSink()
    // Warnings first in the input: the most severe must still come out first.
    const result = emitAnnotations([...many(3, 'warning'), ...many(25, 'error')], sink)
    const errors = calls.filter((c) => c.level === 'error')
    expect(errors).toHaveLength(10)
    expect(errors.slice(0, 9).map((c) => c.title)).toEqual(
      Array.from({ length: 9 }, (_, i) => `too-many-collaborators (app-${i})`)
    )
    expect(errors[9]?.message).toBe('16 more error findings: see the job summary')
    expect(calls.filter((c) => c.level === 'warning')).toHaveLength(3)
    expect(calls.map((c) => c.level).indexOf('warning')).toBe(10)
    expect(result).toEqual({ emitted: 13, folded: 16 })
  })

  it('shows exactly 10 when a level has exactly 10, with no overflow line', () => {
    const { sink, calls } = recordingSink()
    emitAnnotations(many(10, 'notice'), sink)
    expect(calls).toHaveLength(10)
    expect(calls.some((c) => c.message.includes('more'))).toBe(false)
  })

  it('never writes more than 10 per level, so at most 30 per step', () => {
    const { sink, calls } = recordingSink()
    emitAnnotations([...many(40, 'error'), ...many(40, 'warning'), ...many(40, 'notice')], sink)
    expect(calls).toHaveLength(30)
  })
})

describe('emitAnnotations with reserved slots', () => {
  it('leaves room for the notices the caller writes itself', () => {
    const { sink, calls } = recordingSink()
    emitAnnotations(many(12, 'notice'), sink, { reserved: { notice: 2 } })
    expect(calls).toHaveLength(8)
    expect(calls[7]?.message).toBe('5 more notice findings: see the job summary')
  })
})
