import { collectFacts, type CollectOptions, type Collected } from './collect-facts.js'
import { evaluate } from './policy/evaluate.js'
import type { Config, Verdict } from './types.js'

/** Every request is aborted after this, so a run ends within two minutes even when all hang. */
export const RUN_DEADLINE_MS = 100_000

export interface Audit extends Collected {
  readonly verdict: Verdict
}

/** Reads both platforms and judges them: the part the action and the command line share. */
export async function audit(config: Config, options: CollectOptions): Promise<Audit> {
  const collected = await collectFacts(config, options)
  return { ...collected, verdict: evaluate(collected.facts, config) }
}
