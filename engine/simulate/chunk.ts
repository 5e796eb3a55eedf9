/**
 * One chunk of a Monte Carlo run: samples [start, start + count). Chunks are the unit of
 * determinism and of parallel work: chunk k draws only from `createRng(seed).fork(k)`, so a run
 * gives bit-identical results whether its chunks run on one thread or on many, in any order.
 * Latin hypercube strata and Iman-Conover correlation are applied within each chunk.
 *
 * Inside a chunk: uniforms per uncertain parameter (stream `fork(0).fork(j)` for column j, or
 * one Latin hypercube from `fork(0)`), inverse-transformed by each parameter's sampler, then
 * the correlated columns reordered (stream `fork(1)`). Then, block by block of 1,024 samples,
 * the derived parameters and the column kernel's per-sample formulas (only when a case has
 * them) and the column kernel over all lines (linear.ts), anchored on the exact ledger; or,
 * with `exact`, per sample the parameter vector and the exact cent kernel (kernel.ts).
 * Nothing per sample parses, compiles or allocates, except for arrangements (the status quo's
 * figures from typed rows, figures.ts, and the steps' own transfers: see arrangements.ts).
 */
import { InputError } from "../messages/issues.ts";
import { MAX_CENTS } from "../money/money.ts";
import { createRng, imanConover, latinHypercube } from "../uncertainty/index.ts";
import { sampleArrangement } from "./fixed.ts";
import { figuresKernel } from "./figures.ts";
import type { SimulationPlan } from "./plan.ts";

export interface ChunkSettings {
  seed: number | string;
  lhs: boolean;
  /** Keep the net per entity and year (for fan charts). */
  yearly: boolean;
  /** Indices into `model.arrangements` to evaluate per sample (besides the status quo). */
  arrangements: readonly number[];
  /** Every sample through the exact cent ledger (kernel.ts) instead of the column kernel (linear.ts). */
  exact?: boolean;
}

/**
 * Results of a chunk, entity-major (entities = the partners in the case's order, then society;
 * E = partners + 1): `npv[e * count + i]`, `net[e * count + i]`,
 * `yearly[(e * Y + k) * count + i]`, `arrangements[(a * E + e) * count + i]` (NPV) and
 * `arrangementYearly[((a * E + e) * Y + k) * count + i]` (net per year), all in cents.
 */
