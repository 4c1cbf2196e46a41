import type { Parameters } from 'fast-check'

/** The seed every property test starts from, so that `npm test` gives the same cases each run. */
export const DEFAULT_SEED = 1126

/**
 * fast-check options for every property test: a fixed seed, overridden by `FC_SEED` (try the
 * properties on other cases: `FC_SEED=7 npm test`). On failure fast-check's error names the seed
 * and the path of the shrunk counterexample; rerun with `FC_SEED=<seed>` to see it again.
 */
export function propertyOptions<T>(options: Omit<Parameters<T>, 'seed'> = {}): Parameters<T> {
  const raw = process.env.FC_SEED?.trim() ?? ''
  const seed = raw === '' ? DEFAULT_SEED : Number(raw)
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${raw}`)
  return { verbose: 1, ...options, seed }
}
