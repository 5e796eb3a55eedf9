import { describe, expect, test } from "vitest";
import { IncompleteBeta } from "../../engine/uncertainty/incompleteBeta.ts";
import { logGamma } from "../../engine/uncertainty/logGamma.ts";
import { betaCdfBySeries, betaCdfInteger, bisect } from "./helpers.ts";

describe("logGamma", () => {
  test.each([
    [1, 0],
    [2, 0],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [10, Math.log(362880)],
    [0.1, 2.252712651734206], // ln Gamma(0.1), mpmath
  ])("logGamma(%s) = %s", (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThan(1e-13);
  });
});

describe("regularised incomplete beta", () => {
  test.each([
    [2, 5, 0.1],
    [2, 5, 0.5],
    [3, 3, 0.7],
    [1, 4, 0.2],
    [6, 2, 0.95],
  ])("I_x(%s, %s) at x = %s equals the binomial closed form to 1e-14", (a, b, x) => {
    expect(Math.abs(new IncompleteBeta(a, b).cdf(x) - betaCdfInteger(a, b, x))).toBeLessThan(1e-14);
  });

  test.each([
    [1.8, 3.2, 0.3],
    [0.5, 0.5, 0.2],
    [0.3, 2.5, 0.05],
    [4.5, 0.7, 0.9],
    [12.3, 7.7, 0.6],
  ])("I_x(%s, %s) at x = %s equals the binomial series to 1e-12", (a, b, x) => {
    expect(Math.abs(new IncompleteBeta(a, b).cdf(x) - betaCdfBySeries(a, b, x))).toBeLessThan(1e-12);
  });
});

describe("inverse regularised incomplete beta", () => {
  // References: mpmath findroot on betainc at 30 digits, and independent bisection in the test.
  test("beta(2, 5) median = 0.26444998329566 (mpmath; and bisection on the binomial closed form)", () => {
    const x = new IncompleteBeta(2, 5).inverse(0.5);
    expect(Math.abs(x - 0.26444998329565996)).toBeLessThan(1e-12);
    expect(Math.abs(x - bisect((t) => betaCdfInteger(2, 5, t), 0.5, 0, 1))).toBeLessThan(1e-12);
  });

  test.each([
    [1.8, 3.2, 0.5, 0.34008941755440839],
    [1.8, 3.2, 0.05, 0.074956547929889453],
    [0.5, 0.5, 0.3, 0.20610737385376342],
  ])("beta(%s, %s) quantile at %s = %s to 1e-10 (mpmath; and bisection on the series)", (a, b, p, ref) => {
    const x = new IncompleteBeta(a, b).inverse(p);
    expect(Math.abs(x - ref)).toBeLessThan(1e-10);
    expect(Math.abs(x - bisect((t) => betaCdfBySeries(a, b, t), p, 0, 1, 60))).toBeLessThan(1e-10);
  });

  test("tiny and near-one quantiles keep their relative precision", () => {
    // beta(5, 1.2): I_x ~ x^5 / (5 B(5, 1.2)) near 0; mpmath gives 9.17560990125305378e-41 at p = 1e-200.
    expect(Math.abs(new IncompleteBeta(5, 1.2).inverse(1e-200) / 9.1756099012530538e-41 - 1)).toBeLessThan(1e-12);
    // beta(2, 1): F = x^2, so the quantile at p = 1 - 1e-12 is sqrt(p) = 1 - 5e-13; the doubles
    // near 1 are 1.1e-16 apart, so two of those steps is the best one can ask for.
    expect(Math.abs(new IncompleteBeta(2, 1).inverse(1 - 1e-12) - Math.sqrt(1 - 1e-12))).toBeLessThanOrEqual(2.3e-16);
  });

  test("inverseInto is bit-identical to inverse, also in place", () => {
    const ps = Float64Array.from({ length: 3000 }, (_, i) => (i + 0.5) / 3000);
    const ib = new IncompleteBeta(2.5, 1.3);
    const one = ps.map((p) => ib.inverse(p));
    expect(Array.from(ib.inverseInto(ps, new Float64Array(ps.length)))).toEqual(Array.from(one));
    expect(Array.from(ib.inverseInto(ps, ps))).toEqual(Array.from(one));
  });

  test("p = 0 and p = 1 give the ends; p outside [0, 1] gives NaN", () => {
    const ib = new IncompleteBeta(2, 3);
    expect([ib.inverse(0), ib.inverse(1)]).toEqual([0, 1]);
    expect([ib.inverse(-1e-300), ib.inverse(1.5), ib.inverse(NaN)].every(Number.isNaN)).toBe(true);
  });
});
