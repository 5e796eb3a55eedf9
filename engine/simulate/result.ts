/**
 * From chunk results to the result of a run: the columns put together in chunk order, then per
 * partner, society and arrangement the summary of NPV and net (mean, sd, p5 ... p95, the
 * probability of a loss, NPV < 0), per-year bands of the net for fan charts, and optionally the
 * empirical CDF (downsampled) and the samples themselves. Money in cents, like the ledger.
 */
import { describe, downsampleSorted, orderedForPercentiles, percentileSorted, summarize, type Summary } from "../uncertainty/index.ts";
import type { ChunkResult } from "./chunk.ts";
import type { ResolvedOptions } from "./options.ts";
import type { SimulationPlan } from "./plan.ts";
import { provenance, type Provenance } from "../ledger/provenance.ts";

export interface EntityResult {
  /** Partner id, or "society". */
  id: string;
  name: string;
  npv: Summary;
  net: Summary;
  /** P(NPV < 0). */
  probabilityOfLoss: number;
  /** Empirical CDF of the NPV: `values[j]` (cents) is reached with probability `probabilities[j]`. */
  cdf?: { values: Float64Array; probabilities: Float64Array };
  /** The NPV samples in sample order (with `keepSamples`). */
  samples?: Float64Array;
}

export interface YearBand {
  year: number;
  mean: number;
  p5: number;
  p10: number;
  p50: number;
  p90: number;
  p95: number;
}

export interface PerspectiveResult {
  /** "status-quo" for the case without arrangement, else the arrangement's id. */
  id: string;
  name: string;
  partners: EntityResult[];
  society: EntityResult;
  /** Net per year (cents) of each partner and of society (last) under this perspective; empty without `yearly`. */
  yearly: EntityBands[];
}

export interface EntityBands {
  id: string;
  bands: YearBand[];
}

export interface SimulationResult {
  contract: "bcase/simulate@1";
  samples: number;
  seed: number | string;
  lhs: boolean;
  /** Every sample through the exact cent ledger (else the column kernel, exact at the base values). */
  exact: boolean;
  chunkSize: number;
  years: number[];
  /** The uncertain parameters: name, base value and distribution in words. */
  parameters: { name: string; base: number; distribution: string }[];
  statusQuo: PerspectiveResult;
  /** Net per year (cents) of each partner and of society (last), status quo (= `statusQuo.yearly`); empty without `yearly`. */
  yearly: EntityBands[];
  arrangements: PerspectiveResult[];
  /** Engine version, case hash, seed, samples and sampler: where these figures come from. */
  provenance: Provenance;
}

export const SOCIETY = "society";
const BAND_PERCENTILES = [0.05, 0.1, 0.5, 0.9, 0.95];

export function assembleResult(plan: SimulationPlan, o: ResolvedOptions, chunks: readonly ChunkResult[]): SimulationResult {
  const { model, kernel } = plan;
  const n = o.samples, P = kernel.partners.length, E = P + 1, Y = kernel.years;
  const sorted = [...chunks].sort((a, b) => a.index - b.index);
  /** Column `col(chunk)` of every chunk, concatenated. */
  const gather = (pick: (c: ChunkResult) => Float64Array | null, block: number): Float64Array => {
    const out = new Float64Array(n);
    for (const c of sorted) out.set(pick(c)!.subarray(block * c.count, (block + 1) * c.count), c.start);
    return out;
  };
  const names = [...model.case.partners.map((p) => ({ id: p.id, name: p.name })), { id: SOCIETY, name: "Society" }];
  const entity = (e: number, npv: Float64Array, net: Float64Array | null): EntityResult => {
    // One full sort only when the CDF needs it; otherwise the percentiles are selected.
    const sorted = o.cdfPoints > 0 ? npv.slice().sort() : undefined;
    const s = summarize(npv, sorted);
    const r: EntityResult = { ...names[e]!, npv: s, net: net ? summarize(net) : s, probabilityOfLoss: s.probabilityBelowZero };
    if (sorted) r.cdf = downsampleSorted(sorted, o.cdfPoints);
    if (o.keepSamples) r.samples = npv;
    return r;
  };
  /** Bands of each entity's net per year from block `(offset + e) * Y + k` of `pick`. */
  const bandsOf = (pick: (c: ChunkResult) => Float64Array | null, offset: number): EntityBands[] => !o.yearly ? [] : names.map((nm, e) => ({
    id: nm.id,
    bands: model.years.map((year, k) => {
      const raw = gather(pick, (offset + e) * Y + k);
      // The mean first (sample order), then the percentiles selected in place (the column is ours).
      let sum = 0;
      for (let i = 0; i < n; i++) sum += raw[i]!;
      const col = orderedForPercentiles(raw, BAND_PERCENTILES, true);
      return { year, mean: sum / n, p5: percentileSorted(col, 0.05), p10: percentileSorted(col, 0.1), p50: percentileSorted(col, 0.5), p90: percentileSorted(col, 0.9), p95: percentileSorted(col, 0.95) };
    }),
  }));
  const perspective = (id: string, name: string, pick: (c: ChunkResult) => Float64Array | null, offset: number, withNet: boolean, yearly: EntityBands[]): PerspectiveResult => {
    const all = Array.from({ length: E }, (_, e) => entity(e, gather(pick, offset + e), withNet ? gather((c) => c.net, e) : null));
    return { id, name, partners: all.slice(0, P), society: all[P]!, yearly };
  };
  const yearly = bandsOf((c) => c.yearly, 0);
  const statusQuo = perspective("status-quo", "Status quo", (c) => c.npv, 0, true, yearly);
  const arrangements = o.arrangements.map((ai, a) => {
    const arr = model.arrangements[ai]!;
    return perspective(arr.id, arr.name, (c) => c.arrangements, a * E, false, bandsOf((c) => c.arrangementYearly, a * E));
  });
  return {
    contract: "bcase/simulate@1",
    samples: n, seed: o.seed, lhs: o.lhs, exact: o.exact, chunkSize: o.chunkSize, years: model.years,
    parameters: plan.uncertain.map((u) => ({ name: u.name, base: u.base, distribution: describe(u.distribution) })),
    statusQuo, yearly, arrangements,
    provenance: provenance(model, { seed: o.seed, samples: n, lhs: o.lhs, sampler: o.exact ? "exact" : "column-kernel", chunkSize: o.chunkSize, analysis: "monte-carlo" }),
  };
}
