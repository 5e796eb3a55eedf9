/**
 * The fuzz test, seeded: 2,000 mutated copies of the bundled examples and random cases
 * (test/fuzz/cases.ts), each checked in every output format (test/fuzz/check.ts): an input
 * error with a path and a message, or a success with only finite numbers, safe-integer cents and
 * partners summing to society; never an exception escaping. Every failure is collected and
 * reported by class with an example, so one run shows all that is wrong. `npm run fuzz` runs the
 * same cases in depth (100,000 and more, with a limit of 5 s of CPU and 500 MB per case).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arbFuzzInput } from "./cases.ts";
import { checkInput, FuzzFailure, tally } from "./check.ts";

const SEED = 20_250_611;
// 8 x 250 seeded cases in npm test (2,000; the generator no longer stringifies a grown list per element, and the earlier 8 x 250
// took over 25 minutes on a busy machine); `npm run fuzz -- --runs 100000` goes deep.
const BATCHES = 8, PER_BATCH = 250;

describe("fuzz: mutated examples and random cases", () => {
  for (let b = 0; b < BATCHES; b++) {
    it(`batch ${b + 1} of ${BATCHES} (${PER_BATCH} cases): an input error with a path, or only finite numbers in every format; never an internal error`, async () => {
      const cases = fc.sample(arbFuzzInput, { seed: SEED + b, numRuns: PER_BATCH });
      const failures: { failureClass: string; origin: string; detail: string }[] = [];
      const outcomes = { ok: 0, input: 0 };
      for (const [k, c] of cases.entries()) {
        try {
          // Every format for every case; the HTML report (charts drawn in jsdom) for every 100th,
          // the Monte Carlo run and sensitivity analysis for every 4th: the costly checks, which
          // `npm run fuzz` runs in depth. This keeps the test near 2 minutes of CPU.
          const o = await checkInput(c, { html: k % 100 === 0, uncertainty: k % 4 === 0 });
          outcomes[o.kind]++;
        } catch (e) {
          if (!(e instanceof FuzzFailure)) throw e;
          failures.push({ failureClass: e.failureClass, origin: `batch ${b + 1} case ${k}: ${c.origin}`, detail: e.message.slice(0, 500) });
        }
      }
      const summary = [...tally(failures)].map(([cls, t]) => `${t.count} x ${cls}\n  e.g. ${t.origin.slice(0, 200)}\n  ${t.detail.split("\n")[0]}`);
      expect(summary).toEqual([]);
      // The generator must keep producing both outcomes, or the test tests less than it says.
      expect(outcomes.ok).toBeGreaterThan(0);
      expect(outcomes.input).toBeGreaterThan(0);
    });
  }
});
