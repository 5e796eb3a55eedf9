/**
 * Monte Carlo with arrangements against without: the cost per sample of the status quo (the
 * column kernel) and of each arrangement (the status quo plus that arrangement per sample: the
 * status quo's figures from typed rows, then its steps; engine/simulate/figures.ts), on
 * examples/rich.yaml and on the 342-municipality case. One thread, no per-year bands, no CDF.
 * A run's fixed costs (planning, compiling, an arrangement no sample changes worked out once:
 * engine/simulate/fixed.ts) are in the figure: on the regional case they are about a sample's
 * worth, so it runs 40 samples (4 with --quick).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCaseText, simulate, validateCase, type Model } from "../../engine/index.ts";
import { fmt, timeRuns } from "../timing.ts";
import type { BenchContext, BenchPart } from "./context.ts";
import { regionalModel } from "./models.ts";

/** Microseconds a sample, by CPU time (one thread: the CPU time is the work, whatever else the machine does) and wall clock. */
async function perSample(model: Model, samples: number, arrangements: string[], runs: number): Promise<{ cpu: number; wall: number }> {
  const opts = { samples, seed: 7, yearly: false, cdfPoints: 0, arrangements };
  const t = await timeRuns(runs, () => simulate(model, opts));
  return { cpu: (t.cpu * 1000) / samples, wall: (t.wall * 1000) / samples };
}

async function measure(name: string, model: Model, n: { statusQuo: number; arrangement: number }, ctx: BenchContext) {
  simulate(model, { samples: Math.min(n.statusQuo, 1000), yearly: false, cdfPoints: 0 });
  const statusQuo = await perSample(model, n.statusQuo, [], ctx.runs);
  const ids = model.arrangements.filter((a) => a.steps.length > 0).map((a) => a.id);
  const each: Record<string, { cpu: number; wall: number }> = {};
  // Each arrangement's code warmed up (compiled by V8) before it is timed, as the status quo's is
  // above: else the first one timed paid for it.
  for (const id of ids) simulate(model, { samples: Math.min(n.arrangement, 1000), yearly: false, cdfPoints: 0, arrangements: [id] });
  for (const id of ids) each[id] = await perSample(model, n.arrangement, [id], ctx.runs);
  const all = ids.length > 1 ? await perSample(model, n.arrangement, ids, ctx.runs) : undefined;
  const us = (x: number) => (x < 1000 ? `${x.toFixed(1)} µs` : fmt(x / 1000));
  const one = (x: { cpu: number; wall: number }) => `${us(x.cpu)} (${(x.cpu / statusQuo.cpu).toFixed(0)}x)`;
  ctx.log(`${name}, CPU time a sample: status quo ${us(statusQuo.cpu)} (${n.statusQuo.toLocaleString("en")} samples); with an arrangement (${n.arrangement.toLocaleString("en")} samples): ${Object.entries(each).map(([id, x]) => `${id} ${one(x)}`).join(", ")}${all !== undefined ? `; all ${ids.length}: ${one(all)}` : ""} (target <= 3x)`);
  const round = (x: { cpu: number; wall: number }) => ({ cpu: +x.cpu.toFixed(1), wall: +x.wall.toFixed(1) });
  return {
    samples: n,
    usPerSample: { statusQuo: round(statusQuo), ...Object.fromEntries(Object.entries(each).map(([k, v]) => [k, round(v)])), ...(all !== undefined ? { all: round(all) } : {}) },
    cpuRatios: Object.fromEntries([...Object.entries(each), ...(all !== undefined ? [["all", all] as const] : [])].map(([k, v]) => [k, +(v.cpu / statusQuo.cpu).toFixed(1)])),
  };
}

export const arrangementsPart: BenchPart = {
  name: "arrangements",
  about: "Monte Carlo cost per sample with arrangements vs without, on examples/rich.yaml and the 342-municipality case",
  async run(ctx) {
    const parsed = parseCaseText(readFileSync(join(ctx.root, "examples/rich.yaml"), "utf8"), "yaml");
    if (!parsed.ok) throw new Error("examples/rich.yaml does not parse");
    const v = validateCase(parsed.data);
    if (!v.ok) throw new Error("examples/rich.yaml is invalid");
    const rich = await measure("examples/rich.yaml", v.model, ctx.quick ? { statusQuo: 2000, arrangement: 200 } : { statusQuo: 20_000, arrangement: 2000 }, ctx);
    const regional = await measure("342 municipalities", regionalModel().model, ctx.quick ? { statusQuo: 200, arrangement: 4 } : { statusQuo: 2000, arrangement: 40 }, { ...ctx, runs: 1 });
    return { rich, regional };
  },
};
