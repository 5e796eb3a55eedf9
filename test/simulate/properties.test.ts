/**
 * Invariants of the Monte Carlo engine (engine/simulate), one property per test, each titled
 * with the invariant. The list is in test/README.md.
 */
import { afterAll, describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { allocate, evaluateModel, validateCase, pointEvaluator, switchingValues, parameterValues, roundCents, toCents, simulate, simulateInWorkers, compileKernel, planSimulation, sampleColumns, resolveOptions, chunksOf, runChunk, type CaseInput } from "../../engine/index.ts";
import { compileLinearKernel } from "../../engine/simulate/linear.ts";
import { allocateInto, allocationScratch, keyRanks, variablePart } from "../../engine/money/allocate.ts";
import { roundCentsFast, toCentsFast } from "../../engine/simulate/cents.ts";
import { roundCentsByDigits, toCentsByDigits } from "../../engine/money/money.ts";
import { BetaTable, compileSampler } from "../../engine/simulate/sampler.ts";
import { percentileSorted, quantile, SKETCH_RELATIVE_ERROR } from "../../engine/uncertainty/index.ts";
import { IncompleteBeta } from "../../engine/uncertainty/incompleteBeta.ts";
import { model } from "../helpers.ts";
import { arbPointCase, arbPointCaseWithArrangements, arbUncertainCase, arbUncertainCaseWithArrangements } from "./arbitraries.ts";
import { inProcessWorkers } from "./workers.ts";
import { switchingValue } from "../../engine/simulate/switching.ts";

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 60 });

describe("simulate invariant 1: point distributions equal the deterministic evaluation", () => {
  test.prop([arbPointCase])("with point distributions every sample's NPV and net equal evaluateModel exactly, per partner and for society", (c) => {
    const m = model(c);
    const ev = evaluateModel(m);
    const r = simulate(m, { samples: 3, keepSamples: true, cdfPoints: 0 });
    r.statusQuo.partners.forEach((p, i) => {
      expect(Array.from(p.samples!)).toEqual([ev.partners[i]!.npv, ev.partners[i]!.npv, ev.partners[i]!.npv]);
      expect(p.net.mean).toBe(ev.partners[i]!.net);
    });
    expect(Array.from(r.statusQuo.society.samples!)).toEqual([ev.society.npv, ev.society.npv, ev.society.npv]);
    r.yearly.forEach((y, e) => y.bands.forEach((b, k) => expect(b.p50).toBe(e < ev.partners.length ? ev.partners[e]!.yearly[k]!.net : ev.society.yearly[k]!.net)));
  });

  test.prop([arbUncertainCase, fc.integer({ min: 0, max: 1000 })])("the kernel gives evaluateModel's NPV, net and yearly net at any parameter values", (c, seed) => {
    const m = model(c);
    // Move every parameter away from its base value (by the seed), then compare both paths there.
    const overrides: Record<string, number> = {};
    const names = Object.keys(m.case.parameters);
    names.forEach((n, i) => { overrides[n] = parameterValues(m.parameters)[m.parameters.slot.get(n)!]! * (1 + ((seed % 7) - 3) / 10) + i; });
    let ev;
    try { ev = evaluateModel(m, overrides); } catch { return; } // overrides may break a fraction; then there is nothing to compare
    const k = compileKernel(m);
    const P = k.partners.length;
    const npv = new Float64Array(P), net = new Float64Array(P), yearly = new Float64Array(P * k.years);
    k.evaluate(parameterValues(m.parameters, overrides), npv, net, yearly);
    ev.partners.forEach((p, i) => {
      expect(npv[i]).toBe(p.npv);
      expect(net[i]).toBe(p.net);
      p.yearly.forEach((y, j) => expect(yearly[i * k.years + j]).toBe(y.net));
    });
  });

  test.prop([arbPointCaseWithArrangements], { numRuns: 25 })("with point distributions, every arrangement's partner NPVs equal evaluateModel's", (c) => {
    const v = validateCase(c, { lang: "en" });
    fc.pre(v.ok); // random arrangements can be invalid (a settlement with nothing to share by)
    const m = v.model;
    const ev = evaluateModel(m);
    const r = simulate(m, { samples: 2, arrangements: "all", cdfPoints: 0 });
    for (const a of r.arrangements) {
      const det = ev.arrangements.find((x) => x.id === a.id)!;
      a.partners.forEach((p, i) => { expect(p.npv.min).toBe(det.partners[i]!.npv); expect(p.npv.max).toBe(det.partners[i]!.npv); });
      expect(a.society.npv.mean).toBe(det.society.npv);
      // Per-year bands under the arrangement: each partner's net per year, society's unchanged.
      expect(a.yearly).toHaveLength(det.partners.length + 1);
      a.yearly.forEach((y, e) => y.bands.forEach((b, k) => {
        const want = e < det.partners.length ? det.partners[e]!.yearly[k]!.net : det.society.yearly[k]!.net;
        expect(b.p5).toBe(want);
        expect(b.p95).toBe(want);
      }));
    }
  });
});

