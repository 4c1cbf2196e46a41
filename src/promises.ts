/** A promise's outcome as a value: a read that failed is kept, never thrown past the caller. */
export type Settled<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }

/** Never rejects: resolves to the value or to the error. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error })
  )
}

/**
 * At most `max` tasks at once; the others wait in order. A finishing task hands its slot to the
 * next waiter directly, so a newcomer can never slip in between and exceed the cap.
 */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: (() => void)[] = []
  const release = (): void => {
    const next = waiting.shift()
    if (next === undefined) active -= 1
    else next()
  }
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active += 1
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      release()
    }
  }
}

/**
 * The run's deadline as an abort signal that can be pushed back: the time Scalingo's rate limit
 * makes the run wait (pacing) is added to it, so that the bound holds for waiting on answers.
 */
export class Deadline {
  private readonly controller = new AbortController()
  private timer: ReturnType<typeof setTimeout> | undefined
  private end: number
  /** Milliseconds added so far. */
  extendedMs = 0

  constructor(ms: number) {
    this.end = Date.now() + ms
    this.arm()
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Pushes the deadline back by `ms` (unless it has already passed). */
  extend(ms: number): void {
    if (this.controller.signal.aborted || ms <= 0) return
    this.end += ms
    this.extendedMs += ms
    this.arm()
  }

  private arm(): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(
      () => this.controller.abort(new DOMException('The run deadline passed', 'TimeoutError')),
      Math.max(this.end - Date.now(), 0)
    )
    // Like AbortSignal.timeout: the deadline alone does not keep the process alive.
    this.timer.unref()
  }
}
