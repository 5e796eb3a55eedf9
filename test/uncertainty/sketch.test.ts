/**
 * The quantile sketch (engine/uncertainty/sketch.ts) on examples; its error bound and its
 * independence of order are property tests in properties.test.ts.
 */
import { describe, expect, test } from "vitest";
import { createRng, percentileSorted, QuantileSketch, SKETCH_RELATIVE_ERROR } from "../../engine/uncertainty/index.ts";

const PS = [0, 0.05, 0.1, 0.5, 0.9, 0.95, 1];

describe("quantile sketch", () => {
  test("all values equal: every percentile is that value, exactly", () => {
    const s = new QuantileSketch();
    s.addAll(new Float64Array(1000).fill(-123_456.78));
    for (const p of PS) expect(s.quantile(p)).toBe(-123_456.78);
  });

  test("the smallest and the largest value are exact, and so are p = 0 and p = 1", () => {
    const s = new QuantileSketch();
    s.addAll(Float64Array.of(-1234.5, 17.25, 3e9 + 0.5, 42));
    expect([s.min, s.max, s.quantile(0), s.quantile(1)]).toEqual([-1234.5, 3e9 + 0.5, -1234.5, 3e9 + 0.5]);
  });

  test("empty, p outside [0, 1] or a NaN added: NaN, never a plausible number", () => {
    expect(new QuantileSketch().quantile(0.5)).toBeNaN();
    const s = new QuantileSketch();
    s.addAll(Float64Array.of(1, 2, 3));
    expect(s.quantile(-0.1)).toBeNaN();
    expect(s.quantile(1.1)).toBeNaN();
    s.add(NaN);
    expect(s.quantile(0.5)).toBeNaN();
  });

  test("a value below a cent counts as zero; zero, negative and positive values are ordered", () => {
    const s = new QuantileSketch();
    s.addAll(Float64Array.of(-500, 0.3, -0.2, 1e-9, 800));
    expect(s.count).toBe(5);
    expect(s.quantile(0.5)).toBe(0);
    expect(s.quantile(0.25)).toBe(0); // order statistic 1 of 5: -0.2, within the floor of a cent
    expect(Math.abs(s.quantile(0.75))).toBeLessThanOrEqual(1);
  });

  test("a value in the middle is reported within 0.1 % (the stated relative error)", () => {
    expect(SKETCH_RELATIVE_ERROR).toBe(0.001);
    const xs = Float64Array.of(-7e6, 10, 98_765.43, 5e8, 6e8);
    const s = new QuantileSketch();
    s.addAll(xs);
    for (const [p, exact] of [[0.25, 10], [0.5, 98_765.43], [0.75, 5e8]] as const) expect(Math.abs(s.quantile(p) - exact)).toBeLessThanOrEqual(0.001 * Math.abs(exact));
  });

  test("memory does not grow with the number of values: a million normal values in the same buckets as ten thousand", () => {
    const rng = createRng(9), u = new Float64Array(10_000);
    const s = new QuantileSketch();
    const fill = () => { rng.fill(u); for (let i = 0; i < u.length; i++) u[i] = 1e8 * (1 + 0.2 * (u[i]! - 0.5)); s.addAll(u); };
    fill();
    const after10k = s.bytes;
    for (let k = 1; k < 100; k++) fill();
    expect(s.count).toBe(1_000_000);
    expect(s.bytes).toBeLessThanOrEqual(after10k * 1.5);
    // log2(1.2 / 0.8) / ln((1 + a) / (1 - a)) buckets cover the range: about 300, a few KB.
    expect(s.bytes).toBeLessThan(16_384);
  });

  test("merging sketches gives the sketch of all the values", () => {
    const rng = createRng(4);
    const xs = rng.fill(new Float64Array(5000)).map((u) => (u - 0.3) * 1e7);
    const whole = new QuantileSketch();
    whole.addAll(xs);
    const a = new QuantileSketch(), b = new QuantileSketch();
    a.addAll(xs, 0, 1234);
    b.addAll(xs, 1234);
    a.merge(b);
    for (const p of PS) expect(a.quantile(p)).toBe(whole.quantile(p));
    const sorted = xs.slice().sort();
    for (const p of PS) expect(Math.abs(a.quantile(p) - percentileSorted(sorted, p))).toBeLessThanOrEqual(0.001 * 1e7 + 1);
  });

  test("sketches with another relative error do not merge", () => {
    expect(() => new QuantileSketch(0.001).merge(new QuantileSketch(0.01))).toThrow(RangeError);
    expect(() => new QuantileSketch(0)).toThrow(RangeError);
  });
});