describe("simulate invariant 2: determinism and well-formed summaries", () => {
  test.prop([arbUncertainCase, fc.integer(), fc.boolean()], { numRuns: 30 })("the same seed gives the identical result; another seed a different one", (c, seed, lhs) => {
    const m = model(c);
    const a = simulate(m, { samples: 200, seed, lhs, keepSamples: true, chunkSize: 64 });
    const b = simulate(m, { samples: 200, seed, lhs, keepSamples: true, chunkSize: 64 });
    expect(b).toEqual(a);
    const other = simulate(m, { samples: 200, seed: seed + 1, lhs, keepSamples: true, chunkSize: 64 });
    const varies = a.statusQuo.partners.some((p) => p.npv.max !== p.npv.min);
    if (varies) expect(other.statusQuo.partners.map((p) => Array.from(p.samples!))).not.toEqual(a.statusQuo.partners.map((p) => Array.from(p.samples!)));
  });

  test.prop([arbUncertainCase, fc.integer(), fc.integer({ min: 2, max: 4 }), fc.boolean(), fc.boolean()], { numRuns: 15 })("results are identical on one thread and on any number of workers (column kernel and exact path; bands exact or from sketches)", async (c, seed, workers, exact, sketch) => {
    const m = model(c);
    const opts = { samples: 150, seed, keepSamples: true, chunkSize: 40, exact, ...(sketch ? { bandsExactUpTo: 0 } : {}) };
    const one = simulate(m, opts);
    expect(await simulateInWorkers(m, c, opts, inProcessWorkers(1))).toEqual(one);
    expect(await simulateInWorkers(m, c, opts, inProcessWorkers(workers))).toEqual(one);
    // The calling thread computing chunks while the workers start changes nothing either.
    expect(await simulateInWorkers(m, c, opts, inProcessWorkers(workers, { helpWhileStarting: true }))).toEqual(one);
    // Nor does the calling thread computing chunks for the whole run (as bcase simulate does in Node).
    expect(await simulateInWorkers(m, c, opts, inProcessWorkers(workers - 1, { helpThroughout: true }))).toEqual(one);
    // Nor workers dropped after a few chunks on the calling thread (keepWorkers, as bcase simulate does for short runs).
    const keep = (seed >>> 0) % 4;
    expect(await simulateInWorkers(m, c, opts, inProcessWorkers(workers - 1, { helpThroughout: true, keepWorkers: (done) => done < keep }))).toEqual(one);
  });

  test.prop([arbUncertainCaseWithArrangements, fc.integer()], { numRuns: 20 })(
    "per-year bands from sketches are within the stated error of the exact percentiles of every sample's net (0.1 % of the larger neighbouring order statistic, plus a cent), status quo and arrangements; the rest of the result is unchanged",
    (c, seed) => {
      const v = validateCase(c);
      fc.pre(v.ok); // random arrangements can be invalid (a settlement with nothing to share by)
      const m = v.model;
      const opts = { samples: 257, seed, chunkSize: 64, cdfPoints: 0, arrangements: "all" as const };
      let exact;
      try { exact = simulate(m, opts); } catch { return; } // a sampled fraction outside 0..1 is refused either way
      const sketched = simulate(m, { ...opts, bandsExactUpTo: 0 });
      const strip = (r: typeof exact) => [r.statusQuo, ...r.arrangements].map((v) => ({ ...v, yearly: [] }));
      expect(strip(sketched)).toEqual(strip(exact));
      // Every sample's net per year, from the chunks themselves.
      const plan = planSimulation(m), o = resolveOptions(m, opts);
      const chunks = chunksOf(o).map(([k, start, count]) => runChunk(plan, o, k, start, count));
      const E = m.case.partners.length + 1, Y = m.years.length;
      const column = (v: number, e: number, k: number) => {
        const out: number[] = [];
        for (const ch of chunks) {
          const src = v === 0 ? ch.yearly! : ch.arrangementYearly!, b = (v === 0 ? 0 : (v - 1) * E * Y) + e * Y + k;
          out.push(...src.subarray(b * ch.count, (b + 1) * ch.count));
        }
        return Float64Array.from(out).sort();
      };
      [sketched.statusQuo, ...sketched.arrangements].forEach((view, v) => view.yearly.forEach((ent, e) => ent.bands.forEach((band, k) => {
        const sorted = column(v, e, k), n = sorted.length;
        for (const [p, got] of [[0.05, band.p5], [0.1, band.p10], [0.5, band.p50], [0.9, band.p90], [0.95, band.p95]] as const) {
          const lo = Math.floor((n - 1) * p), hi = Math.min(lo + 1, n - 1);
          const bound = SKETCH_RELATIVE_ERROR * Math.max(Math.abs(sorted[lo]!), Math.abs(sorted[hi]!)) * (1 + 1e-9) + 1;
          expect(Math.abs(got - percentileSorted(sorted, p))).toBeLessThanOrEqual(bound);
        }
        // The mean: chunk sums added in chunk order instead of one sum in sample order.
        const want = [exact.statusQuo, ...exact.arrangements][v]!.yearly[e]!.bands[k]!.mean;
        expect(Math.abs(band.mean - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, ...sorted.map(Math.abs)));
      })));
    },
  );

  test.prop([arbUncertainCase, fc.integer()], { numRuns: 6 })("a chunk sampled block by block gives the samples of its whole columns (sampleColumns; exact path)", (c, seed) => {
    const m = model(c);
    const plan = planSimulation(m);
    fc.pre(plan.correlated === null);
    const n = 2100; // two blocks of 1,024 and a partial one
    const r = simulate(m, { samples: n, seed, chunkSize: n, keepSamples: true, cdfPoints: 0, yearly: false, exact: true });
    const cols = sampleColumns(plan, { seed, lhs: false }, 0, n);
    const values = plan.base.slice(), P = plan.kernel.partners.length;
    const npv = new Float64Array(P), net = new Float64Array(P);
    for (let i = 0; i < n; i += 37) {
      plan.uncertain.forEach((u, j) => { values[u.slot] = cols[j]![i]!; });
      for (const d of plan.derived) values[d] = m.parameters.formulas[d]!(values);
      npv.fill(0); net.fill(0);
      plan.kernel.evaluate(values, npv, net, null);
      r.statusQuo.partners.forEach((p, k) => expect(p.samples![i]).toBe(npv[k]));
    }
  });

  test.prop([arbUncertainCase, fc.integer()], { numRuns: 30 })("percentiles are ordered (min <= p5 <= p10 <= p50 <= p90 <= p95 <= max) and P(loss) lies in [0, 1]", (c, seed) => {
    const r = simulate(model(c), { samples: 120, seed });
    for (const p of [...r.statusQuo.partners, r.statusQuo.society]) {
      const s = p.npv;
      expect([s.min, s.p5, s.p10, s.p50, s.p90, s.p95, s.max]).toEqual([s.min, s.p5, s.p10, s.p50, s.p90, s.p95, s.max].slice().sort((x, y) => x - y));
      expect(p.probabilityOfLoss).toBeGreaterThanOrEqual(0);
      expect(p.probabilityOfLoss).toBeLessThanOrEqual(1);
    }
    for (const y of r.yearly) for (const b of y.bands) expect(b.p5 <= b.p10 && b.p10 <= b.p50 && b.p50 <= b.p90 && b.p90 <= b.p95).toBe(true);
  });
});

