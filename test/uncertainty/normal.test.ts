import { describe, expect, test } from "vitest";
import { normalQuantile } from "../../engine/uncertainty/index.ts";
import { bisect, normalCdfByIntegration } from "./helpers.ts";

describe("normalQuantile (AS 241)", () => {
  // 30-digit values from mpmath: sqrt(2) * erfinv(2p - 1).
  test.each([
    [0.975, 1.959963984540054],
    [0.8, 0.8416212335729142],
    [0.05, -1.6448536269514729],
    [1e-10, -6.361340902404056],
  ])("quantile(%s) = %s to 1e-9 relative (mpmath reference)", (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-9 * Math.abs(z));
  });

  test.each([0.001, 0.025, 0.3, 0.5, 0.69, 0.9, 0.999])(
    "quantile(%s) inverts a CDF computed by numeric integration, to 1e-9",
    (p) => {
      const z = bisect(normalCdfByIntegration, p, -8, 8, 80);
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-9);
    },
  );

  test("ends and invalid input: 0 -> -Infinity, 1 -> Infinity, outside [0, 1] -> NaN", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });

  test("is strictly increasing on a grid of 100k points", () => {
    let previous = -Infinity;
    let bad = 0;
    for (let i = 1; i < 100_000; i++) {
      const q = normalQuantile(i / 100_000);
      if (!(q > previous)) bad++;
      previous = q;
    }
    expect(bad).toBe(0);
  });
});
