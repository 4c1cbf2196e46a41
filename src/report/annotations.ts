import type * as core from '@actions/core'
import { SEVERITIES, type Finding, type Severity } from '../types.js'
import { groupAnnotation, groupFindings } from './groups.js'

/** The part of @actions/core that annotations need (tests pass a plain object). */
export type AnnotationSink = Pick<typeof core, 'error' | 'warning' | 'notice'>

export interface AnnotationOptions {
  /** GitHub shows at most 10 annotations of each level per step. */
  readonly perLevel?: number
  /** Applied to each finding after grouping (the redactor), so accounts masked alike stay apart. */
  readonly redact?: (f: Finding) => Finding
  /** Slots the caller fills itself at that level in the same step (e.g. a "skipped" notice). */
  readonly reserved?: Partial<Readonly<Record<Severity, number>>>
}

export interface AnnotationCounts {
  /** Annotations written, overflow lines included. */
  readonly emitted: number
  /** Findings that got no annotation of their own (they are in the job summary). */
  readonly folded: number
}

export const ANNOTATIONS_PER_LEVEL = 10

const PLURAL: Readonly<Record<Severity, string>> = {
  error: 'error findings',
  warning: 'warning findings',
  notice: 'notice findings'
}

/**
 * One annotation per group of findings not accepted (one rule and subject across apps: "alice
 * owns shop-01 … shop-10" is one line), most severe first. When a level has more than GitHub
 * shows, the last visible slot says how many more there are instead of dropping them silently.
 * Messages and titles go through @actions/core, which escapes workflow-command syntax.
 */
export function emitAnnotations(
  findings: readonly Finding[],
  sink: AnnotationSink,
  opts: AnnotationOptions = {}
): AnnotationCounts {
  const perLevel = opts.perLevel ?? ANNOTATIONS_PER_LEVEL
  let emitted = 0
  let folded = 0
  for (const level of SEVERITIES) {
    // At least one slot, so findings are never silently dropped: the overflow line counts them.
    const limit = Math.max(1, perLevel - (opts.reserved?.[level] ?? 0))
    const open = groupFindings(
      findings.filter((f) => f.severity === level && !f.accepted),
      opts.redact
    )
    const shown = open.length > limit ? open.slice(0, limit - 1) : open
    for (const g of shown) {
      const { title, message } = groupAnnotation(g)
      sink[level](message, { title })
      emitted++
    }
    const rest = open.slice(shown.length).reduce((sum, g) => sum + g.findings.length, 0)
    if (rest > 0) {
      sink[level](`${rest} more ${PLURAL[level]}: see the job summary`, {
        title: `Annotation limit (${level})`
      })
      emitted++
      folded += rest
    }
  }
  return { emitted, folded }
}

export function annotationTitle(f: Finding): string {
  return f.app === null ? f.rule : `${f.rule} (${f.app})`
}

export function annotationMessage(f: Finding): string {
  return `${f.message} Fix: ${f.fix}`
}
