import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { irr, irrNearBound, IRR_RANGE, npv } from "../../engine/index.ts";

/** Flows whose NPV has exactly these roots (rates): the coefficients of prod (x - 1/(1+r)) in x = 1/(1+r), scaled to whole numbers. */
function flowsWithRoots(rates: readonly number[], scale = 1e12, round = true): number[] {
  let c = [1];
  for (const r of rates) {
    const x = 1 / (1 + r);
    const next = new Array<number>(c.length + 1).fill(0);
    c.forEach((v, i) => { next[i]! += -x * v; next[i + 1]! += v; });
    c = next;
  }
  return c.map((v) => (round ? Math.round(v * scale) : v * scale));
}

// Reference values from spreadsheet documentation (Microsoft Excel's NPV and IRR help pages).
// Excel's NPV discounts its first value; ours leaves t0 undiscounted, so an Excel flow that
// starts "one year from today" gets a leading 0 here.
describe("npv", () => {
  it("matches Excel's NPV example 1 (10 %, first cost one year out): 1,188.44", () => {
    expect(npv(0.1, [0, -10000, 3000, 4200, 6800])).toBeCloseTo(1188.44, 2);
  });
  it("matches Excel's NPV example 2 (8 %, investment at the start): 1,922.06", () => {
    expect(npv(0.08, [-40000, 8000, 9200, 10000, 12000, 14500])).toBeCloseTo(1922.06, 2);
  });
  it("leaves t0 undiscounted", () => {
    expect(npv(0.5, [123])).toBe(123);
  });
});

describe("irr", () => {
  const flows = [-70000, 12000, 15000, 18000, 21000, 26000];
  it("matches Excel's IRR example: 8.66 % after five years", () => {
    const r = irr(flows);
    expect(r.status).toBe("ok");
    if (r.status === "ok") expect(r.rate).toBeCloseTo(0.0866, 4);
  });
  it("matches Excel's IRR example: -2.12 % after four years", () => {
    const r = irr(flows.slice(0, 5));
    expect(r.status).toBe("ok");
    if (r.status === "ok") expect(r.rate).toBeCloseTo(-0.0212, 4);
  });
  it("matches Excel's IRR example: -44.35 % after two years", () => {
    const r = irr(flows.slice(0, 3));
    expect(r.status).toBe("ok");
    if (r.status === "ok") expect(r.rate).toBeCloseTo(-0.4435, 4);
  });
  it("says there is no IRR when flows do not change sign", () => {
    expect(irr([100, 200])).toEqual({ status: "no-sign-change" });
    expect(irr([-100, -200])).toEqual({ status: "no-sign-change" });
    expect(irr([0, 0])).toEqual({ status: "no-sign-change" });
  });
  it("reports several roots instead of picking one", () => {
    // (1 + r)^-k flows with roots at 10 % and 20 %: -100, 230, -132.
    const r = irr([-100, 230, -132]);
    expect(r.status).toBe("multiple");
    if (r.status === "multiple") {
      expect(r.rates).toHaveLength(2);
      expect(r.rates[0]).toBeCloseTo(0.1, 8);
      expect(r.rates[1]).toBeCloseTo(0.2, 8);
    }
  });
  it("searches up to 1,000 %: a root at 997 % with another beyond the range is the one IRR (it was none-in-range)", () => {
    const r = irr(flowsWithRoots([9.97, 15]));
    expect(r.status).toBe("ok");
    if (r.status === "ok") expect(r.rate).toBeCloseTo(9.97, 6);
  });
  it("finds both roots at 996 % and 997 %, 1 % apart near the top of the range (it said ok)", () => {
    const r = irr(flowsWithRoots([0.05, 9.96, 9.97]));
    expect(r.status).toBe("multiple");
    if (r.status === "multiple") {
      expect(r.rates).toHaveLength(3);
      [0.05, 9.96, 9.97].forEach((x, i) => expect(r.rates[i]).toBeCloseTo(x, 5));
    }
  });
  it("counts a root touched but not crossed as no sign change", () => {
    expect(irr(flowsWithRoots([0.1, 0.1])).status).toBe("none-in-range");
  });
});

