/**
 * From chunk results to the result of a run, chunk by chunk as they arrive (in any order): each
 * chunk's NPV and net columns are copied to their place in the run's columns, its per-year nets
 * folded into the bands, and the chunk is let go. At the end, per partner, society and
 * arrangement the summary of NPV and net (mean, sd, p5 ... p95, the probability of a loss,
 * NPV < 0), per-year bands of the net for fan charts, and optionally the empirical CDF
 * (downsampled) and the samples themselves. Money in cents, like the ledger.
 *
 * Per-year bands: from every sample (exact type-7 percentiles, the mean in sample order) while
 * the run's per-year values, (1 + arrangements) x entities x years x samples, number at most
 * `bandsExactUpTo` (default 2^23, 64 MB); beyond that from one quantile sketch per entity and
 * year (uncertainty/sketch.ts: within 0.1 % of the exact percentile, see docs/uncertainty.md),
 * with the mean as the sum of each chunk's sum in chunk order. So memory grows with samples x
 * entities (the NPV columns, kept exact), not with samples x entities x years; and the result
 * is the same for any number of workers and any order of arrival (a sketch is counts, merged
 * by adding; the sums are added in chunk order at the end).
 */
import { describe, downsampleSorted, orderedForPercentiles, percentileSorted, QuantileSketch, summarize, type Summary } from "../uncertainty/index.ts";
import { sampleColumns, type ChunkResult } from "./chunk.ts";
import type { ResolvedOptions } from "./options.ts";
import type { SimulationPlan } from "./plan.ts";
import { compileSampler } from "./sampler.ts";
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
  /** With `keepInputs`: each uncertain parameter's sampled values, in sample order (same order as `parameters`). */
  inputs?: { name: string; samples: Float64Array }[];
}

export const SOCIETY = "society";
const BAND_PERCENTILES = [0.05, 0.1, 0.5, 0.9, 0.95];

/** Builds a run's result from its chunks, added one by one in any order. */
export class RunAssembler {
  private readonly n: number;
  private readonly P: number;
  private readonly E: number;
  private readonly Y: number;
  /** Perspectives: the status quo, then each arrangement asked for. */
  private readonly V: number;
  /** `npv[v * E + e]`: NPV samples of entity e under perspective v; `net[e]`: the status quo's net. */
  private readonly npv: Float64Array[];
  private readonly net: Float64Array[];
  /** Exact bands: `raw[(v * E + e) * Y + k]`, every sample's net of year k. */
  private readonly raw: Float64Array[] | null;
  /** Sketched bands: one sketch per (v, e, k), and each chunk's sums (by chunk index) for the means. */
  private readonly sketches: QuantileSketch[] | null;
  private readonly sums = new Map<number, Float64Array>();
  private added = 0;
  private samplesAdded = 0;
  /** Where each chunk lies (for the sampled inputs, re-drawn from the chunks' own streams). */
  private readonly placed: ChunkPlace[] = [];

  constructor(private readonly plan: SimulationPlan, private readonly o: ResolvedOptions) {
    this.n = o.samples;
    this.P = plan.kernel.partners.length;
    this.E = this.P + 1;
    this.Y = plan.kernel.years;
    this.V = 1 + o.arrangements.length;
    this.npv = Array.from({ length: this.V * this.E }, () => new Float64Array(this.n));
    this.net = Array.from({ length: this.E }, () => new Float64Array(this.n));
    const cells = this.V * this.E * this.Y;
    const exact = cells * this.n <= o.bandsExactUpTo;
    this.raw = o.yearly && exact ? Array.from({ length: cells }, () => new Float64Array(this.n)) : null;
    this.sketches = o.yearly && !exact ? Array.from({ length: cells }, () => new QuantileSketch()) : null;
  }

  /** Chunks added so far. */
  get chunks(): number {
    return this.added;
  }

  add(c: ChunkResult): void {
    const { E, Y, V } = this, count = c.count;
    for (let e = 0; e < E; e++) {
      this.npv[e]!.set(c.npv.subarray(e * count, (e + 1) * count), c.start);
      this.net[e]!.set(c.net.subarray(e * count, (e + 1) * count), c.start);
    }
    for (let v = 1; v < V; v++) {
      for (let e = 0; e < E; e++) this.npv[v * E + e]!.set(c.arrangements!.subarray(((v - 1) * E + e) * count, ((v - 1) * E + e + 1) * count), c.start);
    }
    if (this.o.yearly) {
      /** Block b (= (v' * E + e) * Y + k within the perspective's own array) of perspective v. */
      const block = (v: number, b: number) => (v === 0 ? c.yearly! : c.arrangementYearly!).subarray(b * count, (b + 1) * count);
      const sums = this.sketches !== null ? new Float64Array(V * E * Y) : null;
      for (let v = 0; v < V; v++) {
        for (let x = 0; x < E * Y; x++) {
          const cell = v * E * Y + x, col = block(v, (v === 0 ? 0 : (v - 1) * E * Y) + x);
          if (this.raw !== null) this.raw[cell]!.set(col, c.start);
          else {
            this.sketches![cell]!.addAll(col);
            let s = 0;
            for (let i = 0; i < count; i++) s += col[i]!;
            sums![cell] = s;
          }
        }
      }
      if (sums !== null) this.sums.set(c.index, sums);
    }
    this.added++;
    this.samplesAdded += count;
    this.placed.push({ index: c.index, start: c.start, count });
  }

