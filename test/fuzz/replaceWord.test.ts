/** The fuzz generator's rename (test/fuzz/cases.ts `replaceWord`) against the pattern it replaced, which a huge hostile name made too large. */
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { replaceWord } from "./cases.ts";

const viaPattern = (s: string, from: string, to: string) =>
  s.replace(new RegExp(`(?<![A-Za-z0-9_])${from.replace(/[.*+?^${}()|[\]\\\-/]/g, "\\$&")}(?![A-Za-z0-9_])`, "g"), () => to);

test.prop([fc.string({ unit: fc.constantFrom("a", "b", "_", "1", " ", "(", "*", "+", "-") , maxLength: 30 }), fc.string({ unit: fc.constantFrom("a", "b", "_", "(", "*"), maxLength: 3 }), fc.string({ maxLength: 4 })], { numRuns: 3000 })(
  "renames exactly as the word pattern did", (s, from, to) => {
    expect(replaceWord(s, from, to)).toBe(viaPattern(s, from, to));
  });

test.prop([fc.integer({ min: 1, max: 3 })])("renames a name of 100,000 brackets (the pattern was too large)", (k) => {
  const from = "(".repeat(100_000);
  expect(replaceWord(`x+${from}*${k}`, from, "y")).toBe(`x+y*${k}`);
});
