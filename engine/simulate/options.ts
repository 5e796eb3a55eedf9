/**
 * Settings of a Monte Carlo run: what the caller asks, else the case's `simulation:` defaults,
 * else the engine's. Resolved once, on the main thread, and sent to workers as plain data.
 */
import type { Model } from "../case/model.ts";

export interface SimulationOptions {
  /** Number of samples (default: the case's `simulation.samples`, else 10,000). */
  samples?: number;
  /** Seed of the random streams (default: the case's, else 1). Same seed, same result. */
  seed?: number | string;
  /** Latin hypercube sampling, stratified within each chunk (default: the case's, else false). */
  lhs?: boolean;
  /** Arrangements to evaluate per sample besides the status quo: ids, or "all" (default: none; they are costly, see docs/uncertainty.md). */
  arrangements?: readonly string[] | "all";
  /** Keep per-year nets for fan charts (default true). */
  yearly?: boolean;
  /** Points of each NPV's empirical CDF in the result (default 101; 0 for none). */
  cdfPoints?: number;
  /** Return the NPV samples themselves (default false). */
  keepSamples?: boolean;
  /**
   * Return the sampled values of the uncertain parameters, in sample order (default false): the
   * sample matrix value-of-information analysis regresses on. Re-drawn from the chunks' seeded
   * streams when the result is assembled, so the runs themselves do no extra work.
   */
  keepInputs?: boolean;
  /** Samples per chunk, the unit of determinism and parallel work (default 10,000). */
  chunkSize?: number;
  /**
   * Every sample through the exact cent ledger, row by row (default false: the column kernel,
   * exact at the base values and within the rows' rounding elsewhere; see linear.ts). Slower.
   */
  exact?: boolean;
  /**
   * Per-year bands from every sample (exact percentiles) while the run's per-year values,
   * (1 + arrangements) x (partners + 1) x years x samples, number at most this (default 2^23,
   * 64 MB); beyond it from quantile sketches, within 0.1 % of the exact percentiles, so memory
   * does not grow with samples x partners x years (see result.ts and docs/uncertainty.md).
   */
  bandsExactUpTo?: number;
}

export interface ResolvedOptions {
  samples: number;
  seed: number | string;
  lhs: boolean;
  /** Indices into `model.arrangements`. */
  arrangements: number[];
  yearly: boolean;
  cdfPoints: number;
  keepSamples: boolean;
  keepInputs: boolean;
  chunkSize: number;
  exact: boolean;
  bandsExactUpTo: number;
}

export const DEFAULT_SAMPLES = 10_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_CHUNK_SIZE = 10_000;
/** Per-year values a run keeps for exact bands, at most (beyond: sketches). 2^23 values = 64 MB. */
export const DEFAULT_BANDS_EXACT_UP_TO = 2 ** 23;

/** Resolves options; an unknown arrangement id or a bad count is a caller error (thrown as RangeError). */
export function resolveOptions(model: Model, o: SimulationOptions = {}): ResolvedOptions {
  const d = model.case.simulation ?? {};
  const samples = o.samples ?? d.samples ?? DEFAULT_SAMPLES;
  const chunkSize = o.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(samples) || samples < 1) throw new RangeError(`samples must be a whole number of at least 1, got ${samples}`);
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a whole number of at least 1, got ${chunkSize}`);
  const bandsExactUpTo = o.bandsExactUpTo ?? DEFAULT_BANDS_EXACT_UP_TO;
  if (!(bandsExactUpTo >= 0)) throw new RangeError(`bandsExactUpTo must be a number of at least 0, got ${bandsExactUpTo}`);
  const ids = model.arrangements.map((a) => a.id);
  const wanted = o.arrangements === "all" ? model.arrangements.filter((a) => a.steps.length > 0).map((a) => a.id) : [...(o.arrangements ?? [])];
  const arrangements = wanted.map((id) => {
    const i = ids.indexOf(id);
    if (i < 0) throw new RangeError(`unknown arrangement "${id}" (known: ${ids.join(", ")})`);
    return i;
  });
  return {
    samples, chunkSize, arrangements,
    seed: o.seed ?? d.seed ?? DEFAULT_SEED,
    lhs: o.lhs ?? d.lhs ?? false,
    yearly: o.yearly ?? true,
    cdfPoints: Math.max(0, Math.floor(o.cdfPoints ?? 101)),
    keepSamples: o.keepSamples ?? false,
    keepInputs: o.keepInputs ?? false,
    exact: o.exact ?? false,
    bandsExactUpTo,
  };
}

/** The chunks of a run: [index, start, count]. */
export function chunksOf(o: Pick<ResolvedOptions, "samples" | "chunkSize">): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let k = 0, start = 0; start < o.samples; k++, start += o.chunkSize) out.push([k, start, Math.min(o.chunkSize, o.samples - start)]);
  return out;
}
