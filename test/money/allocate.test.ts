import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocate, roundCents, toCents } from "../../engine/index.ts";
import { keyRanks } from "../../engine/money/allocate.ts";

describe("allocate", () => {
  it("gives the leftover cents to the largest remainders (dinero.js example: 100 by 50/50 and 70/30)", () => {
    expect(allocate(100, [50, 50])).toEqual([50, 50]);
    expect(allocate(100, [70, 30])).toEqual([70, 30]);
    expect(allocate(1003, [1, 1, 1])).toEqual([335, 334, 334]);
  });
  it("breaks ties by key, not by position, when keys are given", () => {
    expect(allocate(1, [1, 1], ["b", "a"])).toEqual([0, 1]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
  });
  it("splits a negative amount as its absolute value", () => {
    expect(allocate(-1003, [1, 1, 1])).toEqual([-335, -334, -334]);
  });
  it("gives nothing to a zero weight", () => {
    expect(allocate(10, [0, 1, 0])).toEqual([0, 10, 0]);
  });
  it("splits by weights near the largest double without overflow or a hang (a funder share of 1.8e308 looped forever in the fuzz test)", () => {
    const max = Number.MAX_VALUE;
    expect(allocate(123_456_789, [0.5, max])).toEqual([0, 123_456_789]);
    expect(allocate(-9_007_199_254_740_991, [max / 4, max / 4])).toEqual([-4_503_599_627_370_496, -4_503_599_627_370_495]);
    expect(allocate(1001, [1e300, 3e300, 0])).toEqual([250, 751, 0]);
  });
  it("splits nothing into zeros (no -0)", () => {
    expect(allocate(0, [1, 2]).map((p) => Object.is(p, 0))).toEqual([true, true]);
    expect(allocate(-3, [0, 1, 0]).map((p) => Object.is(p, 0))).toEqual([true, false, true]);
  });
  it("splits by any fractional weights into whole cents that sum exactly, each within a cent of its share", () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 8 }).filter((ws) => ws.some((w) => w > 0)), (amount, ws) => {
      const parts = allocate(amount, ws), total = ws.reduce((s, w) => s + w, 0);
      expect(parts.every((p) => Number.isInteger(p) && !Object.is(p, -0))).toBe(true);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
      parts.forEach((p, i) => expect(Math.abs(p - (amount * ws[i]!) / total)).toBeLessThan(1 + 1e-6));
    }), { seed: 15, numRuns: 500 });
  });
  it("refuses weights that cannot split money", () => {
    expect(() => allocate(10, [0, 0])).toThrow(/all zero/);
    expect(() => allocate(10, [-1, 2])).toThrow(/non-negative/);
    expect(() => allocate(10, [Number.NaN])).toThrow();
    expect(() => allocate(1.5, [1])).toThrow(/integer/);
  });
});

describe("money", () => {
  it("rounds euros to cents half away from zero, as a person computing by hand", () => {
    expect(toCents(0.285)).toBe(29);
    expect(toCents(1.005)).toBe(101);
    expect(toCents(-0.005)).toBe(-1);
    expect(toCents(0.004)).toBe(0);
    expect(Object.is(toCents(-0.001), 0)).toBe(true);
  });
  it("never turns a non-finite amount into money", () => {
    expect(() => toCents(Number.NaN)).toThrow();
    expect(() => toCents(Infinity)).toThrow();
    expect(() => roundCents(Number.NaN)).toThrow();
  });
});