describe("simulate invariant 3: conservation per sample", () => {
  test.prop([arbUncertainCase, fc.integer()], { numRuns: 30 })("in every sample the partners' NPVs sum to society's NPV (within a cent)", (c, seed) => {
    const r = simulate(model(c), { samples: 100, seed, keepSamples: true, cdfPoints: 0 });
    const soc = r.statusQuo.society.samples!;
    for (let i = 0; i < soc.length; i++) {
      const sum = r.statusQuo.partners.reduce((s, p) => s + p.samples![i]!, 0);
      expect(Math.abs(sum - soc[i]!)).toBeLessThanOrEqual(1);
    }
  });
});

describe("simulate invariant 4: the fast paths equal the originals", () => {
  test.prop([fc.oneof(arbUncertainCase, arbPointCase), fc.integer(), fc.boolean()], { numRuns: 40 })("the column kernel's one-loop lines give the general path's bits (NPV, net and net per year)", (c, seed, yearlyToo) => {
    const m = model(c);
    const plan = planSimulation(m);
    const n = 300, U = plan.uncertain.length, D = plan.derived.length;
    const columnOfSlot = new Int32Array(plan.base.length).fill(-1);
    plan.uncertain.forEach((u, j) => { columnOfSlot[u.slot] = j; });
    plan.derived.forEach((s, d) => { columnOfSlot[s] = U + d; });
    const general = compileLinearKernel(m, columnOfSlot, plan.base, U + D, { fuse: false });
    // The columns a chunk would pass: sampled, derived and the kernel's per-sample formulas.
    const cols = sampleColumns(plan, { seed, lhs: false }, 0, n);
    const extra = Array.from({ length: D + plan.linear!.closures.length }, () => new Float64Array(n));
    const values = plan.base.slice();
    for (let i = 0; i < n; i++) {
      plan.uncertain.forEach((u, j) => { values[u.slot] = cols[j]![i]!; });
      plan.derived.forEach((s, d) => { values[s] = m.parameters.formulas[s]!(values); extra[d]![i] = values[s]!; });
      plan.linear!.closures.forEach((f, k) => { extra[D + k]![i] = f(values); });
    }
    const all = [...cols, ...extra];
    const P = plan.linear!.partners.length, Y = plan.linear!.years;
    const run = (k: typeof general) => {
      const out = { npv: new Float64Array(P * n), net: new Float64Array(P * n), yearly: yearlyToo ? new Float64Array(P * Y * n) : null };
      try { k.evaluate(all, n, out.npv, out.net, out.yearly, n, 0); } catch (e) { return String(e); }
      return out;
    };
    expect(run(plan.linear!)).toEqual(run(general));
  });

  test.prop([arbUncertainCase, fc.integer(), fc.boolean()], { numRuns: 30 })(
    "the column kernel differs from each sample's exact cent ledger by no more than the rows' rounding (2 cents a row, at the sample and at the anchor)",
    (c, seed, lhs) => {
      const m = model(c);
      const opts = { samples: 300, seed, lhs, keepSamples: true, cdfPoints: 0, chunkSize: 128 };
      let fast, exact;
      try { exact = simulate(m, { ...opts, exact: true }); } catch { return; } // a sampled fraction outside 0..1: both paths refuse it
      fast = simulate(m, opts);
      // Rows a partner can get per year: one per investment, per effect a funder part, a counterparty row, and two per provider.
      const rows = m.investments.reduce((s, inv) => s + inv.years.length, 0)
        + m.effects.reduce((s, e) => s + e.years.length * ((e.funders?.length ?? 0) + (e.counterparty ? 1 : 0) + 2 * e.providers.length), 0);
      const bound = 2 * 2 * rows;
      fast.statusQuo.partners.forEach((p, i) => {
        const a = p.samples!, b = exact.statusQuo.partners[i]!.samples!;
        for (let k = 0; k < a.length; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThanOrEqual(bound + Math.abs(b[k]!) * 1e-12);
        expect(Math.abs(p.net.mean - exact.statusQuo.partners[i]!.net.mean)).toBeLessThanOrEqual(bound);
      });
      fast.yearly.forEach((y, e) => y.bands.forEach((band, k) => expect(Math.abs(band.mean - exact.yearly[e]!.bands[k]!.mean)).toBeLessThanOrEqual(bound * (fast.yearly.length))));
    },
  );

  const near = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(0.5, 0.5 + 1e-12, 0.5 - 1e-12, 0.499999999, 0.25, 0), fc.integer({ min: 0, max: 3 }))
    .map(([k, f, scale]) => (k + f) / 10 ** scale);
  const any = fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), near, fc.double({ min: -1, max: 1, noNaN: true }));
  test.prop([any], { numRuns: 3000 })("toCents and roundCents (fast path) equal their digit-cutting definitions, bit for bit", (x) => {
    expect(toCentsFast(x)).toBe(toCentsByDigits(x));
    expect(toCents(x / 100)).toBe(toCentsByDigits(x / 100));
    expect(roundCentsFast(x)).toBe(roundCentsByDigits(x));
    expect(roundCents(x / 7)).toBe(roundCentsByDigits(x / 7));
  });

  test.prop([fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 8 }).filter((w) => w.some((x) => x > 0)), fc.boolean()], { numRuns: 1000 })(
    "allocate and allocateInto equal the sort-based largest-remainder split, with and without tie keys",
    (amount, weights, withKeys) => {
      const keys = weights.map((_, i) => `k${(i * 7) % 5}`);
      const out = new Float64Array(weights.length);
      allocateInto(amount, Float64Array.from(weights), weights.length, withKeys ? keyRanks(keys) : null, out, allocationScratch(weights.length));
      const reference = sortedAllocate(amount, weights, withKeys ? keys : undefined);
      expect(Array.from(out)).toEqual(reference);
      expect(allocate(amount, weights, withKeys ? keys : undefined)).toEqual(reference);
    });

  test.prop([
    fc.oneof(
      fc.record({ type: fc.constant("uniform" as const), min: fc.double({ min: -1e6, max: 0, noNaN: true }), max: fc.double({ min: 1, max: 1e6, noNaN: true }) }),
      fc.record({ type: fc.constant("normal" as const), mean: fc.double({ min: -1e6, max: 1e6, noNaN: true }), sd: fc.double({ min: 1e-3, max: 1e5, noNaN: true }) }),
    ),
    fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.075, 0.925, 0.5, NaN, -0.1, 1.1)), { minLength: 1, maxLength: 50 }),
  ], { numRuns: 300 })("the uniform and normal samplers equal quantile bit for bit", (dist, us) => {
    const u = Float64Array.from(us);
    const x = compileSampler(dist)(u, new Float64Array(u.length));
    us.forEach((v, i) => expect(Object.is(x[i], quantile(dist, v))).toBe(true));
  });

  test.prop([fc.integer({ min: -1e12, max: 1e12 }), fc.oneof(fc.constant(0), fc.constant(1), fc.constant(0.5), fc.double({ min: 0, max: 1, noNaN: true }))], { numRuns: 2000 })(
    "variablePart equals allocate(lost, [vcs, 1 - vcs])[0]",
    (lost, vcs) => {
      expect(variablePart(lost, vcs)).toBe(allocate(lost, [vcs, 1 - vcs])[0]);
    });

  test.prop([fc.double({ min: 0.2, max: 60, noNaN: true }), fc.double({ min: 0.2, max: 60, noNaN: true }), fc.array(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), { minLength: 20, maxLength: 20 })], { numRuns: 40 })(
    "the tabulated beta quantile is within 5e-8 of the exact inverse",
    (a, b, us) => {
      const table = new BetaTable(a, b), exact = new IncompleteBeta(a, b);
      for (const u of us) expect(Math.abs(table.quantile(u) - exact.inverse(u))).toBeLessThan(5e-8);
    });
});

