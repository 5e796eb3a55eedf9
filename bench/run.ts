/**
 * `npm run bench`: the reference model (bench/reference.ts: 30 effects, 10 years, 5 partners,
 * 93 beta/normal/uniform inputs) at 100,000 samples, three ways in this one process:
 *   engine       bcase's simulate() on this thread (the status quo per partner and society),
 *                the column kernel; also once with `exact: true` (every sample's cent ledger);
 *   squiggle     the same model in Squiggle (@quri/squiggle-lang `run` with sampleCount);
 *   handwritten  a plain Float64Array loop written for this one model (the practical limit);
 * then 1,000,000 samples on every core (this thread and a worker thread per other core); last, the
 * command line's start-up as whole processes beside `node -e 0` (bench/startup.ts). Prints milliseconds and ratios;
 * `--json` prints them as JSON. Each way runs once to warm up (at 10,000 samples), then the
 * engine and the loop three times (the median is reported) and Squiggle twice (the faster).
 * Not a test: timings depend on the machine; nothing here asserts a target.
 */
import { availableParallelism, cpus, loadavg } from "node:os";
import { assembleResult, chunksOf, planSimulation, resolveOptions, runChunk, sampleColumns, simulate, validateCase, type ChunkResult } from "../engine/index.ts";
import { simulateOnCores } from "../cli/simulateWorkers.ts";
import { handwritten } from "./handwritten.ts";
import { referenceCase } from "./reference.ts";
import { squiggle } from "./squiggle.ts";
import { measureStartup, startupText } from "./startup.ts";

const json = process.argv.includes("--json");
const N = 100_000, BIG = 1_000_000, SEED = 1, STARTUP_RUNS = 11;
const log = (s: string) => { if (!json) process.stdout.write(s + "\n"); };

/** Wall-clock and CPU milliseconds (CPU of the whole process, all threads: less sensitive to other load on the machine). */
async function time(f: () => unknown | Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  await f();
  const d = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (d.user + d.system) / 1000 };
}
const median = (xs: { wall: number; cpu: number }[]) => {
  const by = (k: "wall" | "cpu") => [...xs].map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: by("wall"), cpu: by("cpu") };
};
const fastest = (xs: { wall: number; cpu: number }[]) => ({ wall: Math.min(...xs.map((x) => x.wall)), cpu: Math.min(...xs.map((x) => x.cpu)) });
const ms = (t: { wall: number; cpu: number }) => ({ wall: Math.round(t.wall), cpu: Math.round(t.cpu) });

const data = referenceCase();
const v = validateCase(data);
if (!v.ok) throw new Error("reference model invalid: " + v.issues.map((i) => i.message).join("; "));
const model = v.model;
const engineOpts = { samples: N, seed: SEED, yearly: false, cdfPoints: 0 };

log(`Reference model: 30 effects, 10 years, 5 partners, 93 uncertain inputs; ${N.toLocaleString("en")} samples; ${cpus()[0]?.model ?? "cpu"} x ${availableParallelism()}`);
simulate(model, { ...engineOpts, samples: 10_000 });
handwritten(10_000, SEED);
await squiggle(10_000, SEED);

const engine = median([await time(() => simulate(model, engineOpts)), await time(() => simulate(model, engineOpts)), await time(() => simulate(model, engineOpts))]);
const engineYearly = await time(() => simulate(model, { ...engineOpts, yearly: true }));
const engineExact = await time(() => simulate(model, { ...engineOpts, exact: true }));
const hand = median([await time(() => handwritten(N, SEED)), await time(() => handwritten(N, SEED)), await time(() => handwritten(N, SEED))]);
const sq = fastest([await time(() => squiggle(N, SEED)), await time(() => squiggle(N, SEED))]);

// Agreement: society's mean NPV by the three ways (euros).
const e = simulate(model, engineOpts).statusQuo.society.npv.mean / 100;
const h = handwritten(N, SEED).society.mean / 100;
const s = (await squiggle(N, SEED))[5]![0]!;