export interface ChunkResult {
  index: number;
  start: number;
  count: number;
  npv: Float64Array;
  net: Float64Array;
  yearly: Float64Array | null;
  arrangements: Float64Array | null;
  arrangementYearly: Float64Array | null;
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

/**
 * What both paths set up for a chunk: input buffers of `size` values, one stream per input when
 * the chunk is sampled block by block (without Latin hypercube or correlation every column is
 * its own stream, inverse-transformed value by value, so blocks give the same numbers: each
 * stream just continues), the parameter vector and the output arrays.
 */
function setUpChunk(plan: SimulationPlan, settings: ChunkSettings, index: number, count: number, size: number) {
  const P = plan.kernel.partners.length, E = P + 1, Y = plan.kernel.years, A = settings.arrangements.length;
  let buffers = columnBuffers.get(plan);
  if (buffers === undefined || buffers[0]?.length !== size) columnBuffers.set(plan, (buffers = plan.uncertain.map(() => new Float64Array(size))));
  const blocked = !settings.lhs && plan.correlated === null;
  const streams = blocked ? (() => { const s = createRng(settings.seed).fork(index).fork(0); return plan.uncertain.map((_, j) => s.fork(j)); })() : null;
  return {
    P, E, Y, A, buffers, streams,
    slots: Int32Array.from(plan.uncertain, (u) => u.slot),
    formulas: plan.model.parameters.formulas,
    values: plan.base.slice(),
    npv: new Float64Array(E * count), net: new Float64Array(E * count),
    yearly: settings.yearly ? new Float64Array(E * Y * count) : null,
    arr: A > 0 ? new Float64Array(A * E * count) : null,
    arrYearly: A > 0 && settings.yearly ? new Float64Array(A * E * Y * count) : null,
    aNpv: new Float64Array(P), aNet: new Float64Array(P), aYear: settings.yearly ? new Float64Array(P * Y) : null,
    partnerIndex: new Map(plan.kernel.partners.map((p, i) => [p, i])),
  };
}

export function runChunk(plan: SimulationPlan, settings: ChunkSettings, index: number, start: number, count: number): ChunkResult {
  return settings.exact ? runChunkExact(plan, settings, index, start, count) : runChunkColumns(plan, settings, index, start, count);
}

/**
 * The column path: per block of samples, the sampled columns, the derived parameters and the
 * kernel's per-sample formulas (only when there are any), then the column kernel for all
 * lines, anchored on the exact ledger (see linear.ts).
 */
function runChunkColumns(plan: SimulationPlan, settings: ChunkSettings, index: number, start: number, count: number): ChunkResult {
  const { model, linear, derived, anchor } = plan;
  if (anchor === null || linear === null) throw new Error("runChunk: the plan was made without samplers");
  const U = plan.uncertain.length, D = derived.length, C = linear.closures.length;
  const size = Math.min(count, BLOCK);
  const { P, E, Y, A, buffers, streams, slots, formulas, values, npv, net, yearly, arr, arrYearly, aNpv, aNet, aYear, partnerIndex } = setUpChunk(plan, settings, index, count, size);
  const whole = streams !== null ? null : sampleColumns(plan, settings, index, count);
  const extra = Array.from({ length: D + C }, () => new Float64Array(size));
  const cols: Float64Array[] = new Array(U + D + C);
  const perSample = D > 0 || C > 0;
  for (let b = 0; b < count; b += size) {
    const L = Math.min(size, count - b);
    for (let j = 0; j < U; j++) {
      if (whole !== null) cols[j] = whole[j]!.subarray(b, b + L);
      else { const u = L === size ? buffers[j]! : buffers[j]!.subarray(0, L); streams![j]!.fill(u); cols[j] = plan.samplers[j]!(u, u); }
    }
    for (let x = 0; x < D + C; x++) cols[U + x] = extra[x]!;
    if (perSample) {
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < U; j++) values[slots[j]!] = cols[j]![i]!;
        for (let d = 0; d < D; d++) { const v = formulas[derived[d]!]!(values); values[derived[d]!] = v; extra[d]![i] = v; }
        for (let f = 0; f < C; f++) extra[D + f]![i] = linear.closures[f]!(values);
      }
    }
    linear.evaluate(cols, L, npv, net, yearly, count, b);
    // Anchor on the exact ledger; society is the partners' sum.
    const ex = anchor.exact, li = anchor.linear;
    let worst = 0;
    for (let i = b; i < b + L; i++) {
      let sNpv = 0, sNet = 0;
      for (let p = 0; p < P; p++) {
        const v = ex.npv[p]! + (npv[p * count + i]! - li.npv[p]!), w = ex.net[p]! + (net[p * count + i]! - li.net[p]!);
        npv[p * count + i] = v; net[p * count + i] = w; sNpv += v; sNet += w;
        if (!(Math.abs(v) <= MAX_CENTS)) worst = v;
        if (!(Math.abs(w) <= MAX_CENTS)) worst = w;
      }
      npv[P * count + i] = sNpv; net[P * count + i] = sNet;
      if (!(Math.abs(sNpv) <= MAX_CENTS)) worst = sNpv;
      if (!(Math.abs(sNet) <= MAX_CENTS)) worst = sNet;
    }
    // Each line stayed within MAX_CENTS (linear.ts); together, in a sample, they may not.
    if (worst !== 0) throw new InputError([], "sampledTotalOverflow", { value: worst / 100 });
    if (yearly !== null) {
      // Row by row (each partner-year is contiguous), then society's row as the partners' sum in order.
      for (let k = 0; k < Y; k++) {
        const soc = (P * Y + k) * count;
        for (let p = 0; p < P; p++) {
          const row = (p * Y + k) * count, e = ex.yearly[p * Y + k]!, l = li.yearly[p * Y + k]!;
          for (let i = b; i < b + L; i++) {
            const v = e + (yearly[row + i]! - l);
            yearly[row + i] = v;
            yearly[soc + i] = p === 0 ? 0 + v : yearly[soc + i]! + v;
            if (!(Math.abs(v) <= MAX_CENTS)) worst = v;
          }
        }
        for (let i = b; i < b + L; i++) if (!(Math.abs(yearly[soc + i]!) <= MAX_CENTS)) worst = yearly[soc + i]!;
      }
      if (worst !== 0) throw new InputError([], "sampledTotalOverflow", { value: worst / 100 });
    }
    if (arr !== null) {
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < U; j++) values[slots[j]!] = cols[j]![i]!;
        for (let d = 0; d < D; d++) values[derived[d]!] = formulas[derived[d]!]!(values);
        // The sample's status-quo figures (one sample at a time: each is read before the next is made).
        const statusQuo = figuresKernel(plan).fill(values);
        const at = b + i;
        for (let a = 0; a < A; a++) {
          for (let p = 0; p < P; p++) { aNpv[p] = npv[p * count + at]!; aNet[p] = net[p * count + at]!; }
          if (aYear !== null) for (let e = 0; e < P * Y; e++) aYear[e] = yearly![e * count + at]!;
          sampleArrangement(plan, values, statusQuo, model.arrangements[settings.arrangements[a]!]!, partnerIndex, aNpv, aNet, aYear);
          for (let p = 0; p < P; p++) arr[(a * E + p) * count + at] = aNpv[p]!;
          // Arrangements only move money between partners: society's NPV is the status quo's.
          arr[(a * E + P) * count + at] = npv[P * count + at]!;
          if (arrYearly !== null) storeArrangementYears(arrYearly, yearly!, aYear!, a, E, P, Y, count, at);
        }
      }
    }
  }
  return { index, start, count, npv, net, yearly, arrangements: arr, arrangementYearly: arrYearly };
}

