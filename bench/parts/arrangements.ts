/**
 * Monte Carlo with arrangements against without: the cost per sample of the status quo (the
 * column kernel) and of each arrangement (the status quo plus that arrangement per sample: the
 * status quo's figures from typed rows, then its steps; engine/simulate/figures.ts), on
 * examples/rich.yaml and on the 342-municipality case. One thread, no per-year bands, no CDF.
 * Per sample is the marginal cost: the difference between a short and a long run, the same
 * lengths for the status quo and the arrangements; a run's fixed costs (planning, compiling, an
 * arrangement no sample changes worked out once: engine/simulate/fixed.ts) are given apart.
 * (Until December 2026 each arrangement ran 2,000 samples against the status quo's 20,000, so
 * its fixed costs weighed ten times more in its figure.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCaseText, simulate, validateCase, type Model } from "../../engine/index.ts";
import { fmt, timeRuns } from "../timing.ts";
import type { BenchContext, BenchPart } from "./context.ts";
import { regionalModel } from "./models.ts";

/**
 * What a sample costs, in CPU microseconds (one thread: the CPU time is the work, whatever else
 * the machine does): the runs of `small` and `large` samples (each the median of `runs`), the
 * difference per sample (the marginal cost), and the run's fixed cost (planning; an
 * arrangement no sample changes worked out once) as what is left of the short run.
 */
async function perSample(model: Model, n: { small: number; large: number }, arrangements: string[], runs: number): Promise<{ cpu: number; fixedMs: number }> {
  const opts = (samples: number) => ({ samples, seed: 7, yearly: false, cdfPoints: 0, arrangements });
  const small = await timeRuns(runs, () => simulate(model, opts(n.small)));
  const large = await timeRuns(runs, () => simulate(model, opts(n.large)));
  const cpu = Math.max(0, ((large.cpu - small.cpu) * 1000) / (n.large - n.small));
  return { cpu, fixedMs: Math.max(0, small.cpu - (cpu * n.small) / 1000) };
}

interface Lengths { small: number; large: number }

async function measure(name: string, model: Model, lengths: { statusQuo: Lengths; arrangement: Lengths }, ctx: BenchContext) {
  const n = lengths.arrangement;
  const ids = model.arrangements.filter((a) => a.steps.length > 0).map((a) => a.id);
  // Every path's code warmed up (compiled by V8) before it is timed: else the first one timed paid for it.
  for (const a of [[], ...ids.map((id) => [id])]) simulate(model, { samples: n.small, yearly: false, cdfPoints: 0, arrangements: a });
  const statusQuo = await perSample(model, lengths.statusQuo, [], ctx.runs);
  const each: Record<string, { cpu: number; fixedMs: number }> = {};
  for (const id of ids) each[id] = await perSample(model, n, [id], ctx.runs);
  const all = ids.length > 1 ? await perSample(model, n, ids, ctx.runs) : undefined;
  const us = (x: number) => (x < 1000 ? `${x.toFixed(1)} µs` : fmt(x / 1000));
  const ratio = (x: number) => (statusQuo.cpu > 0 ? `${(x / statusQuo.cpu).toFixed(1)}x` : "-");
  const one = (x: { cpu: number; fixedMs: number }) => `${us(x.cpu)} (${ratio(x.cpu)}; once a run ${fmt(x.fixedMs)})`;
  const runsOf = (l: Lengths) => `runs of ${l.small.toLocaleString("en")} and ${l.large.toLocaleString("en")} samples`;
  ctx.log(`${name}, CPU a sample, marginal: status quo ${us(statusQuo.cpu)} (${runsOf(lengths.statusQuo)}; once a run ${fmt(statusQuo.fixedMs)}); with an arrangement (${runsOf(n)}): ${Object.entries(each).map(([id, x]) => `${id} ${one(x)}`).join(", ")}${all !== undefined ? `; all ${ids.length}: ${one(all)}` : ""} (target <= 3x)`);
  const round = (x: { cpu: number; fixedMs: number }) => ({ cpu: +x.cpu.toFixed(1), fixedMs: +x.fixedMs.toFixed(1) });
  return {
    samples: lengths,
    usPerSample: { statusQuo: round(statusQuo), ...Object.fromEntries(Object.entries(each).map(([k, v]) => [k, round(v)])), ...(all !== undefined ? { all: round(all) } : {}) },
    cpuRatios: Object.fromEntries([...Object.entries(each), ...(all !== undefined ? [["all", all] as const] : [])].map(([k, v]) => [k, statusQuo.cpu > 0 ? +(v.cpu / statusQuo.cpu).toFixed(1) : null])),
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
    const rich = await measure("examples/rich.yaml", v.model, ctx.quick ? { statusQuo: { small: 400, large: 2000 }, arrangement: { small: 400, large: 2000 } } : { statusQuo: { small: 4000, large: 20_000 }, arrangement: { small: 4000, large: 20_000 } }, ctx);
    // The status quo runs blocks of 1,024 samples: its runs are whole blocks apart.
    const regional = await measure("342 municipalities", regionalModel().model, ctx.quick ? { statusQuo: { small: 1024, large: 2048 }, arrangement: { small: 2, large: 6 } } : { statusQuo: { small: 1024, large: 4096 }, arrangement: { small: 10, large: 50 } }, { ...ctx, runs: 1 });
    return { rich, regional };
  },
};
