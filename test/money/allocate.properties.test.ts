/**
 * `allocateInto`'s integer path finds each part's floor and remainder without `%` (engine/money/
 * allocate.ts): the same parts, in the same order of leftover cents, as the split computed with
 * `%` before (kept here verbatim as the reference: `referenceAllocateInto`), for integer weights
 * from a few to 2^53, totals up to and beyond MAX_CENTS, amounts up to MAX_CENTS, few parts and
 * many (the insertion sort, the selection and the sort), with and without tie keys.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { allocateInto, allocationScratch, keyRanks, type AllocationScratch } from "../../engine/money/allocate.ts";
import { MAX_CENTS } from "../../engine/money/money.ts";

/** allocateInto as it was before (the floor and remainder by `%`), with its helpers. */
function referenceAllocateInto(amount: number, weights: ArrayLike<number>, n: number, keyRank: Int32Array | null, out: Float64Array, s: AllocationScratch): void {
  let total = 0, largest = 0, integers = true;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    total += w;
    largest = Math.max(largest, w);
    integers &&= Number.isInteger(w);
  }
  const whole = Math.abs(amount);
  const rem = s.remainders;
  let given = 0;
  if (integers && whole * largest <= MAX_CENTS) {
    for (let i = 0; i < n; i++) {
      const p = whole * weights[i]!;
      const r = p % total;
      out[i] = (p - r) / total;
      rem[i] = r;
      given += out[i]!;
    }
  } else {
    const huge = total > 1e276;
    for (let i = 0; i < n; i++) {
      const exact = huge ? whole * (weights[i]! / total) : (whole * weights[i]!) / total;
      const floor = Math.floor(exact);
      out[i] = floor;
      rem[i] = exact - floor;
      given += floor;
    }
  }
  const order = s.order;
  let m = 0;
  for (let i = 0; i < n; i++) if (weights[i]! > 0) order[m++] = i;
  // The whole order (a sort): the first `left` of it are the first of any selection.
  order.subarray(0, m).sort((a, b) => rem[b]! - rem[a]! || (keyRank === null ? 0 : keyRank[a]! - keyRank[b]!) || a - b);
  const left = whole - given;
  for (let k = 0; k < left; k++) out[order[k % m]!] = out[order[k % m]!]! + 1;
  for (let k = m - 1, excess = -left; excess > 0; k = k > 0 ? k - 1 : m - 1) {
    const i = order[k]!;
    if (out[i]! > 0) { out[i] = out[i]! - 1; excess--; }
  }
  const sign = Math.sign(amount);
  for (let i = 0; i < n; i++) out[i] = out[i]! * sign + 0;
}

const weight = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.integer({ min: 0, max: 2 ** 40 }),
  fc.constantFrom(0, 1, 2 ** 52, 2 ** 53 - 1, 2 ** 53, 3 * 2 ** 51),
  fc.double({ min: 0, max: 2 ** 53, noNaN: true }).map(Math.floor),
);
const amount = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e12, max: 1e12 }), fc.double({ min: -MAX_CENTS, max: MAX_CENTS, noNaN: true }).map(Math.trunc), fc.constantFrom(0, MAX_CENTS, -MAX_CENTS));

describe("allocateInto's integer path", () => {
  test.prop([amount, fc.array(weight, { minLength: 1, maxLength: 400 }).filter((w) => w.some((x) => x > 0)), fc.boolean()], { numRuns: 3000 })(
    "the same parts as the split by `%`",
    (a, w, withKeys) => {
      const weights = Float64Array.from(w), n = w.length;
      const ranks = withKeys ? keyRanks(w.map((_, i) => `k${(i * 7) % 11}`)) : null;
      const got = new Float64Array(n), want = new Float64Array(n);
      allocateInto(a, weights, n, ranks, got, allocationScratch(n));
      referenceAllocateInto(a, weights, n, ranks, want, allocationScratch(n));
      expect(Array.from(got)).toEqual(Array.from(want));
    });

  test.prop([fc.integer({ min: 1, max: MAX_CENTS }), fc.integer({ min: 1, max: MAX_CENTS })], { numRuns: 20000 })(
    "a quotient's floor and remainder as `%` gives them, where the float quotient rounds up to the next integer too",
    (p, total) => {
      // One part of weight p (amount 1) and one of weight total - p when that is a weight: the part's floor and remainder decide.
      const weights = Float64Array.of(p, Math.max(0, total - p));
      const got = new Float64Array(2), want = new Float64Array(2);
      for (const a of [1, 3, 999_999_937]) {
        if (a * Math.max(p, total - p) > MAX_CENTS) continue;
        allocateInto(a, weights, 2, null, got, allocationScratch(2));
        referenceAllocateInto(a, weights, 2, null, want, allocationScratch(2));
        expect(Array.from(got)).toEqual(Array.from(want));
      }
    });
});
