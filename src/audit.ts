import { collectFacts, type CollectOptions, type Collected } from './collect.js'
import { evaluate } from './policy/evaluate.js'
import type { Config, Verdict } from './types.js'

export interface Audit extends Collected {
  readonly verdict: Verdict
}

/** Reads both platforms and judges them: the part the action and the command line share. */
export async function audit(config: Config, options: CollectOptions): Promise<Audit> {
  const collected = await collectFacts(config, options)
  return { ...collected, verdict: evaluate(collected.facts, config) }
}
