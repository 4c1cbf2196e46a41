import { z } from 'zod'
import type { ChangesWindow } from '../types.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** The most days `Nd` may ask: a yearly review, and a day's margin. */
export const MAX_CHANGES_DAYS = 366

export const CHANGES_SINCE_FORMAT = `expected Nd (1 to ${MAX_CHANGES_DAYS} days back, e.g. 7d or 30d) or a date as YYYY-MM-DD, not in the future`

const days = z
  .string()
  .regex(/^\d{1,3}d$/)
  .transform((v) => Number.parseInt(v, 10))
  .pipe(z.number().int().min(1).max(MAX_CHANGES_DAYS))

/** A calendar date: `z.iso.date()` checks the format and the day of the month (no 2025-02-30). */
const date = z.iso.date()

/**
 * `changes-since`: `Nd` is N × 24 hours before `now`; a date is that UTC day at 00:00. Either way
 * the window is [since, now]: an event at exactly `since` is in it. Returns null for a value
 * that is neither (the caller names the input).
 */
export function parseChangesSince(value: string, now: Date): ChangesWindow | null {
  const n = days.safeParse(value)
  if (n.success) {
    return { input: value, since: new Date(now.getTime() - n.data * DAY_MS).toISOString() }
  }
  const d = date.safeParse(value)
  if (!d.success) return null
  const since = new Date(`${d.data}T00:00:00.000Z`)
  if (since.getTime() > now.getTime()) return null
  return { input: value, since: since.toISOString() }
}
