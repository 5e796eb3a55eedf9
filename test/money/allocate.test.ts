import { describe, expect, it } from "vitest";
import { allocate, roundCents, toCents } from "../../engine/index.ts";

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
