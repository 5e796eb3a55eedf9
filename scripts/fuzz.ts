/**
 * `npm run fuzz -- --runs 100000 [--seed 1] [--workers 2] [--html-every 50] [--case k] [--from k]`:
 * the fuzz test in depth. Cases come from the seeded arbitrary of test/fuzz/cases.ts (case k of a
 * seed is always the same case); each is checked by test/fuzz/check.ts in a worker thread.
 * `--stream S` draws the cases as the fuzz test in npm test does (one fast-check stream with seed
 * S, case k the k-th of it), so a batch of that test can be rerun here with the limits.
 *
 * The runner enforces the two limits a case file under 1 MB must stay within, as hang and
 * blow-up detection (not as speed measurements): 5 s of work per case and 500 MB of heap (the
 * worker's resource limit; a worker that runs out is counted as a memory failure). Work is the
 * worker thread's CPU time, read from /proc on Linux, so a case that waits for a core on a busy
 * machine is not taken for a hang; a worker over 5 s of CPU on one case is ended and the case
 * counted as a hang (without /proc: wall time; and any case is ended after 100 s of wall time).
 *
 * Prints the outcome per class (ok, input error, each failure class with a count and an
 * example), writes every failing case to fuzz-output/<seed>-<k>.<yaml|json> and a summary to
 * fuzz-output/summary-<seed>.json, and exits 1 when anything failed. Ctrl-C reports what was done.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { arbFuzzInput, type FuzzInput } from "../test/fuzz/cases.ts";
import { threadCpuMs } from "../test/fuzz/cpu.ts";
import type { FromFuzzWorker, ToFuzzWorker } from "../test/fuzz/worker.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = opt("runs", 10_000);
const seed = opt("seed", 1);
const threads = Math.max(1, opt("workers", Math.min(2, availableParallelism())));
const htmlEvery = opt("html-every", 50);
const only = opt("case", -1);
const from = opt("from", 0);
const stream = opt("stream", Number.NaN);
const LIMIT_MS = opt("timeout", 5000);
const WALL_MS = 20 * LIMIT_MS;
const HEAP_MB = opt("memory", 500);
const outDir = new URL("../fuzz-output/", import.meta.url);

/** Case k of a seed: its own fast-check stream, so any case can be rerun alone (`--case k`). */
let streamCases: FuzzInput[] | undefined;
export function caseAt(s: number, k: number): FuzzInput {
  if (Number.isFinite(stream)) return (streamCases ??= fc.sample(arbFuzzInput, { seed: stream, numRuns: runs }))[k]!;
  return fc.sample(arbFuzzInput, { seed: (s * 1_000_003 + k) | 0, numRuns: 1 })[0]!;
}

