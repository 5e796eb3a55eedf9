/**
 * The command line's start-up: `bcase --help`, `--version` and an evaluation of the bundled
 * example as whole processes, side by side with `node -e 0` (the floor any Node program pays).
 * The measuring itself is bench/startup.ts.
 */
import type { BenchPart } from "./context.ts";
import { measureStartup, startupText } from "../startup.ts";

export const startupPart: BenchPart = {
  name: "startup",
  about: "the command line's start-up as whole processes, beside node -e 0",
  async run(ctx) {
    const runs = ctx.quick ? 3 : Math.max(11, ctx.runs);
    const r = measureStartup(runs);
    ctx.log(startupText(r, runs));
    return { runs, ...r };
  },
};
