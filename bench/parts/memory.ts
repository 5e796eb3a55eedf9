/**
 * Peak memory (resident set high-water mark, measured in a child process: bench/memoryChild.ts)
 * of 1,000,000 samples of a 50-partner case over 10 years, with per-year bands (fan charts) and
 * without them. The target: under 2 GB with bands.
 */
import { join } from "node:path";
import { fmt, timeChild } from "../timing.ts";
import type { BenchPart } from "./context.ts";

export const memoryPart: BenchPart = {
  name: "memory",
  about: "peak memory (RSS high-water mark, in a child process) of 1,000,000 samples of a 50-partner case with per-year bands, and without",
  async run({ quick, root, log }) {
    const samples = quick ? 100_000 : 1_000_000;
    const child = (extra: string[]) => {
      const r = timeChild(process.execPath, ["--import", "tsx", join(root, "bench/memoryChild.ts"), String(samples), ...extra], { cwd: root }, true);
      return JSON.parse(r.stdout) as { wallMs: number; cpuMs: number; maxRssMb: number };
    };
    const withBands = child([]), without = child(["--no-bands"]);
    log(`${samples.toLocaleString("en")} samples, 50 partners, 10 years, every core: with per-year bands peak ${withBands.maxRssMb.toLocaleString("en")} MB in ${fmt(withBands.wallMs)} (cpu ${fmt(withBands.cpuMs)}) (target < 2,048 MB); without bands ${without.maxRssMb.toLocaleString("en")} MB in ${fmt(without.wallMs)} (cpu ${fmt(without.cpuMs)})`);
    return { samples, withBands, withoutBands: without };
  },
};
