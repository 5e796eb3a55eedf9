/**
 * Invariants of the decision analysis, on random models with a known structure (two relevant
 * parameters, two without influence) and on random sample matrices:
 * - EVPI >= 0;
 * - the EVPPI of every group is >= 0 and <= EVPI (within Monte Carlo error);
 * - the EVPPI of the relevant parameters (with or without an irrelevant one) is the EVPI,
 *   through the regression itself, within Monte Carlo error;
 * - an irrelevant group's EVPPI is ~0;
 * - arrangements under uncertainty: probabilities in [0, 1], the status quo never worse than
 *   itself, the preferred arrangement has the highest expected NPV.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { arrangementRobustness } from "../../engine/decision/robustness.ts";
import { valueOfInformation } from "../../engine/decision/voi.ts";
import { matrix, normals, uniforms } from "./helpers.ts";

const N = 2000;

describe("value of information", () => {
  test.prop([
    fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
    fc.constantFrom<"linear" | "square" | "sine">("linear", "square", "sine"),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.integer({ min: 1, max: 1e6 }),
  ], { numRuns: 6 })("EVPI >= 0; 0 <= EVPPI <= EVPI; the relevant parameters give EVPI, irrelevant ones ~0", (coef, shape, offset, seed) => {
    const x = normals(N, 0, 1, `x${seed}`), y = uniforms(N, `y${seed}`), z = normals(N, 2, 3, `z${seed}`), w = uniforms(N, `w${seed}`);
    const f = shape === "linear" ? (v: number) => v : shape === "square" ? (v: number) => v * v - 1 : (v: number) => Math.sin(2 * v);
    // Option "b" against the status quo: a smooth function of x and y only.
    const sq = Float64Array.from(x, (v, i) => 100 * (coef[0]! * v + coef[1]! * y[i]!));
    const b = Float64Array.from(x, (v, i) => sq[i]! + 100 * (offset + coef[2]! * f(v) + coef[3]! * v * y[i]!));
    const voi = valueOfInformation(matrix({ x, y, z, w }, sq, { b }), {
      groups: [{ name: "xy", parameters: ["x", "y"] }, { name: "xyz", parameters: ["x", "y", "z"] }, { name: "zw", parameters: ["z", "w"] }],
    });
    // An absolute tolerance a thousandth of the net benefits' spread: a smoother's rounding near a
    // decision that is (almost) certain gives EVPPIs of a millionth of a cent, not zero.
    const sd = (v: Float64Array) => { const m = v.reduce((a, x) => a + x, 0) / v.length; return Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / v.length); };
    const abs = 1e-3 * (sd(sq) + sd(b)) + 1e-9;
    // A smoother fitted on pure noise still varies: with K basis functions its fitted values
    // spread about sd * sqrt(K / N), and the EVPPI of an irrelevant input is at most that spread
    // (E max(f, 0) - max(E f, 0) <= E |f - E f|). It matters when the decision is on a knife edge
    // (an expected difference near 0): seed 165667 with only the squared term gave z 11 % of the
    // EVPI, against 5 % + 2 se. One input: a P-spline of 22 basis functions; two: 12 x 12.
    const diff = b.map((v, i) => v - sq[i]!);
    const noise = (k: number) => sd(diff) * Math.sqrt(k / N);
    for (const d of voi.decisions) {
      expect(d.evpi).toBeGreaterThanOrEqual(0);
      const tol = 2 * d.evpiSe + 0.03 * d.evpi + abs;
      for (const e of [...d.parameters, ...d.groups]) {
        expect(e.value).toBeGreaterThanOrEqual(0);
        expect(e.value).toBeLessThanOrEqual(d.evpi + tol);
      }
      const g = Object.fromEntries(d.groups.map((e) => [e.name, e]));
      expect(Math.abs(g.xy!.value - d.evpi)).toBeLessThanOrEqual(tol);
      expect(Math.abs(g.xyz!.value - d.evpi)).toBeLessThanOrEqual(tol);
      expect(g.zw!.value).toBeLessThanOrEqual(0.05 * d.evpi + 2 * d.evpiSe + abs + noise(144));
      for (const p of d.parameters.filter((e) => e.name === "z" || e.name === "w")) expect(p.value).toBeLessThanOrEqual(0.05 * d.evpi + 2 * d.evpiSe + abs + noise(22));
    }
  });

  test.prop([fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 40 })])("EVPI >= 0 and the all-parameter group is the EVPI, for any sample matrix", (rows) => {
    const x = Float64Array.from(rows, (r) => r[0]!), sq = Float64Array.from(rows, (r) => r[1]!), b = Float64Array.from(rows, (r) => r[2]!);
    const voi = valueOfInformation(matrix({ x }, sq, { b }), { groups: [{ name: "all", parameters: ["x"] }] });
    for (const d of voi.decisions) {
      expect(d.evpi).toBeGreaterThanOrEqual(0);
      expect(d.probabilityWrong).toBeGreaterThanOrEqual(0);
      expect(d.probabilityWrong).toBeLessThanOrEqual(1);
      for (const e of d.groups) expect(e.value).toBe(d.evpi);
    }
  });
});

describe("arrangements under uncertainty", () => {
  test.prop([fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 60 })])("probabilities in [0, 1], the status quo never worse than itself, preferences by expected NPV", (rows) => {
    const sq = Float64Array.from(rows, (r) => r[0]!), b = Float64Array.from(rows, (r) => r[1]!), c = Float64Array.from(rows, (r) => r[2]!);
    const r = arrangementRobustness(matrix({}, sq, { b, c }));
    expect(r.arrangements.map((a) => a.id)).toEqual(["status-quo", "b", "c"]);
    expect(r.arrangements[0]!.partners[0]!.probabilityWorseThanStatusQuo).toBe(0);
    const values = { "status-quo": sq, b, c } as Record<string, Float64Array>;
    for (const a of r.arrangements) {
      const p = a.partners[0]!, x = values[a.id]!;
      expect(p.probabilityOfLoss).toBe(x.filter((v) => v < 0).length / x.length);
      if (a.id !== "status-quo") expect(p.probabilityWorseThanStatusQuo).toBe(x.filter((v, i) => v < sq[i]!).length / x.length);
      expect(p.p5).toBeLessThanOrEqual(p.expected + 1e-9 + Math.max(...x) - Math.min(...x));
      expect(p.joins).toBe(p.expected >= 0);
    }
    const pref = r.partners[0]!;
    const best = Math.max(...r.arrangements.map((a) => a.partners[0]!.expected));
    expect(r.arrangements.find((a) => a.id === pref.preferred)!.partners[0]!.expected).toBe(best);
    expect(pref.flips).toBe(pref.joinsUnder.length > 0 && pref.joinsUnder.length < 3);
    expect(r.flips.includes("a")).toBe(pref.flips);
  });
});
