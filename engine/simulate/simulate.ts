/**
 * A Monte Carlo run on the calling thread: chunk after chunk, with a progress callback and a
 * cancellation check between chunks. For runs off the main thread, see `parallel.ts` (the same
 * chunks, spread over workers, identical results).
 */
import type { Model } from "../case/model.ts";
import { runChunk } from "./chunk.ts";
import { chunksOf, resolveOptions, type SimulationOptions } from "./options.ts";
import { planSimulation, type SimulationPlan } from "./plan.ts";
import { RunAssembler, type SimulationResult } from "./result.ts";

export interface RunHooks {
  /** Called after every chunk with the samples done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked before every chunk; true stops the run with a `SimulationCancelled`. */
  shouldStop?: () => boolean;
}

export class SimulationCancelled extends Error {
  constructor() {
    super("simulation cancelled");
    this.name = "SimulationCancelled";
  }
}

export function simulate(model: Model, options: SimulationOptions = {}, hooks: RunHooks = {}, plan: SimulationPlan = planSimulation(model)): SimulationResult {
  const o = resolveOptions(model, options);
  // Each chunk is folded into the result as soon as it is done (memory: see result.ts).
  const result = new RunAssembler(plan, o);
  let done = 0;
  for (const [index, start, count] of chunksOf(o)) {
    if (hooks.shouldStop?.()) throw new SimulationCancelled();
    result.add(runChunk(plan, o, index, start, count));
    done += count;
    hooks.onProgress?.(done, o.samples);
  }
  return result.finish();
}