  finish(): SimulationResult {
    const { plan, o, n, P, E, Y } = this;
    const { model } = plan;
    if (this.samplesAdded !== n) throw new Error(`RunAssembler: ${this.samplesAdded} of ${n} samples added`);
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
    // The chunks' sums in chunk order (the same whatever order they arrived in).
    const order = [...this.sums.keys()].sort((a, b) => a - b);
    const bandsOf = (v: number): EntityBands[] => !o.yearly ? [] : names.map((nm, e) => ({
      id: nm.id,
      bands: model.years.map((year, k) => {
        const cell = (v * E + e) * Y + k;
        if (this.raw !== null) {
          const raw = this.raw[cell]!;
          // The mean first (sample order), then the percentiles selected in place (the column is ours).
          let sum = 0;
          for (let i = 0; i < n; i++) sum += raw[i]!;
          const col = orderedForPercentiles(raw, BAND_PERCENTILES, true);
          return { year, mean: sum / n, p5: percentileSorted(col, 0.05), p10: percentileSorted(col, 0.1), p50: percentileSorted(col, 0.5), p90: percentileSorted(col, 0.9), p95: percentileSorted(col, 0.95) };
        }
        const sk = this.sketches![cell]!;
        let sum = 0;
        for (const i of order) sum += this.sums.get(i)![cell]!;
        return { year, mean: sum / n, p5: sk.quantile(0.05), p10: sk.quantile(0.1), p50: sk.quantile(0.5), p90: sk.quantile(0.9), p95: sk.quantile(0.95) };
      }),
    }));
    const perspective = (id: string, name: string, v: number): PerspectiveResult => {
      const all = Array.from({ length: E }, (_, e) => entity(e, this.npv[v * E + e]!, v === 0 ? this.net[e]! : null));
      return { id, name, partners: all.slice(0, P), society: all[P]!, yearly: bandsOf(v) };
    };
    const statusQuo = perspective("status-quo", "Status quo", 0);
    const arrangements = o.arrangements.map((ai, a) => {
      const arr = model.arrangements[ai]!;
      return perspective(arr.id, arr.name, a + 1);
    });
    return {
      contract: "bcase/simulate@1",
      samples: n, seed: o.seed, lhs: o.lhs, exact: o.exact, chunkSize: o.chunkSize, years: model.years,
      parameters: plan.uncertain.map((u) => ({ name: u.name, base: u.base, distribution: describe(u.distribution) })),
      statusQuo, yearly: statusQuo.yearly, arrangements,
      ...(o.keepInputs ? { inputs: inputSamples(plan, o, this.placed) } : {}),
      provenance: provenance(model, { seed: o.seed, samples: n, lhs: o.lhs, sampler: o.exact ? "exact" : "column-kernel", chunkSize: o.chunkSize, analysis: "monte-carlo" }),
    };
  }
}

/** The result of a run from all its chunks (in any order). */
export function assembleResult(plan: SimulationPlan, o: ResolvedOptions, chunks: readonly ChunkResult[]): SimulationResult {
  const a = new RunAssembler(plan, o);
  for (const c of chunks) a.add(c);
  return a.finish();
}

/**
 * The sampled parameter columns of a run, chunk by chunk from the chunks' own streams
 * (`sampleColumns`; a chunk sampled block by block gives the same values, a tested invariant),
 * so the chunk loops keep no extra columns. A plan made without samplers (the main thread of a
 * run on workers) gets them compiled here.
 */
type ChunkPlace = Pick<ChunkResult, "index" | "start" | "count">;

function inputSamples(plan: SimulationPlan, o: ResolvedOptions, chunks: readonly ChunkPlace[]): { name: string; samples: Float64Array }[] {
  const withSamplers = plan.samplers.length === plan.uncertain.length ? plan : { ...plan, samplers: plan.uncertain.map((u) => compileSampler(u.distribution)) };
  const out = plan.uncertain.map((u) => ({ name: u.name, samples: new Float64Array(o.samples) }));
  for (const c of chunks) {
    const cols = sampleColumns(withSamplers, o, c.index, c.count);
    cols.forEach((col, j) => out[j]!.samples.set(col, c.start));
  }
  return out;
}