// Worker threads do not inherit tsx's loader. The worker entry and the project's TypeScript are
// bundled once with esbuild (which tsx brings along; packages stay external), so a worker that
// replaces one ended on a hang starts without transforming every module again; without esbuild
// each worker registers tsx itself.
const entry = new URL("../test/fuzz/worker.ts", import.meta.url);
async function workerScript(): Promise<string> {
  try {
    const esbuild = await import("esbuild");
    const r = await esbuild.build({ entryPoints: [fileURLToPath(entry)], bundle: true, platform: "node", format: "cjs", packages: "external", write: false, logLevel: "silent" });
    const dir = new URL("../node_modules/.cache/bcase/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    const file = new URL(`fuzz-worker.${process.pid}.cjs`, dir);
    writeFileSync(file, r.outputFiles[0]!.text);
    process.on("exit", () => { try { rmSync(file); } catch { /* gone */ } });
    return `require(${JSON.stringify(fileURLToPath(file))});`;
  } catch {
    return `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  }
}
const bootstrap = await workerScript();

interface Failure { k: number; failureClass: string; detail: string; origin: string; ms: number }
const failures: Failure[] = [];
let ok = 0, input = 0, done = 0, slowest = 0, slowestK = -1, maxHeap = 0;
const started = Date.now();

function record(k: number, c: FuzzInput, failureClass: string, detail: string, ms: number): void {
  failures.push({ k, failureClass, detail, origin: c.origin, ms });
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(new URL(`${Number.isFinite(stream) ? `stream${stream}` : seed}-${k}.${c.format}`, outDir), c.text);
  } catch { /* reporting only */ }
}

const queue = only >= 0 ? [only] : Array.from({ length: Math.max(0, runs - from) }, (_, k) => from + k);
let next = 0;

function startWorker(): Promise<void> {
  return new Promise((resolveAll) => {
    let current: { k: number; input: FuzzInput; wall: number; cpu: number | undefined } | undefined;
    let proc: string | undefined;
    let w: Worker;
    let watch: NodeJS.Timeout | undefined;
    const finish = (failure?: [string, string, number]) => {
      const c = current!;
      current = undefined;
      done++;
      if (failure) record(c.k, c.input, ...failure);
      progress();
    };
    const spawn = () => {
      w = new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 32 } });
      w.on("message", (m: FromFuzzWorker | { ready: true; proc?: string }) => {
        if ("ready" in m) { proc = m.proc; return feed(); }
        if (!current || m.k !== current.k) return;
        maxHeap = Math.max(maxHeap, m.heapMb);
        if (m.ms > slowest) { slowest = m.ms; slowestK = m.k; }
        if (m.ms > LIMIT_MS) finish([`hang: over ${LIMIT_MS / 1000} s`, `${Math.round(m.ms)} ms of CPU`, m.ms]);
        else if (m.kind === "failure") finish([m.failureClass, m.detail, m.ms]);
        else { if (m.kind === "ok") ok++; else input++; finish(); }
        feed();
      });
      w.on("error", (e) => {
        if (!current) return;
        const code = (e as NodeJS.ErrnoException).code;
        finish([code === "ERR_WORKER_OUT_OF_MEMORY" ? `memory: over ${HEAP_MB} MB` : `worker: ${code ?? e.message}`, e.message, Date.now() - current.wall]);
      });
      w.on("exit", () => {
        if (current) finish(["worker: exited", "", Date.now() - current.wall]);
        if (next < queue.length) spawn();
        else { clearInterval(watch); resolveAll(); }
      });
    };
    const feed = () => {
      if (next >= queue.length) { void w.terminate(); return; }
      const k = queue[next++]!;
      const c = caseAt(seed, k);
      const options = { html: htmlEvery > 0 && k % htmlEvery === 0, uncertainty: true };
      current = { k, input: c, wall: Date.now(), cpu: threadCpuMs(proc) };
      w.postMessage({ k, input: c, options } satisfies ToFuzzWorker);
    };
    // A case that has used more than the limit of CPU (or 20 times it in wall time) is a hang: end the worker.
    watch = setInterval(() => {
      if (!current) return;
      const cpu = current.cpu !== undefined ? (threadCpuMs(proc) ?? 0) - current.cpu : Date.now() - current.wall;
      if (cpu > LIMIT_MS || Date.now() - current.wall > WALL_MS) {
        finish([`hang: over ${LIMIT_MS / 1000} s`, `${Math.round(cpu)} ms of CPU, ${Date.now() - current.wall} ms wall`, cpu]);
        void w.terminate(); // exit -> a fresh worker takes the next case
      }
    }, 250);
    spawn();
  });
}

let lastProgress = 0;
function progress(): void {
  if (Date.now() - lastProgress < 10_000 && done < queue.length) return;
  lastProgress = Date.now();
  process.stderr.write(`${done}/${queue.length} cases, ${failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s\n`);
}

let stopped = false;
const finished = Promise.all(Array.from({ length: Math.min(threads, queue.length) }, startWorker));
const interrupted = new Promise<void>((resolve) => {
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => { stopped = true; next = queue.length; resolve(); });
});
await Promise.race([finished, interrupted]);
summary();
process.exit(failures.length > 0 ? 1 : 0);

function summary(): void {
  const classes = new Map<string, Failure[]>();
  for (const f of failures) classes.set(f.failureClass, [...(classes.get(f.failureClass) ?? []), f]);
  const lines = [
    `fuzz: ${Number.isFinite(stream) ? `stream ${stream}` : `seed ${seed}`}, ${done} cases${stopped ? " (interrupted)" : ""} in ${Math.round((Date.now() - started) / 1000)} s on ${threads} worker(s); limits ${LIMIT_MS / 1000} s of CPU and ${HEAP_MB} MB per case`,
    `  ok (evaluated, every format checked): ${ok}`,
    `  input error with a path:              ${input}`,
    `  failures:                             ${failures.length}`,
    `  most CPU for one case: ${Math.round(slowest)} ms (case ${slowestK}); largest heap after a case: ${Math.round(maxHeap)} MB`,
    ...[...classes].sort((a, b) => b[1].length - a[1].length).map(([cls, fs]) => `  ${String(fs.length).padStart(6)}  ${cls}\n          e.g. case ${fs[0]!.k}: ${fs[0]!.origin.slice(0, 160).replace(/\n/g, " ")}\n          ${fs[0]!.detail.split("\n")[0]!.slice(0, 200)}`),
  ];
  console.log(lines.join("\n"));
  if (failures.length > 0) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(new URL(`summary-${seed}.json`, outDir), JSON.stringify([...classes].map(([cls, fs]) => ({ class: cls, count: fs.length, cases: fs.slice(0, 20).map((f) => ({ k: f.k, origin: f.origin, detail: f.detail })) })), null, 2));
  }
}
