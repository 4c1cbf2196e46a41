// No API path of its own: the request budget every Scalingo call goes through (the transport in
// http.ts takes a slot before each attempt and gives it back when the answer is in).
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Scalingo's documented rate limit (developers documentation, index.md "Rate Limit"): 60
 * requests a minute, past which the API answers 429 `Retry later`. It counts per token, the
 * auth service and the regional APIs together, so one budget serves one client.
 */
export const SCALINGO_RATE_LIMIT = { requests: 60, windowMs: 60_000 } as const

/** A 429 never retries sooner than this. */
export const MIN_RETRY_WAIT_MS = 1000

/** Time, injectable: the tests run a 100-app audit on a fake clock shared with the sandbox. */
export interface Clock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : undefined)
}

export interface BudgetOptions {
  readonly requests: number
  readonly windowMs: number
  readonly clock: Clock
  /** Told before each wait that the budget itself imposes (pacing), with its length. */
  readonly onPace?: (waitMs: number) => void
}

/** A request's place in the window; `done` when its answer (or failure) is in. */
export interface Slot {
  done(): void
}

interface Entry {
  /** When the answer came; null while the request is in flight. */
  at: number | null
}

/**
 * Plans requests within the window so that a run never provokes a 429 by itself, whatever the
 * number of apps: at most `requests` in any `windowMs`, counting a request from its send until
 * `windowMs` after its answer (the server saw it somewhere in between, so no interval of the
 * server's clock can hold more). Callers queue in order; one waits at a time, so the waits add up
 * to the pacing the run really needed.
 */
export class Budget {
  private readonly entries: Entry[] = []
  private queue: Promise<unknown> = Promise.resolve()
  private readonly wakers = new Set<() => void>()
  /** A 429 from elsewhere: nothing is sent before this. */
  private blockedUntil = 0
  /** Time spent waiting for the budget, in ms. */
  pacedMs = 0

  constructor(private readonly options: BudgetOptions) {}

  /** Waits until one more request fits, then holds its slot. Rejects when `signal` aborts. */
  take(signal?: AbortSignal): Promise<Slot> {
    const turn = this.queue.then(() => this.acquire(signal))
    this.queue = turn.catch(() => undefined)
    return turn
  }

  /**
   * After a 429 (another client of the same account spent the budget): wait for Retry-After when
   * given, else for a whole window, never less than a second; every request waits as long.
   */
  tooMany(retryAfterMs: number | null): number {
    const wait = Math.max(retryAfterMs ?? this.options.windowMs, MIN_RETRY_WAIT_MS)
    this.blockedUntil = Math.max(this.blockedUntil, this.options.clock.now() + wait)
    return wait
  }

  /** Sleeps on the budget's clock (the transport's retry waits). */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.options.clock.sleep(ms, signal)
  }

  private async acquire(signal?: AbortSignal): Promise<Slot> {
    const { clock, requests, windowMs } = this.options
    for (;;) {
      signal?.throwIfAborted()
      const now = clock.now()
      if (now < this.blockedUntil) {
        await clock.sleep(this.blockedUntil - now, signal)
        continue
      }
      this.prune(now)
      if (this.entries.length < requests) {
        const entry: Entry = { at: null }
        this.entries.push(entry)
        return { done: () => this.release(entry) }
      }
      const ends = this.entries.flatMap((e) => (e.at === null ? [] : [e.at + windowMs]))
      if (ends.length === 0) {
        // Every slot is in flight: the first answer frees the way.
        await this.nextRelease(signal)
        continue
      }
      const wait = Math.max(Math.min(...ends) - now, 1)
      this.pacedMs += wait
      this.options.onPace?.(wait)
      await clock.sleep(wait, signal)
    }
  }

  private release(entry: Entry): void {
    if (entry.at !== null) return
    entry.at = this.options.clock.now()
    for (const wake of this.wakers) wake()
    this.wakers.clear()
  }

  private prune(now: number): void {
    const { windowMs } = this.options
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const at = this.entries[i]?.at
      if (at !== null && at !== undefined && at + windowMs <= now) this.entries.splice(i, 1)
    }
  }

  private nextRelease(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.wakers.delete(wake)
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
      }
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      this.wakers.add(wake)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }
}
