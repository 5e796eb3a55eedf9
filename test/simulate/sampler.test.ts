import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { BetaTable, betaTable, compileSampler } from "../../engine/simulate/sampler.ts";
import { createRng, quantile, type DistributionSpec } from "../../engine/uncertainty/index.ts";
import { IncompleteBeta } from "../../engine/uncertainty/incompleteBeta.ts";
import { normalQuantile } from "../../engine/uncertainty/normal.ts";

/** Uniforms from the generator, with the awkward values sprinkled in at a few places. */
function uniforms(n: number, seed: number, awkward: boolean): Float64Array {
  const u = createRng(seed).fill(new Float64Array(n));
  if (awkward) {
    const odd = [0, 1, NaN, -0.1, 1.1, -0, 0.075, 0.925, 0.5, Number.MIN_VALUE, 1 - 2 ** -53, 2 ** -60, Infinity, -Infinity, 1 / 1024, 1023 / 1024];
    odd.forEach((v, k) => { u[(k * 7919) % n] = v; });
    u[0] = NaN;
    u[n - 1] = 1;
  }
  return u;
}

const exactTypes: DistributionSpec[] = [
  { type: "uniform", min: -3, max: 7 },
  { type: "uniform", min: 0, max: 0 },
  { type: "uniform", min: -0, max: 1e6 },
  { type: "normal", mean: 100, sd: 15 },
  { type: "normal", mean: -1e6, sd: 1e-3 },
  { type: "lognormal", mean: 10, sd: 3 },
  { type: "lognormal", p5: 2, p95: 40 },
  { type: "triangular", min: 1, mode: 2, max: 6 },
  { type: "triangular", min: 1, mode: 1, max: 6 },
  { type: "triangular", min: 1, mode: 6, max: 6 },
  { type: "triangular", min: 2, mode: 2, max: 2 },
  { type: "point", value: 4 },
  { type: "discrete", values: [3, 1, 2], weights: [1, 0, 2] },
];

describe("compileSampler", () => {
  test.each(exactTypes)("equals quantile bit for bit, awkward inputs included, in place or not: %o", (d) => {
    const s = compileSampler(d);
    for (const [n, awkward] of [[1, false], [50, true], [10_000, false], [20_000, true], [3, true]] as const) {
      const u = uniforms(n, n, awkward);
      const expected = Array.from(u, (v) => quantile(d, v));
      const out = s(u, new Float64Array(n));
      expected.forEach((x, i) => { if (!Object.is(out[i], x)) expect([i, u[i], out[i]]).toEqual([i, u[i], x]); });
      const copy = u.slice();
      expect(s(copy, copy)).toBe(copy);
      expected.forEach((x, i) => { if (!Object.is(copy[i], x)) expect([i, u[i], copy[i]]).toEqual([i, u[i], x]); });
    }
  });

  test("normal tails: both sides and the far tails (r > 5) are exact", () => {
    const u = Float64Array.from([1e-300, 1e-20, 1e-12, 0.01, 0.0749, 0.0751, 0.9249, 0.9251, 0.99, 1 - 1e-12, 1 - 2 ** -53, 0.5]);
    const out = compileSampler({ type: "normal", mean: 1, sd: 2 })(u, new Float64Array(u.length));
    u.forEach((v, i) => expect(Object.is(out[i], 1 + 2 * normalQuantile(v))).toBe(true));
  });

  const betas: DistributionSpec[] = [
    { type: "beta", a: 2, b: 3 }, { type: "beta", a: 5, b: 5, min: 10, max: 20 }, { type: "beta", a: 0.3, b: 0.7 },
    { type: "beta", a: 0.2, b: 60, min: -1, max: 1 }, { type: "beta", a: 60, b: 0.2 }, { type: "pert", min: 1, mode: 2, max: 6 },
    { type: "pert", min: 0, mode: 0, max: 1, lambda: 2 }, { type: "pert", min: 3, mode: 3, max: 3 },
  ];
  test.each(betas)("beta and PERT: within 5e-8 of the range of quantile, NaN where it is NaN, in range: %o", (d) => {
    const s = compileSampler(d);
    const lo = d.type === "pert" ? d.min : d.type === "beta" ? d.min ?? 0 : 0;
    const hi = d.type === "pert" ? d.max : d.type === "beta" ? d.max ?? 1 : 1;
    for (const [n, awkward] of [[40, true], [2_000, false]] as const) {
      const u = uniforms(n, 7 + n, awkward);
      const out = s(u.slice(), new Float64Array(n));
      u.forEach((v, i) => {
        const x = quantile(d, v);
        if (Number.isNaN(x)) { expect(out[i]).toBeNaN(); return; }
        expect(Math.abs(out[i]! - x)).toBeLessThanOrEqual(5e-8 * Math.max(hi - lo, 1e-300));
        expect(out[i]).toBeGreaterThanOrEqual(lo);
        expect(out[i]).toBeLessThanOrEqual(hi);
      });
    }
  });

  test("the beta sampler is non-decreasing in u across the body's knots and into the tails", () => {
    const s = compileSampler({ type: "beta", a: 2.5, b: 4 });
    const n = 1 << 16, u = new Float64Array(n);
    for (let i = 0; i < n; i++) u[i] = (i + 0.5) / n;
    const x = s(u, new Float64Array(n));
    for (let i = 1; i < n; i++) if (!(x[i]! >= x[i - 1]!)) expect([u[i], x[i - 1], x[i]]).toBe("non-decreasing");
  });
});

