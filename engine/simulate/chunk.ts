/**
 * One chunk of a Monte Carlo run: samples [start, start + count). Chunks are the unit of
 * determinism and of parallel work: chunk k draws only from `createRng(seed).fork(k)`, so a run
 * gives bit-identical results whether its chunks run on one thread or on many, in any order.
 * Latin hypercube strata and Iman-Conover correlation are applied within each chunk.
 *
 * Inside a chunk: uniforms per uncertain parameter (stream `fork(0).fork(j)` for column j, or
 * one Latin hypercube from `fork(0)`), inverse-transformed by each parameter's sampler, then
 * the correlated columns reordered (stream `fork(1)`); then per sample: the sampled values
 * into the parameter vector, the derived parameters recomputed, the kernel run. Nothing in the
 * per-sample loop parses, compiles or allocates, except for arrangements (object path, see
 * arrangements.ts).
 */
import { buildLedger } from "../ledger.ts";
import { createRng, imanConover, latinHypercube } from "../uncertainty/index.ts";
import { arrangementTransfers } from "./arrangements.ts";
import type { SimulationPlan } from "./plan.ts";

export interface ChunkSettings {
  seed: number | string;
  lhs: boolean;
  /** Keep the net per entity and year (for fan charts). */
  yearly: boolean;
  /** Indices into `model.arrangements` to evaluate per sample (besides the status quo). */
  arrangements: readonly number[];
}

/**
 * Results of a chunk, entity-major (entities = the partners in the case's order, then society;
 * E = partners + 1): `npv[e * count + i]`, `net[e * count + i]`,
 * `yearly[(e * Y + k) * count + i]`, `arrangements[(a * E + e) * count + i]` (NPV), all in cents.
 */
export interface ChunkResult {
  index: number;
  start: number;
  count: number;
  npv: Float64Array;
  net: Float64Array;
  yearly: Float64Array | null;
  arrangements: Float64Array | null;
}

/** The sampled parameter columns of a chunk (column j for `plan.uncertain[j]`). */
export function sampleColumns(plan: SimulationPlan, settings: Pick<ChunkSettings, "seed" | "lhs">, index: number, count: number, buffers?: Float64Array[]): Float64Array[] {
  const rng = createRng(settings.seed).fork(index);
  const k = plan.uncertain.length;
  let columns: Float64Array[];
  if (settings.lhs) columns = latinHypercube(count, k, rng.fork(0));
  else {
    const streams = rng.fork(0);
    // `buffers` (the caller's, reused from chunk to chunk) spare allocating k columns per chunk.
    columns = plan.uncertain.map((_, j) => streams.fork(j).fill(buffers?.[j]?.length === count ? buffers[j]! : new Float64Array(count)));
  }
  columns.forEach((u, j) => plan.samplers[j]!(u, u));
  const corr = plan.correlated;
  if (corr && count >= 2) {
    const reordered = imanConover(corr.columns.map((j) => columns[j]!), corr.matrix, rng.fork(1));
    corr.columns.forEach((j, i) => { columns[j] = reordered[i]!; });
  }
  return columns;
}

/** Samples per block when a chunk is sampled block by block. */
const BLOCK = 1024;

/** Input columns per plan, reused by the chunks of a thread (a chunk reads them only while it runs). */
const columnBuffers = new WeakMap<SimulationPlan, Float64Array[]>();

export function runChunk(plan: SimulationPlan, settings: ChunkSettings, index: number, start: number, count: number): ChunkResult {
  const { model, kernel, derived } = plan;
  const P = kernel.partners.length, E = P + 1, Y = kernel.years;
  // Without Latin hypercube or correlation every column is its own stream, inverse-transformed
  // value by value, so the chunk can be sampled in blocks (the same numbers: each stream just
  // continues): the block's 93 or so columns stay in cache while the samples read them.
  const blocked = !settings.lhs && plan.correlated === null;
  const size = blocked ? Math.min(count, BLOCK) : count;
  let buffers = columnBuffers.get(plan);
  if (buffers === undefined || buffers[0]?.length !== size) columnBuffers.set(plan, (buffers = plan.uncertain.map(() => new Float64Array(size))));
  const streams = blocked ? (() => { const s = createRng(settings.seed).fork(index).fork(0); return plan.uncertain.map((_, j) => s.fork(j)); })() : null;
  let columns = blocked ? buffers : sampleColumns(plan, settings, index, count, buffers);
  let blockStart = 0;
  const slots = Int32Array.from(plan.uncertain, (u) => u.slot);
  const formulas = model.parameters.formulas;
  const values = plan.base.slice();
  const npv = new Float64Array(E * count), net = new Float64Array(E * count);
  const yearly = settings.yearly ? new Float64Array(E * Y * count) : null;
  const A = settings.arrangements.length;
  const arr = A > 0 ? new Float64Array(A * E * count) : null;
  const sNpv = new Float64Array(P), sNet = new Float64Array(P), sYear = settings.yearly ? new Float64Array(P * Y) : null;
  const aNpv = new Float64Array(P), aNet = new Float64Array(P);
  const partnerIndex = new Map(kernel.partners.map((p, i) => [p, i]));
  for (let i = 0; i < count; i++) {
    if (streams !== null && (i === 0 || i - blockStart === size)) {
      // The next block: fill and transform each column's first `len` values.
      blockStart = i;
      const len = Math.min(size, count - i);
      columns = buffers.map((b, j) => { const u = len === size ? b : b.subarray(0, len); streams[j]!.fill(u); return plan.samplers[j]!(u, u); });
    }
    const ci = i - blockStart;
    for (let j = 0; j < slots.length; j++) values[slots[j]!] = columns[j]![ci]!;
    for (let d = 0; d < derived.length; d++) values[derived[d]!] = formulas[derived[d]!]!(values);
    for (let p = 0; p < P; p++) { sNpv[p] = 0; sNet[p] = 0; }
    if (sYear !== null) for (let k = 0; k < sYear.length; k++) sYear[k] = 0;
    kernel.evaluate(values, sNpv, sNet, sYear);
    let societyNpv = 0, societyNet = 0;
    for (let p = 0; p < P; p++) {
      npv[p * count + i] = sNpv[p]!; net[p * count + i] = sNet[p]!;
      societyNpv += sNpv[p]!; societyNet += sNet[p]!;
    }
    npv[P * count + i] = societyNpv; net[P * count + i] = societyNet;
    if (yearly !== null) {
      for (let k = 0; k < Y; k++) {
        let s = 0;
        for (let p = 0; p < P; p++) { const v = sYear![p * Y + k]!; yearly[(p * Y + k) * count + i] = v; s += v; }
        yearly[(P * Y + k) * count + i] = s;
      }
    }
    if (arr !== null) {
      const rows = buildLedger(model, values).rows;
      for (let a = 0; a < A; a++) {
        aNpv.set(sNpv); aNet.set(sNet);
        arrangementTransfers(model, values, rows, model.arrangements[settings.arrangements[a]!]!, partnerIndex, aNpv, aNet);
        for (let p = 0; p < P; p++) arr[(a * E + p) * count + i] = aNpv[p]!;
        // Arrangements only move money between partners: society's NPV is the status quo's.
        arr[(a * E + P) * count + i] = societyNpv;
      }
    }
  }
  return { index, start, count, npv, net, yearly, arrangements: arr };
}