describe("irr finds every sign change in its range (property)", () => {
  // Roots chosen first (each at least 2 percentage points from the others and from the range's
  // ends), the flows built from them: the IRR must report exactly the roots inside the range.
  const arbRoots = fc.uniqueArray(fc.integer({ min: -45, max: 995 }), { minLength: 1, maxLength: 4, comparator: (a, b) => Math.abs(a - b) < 2 })
    .chain((inside) => fc.tuple(fc.constant(inside.map((p) => p / 100)), fc.array(fc.constantFrom(-0.7, -0.6, 10.5, 12, 20), { maxLength: 2 })));
  // BCASE_PROPERTY_RUNS lowers the runs under mutation testing (stryker.vitest.config.ts).
  test.prop([arbRoots], { numRuns: Number(process.env.BCASE_PROPERTY_RUNS ?? 100) })("flows built from known roots give exactly the roots in -50 %..1,000 %", ([inside, outside]) => {
    // Unrounded flows: their roots are the chosen ones to double precision (rounding to cents
    // would move roots that lie close together by more than the tolerance below).
    const r = irr(flowsWithRoots([...inside, ...outside], 1e6, false));
    const expected = [...inside].sort((a, b) => a - b);
    const found = r.status === "ok" ? [r.rate] : r.status === "multiple" ? r.rates : [];
    expect(found).toHaveLength(expected.length);
    found.forEach((x, i) => expect(Math.abs(x - expected[i]!)).toBeLessThan(1e-6 * (1 + expected[i]!)));
  });
});

describe("irr at the edges of its range", () => {
  it("takes a root exactly at either end of the range (one sign change)", () => {
    // -2 + 1 / (1 + r) = 0 at r = -50 %; -1 + 11 / (1 + r) = 0 at r = 1,000 %.
    expect(irr([-2, 1])).toEqual({ status: "ok", rate: -0.5 });
    expect(irr([-1, 11])).toEqual({ status: "ok", rate: 10 });
  });
  it("reports a single root outside the range as none-in-range, below and above", () => {
    // -1 + 0.4 / (1 + r): r = -60 %; -1 + 100 / (1 + r): r = 9,900 %.
    expect(irr([-1, 0.4])).toEqual({ status: "none-in-range" });
    expect(irr([-1, 100])).toEqual({ status: "none-in-range" });
  });
  it("skips zero flows when counting sign changes: -1 at t1 and 2 at t3 give (1 + r)^2 = 2", () => {
    const r = irr([0, -1, 0, 2]);
    expect(r.status).toBe("ok");
    if (r.status === "ok") expect(r.rate).toBeCloseTo(Math.SQRT2 - 1, 12);
  });
  it("finds a root exactly at the range end among several (two sign changes)", () => {
    // 10 - 17x + 6x^2 = (x - 2)(6x - 5): x = 2 (r = -50 %) and x = 5/6 (r = 20 %).
    const r = irr([10, -17, 6]);
    expect(r.status).toBe("multiple");
    if (r.status === "multiple") {
      expect(r.rates[0]).toBe(-0.5);
      expect(r.rates[1]).toBeCloseTo(0.2, 10);
    }
  });
  it("two sign changes with no root in the range is none-in-range", () => {
    // Roots at -70 % and 1,200 %: (x - 1/0.3)(x - 1/13) scaled, both outside.
    expect(irr(flowsWithRoots([-0.7, 12])).status).toBe("none-in-range");
  });
  it("irrNearBound flags a rate within 5 points of -50 % or above 900 %, and only an ok result", () => {
    expect([-0.4501, -0.4499, 0, 8.9999, 9.0001].map((rate) => irrNearBound({ status: "ok", rate }))).toEqual([true, false, false, false, true]);
    expect(irrNearBound({ status: "multiple", rates: [-0.49, 9.5] })).toBe(false);
    expect(irrNearBound({ status: "none-in-range" })).toBe(false);
    expect(IRR_RANGE).toEqual({ low: -0.5, high: 10 });
  });
});

