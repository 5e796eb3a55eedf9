/**
 * The money conversions (engine/money/money.ts) and the two-part split (`variablePart`) against
 * independent statements of their rules: decimal rounding half away from zero done in integers,
 * and the largest-remainder split done in BigInt.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { centsToEuros, discountFactor, roundCents, toCents } from "../../engine/index.ts";
import { assertSafeCents, boundedCents, discountedCents, MAX_CENTS, nearestClearOfHalf, roundCentsByDigits, sumCents, toCentsByDigits } from "../../engine/money/money.ts";
import { variablePart } from "../../engine/money/allocate.ts";
import { InputError } from "../../engine/messages/issues.ts";

/** Half away from zero of m / 10 in integers: the cents a person gets from m tenths of a cent. */
const halfAwayTenths = (m: number): number => {
  const a = Math.abs(m), q = Math.floor(a / 10), r = a % 10;
  const c = q + (r >= 5 ? 1 : 0);
  return c === 0 ? 0 : m < 0 ? -c : c;
};

const thrown = (f: () => unknown): unknown => {
  try { f(); } catch (e) { return e; }
  throw new Error("did not throw");
};

describe("toCents: euros to cents, half away from zero", () => {
  it("rounds every amount given to a tenth of a cent as a person does by hand (0.1235 EUR is 12.35 cents, 12 cents; 0.1255 is 13)", () => {
    // m tenths of a cent = m / 1000 euros; up to 12 significant digits of cents, where the
    // 12-digit cut of the definition keeps the decimal exactly.
    fc.assert(fc.property(fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }), (m) => {
      const c = toCents(m / 1000);
      expect(c).toBe(halfAwayTenths(m));
      expect(Object.is(c, -0)).toBe(false);
      expect(toCentsByDigits(m / 1000)).toBe(c);
    }), { seed: 111, numRuns: 3000 });
  });
  it("rounds the half cents exactly at .5 in both directions", () => {
    expect([toCents(0.125), toCents(-0.125), toCents(0.135), toCents(-0.135), toCents(2.675), toCents(0.015)]).toEqual([13, -13, 14, -14, 268, 2]);
    // Just under a half stays down, just over goes up (0.1249 EUR = 12.49 cents).
    expect([toCents(0.1249), toCents(0.1251), toCents(-0.1249), toCents(-0.1251)]).toEqual([12, 13, -12, -13]);
    expect([toCents(0), toCents(-0), toCents(-0.004)].map((c) => Object.is(c, 0))).toEqual([true, true, true]);
  });
  it("keeps whole cents from 1e11 cents up (the definition decides there)", () => {
    // EUR 1,234,567,890.12 = 123,456,789,012 cents (12 digits); EUR 5,000,000,000 = 5e11 cents.
    expect(toCents(1_234_567_890.12)).toBe(123_456_789_012);
    expect(toCents(-1_234_567_890.12)).toBe(-123_456_789_012);
    expect(toCents(5e9)).toBe(5e11);
    expect(toCents(999_999_999.995)).toBe(100_000_000_000); // 99,999,999,999.5 cents, half up
  });
  it("refuses NaN and the infinities by name", () => {
    expect(() => toCents(-Infinity)).toThrow("toCents: not a finite amount: -Infinity");
    expect(() => toCentsByDigits(Number.NaN)).toThrow("toCents: not a finite amount: NaN");
  });
});

describe("roundCents: a float number of cents to whole cents, half away from zero", () => {
  it("rounds every amount given to a thousandth of a cent by hand", () => {
    // m thousandths of a cent: up to 15 significant digits; the half is at 500 thousandths.
    fc.assert(fc.property(fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }), (m) => {
      const a = Math.abs(m), q = Math.floor(a / 1000), r = a % 1000;
      const c = q + (r >= 500 ? 1 : 0);
      const expected = c === 0 ? 0 : m < 0 ? -c : c;
      const got = roundCents(m / 1000);
      expect(got).toBe(expected);
      expect(Object.is(got, -0)).toBe(false);
      expect(roundCentsByDigits(m / 1000)).toBe(expected);
    }), { seed: 112, numRuns: 3000 });
  });
  it("rounds halves away from zero and never gives a negative zero", () => {
    expect([roundCents(0.5), roundCents(-0.5), roundCents(2.5), roundCents(-2.5), roundCents(1.4999)]).toEqual([1, -1, 3, -3, 1]);
    expect(Object.is(roundCents(-0.4), 0)).toBe(true);
    expect(Object.is(roundCentsByDigits(-0.4), 0)).toBe(true);
    // 1e13 cents and more: already whole, kept.
    expect([roundCents(12_345_678_901_234), roundCents(-12_345_678_901_234)]).toEqual([12_345_678_901_234, -12_345_678_901_234]);
  });
  it("refuses non-finite cents by name", () => {
    expect(() => roundCents(Infinity)).toThrow("roundCents: not a finite amount: Infinity");
  });
});