export type { CaseInput };

/** The neighbouring double of x towards +Infinity (dir 1) or -Infinity (dir -1). */
function nextDouble(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const bits = v.getBigUint64(0);
  v.setBigUint64(0, (x > 0) === (dir > 0) ? bits + 1n : bits - 1n);
  return v.getFloat64(0);
}

let okCount = 0;
describe("simulate invariant 5: break-even", () => {
  test.prop([arbUncertainCase], { numRuns: 25 })("NPV at a reported switching value is zero within a cent, or jumps across zero right there (several rows rounding at once)", (c) => {
    const m = model(c);
    const ev = pointEvaluator(m);
    // The distributions' ranges, and wide ranges, so that most entities do cross zero somewhere.
    const wide = Object.fromEntries(Object.keys(m.case.parameters).map((n) => [n, [-1e5, 1e5] as [number, number]]));
    const rows = [...switchingValues(m).rows, ...switchingValues(m, { ranges: wide }).rows];
    okCount += rows.reduce((s, r) => s + r.values.filter((v) => v.status === "ok").length, 0);
    for (const row of rows) row.values.forEach((v, e) => {
      expect(Number.isNaN(v.status === "ok" ? v.value : 0)).toBe(false);
      if (v.status !== "ok") return;
      expect(v.value).toBeGreaterThanOrEqual(v.range[0]);
      expect(v.value).toBeLessThanOrEqual(v.range[1]);
      const at = (x: number) => ev.npv({ [row.parameter]: x })[e]!;
      expect(at(v.value)).toBe(v.npv);
      if (Math.abs(v.npv) <= 1) return;
      const up = at(nextDouble(v.value, 1)), down = at(nextDouble(v.value, -1));
      expect(Math.sign(up) !== Math.sign(v.npv) || Math.sign(down) !== Math.sign(v.npv)).toBe(true);
    });
  });
  afterAll(() => expect(okCount).toBeGreaterThan(10)); // the property was exercised

  test.prop([arbUncertainCase], { numRuns: 15 })("switchingValues, which evaluates each parameter value once for all entities, equals a search per entity on the evaluator itself", (c) => {
    const m = model(c);
    const ev = pointEvaluator(m);
    const wide = Object.fromEntries(Object.keys(m.case.parameters).map((n) => [n, [-1e5, 1e5] as [number, number]]));
    for (const ranges of [undefined, wide]) {
      const got = switchingValues(m, ranges ? { ranges } : {});
      for (const row of got.rows) {
        const range = ranges?.[row.parameter] ?? row.values[0]!.range;
        expect(row.values).toEqual(ev.entities.map((_, e) => switchingValue(ev, row.parameter, e, range, row.base)));
      }
    }
  });
});