describe("irr: exact to the last bit, signs counted over non-zero flows", () => {
  const f64 = new Float64Array(1), bits = new BigInt64Array(f64.buffer);
  /** The double next to x, away from zero (d = 1n) or towards it (d = -1n). */
  const nextTo = (x: number, d: bigint): number => { f64[0] = x; bits[0]! += d; return f64[0]!; };
  /** NPV is zero at r, or has the other sign at a neighbouring double: r is a root to double precision. */
  const rootToTheBit = (flows: number[], r: number): boolean => {
    const v = npv(r, flows);
    return v === 0 || [nextTo(r, 1n), nextTo(r, -1n)].some((y) => Math.sign(npv(y, flows)) === -Math.sign(v));
  };
  it("gives a rate at which NPV changes sign within one double (one sign change in the flows)", () => {
    for (const flows of [[-70000, 12000, 15000, 18000, 21000, 26000], [-70000, 12000, 15000, 18000, 21000], [0, -1, 0, 2], [-100, 30, 40, 50, 60]]) {
      const r = irr(flows);
      expect(r.status).toBe("ok");
      if (r.status === "ok") expect(rootToTheBit(flows, r.rate)).toBe(true);
    }
  });
  test.prop([fc.array(fc.integer({ min: -1_000_000, max: -1 }), { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })],
    { numRuns: Number(process.env.BCASE_PROPERTY_RUNS ?? 100) })("investments then savings: a root to the bit, or none-in-range with NPV of one sign at both ends", (costs, savings) => {
    const flows = [...costs, ...savings];
    const r = irr(flows);
    if (!savings.some((x) => x > 0)) expect(r.status).toBe("no-sign-change");
    else if (r.status === "ok") expect(rootToTheBit(flows, r.rate)).toBe(true);
    else {
      expect(r.status).toBe("none-in-range");
      expect(Math.sign(npv(IRR_RANGE.low, flows))).toBe(Math.sign(npv(IRR_RANGE.high, flows)));
    }
  });
  it("counts no sign change when the only non-zero flows have one sign, zeros included", () => {
    for (const flows of [[0, -5], [0, 5], [0, 0, -3, 0], [4, 0, 0]]) expect(irr(flows)).toEqual({ status: "no-sign-change" });
  });
  it("counts a change across zero flows (-1, 0, 0, 3, 0, -2 changes twice) and none between equal signs", () => {
    // x = 1 / (1 + r): -1 + 3x^3 - 2x^5. At x = 1 (r = 0) it is 0: a root; p'(1) = 9 - 10 < 0 and p(0.8) = -1 + 1.536 - 0.65536 < 0,
    // p(0.9) = -1 + 2.187 - 1.18098 > 0: a second root between x = 0.8 and 0.9 (r between 11 % and 25 %).
    const r = irr([-1, 0, 0, 3, 0, -2]);
    expect(r.status).toBe("multiple");
    if (r.status === "multiple") {
      expect(r.rates).toHaveLength(2);
      expect(r.rates[0]).toBeCloseTo(0, 10);
      expect(r.rates[1]! > 1 / 0.9 - 1 && r.rates[1]! < 1 / 0.8 - 1).toBe(true);
    }
  });
  it("finds a root that falls exactly on a point of the search's partition (the first midpoint in x)", () => {
    // c = (1/11 + 2) / 2, the first split of [1/11, 2]; p(x) = (x - c)(x - 1/2) = c/2 - (c + 1/2) x + x^2
    // is exactly 0 at c in double precision (every step exact). Roots: r = 1/c - 1 (about -4.35 %) and 100 %.
    const c = (1 / 11 + 2) / 2;
    const r = irr([c * 0.5, -(c + 0.5), 1]);
    expect(r).toEqual({ status: "multiple", rates: [1 / c - 1, 1] });
  });
  it("flags -45 % and 900 % themselves as not near a bound (within means closer than 5 points; above means above)", () => {
    expect(irrNearBound({ status: "ok", rate: -0.45 })).toBe(false);
    expect(irrNearBound({ status: "ok", rate: 9 })).toBe(false);
  });
});

