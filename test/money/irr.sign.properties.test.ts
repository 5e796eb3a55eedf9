/**
 * The bisection of one-sign-change flows reads NPV's sign through `npvSign`, which proves it with
 * Horner's polynomial where that is far enough from 0 and asks `npv` only near the root (issue
 * 15: the IRR of every partner was a tenth of a slider move). The naive reference is the
 * bisection as it was, reading `Math.sign(npv(rate, flows))` at every step: the same signs at
 * every point, so the same rate to the last bit.
 */
import { describe, expect, it } from "vitest";
import { fc } from "@fast-check/vitest";
import { irr, irrSearch, IRR_RANGE } from "../../engine/money/irr.ts";
import { npv } from "../../engine/money/discount.ts";

/** The bisection as it was before `npvSign`: every step reads npv. */
function naiveBisect(flows: readonly number[], lo: number, hi: number, sLo: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (Math.sign(npv(mid, flows)) === sLo) lo = mid; else hi = mid;
  }
  return Math.abs(npv(lo, flows)) <= Math.abs(npv(hi, flows)) ? lo : hi;
}

const slack = (flows: readonly number[]) => 64 * (flows.length + 1) * Number.EPSILON;
const cents = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
/** Flows with one sign change: costs first, then savings (the usual case), of any size, zeros included. */
const oneChange = fc.tuple(fc.array(fc.integer({ min: 0, max: 1e13 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 1e13 }), { minLength: 1, maxLength: 40 }), fc.boolean())
  .filter(([a, b]) => a.some((x) => x > 0) && b.some((x) => x > 0))
  .map(([a, b, flip]) => [...a.map((x) => -x), ...b].map((x) => (flip ? -x : x) + 0));

describe("the bisection's signs by npvSign", () => {
  it("npvSign gives npv's sign at every point the naive bisection visits, and the bisection the same rate", () => {
    fc.assert(fc.property(oneChange, (flows) => {
      const vLow = npv(IRR_RANGE.low, flows), vHigh = npv(IRR_RANGE.high, flows);
      if (vLow === 0 || vHigh === 0 || Math.sign(vLow) === Math.sign(vHigh)) return;
      const sLo = Math.sign(vLow);
      let lo: number = IRR_RANGE.low, hi: number = IRR_RANGE.high;
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (mid === lo || mid === hi) break;
        const s = Math.sign(npv(mid, flows));
        expect(irrSearch.npvSign(mid, flows, slack(flows))).toBe(s);
        if (s === sLo) lo = mid; else hi = mid;
      }
      expect(irrSearch.bisect(flows, IRR_RANGE.low, IRR_RANGE.high, sLo)).toBe(naiveBisect(flows, IRR_RANGE.low, IRR_RANGE.high, sLo));
    }), { numRuns: 3000 });
  });

  it("npvSign gives npv's sign at any rate in the range, for any flows", () => {
    fc.assert(fc.property(fc.array(cents, { minLength: 1, maxLength: 60 }), fc.double({ min: IRR_RANGE.low, max: IRR_RANGE.high, noNaN: true }), (flows, rate) => {
      expect(irrSearch.npvSign(rate, flows, slack(flows))).toBe(Math.sign(npv(rate, flows)));
    }), { numRuns: 5000 });
  });

  it("irr of flows with a root of NPV near every double: the same rate as the naive bisection (flows built from a rate)", () => {
    // Invest 1e9 cents, then savings that make NPV about 0 at a chosen rate: the bisection ends in the noise around the root.
    fc.assert(fc.property(fc.double({ min: -0.45, max: 9, noNaN: true }), fc.integer({ min: 1, max: 30 }), (r, n) => {
      const flows = [-1e9, ...Array.from({ length: n }, (_, k) => Math.round((1e9 / n) * Math.pow(1 + r, k + 1)))];
      const res = irr(flows);
      if (res.status !== "ok") return;
      const sLo = Math.sign(npv(IRR_RANGE.low, flows));
      expect(res.rate).toBe(naiveBisect(flows, IRR_RANGE.low, IRR_RANGE.high, sLo));
    }), { numRuns: 3000 });
  });
});
