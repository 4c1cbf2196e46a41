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
