/**
 * The reference model (bench/reference.ts: 30 effects, 10 years, 5 partners, 93 beta/normal/
 * uniform inputs) at 100,000 samples, three ways in this one process:
 *   engine       bcase's simulate() on this thread (the status quo per partner and society),
 *                the column kernel; also once with `exact: true` (every sample's cent ledger);
 *   squiggle     the same model in Squiggle (@quri/squiggle-lang `run` with sampleCount);
 *   handwritten  a plain Float64Array loop written for this one model (the practical limit);
 * then 1,000,000 samples on every core (this thread and a worker thread per other core). Each
 * way runs once to warm up (at 10,000 samples), then the engine and the loop `runs` times (the
 * median is reported) and Squiggle twice (the faster).
 */
import { availableParallelism, cpus } from "node:os";
import { assembleResult, chunksOf, planSimulation, resolveOptions, runChunk, sampleColumns, simulate, validateCase, type ChunkResult } from "../../engine/index.ts";
import { simulateOnCores } from "../../cli/simulateWorkers.ts";
import { handwritten } from "../handwritten.ts";
import { referenceCase } from "../reference.ts";
import { squiggle } from "../squiggle.ts";
import { fastest, ms, show, time, timeRuns } from "../timing.ts";
import type { BenchPart } from "./context.ts";

const SEED = 1;

export const referencePart: BenchPart = {
  name: "reference",
  about: "the reference model: engine vs Squiggle vs a hand-written loop at 100,000 samples; 1,000,000 samples on every core",
  async run({ quick, runs, log }) {
    const N = quick ? 10_000 : 100_000, BIG = quick ? 100_000 : 1_000_000;
    const data = referenceCase();
    const v = validateCase(data);
    if (!v.ok) throw new Error("reference model invalid: " + v.issues.map((i) => i.message).join("; "));
    const model = v.model;
    const engineOpts = { samples: N, seed: SEED, yearly: false, cdfPoints: 0 };

    log(`Reference model: 30 effects, 10 years, 5 partners, 93 uncertain inputs; ${N.toLocaleString("en")} samples; ${cpus()[0]?.model ?? "cpu"} x ${availableParallelism()}`);
    simulate(model, { ...engineOpts, samples: 10_000 });
    handwritten(10_000, SEED);
    await squiggle(10_000, SEED);

    const engine = await timeRuns(runs, () => simulate(model, engineOpts));
    const engineYearly = await time(() => simulate(model, { ...engineOpts, yearly: true }));
    const engineExact = await time(() => simulate(model, { ...engineOpts, exact: true }));
    const hand = await timeRuns(runs, () => handwritten(N, SEED));
    const sq = fastest([await time(() => squiggle(N, SEED)), ...(quick ? [] : [await time(() => squiggle(N, SEED))])]);

    // Agreement: society's mean NPV by the three ways (euros).
    const e = simulate(model, engineOpts).statusQuo.society.npv.mean / 100;
    const h = handwritten(N, SEED).society.mean / 100;
    const s = (await squiggle(N, SEED))[5]![0]!;

    // Where the engine's time goes (fastest of three): planning, sampling the inputs, the chunks
    // with sampling (so the kernel and its per-sample loop are the difference), the summaries.
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
    const parts = { plan: Math.round(best.plan), sampling: Math.round(best.sampling), kernel: Math.round(best.chunks - best.sampling), summaries: Math.round(best.summaries) };

    const workers = availableParallelism();
    let firstChunk = 0;
    const t0 = performance.now();
    const big = await time(() => simulateOnCores(model, data, { samples: BIG, seed: SEED, yearly: false, cdfPoints: 0 }, { threads: workers, onProgress: () => { if (firstChunk === 0) firstChunk = performance.now() - t0; } }));
    const bigOne = await time(() => simulate(model, { samples: BIG, seed: SEED, yearly: false, cdfPoints: 0 }));

    const ratios = {
      squiggleOverEngine: { wall: +(sq.wall / engine.wall).toFixed(2), cpu: +(sq.cpu / engine.cpu).toFixed(2) },
      engineOverHandwritten: { wall: +(engine.wall / hand.wall).toFixed(2), cpu: +(engine.cpu / hand.cpu).toFixed(2) },
    };
    log(`engine       ${show(engine)}; with per-year bands: ${show(engineYearly)}; every sample's exact cent ledger (--exact): ${show(engineExact)}`);
    log(`squiggle     ${show(sq)}  -> Squiggle / engine = ${ratios.squiggleOverEngine.wall}x wall, ${ratios.squiggleOverEngine.cpu}x cpu (target >= 50x)`);
    log(`handwritten  ${show(hand)}  -> engine / loop = ${ratios.engineOverHandwritten.wall}x wall, ${ratios.engineOverHandwritten.cpu}x cpu (target <= 1.5x)`);
    log(`engine by part (wall ms, fastest of 3): plan ${parts.plan}, sampling ${parts.sampling}, kernel and per-sample loop ${parts.kernel}, summaries ${parts.summaries}`);
    log(`society mean NPV (EUR): engine ${Math.round(e)}, squiggle ${Math.round(s)}, loop ${Math.round(h)}`);
    log(`${BIG.toLocaleString("en")} samples on ${workers} threads: ${show(big)}, first chunk after ${Math.round(firstChunk)} ms; one thread: ${show(bigOne)} (target < 3000 ms at 1,000,000)`);
    return {
      samples: N,
      ms: { engine: ms(engine), engineWithYearlyBands: ms(engineYearly), engineExactLedgers: ms(engineExact), squiggle: ms(sq), handwritten: ms(hand) },
      engineWallMsByPart: parts, ratios,
      societyMeanNpvEur: { engine: Math.round(e), squiggle: Math.round(s), handwritten: Math.round(h) },
      big: { samples: BIG, workers, ms: ms(big), msToFirstChunk: Math.round(firstChunk), oneThreadMs: ms(bigOne) },
    };
  },
};