/** The largest-remainder split as `allocate` computed it before it became a wrapper of `allocateInto` (Array.sort over the leftover order): the oracle. */
function sortedAllocate(amount: number, weights: readonly number[], tieKeys?: readonly string[]): number[] {
  let total = 0;
  for (const w of weights) total += w;
  const sign = amount < 0 ? -1 : 1, whole = Math.abs(amount);
  // Integer weights (|amount| x weight safe): floors and remainders exact, in BigInt, so equal
  // remainders tie and the keys, then positions, decide (allocate's integer path); else floats.
  const integers = weights.every(Number.isInteger) && whole * Math.max(...weights) <= Number.MAX_SAFE_INTEGER;
  const big = (w: number) => BigInt(whole) * BigInt(w), bigTotal = integers ? weights.reduce((s, w) => s + BigInt(w), 0n) : 1n;
  const parts = weights.map((w) => (integers ? Number(big(w) / bigTotal) : Math.floor((whole * w) / total)));
  const remainders = weights.map((w, i) => (integers ? Number(big(w) % bigTotal) : (whole * w) / total - parts[i]!));
  let left = whole - parts.reduce((a, b) => a + b, 0);
  if (left > 0) {
    const order = weights.map((_, i) => i).filter((i) => weights[i]! > 0);
    order.sort((a, b) => {
      const d = remainders[b]! - remainders[a]!;
      if (d !== 0) return d;
      if (tieKeys && tieKeys[a] !== tieKeys[b]) return tieKeys[a]! < tieKeys[b]! ? -1 : 1;
      return a - b;
    });
    for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!] = parts[order[k]!]! + 1;
  }
  return parts.map((p) => (p === 0 ? 0 : sign * p));
}
