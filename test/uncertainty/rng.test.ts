import { describe, expect, test } from "vitest";
import { createRng } from "../../engine/uncertainty/index.ts";
import { seedSequenceState, seedWords } from "../../engine/uncertainty/seedSequence.ts";
import { draw } from "./helpers.ts";

// Property tests of the rng (determinism, fork independence, ranges) are in properties.test.ts.

describe("streams", () => {
  test("split(n) is [fork(0), ..., fork(n - 1)] and nested forks are distinct", () => {
    const streams = createRng("case-7").split(3);
    streams.forEach((s, k) => expect(Array.from({ length: 4 }, () => s.nextUint32())).toEqual(draw("case-7", 4, [k])));
    expect(draw(1, 4, [0, 1])).not.toEqual(draw(1, 4, [1, 0]));
    expect(draw(1, 4, [0, 1])).toEqual(draw(1, 4, [0, 1]));
    expect(createRng(1).fork(2).fork(3).path).toEqual([1, 2, 3]);
  });

  test("seed encodings do not collide: 0 and -0 agree, other look-alikes differ", () => {
    expect(draw(0, 4)).toEqual(draw(-0, 4));
    expect(draw(1, 4)).not.toEqual(draw("1", 4));
    expect(draw(1, 4)).not.toEqual(draw(1.5, 4));
    expect(draw("", 4)).not.toEqual(draw(0, 4));
    expect(draw(NaN, 4)).toEqual(draw(Number.NaN, 4));
    expect(seedWords("")).not.toEqual(seedWords(0));
  });

  test("programming errors throw RangeError", () => {
    expect(() => createRng(1).nextInt(0)).toThrow(RangeError);
    expect(() => createRng(1).fork(-1)).toThrow(RangeError);
    expect(() => createRng(1).fork(1.5)).toThrow(RangeError);
  });
});

describe("reference vectors", () => {
  // numpy.random.SeedSequence(entropy, spawn_key=key).generate_state(4, dtype=np.uint32), NumPy 2.4.
  const numpy: [number[], number[], number[]][] = [
    [[0], [], [0xb0f478be, 0xdb2cd7e7, 0x2c71ba49, 0xabf4641a]],
    [[42], [], [0xcd540ab7, 0x9f1e2e6d, 0x79fb94b6, 0xd57873dc]],
    [[7, 1], [], [0x16073898, 0x5c15e68f, 0xd1803233, 0x473d7918]], // 2^32 + 7
    [[42], [0], [0xa001c6a4, 0xdff6ed7d, 0x64d84a1f, 0x43239888]],
    [[42], [3], [0xc34fc8c5, 0x34037e9d, 0x48019fd6, 0xed87f1b5]],
    [[42], [1, 2], [0xeed83866, 0xe0dac085, 0xbc791727, 0xb777ec54]],
    [[0xffffffff, 0x1fffff], [5], [0x8509339a, 0x894b94fd, 0x0d38f9d7, 0x591d20ac]], // 2^53 - 1
    [[1, 2, 3, 4, 5], [], [0x7eff2afe, 0xf7e33047, 0x64055549, 0xf75b19e3]],
    [[1, 2, 3, 4, 5], [9], [0xdf55154d, 0x890f9637, 0x9f9ce323, 0x57a40268]],
  ];
  test.each(numpy)("SeedSequence(%j, spawn_key=%j) matches NumPy", (entropy, key, expected) => {
    expect(Array.from(seedSequenceState(entropy, key, 4))).toEqual(expected);
  });

  test("integer seeds use NumPy's word encoding", () => {
    expect(seedWords(42)).toEqual([42]);
    expect(seedWords(2 ** 32 + 7)).toEqual([7, 1]);
    expect(seedWords(2 ** 53 - 1)).toEqual([0xffffffff, 0x1fffff]);
  });

  // sfc32 (PractRand definition) run from the NumPy state, computed by an independent Python implementation.
  test("sfc32 output matches an independent implementation", () => {
    expect(draw(42, 6)).toEqual([0x41eaad00, 0xbea24fbd, 0xbdfe9a5b, 0x29272753, 0x11b568a4, 0x18339645]);
    expect(draw(42, 6, [7])).toEqual([0x8546fb90, 0x8d901a07, 0x92a3d585, 0xba177dad, 0xa9b3da81, 0xa2568d52]);
    const r = createRng(0);
    expect([r.next(), r.next(), r.next()]).toEqual([0.21908119455956598, 0.7764006907503597, 0.638430340440867]);
  });
});

describe("uniformity", () => {
  // Chi-square with 99 degrees of freedom: [54.99, 160.06] is the central 99.98% interval.
  test.each([1, 2, 3, "uniformity"])("chi-square of 100k draws in 100 bins is plausible (seed %s)", (seed) => {
    const rng = createRng(seed);
    const bins = new Float64Array(100);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(rng.next() * 100)]!++;
    const expected = n / 100;
    let chi2 = 0;
    for (const o of bins) chi2 += ((o - expected) * (o - expected)) / expected;
    expect(chi2).toBeGreaterThan(54.99);
    expect(chi2).toBeLessThan(160.06);
  });

  test("nextInt is unbiased: chi-square of 60k draws over 6 values", () => {
    const rng = createRng(99);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.nextInt(6)]!++;
    const chi2 = counts.reduce((s, o) => s + ((o - 10_000) * (o - 10_000)) / 10_000, 0);
    expect(chi2).toBeLessThan(25.74); // 99.99% point of chi-square(5)
  });
});