/** A sample's net per year under arrangement a: the partners' from `aYear`, society's the status quo's (transfers cancel). */
function storeArrangementYears(out: Float64Array, yearly: Float64Array, aYear: Float64Array, a: number, E: number, P: number, Y: number, count: number, i: number): void {
  for (let p = 0; p < P; p++) for (let k = 0; k < Y; k++) out[((a * E + p) * Y + k) * count + i] = aYear[p * Y + k]!;
  for (let k = 0; k < Y; k++) out[((a * E + P) * Y + k) * count + i] = yearly[(P * Y + k) * count + i]!;
}

/** The exact path: every sample's status quo through the cent ledger of kernel.ts. */
function runChunkExact(plan: SimulationPlan, settings: ChunkSettings, index: number, start: number, count: number): ChunkResult {
  const { model, kernel, derived } = plan;
  // Blocks keep the block's 93 or so columns in cache while the samples read them.
  const blocked = !settings.lhs && plan.correlated === null;
  const size = blocked ? Math.min(count, BLOCK) : count;
  const { P, E, Y, A, buffers, streams, slots, formulas, values, npv, net, yearly, arr, arrYearly, aNpv, aNet, aYear, partnerIndex } = setUpChunk(plan, settings, index, count, size);
  let columns = streams !== null ? buffers : sampleColumns(plan, settings, index, count, buffers);
  let blockStart = 0;
  const sNpv = new Float64Array(P), sNet = new Float64Array(P), sYear = settings.yearly ? new Float64Array(P * Y) : null;
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
      const statusQuo = figuresKernel(plan).fill(values);
      for (let a = 0; a < A; a++) {
        aNpv.set(sNpv); aNet.set(sNet);
        if (aYear !== null) aYear.set(sYear!);
        sampleArrangement(plan, values, statusQuo, model.arrangements[settings.arrangements[a]!]!, partnerIndex, aNpv, aNet, aYear);
        for (let p = 0; p < P; p++) arr[(a * E + p) * count + i] = aNpv[p]!;
        // Arrangements only move money between partners: society's NPV is the status quo's.
        arr[(a * E + P) * count + i] = societyNpv;
        if (arrYearly !== null) storeArrangementYears(arrYearly, yearly!, aYear!, a, E, P, Y, count, i);
      }
    }
  }
  return { index, start, count, npv, net, yearly, arrangements: arr, arrangementYearly: arrYearly };
}