// Where the engine's time goes (100,000 samples on this thread, fastest of three): planning
// (samplers' tables, kernel layout), sampling the inputs, the chunks with sampling (so the
// kernel and its per-sample loop are the difference), assembling the summaries.
const parts = (() => {
  const best = { plan: Infinity, sampling: Infinity, chunks: Infinity, summaries: Infinity };
  const o = resolveOptions(model, engineOpts);
  for (let r = 0; r < 3; r++) {
    let t = performance.now();
    const plan = planSimulation(model);
    best.plan = Math.min(best.plan, performance.now() - t);
    t = performance.now();
    for (const [k, , count] of chunksOf(o)) sampleColumns(plan, o, k, count);
    best.sampling = Math.min(best.sampling, performance.now() - t);
    t = performance.now();
    const chunks: ChunkResult[] = chunksOf(o).map(([k, start, count]) => runChunk(plan, o, k, start, count));
    best.chunks = Math.min(best.chunks, performance.now() - t);
    t = performance.now();
    assembleResult(plan, o, chunks);
    best.summaries = Math.min(best.summaries, performance.now() - t);
  }
  return { plan: Math.round(best.plan), sampling: Math.round(best.sampling), kernel: Math.round(best.chunks - best.sampling), summaries: Math.round(best.summaries) };
})();

const workers = availableParallelism();
let firstChunk = 0;
const t0 = performance.now();
const big = await time(() => simulateOnCores(model, data, { samples: BIG, seed: SEED, yearly: false, cdfPoints: 0 }, { threads: workers, onProgress: () => { if (firstChunk === 0) firstChunk = performance.now() - t0; } }));
const bigOne = await time(() => simulate(model, { samples: BIG, seed: SEED, yearly: false, cdfPoints: 0 }));

const result = {
  samples: N,
  loadAverage: loadavg()[0] ?? 0,
  ms: { engine: ms(engine), engineWithYearlyBands: ms(engineYearly), engineExactLedgers: ms(engineExact), squiggle: ms(sq), handwritten: ms(hand) },
  engineWallMsByPart: parts,
  ratios: {
    squiggleOverEngine: { wall: +(sq.wall / engine.wall).toFixed(2), cpu: +(sq.cpu / engine.cpu).toFixed(2) },
    engineOverHandwritten: { wall: +(engine.wall / hand.wall).toFixed(2), cpu: +(engine.cpu / hand.cpu).toFixed(2) },
  },
  societyMeanNpvEur: { engine: Math.round(e), squiggle: Math.round(s), handwritten: Math.round(h) },
  million: { workers, ms: ms(big), msToFirstChunk: Math.round(firstChunk), oneThreadMs: ms(bigOne) },
  targets: { squiggleOverEngineAtLeast: 50, engineOverHandwrittenAtMost: 1.5, millionMsBelow: 3000 },
  // The command line's start-up, whole processes side by side with `node -e 0` (bench/startup.ts).
  startup: measureStartup(STARTUP_RUNS),
};
if (json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
else {
  const t = (x: { wall: number; cpu: number }) => `${x.wall} ms (cpu ${x.cpu} ms)`;
  log(`load average ${result.loadAverage.toFixed(2)} (other processes on the machine slow the wall-clock figures)`);
  log(`engine       ${t(result.ms.engine)}; with per-year bands: ${t(result.ms.engineWithYearlyBands)}; every sample's exact cent ledger (--exact): ${t(result.ms.engineExactLedgers)}`);
  log(`squiggle     ${t(result.ms.squiggle)}  -> Squiggle / engine = ${result.ratios.squiggleOverEngine.wall}x wall, ${result.ratios.squiggleOverEngine.cpu}x cpu (target >= 50x)`);
  log(`handwritten  ${t(result.ms.handwritten)}  -> engine / loop = ${result.ratios.engineOverHandwritten.wall}x wall, ${result.ratios.engineOverHandwritten.cpu}x cpu (target <= 1.5x)`);
  log(`engine by part (wall ms, fastest of 3): plan ${parts.plan}, sampling ${parts.sampling}, kernel and per-sample loop ${parts.kernel}, summaries ${parts.summaries}`);
  log(`society mean NPV (EUR): engine ${result.societyMeanNpvEur.engine}, squiggle ${result.societyMeanNpvEur.squiggle}, loop ${result.societyMeanNpvEur.handwritten}`);
  log(`1,000,000 samples on ${workers} threads (this one and ${workers - 1} worker${workers === 2 ? "" : "s"}; the worker script from the cache or bundled first): ${t(result.million.ms)}, first chunk after ${result.million.msToFirstChunk} ms; one thread: ${t(result.million.oneThreadMs)} (target < 3000 ms)`);
  log(startupText(result.startup, STARTUP_RUNS));
}