describe("allocate against an exact statement of largest remainder (BigInt fractions)", () => {
  // The rule, stated independently: part i gets floor(|a| w_i / W); the cents left go one each to
  // the positive parts with the largest remainders (w_i |a| mod W), ties by key, then position;
  // the sign of the amount goes on every part.
  const exact = (amount: number, weights: number[], keys?: string[]): number[] => {
    const a = BigInt(Math.abs(amount)), W = weights.reduce((s, w) => s + BigInt(w), 0n);
    const floors = weights.map((w) => (a * BigInt(w)) / W), rems = weights.map((w) => (a * BigInt(w)) % W);
    let left = Number(a - floors.reduce((s, f) => s + f, 0n));
    const order = weights.map((_, i) => i).filter((i) => weights[i]! > 0).sort((x, y) =>
      rems[x]! !== rems[y]! ? (rems[y]! > rems[x]! ? 1 : -1) : keys && keys[x] !== keys[y] ? (keys[x]! < keys[y]! ? -1 : 1) : x - y);
    for (const i of order) if (left-- > 0) floors[i]! += 1n;
    return floors.map((f) => (f === 0n ? 0 : amount < 0 ? -Number(f) : Number(f)));
  };
  it("with fractional weights and many parts (the float remainders) gives every cent left over to a larger exact remainder first", () => {
    // Weights k / 4 (exact in binary, not all integers: the float path): the exact shares are
    // |a| k_i / K. Exact ties between different weights can come out in either order in floating
    // point, so here the rule without its tie-break: each part is the floor of its exact share or
    // one more, the extra cents are exactly those left, and no part with a smaller exact
    // remainder gets one while a part with a larger one does not.
    fc.assert(fc.property(
      fc.integer({ min: -10_000_000, max: 10_000_000 }),
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 33, maxLength: 60 }).filter((ks) => ks.some((k) => k > 0) && ks.some((k) => k % 4 !== 0)),
      (amount, ks) => {
        const a = BigInt(Math.abs(amount)), K = ks.reduce((s, k) => s + BigInt(k), 0n);
        const floors = ks.map((k) => (a * BigInt(k)) / K), rems = ks.map((k) => (a * BigInt(k)) % K);
        const parts = allocate(amount, ks.map((k) => k / 4));
        const extra = parts.map((p, i) => BigInt(Math.abs(p)) - floors[i]!);
        expect(extra.every((e) => e === 0n || e === 1n)).toBe(true);
        expect(extra.reduce((s, e) => s + e, 0n)).toBe(a - floors.reduce((s, f) => s + f, 0n));
        // Every positive part that got a cent has an exact remainder at least that of every one that did not.
        const got = rems.filter((_, i) => ks[i]! > 0 && extra[i] === 1n), not = rems.filter((_, i) => ks[i]! > 0 && extra[i] === 0n);
        if (got.length > 0 && not.length > 0) expect(got.reduce((m, r) => (r < m ? r : m)) >= not.reduce((m, r) => (r > m ? r : m))).toBe(true);
        expect(parts.every((p) => amount >= 0 ? p >= 0 : p <= 0)).toBe(true);
      },
    ), { seed: 12, numRuns: 200 });
  });
  it("breaks exact ties between different integer weights by position or key, not by float noise (it gave 7 by 1 : 7 : 13 as 0, 3, 4)", () => {
    // 7 x 1 / 21 = 0 + 1/3, 7 x 7 / 21 = 2 + 1/3, 7 x 13 / 21 = 4 + 1/3: floors 0, 2, 4, one cent
    // left, three equal remainders: the first part gets it; with keys c, b, a the third (key a).
    expect(allocate(7, [1, 7, 13])).toEqual([1, 2, 4]);
    expect(allocate(7, [1, 7, 13], ["c", "b", "a"])).toEqual([0, 2, 5]);
    // 7 x 1 / 21 = 1/3, 70 / 21 = 3 + 1/3 (twice): floors 0, 3, 3, the cent to the first.
    expect(allocate(-7, [1, 10, 10])).toEqual([-1, -3, -3]);
  });
  it("gives the same parts near MAX_CENTS, where the float floors sum above the whole and a cent is taken back", () => {
    // 3 : 7 of 9,007,199,254,740,962: exact shares ...288.6 and ...673.4; the first gets the cent.
    for (const a of [9_007_199_254_740_962, 9_007_199_254_740_922, -9_007_199_254_740_916]) expect(allocate(a, [3, 7])).toEqual(exact(a, [3, 7]));
    expect(allocate(9_007_199_254_740_962, [3, 7])).toEqual([2_702_159_776_422_289, 6_305_039_478_318_673]);
  });
  it("orders tied parts by key, and keeps key lists with the same characters apart", () => {
    // 3 cents over four equal parts: keys a, b, c get one each.
    expect(allocate(3, [1, 1, 1, 1], ["d", "b", "c", "a"])).toEqual([0, 1, 1, 1]);
    expect(allocate(1, [1, 1], ["b", "ac"])).toEqual([0, 1]);
    expect(allocate(1, [1, 1], ["ba", "c"])).toEqual([1, 0]);
  });
  it("remembers a key list's ranks (the same array back) and forgets every list once 512 are held (a bounded cache)", () => {
    const probe = ["probe-b", "probe-a", "probe-b"];
    let k = 0;
    const fresh = () => keyRanks([`fresh-${k++}`]);
    let held = keyRanks(probe);
    expect(Array.from(held)).toEqual([1, 0, 1]);
    expect(keyRanks([...probe])).toBe(held);
    // Fresh lists until the probe is forgotten: the cache was full and cleared (it then holds
    // the fresh list and the probe again, 2 lists).
    let i = 0;
    while (i < 600 && keyRanks(probe) === held) { fresh(); i++; }
    expect(i).toBeLessThan(600);
    held = keyRanks(probe);
    for (let j = 0; j < 510; j++) fresh();
    expect(keyRanks(probe)).toBe(held); // 512 lists held
    fresh(); // the 513th clears the cache first
    const again = keyRanks(probe);
    expect(again).not.toBe(held);
    expect(again).toEqual(held);
  });
  it("remembers a frozen key list by identity, past the clearing of the cache by text; an unfrozen list is read again", () => {
    let k = 0;
    const clear = () => { for (let j = 0; j < 520; j++) keyRanks([`clear-${k++}`]); };
    // A frozen list: the same ranks back after the cache by text was cleared.
    const frozen = Object.freeze(["id-b", "id-a"]);
    const held = keyRanks(frozen);
    clear();
    expect(keyRanks(frozen)).toBe(held);
    // A frozen list whose text was seen before (in an unfrozen list) is remembered by identity too.
    const text = keyRanks(["id-d", "id-c"]);
    const frozen2 = Object.freeze(["id-d", "id-c"]);
    expect(keyRanks(frozen2)).toBe(text);
    clear();
    expect(keyRanks(frozen2)).toBe(text);
    // An unfrozen list can change after a split, so its ranks are not remembered by identity:
    // reordered in place, the tied cent follows the keys.
    const keys = ["id-x", "id-y"];
    expect(allocate(1, [1, 1], keys)).toEqual([1, 0]);
    keys.reverse();
    expect(allocate(1, [1, 1], keys)).toEqual([0, 1]);
    clear();
    keys.reverse();
    expect(allocate(1, [1, 1], keys)).toEqual([1, 0]);
    keys.reverse();
    expect(allocate(1, [1, 1], keys)).toEqual([0, 1]);
  });
  it("uses one work space for every split, grown for a longer list: a long split between two short ones is whole", () => {
    expect(allocate(5, [1, 1, 1])).toEqual([2, 2, 1]);
    const many = Array.from({ length: 40 }, (_, i) => i + 1);
    const parts = allocate(820 + 7, many);
    expect(parts.reduce((s, x) => s + x, 0)).toBe(827);
    expect(parts.every((x, i) => x === i + 1 || x === i + 2)).toBe(true);
    expect(allocate(5, [1, 1, 1])).toEqual([2, 2, 1]);
    // 7 by 1 : 2 : 4 : 1 x 7 (total 14): floors 0, 1, 2, 0...; the four cents left go to the first four halves.
    expect(allocate(-7, [1, 2, 4, 1, 1, 1, 1, 1, 1, 1])).toEqual([-1, -1, -2, -1, -1, -1, 0, 0, 0, 0]);
  });
  it("keeps key lists apart whatever characters the keys hold (a list joined with NUL mixed up these two)", () => {
    // One cent over two equal parts goes to the smaller key: "a\0" < "b" (the first part), "\0b" < "a" (the second).
    expect(allocate(1, [1, 1], ["a\u0000", "b"])).toEqual([1, 0]);
    expect(allocate(1, [1, 1], ["a", "\u0000b"])).toEqual([0, 1]);
  });
  it("refuses no parts, an infinite sum of weights and keys that do not match the weights", () => {
    expect(() => allocate(10, [])).toThrow("allocate: no parts to allocate to");
    expect(() => allocate(10, [1e308, 1e308])).toThrow("allocate: the weights' sum is not finite");
    expect(() => allocate(10, [1, 1], ["a"])).toThrow("allocate: tieKeys must match weights");
    expect(() => allocate(10, [1, -0.5])).toThrow("allocate: weights must be finite and non-negative, got -0.5");
    expect(() => allocate(Number.NaN, [1])).toThrow("allocate: amount must be an integer number of cents, got NaN");
  });
  /** allocate and `exact` agree on any amount, the parts `parts` draws, with and without keys. */
  const agrees = (parts: fc.Arbitrary<{ w: number; key: string }[]>, amounts: fc.Arbitrary<number>, seed: number, numRuns: number) => fc.assert(fc.property(
    amounts, parts.filter((ps) => ps.some((p) => p.w > 0)), fc.boolean(),
    (amount, ps, withKeys) => {
      const weights = ps.map((p) => p.w), keys = withKeys ? ps.map((p) => p.key) : undefined;
      expect(allocate(amount, weights, keys)).toEqual(exact(amount, weights, keys));
    },
  ), { seed, numRuns });
  it("gives the same parts for any amount, integer weights and keys", () => {
    agrees(fc.array(fc.record({ w: fc.integer({ min: 0, max: 1000 }), key: fc.constantFrom("a", "b", "c", "d") }), { minLength: 1, maxLength: 7 }), fc.integer({ min: -10_000_000, max: 10_000_000 }), 11, 400);
  });
  it("picks the parts that get a leftover cent among many exactly by the rule, for every count of cents left (the selection over more than 32 parts)", () => {
    // Deterministic, every case checked: sizes around and far above the 32 of the insertion
    // sort, weights all equal (every remainder tied: keys, then position decide), two values,
    // rising, and small pseudo-random ones with many ties; amounts m consecutive values, so the
    // cents left run through 0 .. m - 1; with keys (some repeated) and without.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (const m of [33, 34, 47, 64, 65, 100, 257]) {
      const patterns = [
        Array.from({ length: m }, () => 1),
        Array.from({ length: m }, (_, i) => (i % 3 === 0 ? 2 : 5)),
        Array.from({ length: m }, (_, i) => i + 1),
        Array.from({ length: m }, () => next() % 7),
        Array.from({ length: m }, (_, i) => (m - i) * 3),
      ].filter((w) => w.some((x) => x > 0));
      const keys = Array.from({ length: m }, () => `gm${String(next() % 40).padStart(3, "0")}`);
      for (const weights of patterns) {
        const start = 1000 + (next() % 100_000);
        for (let t = 0; t <= m; t++) {
          const amount = (t % 2 === 0 ? 1 : -1) * (start + t);
          expect(allocate(amount, weights)).toEqual(exact(amount, weights));
          expect(allocate(amount, weights, keys)).toEqual(exact(amount, weights, keys));
        }
      }
    }
  });
  it("gives the same parts with many parts (33 to 400: a region's municipalities), many of them tied", () => {
    agrees(fc.array(fc.record({ w: fc.constantFrom(0, 1, 2, 3, 7, 1000, 60_000), key: fc.constantFrom("gm0001", "gm0002", "gm0003", "gm0004", "gm0005") }), { minLength: 33, maxLength: 400 }), fc.integer({ min: -10_000_000, max: 10_000_000 }), 12, 200);
  });
  it("gives the same parts when exact remainders tie between different weights (small weights and amounts: ties are common)", () => {
    agrees(fc.array(fc.record({ w: fc.integer({ min: 0, max: 30 }), key: fc.constantFrom("a", "b", "c", "d", "e") }), { minLength: 1, maxLength: 9 }), fc.integer({ min: -300, max: 300 }), 13, 1000);
    agrees(fc.array(fc.record({ w: fc.integer({ min: 0, max: 50 }), key: fc.constantFrom("a", "b", "c", "d", "e") }), { minLength: 33, maxLength: 60 }), fc.integer({ min: -10_000_000, max: 10_000_000 }), 14, 200);
  });
});