describe("irr returns the end of its final bracket with the smaller |NPV|", () => {
  // The bisection stops at two neighbouring doubles whose NPVs have different signs; the rate
  // returned is the one of the two closer to a root. Checked where the bracket can be told from
  // the neighbours: exactly one neighbour of the rate has the other sign of NPV.
  const bits = new DataView(new ArrayBuffer(8));
  const step = (x: number, d: 1 | -1) => { bits.setFloat64(0, x); bits.setBigInt64(0, bits.getBigInt64(0) + BigInt(x > 0 ? d : -d)); return bits.getFloat64(0); };
  it("for 3,000 invest-then-save flows (one sign change)", () => {
    let seed = 11, checked = 0;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let c = 0; c < 3000; c++) {
      const n = 2 + Math.floor(next() * 12);
      const flows = [-Math.round(1e5 + next() * 1e9), ...Array.from({ length: n }, () => Math.round(next() * 4e8))];
      const r = irr(flows);
      if (r.status !== "ok" || r.rate === 0) continue;
      const v = npv(r.rate, flows);
      if (v === 0) continue;
      const up = step(r.rate, 1), down = step(r.rate, -1);
      const across = [up, down].filter((x) => Math.sign(npv(x, flows)) === -Math.sign(v));
      if (across.length !== 1) continue;
      checked++;
      expect(Math.abs(v)).toBeLessThanOrEqual(Math.abs(npv(across[0]!, flows)));
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe("irr at a root of higher multiplicity", () => {
  it("finds one root where NPV crosses zero three times over (it gave 120 roots from rounding noise)", () => {
    // NPV = 100 (1 - x)^3 with x = 1 / (1 + r): one root, r = 0, where NPV changes sign. Near it
    // the computed NPV is noise over a stretch of rates (a cube root of the rounding error wide).
    const at0 = irr([100, -300, 300, -100]);
    expect(at0.status).toBe("ok");
    expect(Math.abs((at0 as { rate: number }).rate)).toBeLessThan(1e-4);
    // (1 - 1.1 x)^3 x 1,000,000: the root at r = 10 %.
    const at10 = irr([1_000_000, -3_300_000, 3_630_000, -1_331_000]);
    expect(at10.status).toBe("ok");
    expect(Math.abs((at10 as { rate: number }).rate - 0.1)).toBeLessThan(1e-4);
    // A double root does not change sign: no IRR.
    expect(irr([100, -200, 100]).status).toBe("none-in-range");
    // (1 - x)^3 (1 - 0.8 x) x 100: the triple root at r = 0 and a simple one at x = 1.25, r = -20 %: two.
    const two = irr([100, -380, 540, -340, 80]);
    expect(two.status).toBe("multiple");
    const rates = (two as { rates: number[] }).rates;
    expect(rates).toHaveLength(2);
    expect(Math.abs(rates[0]! + 0.2)).toBeLessThan(1e-9);
    expect(Math.abs(rates[1]!)).toBeLessThan(1e-4);
  });
});

describe("irr with a root exactly at the end of its range among several", () => {
  it("counts an exact zero at -50 % (x = 2, a point of the partition) as a root", () => {
    // 10 - 13 x + 4 x^2 = (2 - x)(5 - 4 x): roots x = 2 (r = -50 %, NPV exactly 0 there) and x = 1.25 (r = -20 %).
    for (const flows of [[10, -13, 4], [-10, 13, -4]]) {
      const r = irr(flows);
      expect(r.status).toBe("multiple");
      const rates = (r as { rates: number[] }).rates;
      expect(rates[0]).toBe(-0.5);
      expect(Math.abs(rates[1]! + 0.2)).toBeLessThan(1e-12);
    }
  });
});
