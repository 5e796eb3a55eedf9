/**
 * Node shell of a parallel Monte Carlo run: one worker_threads Worker per core (the engine's
 * orchestrator hands them chunks).
 *
 * Workers run the worker entry (cli/simulate.worker.ts). The bundled command line (dist/cli/)
 * ships it prebuilt (scripts/build-cli.mjs). From the TypeScript sources, loading it through tsx in
 * a fresh thread takes about 3 s (every engine module transformed again, per thread), so it is
 * bundled once per process with esbuild (which tsx brings along) into one CommonJS script that
 * each worker evaluates: about 0.7 s to bundle, 0.5 s for a worker to be ready. The bundle is
 * kept in node_modules/.cache/bcase with the sizes and modification times of its inputs, so
 * later runs read it (a few milliseconds) until a source file changes. Without esbuild the
 * workers fall back to registering tsx themselves.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { simulateInWorkers, type FromWorker, type Model, type ParallelRun, type SimulationOptions, type SimulationResult, type WorkerPort } from "../engine/index.ts";

const entry = new URL("./simulate.worker.ts", import.meta.url);

const cacheDir = new URL("../node_modules/.cache/bcase/", import.meta.url);
const cachedBundle = new URL("simulate-worker.cjs", cacheDir), cachedInputs = new URL("simulate-worker.inputs.json", cacheDir);
type Stamp = [path: string, size: number, mtimeMs: number];
const stamp = (path: string): Stamp => { const s = statSync(path); return [path, s.size, s.mtimeMs]; };

/** The cached bundle if none of its inputs changed since it was built, else undefined. */
function readCachedBundle(): string | undefined {
  try {
    const inputs = JSON.parse(readFileSync(cachedInputs, "utf8")) as Stamp[];
    if (!inputs.every(([path, size, mtime]) => { const [, s, m] = stamp(path); return s === size && m === mtime; })) return undefined;
    return readFileSync(cachedBundle, "utf8");
  } catch {
    return undefined;
  }
}

/** Keeps a bundle for later runs (written aside and renamed, so a concurrent run never reads half a file); failures only cost speed. */
function writeCachedBundle(text: string, inputs: string[]): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tag = `.${process.pid}.${Date.now()}`;
    writeFileSync(new URL(`simulate-worker.cjs${tag}`, cacheDir), text);
    renameSync(new URL(`simulate-worker.cjs${tag}`, cacheDir), cachedBundle);
    writeFileSync(new URL(`simulate-worker.inputs.json${tag}`, cacheDir), JSON.stringify(inputs.map(stamp)));
    renameSync(new URL(`simulate-worker.inputs.json${tag}`, cacheDir), cachedInputs);
  } catch {
    // A read-only install: bundle again next time.
  }
}

/** Set by scripts/build-cli.mjs in the bundled command line: the prebuilt worker's start script next to it. */
declare const __BCASE_WORKER__: string | undefined;

/** A worker's code: a script's text (evaluated), or a file. */
type WorkerCode = string | URL;

let script: Promise<string> | undefined;
/** The worker's code: prebuilt (the bundled CLI: a file), the bundled entry (cached), or a bootstrap that registers tsx and imports it. */
function workerScript(): WorkerCode | Promise<WorkerCode> {
  if (typeof __BCASE_WORKER__ === "string") return new URL(`./${__BCASE_WORKER__}`, import.meta.url);
  script ??= (async () => {
    const cached = readCachedBundle();
    if (cached !== undefined) return cached;
    try {
      const esbuild = await import("esbuild");
      const r = await esbuild.build({ entryPoints: [fileURLToPath(entry)], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "silent", metafile: true });
      const text = r.outputFiles[0]!.text;
      const root = fileURLToPath(new URL("../", import.meta.url));
      writeCachedBundle(text, Object.keys(r.metafile.inputs).map((p) => (p.startsWith("/") ? p : root + p)));
      return text;
    } catch {
      const tsx = import.meta.resolve("tsx/esm/api");
      return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
    }
  })();
  return script;
}

/**
 * A worker port over a worker_threads Worker that starts once its script is ready (a script's
 * text or file, or a promise of one: messages posted before then wait, so the run can start
 * while the script is still being bundled).
 */
export function nodeWorker(code: WorkerCode | Promise<WorkerCode>): WorkerPort {
  let worker: Worker | undefined, ended = false;
  const pending: unknown[] = [];
  let listeners: [(msg: FromWorker) => void, (error: unknown) => void] | undefined;
  const start = (c: WorkerCode) => {
    if (ended) return;
    const w = typeof c === "string" ? new Worker(c, { eval: true }) : new Worker(c);
    worker = w;
    if (listeners) { w.on("message", listeners[0]); w.on("error", listeners[1]); }
    for (const m of pending.splice(0)) w.postMessage(m);
  };
  if (code instanceof Promise) code.then(start, (e: unknown) => listeners?.[1](e));
  else start(code);
  return {
    post: (msg) => (worker ? worker.postMessage(msg) : void pending.push(msg)),
    listen: (handler, onError) => {
      listeners = [handler, onError];
      worker?.on("message", handler);
      worker?.on("error", onError);
    },
    terminate: () => { ended = true; void worker?.terminate(); },
  };
}

/**
 * Runs a simulation on `threads` threads (default: every core): this thread computes chunks
 * for the whole run, and `threads - 1` worker threads join as they become ready. On two cores
 * that is one worker, not two workers plus a busy calling thread competing for the cores while
 * they start. Threads asked for (`-w`) start at once, while this thread starts; by default the
 * workers are created only after this thread's first chunk, and only when the run is long
 * enough to repay their start (`keepWhileLong`).
 */
export function simulateOnCores(model: Model, caseData: unknown, options: SimulationOptions, run: Partial<ParallelRun> & { threads?: number } = {}): Promise<SimulationResult> {
  const code = workerScript();
  const { threads, ...rest } = run;
  return simulateInWorkers(model, caseData, options, {
    workers: Math.max(1, (threads ?? availableParallelism()) - 1),
    createWorker: () => nodeWorker(code),
    helpThroughout: true,
    // Threads asked for (-w) are kept; by default only while the run is long enough for them.
    ...(threads === undefined ? { keepWorkers: keepWhileLong() } : {}),
    ...rest,
  });
}

/**
 * A worker repays its start-up (on two idle cores about 0.4 s in a fresh process: the thread,
 * its script, validating and planning the case; longer when other work shares the cores) only
 * when the run would take this thread well beyond it: the workers are created after this
 * thread's first chunk, and kept, while the chunks left, at the pace of this thread's chunks so
 * far, would take longer than this (the first chunk, still warming up, overestimates the pace;
 * so does a busy machine, where a second thread helps least).
 */
const WORKER_WORTH_MS = 2000;

/** `ParallelRun.keepWorkers` by this thread's pace: measured from the first question to each later one. */
function keepWhileLong(): (done: number, left: number) => boolean {
  let t0 = 0;
  return (done, left) => {
    if (done === 0) { t0 = performance.now(); return true; }
    return ((performance.now() - t0) / done) * left > WORKER_WORTH_MS;
  };
}