describe("BetaTable", () => {
  test("within 5e-8 of the exact inverse in the body, the tails and at the body's edges, over a spread of shapes", () => {
    const rng = createRng(11);
    const us = [1e-15, 1e-9, 1e-4, 1 / 1024 - 1e-12, 1 / 1024, 1 / 1024 + 1e-9, 0.25, 0.5, 0.75, 1023 / 1024 - 1e-12, 1023 / 1024, 1 - 1e-4, 1 - 1e-9, 1 - 1e-13];
    for (let k = 0; k < 25; k++) {
      const a = 0.2 * 300 ** rng.next(), b = 0.2 * 300 ** rng.next();
      const table = new BetaTable(a, b), exact = new IncompleteBeta(a, b);
      const sample = [...us, ...Array.from({ length: 200 }, () => rng.next())];
      let worst = 0;
      for (const u of sample) worst = Math.max(worst, Math.abs(table.quantile(u) - exact.inverse(u)));
      expect([a, b, worst < 5e-8]).toEqual([a, b, true]);
    }
  });

  test("the tables are bit for bit those the constructor built before its steps became top-level functions (commit afc36ef)", () => {
    // SHA-256 (first 16 bytes) of coef, guide, grid, P, Q and lo, hi, gridLo, gridHi, as the
    // constructor of afc36ef computed them (a closure per step, the knot targets sorted per table).
    const expected: [number, number, string][] = [
      [2, 3, "ca8ea359421891b874b68eab422edaf7"],
      [5, 5, "34cfa31d8dfd962492384e35fcef58ee"],
      [0.5, 0.5, "65dd1e7a957407223bc8d94264f47691"],
      [0.3, 2, "a488547a5d3f07a1d0276590b2aa755a"],
      [2, 0.3, "7dbfb936271659040ed005b992736a0b"],
      [1, 1, "d5cf07412ce1f3bcba43ae1da502ace1"],
      [40, 60, "4929cc3fb14968bd19e8153506f83490"],
      [1000, 2000, "b24dd1d59c7825c2d8d1b5ec841070a5"],
      [0.05, 0.05, "e52b9506bd07648b4dbdcd27b48cdf8e"],
      [1.7, 9.3, "e5c9e7c76968e74e2df230aa3d59992a"],
      [300, 1.5, "62408fee31a6daa87d4461db1babcb92"],
      [0.001, 5, "a72e3cf13dde75df167f567e73da0871"],
    ];
    const fingerprint = (a: number, b: number) => {
      const t = new BetaTable(a, b) as unknown as Record<"coef" | "guide" | "grid" | "P" | "Q", Float64Array | Int32Array> & Record<"lo" | "hi" | "gridLo" | "gridHi", number>;
      const h = createHash("sha256");
      for (const k of ["coef", "guide", "grid", "P", "Q"] as const) h.update(new Uint8Array(t[k].buffer, t[k].byteOffset, t[k].byteLength));
      h.update(new Float64Array([t.lo, t.hi, t.gridLo, t.gridHi]));
      return h.digest("hex").slice(0, 32);
    };
    expect(expected.map(([a, b]) => [a, b, fingerprint(a, b)])).toEqual(expected);
  });

  test("tables are cached by shape, the most recently used 64", () => {
    const t = betaTable(2, 3);
    expect(betaTable(2, 3)).toBe(t);
    for (let i = 0; i < 100; i++) betaTable(2 + i / 1000, 3);
    expect(betaTable(2, 3)).not.toBe(t);
    const u = betaTable(2.099, 3);
    expect(betaTable(2.099, 3)).toBe(u);
  });
});