describe("nearestClearOfHalf: the fast path of toCents and roundCents", () => {
  it("gives the nearest integer away from the halves, in both directions and never -0", () => {
    expect([12.3, -12.3, 12.7, -12.7, 0.2, 1e10 + 0.25].map((x) => nearestClearOfHalf(x, 1e-11))).toEqual([12, -12, 13, -13, 0, 1e10]);
    expect(Object.is(nearestClearOfHalf(-0.2, 1e-11), 0)).toBe(true);
    expect(Object.is(nearestClearOfHalf(-0, 1e-11), 0)).toBe(true);
  });
  it("leaves a half, a near-half and everything beyond 1 / (2 rel) to the definition, and NaN and the infinities", () => {
    // 0.285 EUR x 100 = 28.499999999999996: 4e-15 from the half, inside any band here.
    expect([12.5, -12.5, 0.285 * 100, 6e10, -6e10, 6e13, Number.NaN, Infinity, -Infinity].map((x) => nearestClearOfHalf(x, x === 6e13 ? 1e-14 : 1e-11)))
      .toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
  it("draws the band at rel |x| from the half: 1,000.5 - 2e-8 is clear of it, 1,000.5 - 5e-9 is not (band 1.0005e-8)", () => {
    expect(nearestClearOfHalf(1000.5 - 2e-8, 1e-11)).toBe(1000);
    expect(nearestClearOfHalf(1000.5 - 5e-9, 1e-11)).toBeUndefined();
    expect(nearestClearOfHalf(-1000.5 + 2e-8, 1e-11)).toBe(-1000);
    expect(nearestClearOfHalf(-1000.5 + 5e-9, 1e-11)).toBeUndefined();
  });
});

describe("roundCents from 1e13 cents up (the fast path applies up to 5e13)", () => {
  it("agrees with its definition on eighths of a cent up to 2^49 (5.6e14) cents", () => {
    // m / 8 is exact; the definition keeps 15 digits, so from 1e14 on the eighths are cut first.
    fc.assert(fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (m) => {
      expect(roundCents(m / 8)).toBe(roundCentsByDigits(m / 8));
    }), { seed: 114, numRuns: 3000 });
    expect([roundCents(12_345_678_901_234.375), roundCents(-12_345_678_901_234.5), roundCents(40_000_000_000_000.625)]).toEqual([12_345_678_901_234, -12_345_678_901_235, 40_000_000_000_001]);
  });
});

describe("bounded and discounted cents", () => {
  it("accepts euros up to MAX_CENTS cents and refuses one cent more, naming what and the year", () => {
    // MAX_CENTS = 2^53 - 1 = 9,007,199,254,740,991 cents = EUR 90,071,992,547,409.91.
    expect(boundedCents(1.25, ["x"], "saving")).toBe(125);
    expect(boundedCents(-1.25, ["x"], "saving")).toBe(-125);
    // (Beyond 1e12 cents toCents keeps 12 significant digits, its documented cut: only "no error" here.)
    expect(() => boundedCents(90_071_992_547_409.91, ["x"], "saving")).not.toThrow();
    expect(boundedCents(1_234_567_890.12, ["x"], "saving")).toBe(123_456_789_012);
    const e = thrown(() => boundedCents(90_071_992_547_410, ["effects", 0, "unitPrice"], "saving", 2030)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect([e.path, e.code, e.params]).toEqual([["effects", 0, "unitPrice"], "amountOverflow", { what: "saving", value: 90_071_992_547_410, year: 2030 }]);
    const n = thrown(() => boundedCents(Number.NaN, ["p"], "investment")) as InputError;
    // No year given: no year key at all (not one that is undefined).
    expect([n.code, n.params]).toStrictEqual(["amountOverflow", { what: "investment", value: Number.NaN }]);
    expect(() => boundedCents(-Infinity, ["p"], "investment")).toThrow(InputError);
    expect(() => boundedCents(-90_071_992_547_410, ["p"], "investment")).toThrow(InputError);
  });
  it("discounts a row to whole cents and refuses a factor that overflows, naming the rate", () => {
    // 1,000 cents at 10 % two years out: 1,000 / 1.21 = 826.45... -> 826; -1,000 -> -826.
    expect(discountedCents(1000, discountFactor(0.1, 2), 0.1, 2)).toBe(826);
    expect(discountedCents(-1000, discountFactor(0.1, 2), 0.1, 2)).toBe(-826);
    expect(discountedCents(999_999_999_999_999, 1, 0, 0)).toBe(999_999_999_999_999);
    expect(() => discountedCents(MAX_CENTS, 1, 0, 0)).not.toThrow();
    expect(() => discountedCents(MAX_CENTS, 1.0000001, 0, 0)).toThrow(InputError);
    const e = thrown(() => discountedCents(-10, 1e15, -0.9, 15)) as InputError;
    expect([e.path, e.code, e.params]).toEqual([["discountRate"], "discountOverflow", { rate: -0.9, years: 15, factor: 1e15 }]);
    expect(() => discountedCents(1, Infinity, -1, 3)).toThrow(InputError);
  });
  it("converts, sums and guards cents", () => {
    expect(centsToEuros(12_345)).toBe(123.45);
    expect(sumCents([100, -30, 5])).toBe(75);
    expect(sumCents([])).toBe(0);
    expect(() => assertSafeCents(MAX_CENTS, "here")).not.toThrow();
    expect(() => assertSafeCents(MAX_CENTS + 1, "ledger total")).toThrow("ledger total: amount 9007199254740992 is not a safe integer number of cents");
    expect(() => assertSafeCents(0.5, "x")).toThrow(/not a safe integer/);
  });
});

describe("discountFactor", () => {
  it("leaves the start year undiscounted and divides year k by (1 + r)^k", () => {
    expect(discountFactor(0.03, 0)).toBe(1);
    expect(discountFactor(0.1, 2)).toBeCloseTo(1 / 1.21, 15);
    expect(discountFactor(-0.5, 1)).toBe(2);
    expect(discountFactor(0.25, 3)).toBe(0.512); // 1 / 1.953125
  });
});

describe("variablePart: the first part of a two-part largest-remainder split", () => {
  // vcs = p / 1024 (exact in binary); the rule in BigInt: floors of |lost| p / 1024 and
  // |lost| (1024 - p) / 1024; a cent left goes to the larger remainder, the first part on a tie.
  const reference = (lost: number, p: number): number => {
    const a = BigInt(Math.abs(lost)), P = BigInt(p), Q = 1024n - P;
    let f0 = (a * P) / 1024n;
    const f1 = (a * Q) / 1024n, r0 = (a * P) % 1024n, r1 = (a * Q) % 1024n;
    if (a - f0 - f1 > 0n && P > 0n && Q > 0n && r0 >= r1) f0 += 1n;
    return f0 === 0n ? 0 : lost < 0 ? -Number(f0) : Number(f0);
  };
  it("agrees with the rule stated in BigInt for any amount and fraction", () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 1024 }), (lost, p) => {
      const v = variablePart(lost, p / 1024);
      expect(v).toBe(reference(lost, p));
      expect(Object.is(v, -0)).toBe(false);
    }), { seed: 113, numRuns: 3000 });
  });
  it("gives a tied cent to the first part, and the larger remainder its cent", () => {
    expect(variablePart(1, 0.5)).toBe(1); // 0.5 / 0.5: tie, the first part
    expect(variablePart(-1, 0.5)).toBe(-1);
    expect(variablePart(3, 0.25)).toBe(1); // 0.75 / 2.25: the first remainder is larger
    expect(variablePart(5, 0.25)).toBe(1); // 1.25 / 3.75: the second one is
    expect(variablePart(101, 0.75)).toBe(76); // 75.75 / 25.25
    expect([variablePart(999, 0), variablePart(999, 1), variablePart(-999, 1)]).toEqual([0, 999, -999]);
    expect(Object.is(variablePart(-999, 0), 0)).toBe(true);
  });
});
