/**
 * `bcase simulate` and `bcase sensitivity`: option parsing and running (on worker threads or
 * this thread); the pure work is in engine/simulate, the texts in renderUncertainty.ts.
 */
import { arrangementRobustness, assembleResult, chunksOf, decisionSamples, DEFAULT_CHUNK_SIZE, resolveOptions, sensitivityProvenance, formatIssue, planSimulation, runChunk, scenarios, SimulationCancelled, SimulationInputError, switchingValues, toRobustnessJson, toSensitivityJson, toSimulationJson, tornado, message, type ChunkResult, type Lang, type Model, type SimulationOptions, type SimulationResult, uncertainNames } from "../engine/index.ts";
import type { CsvDialect } from "../io/csv.ts";
import { Interrupted } from "./errors.ts";
import { renderRobustness } from "./renderDecision.ts";
import { progressBar, provenanceText, renderSensitivity, renderSensitivityCsv, renderSimulation, renderSimulationCsv } from "./renderUncertainty.ts";
import { simulateOnCores } from "./simulateWorkers.ts";
import { TEXTS } from "./texts.ts";

/** The options of `bcase simulate`, as parsed (counts are checked whole numbers of at least 1: cli/bcase.ts). */
export interface SimulateFlags {
  samples?: number;
  seed?: string;
  lhs?: boolean;
  exact?: boolean;
  arrangement: string[];
  workers?: number;
  cdf?: number;
  format: "table" | "json" | "csv";
}

/** Collects a repeatable option. */
export const collect = (v: string, prev: string[]) => [...prev, v];

/** A seed as given: a whole number stays a number (so `--seed 7` equals `seed: 7` in the case). */
export const seedOf = (s: string) => (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s);

/** The arrangement ids asked for; unknown ones are an input error. */
function arrangements(model: Model, ids: string[], file: string, lang: Lang, fail: (m: string) => never): SimulationOptions["arrangements"] {
  if (ids.includes("all")) return "all";
  const known = model.arrangements.map((a) => a.id);
  for (const id of ids) if (!known.includes(id)) fail(lang === "nl" ? `${file}: onbekende regeling "${id}" (bekend: ${known.join(", ")})` : `${file}: unknown arrangement "${id}" (known: ${known.join(", ")})`);
  return ids.filter((id) => id !== "status-quo");
}

/**
 * The run on this thread alone, chunk by chunk with a turn of the event loop between chunks (so
 * Ctrl-C is heard); the same chunks and result as the engine's `simulate`.
 */
async function simulateHere(model: Model, options: SimulationOptions, onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<SimulationResult> {
  const o = resolveOptions(model, options);
  const plan = planSimulation(model);
  const chunks: ChunkResult[] = [];
  let done = 0;
  for (const [index, start, count] of chunksOf(o)) {
    if (signal.aborted) throw new SimulationCancelled();
    chunks.push(runChunk(plan, o, index, start, count));
    done += count;
    onProgress(done, o.samples);
    await new Promise((r) => setImmediate(r));
  }
  return assembleResult(plan, o, chunks);
}

/**
 * A Monte Carlo run with a progress bar on standard error: on this thread for one chunk or
 * `--workers 1` (the workers' start-up takes about a second), else on worker threads (which get
 * the case as data); Ctrl-C stops it (exit 130); an input error in a sample becomes a message
 * with the file and path.
 */
export async function runSimulation(file: string, model: Model, caseData: unknown, options: SimulationOptions, workers: number | undefined, lang: Lang, fail: (m: string) => never): Promise<SimulationResult> {
  const bar = progressBar(process.stderr, lang);
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.on("SIGINT", onSigint);
  try {
    // One chunk cannot be shared out: skip the worker start-up then.
    const oneChunk = resolveOptions(model, options).samples <= DEFAULT_CHUNK_SIZE;
    if (workers === 1 || (workers === undefined && oneChunk)) return await simulateHere(model, options, bar.update, abort.signal);
    return await simulateOnCores(model, caseData, options, { ...(workers !== undefined ? { threads: workers } : {}), onProgress: bar.update, signal: abort.signal });
  } catch (e) {
    if (e instanceof SimulationCancelled) throw new Interrupted();
    if (e instanceof SimulationInputError) fail(formatIssue({ path: e.path, code: e.code, message: message(e.code, e.params, lang) }, file));
    throw e;
  } finally {
    bar.clear();
    process.off("SIGINT", onSigint);
  }
}

export async function simulateCommand(file: string, model: Model, caseData: unknown, flags: SimulateFlags, lang: Lang, dialect: CsvDialect, fail: (m: string) => never): Promise<string> {
  const options: SimulationOptions = {
    ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    ...(flags.seed !== undefined ? { seed: seedOf(flags.seed) } : {}),
    ...(flags.lhs ? { lhs: true } : {}),
    ...(flags.exact ? { exact: true } : {}),
    arrangements: arrangements(model, flags.arrangement, file, lang, fail),
    yearly: flags.format === "json",
    cdfPoints: flags.format === "json" ? flags.cdf ?? 101 : 0,
  };
  // Which parameters vary is read off the case (planning the run, with its samplers and kernels, is the run's own work).
  if (uncertainNames(model).length === 0) process.stderr.write(TEXTS[lang].msg.nothingVaries + "\n");
  // With arrangements: the samples too, for each partner's risks per arrangement over the same samples.
  const robust = flags.arrangement.length > 0 && flags.format !== "csv";
  if (robust) { options.keepSamples = true; options.keepInputs = true; }
  const result = await runSimulation(file, model, caseData, options, flags.workers, lang, fail);
  const robustness = robust && result.arrangements.length > 0 ? arrangementRobustness(decisionSamples(result)) : null;
  if (robust) for (const p of [result.statusQuo, ...result.arrangements]) for (const e of [...p.partners, p.society]) delete e.samples;
  if (flags.format === "json") return JSON.stringify({ ...toSimulationJson(result), ...(robustness ? { robustness: toRobustnessJson(robustness) } : {}) }, null, 2) + "\n";
  if (flags.format === "csv") return renderSimulationCsv(result, lang, dialect);
  return renderSimulation(result, `${model.case.title} (${model.case.id})`, lang) + provenanceText(result.provenance, lang) + "\n" + (robustness ? `\n${renderRobustness(robustness, lang)}` : "");
}

export function sensitivityCommand(file: string, model: Model, flags: { arrangement?: string; format: "table" | "json" | "csv" }, lang: Lang, dialect: CsvDialect, fail: (m: string) => never): string {
  const arr = flags.arrangement === undefined || flags.arrangement === "status-quo" ? undefined : flags.arrangement;
  if (arr !== undefined) arrangements(model, [arr], file, lang, fail);
  const opts = arr !== undefined ? { arrangement: arr } : {};
  let t: ReturnType<typeof tornado>, s: ReturnType<typeof switchingValues>, sc: ReturnType<typeof scenarios>;
  try {
    t = tornado(model, opts); s = switchingValues(model, opts); sc = scenarios(model, opts);
  } catch (e) {
    // A point of the analysis where the case cannot be evaluated (validation probes the ranges' ends only).
    if (e instanceof SimulationInputError) fail(formatIssue({ path: e.path, code: e.code, message: message(e.code, e.params, lang) }, file));
    throw e;
  }
  const prov = sensitivityProvenance(model, t);
  if (flags.format === "json") return JSON.stringify(toSensitivityJson(t, s, sc, prov), null, 2) + "\n";
  if (flags.format === "csv") return renderSensitivityCsv(t, s, sc, dialect);
  return renderSensitivity(t, s, sc, `${model.case.title} (${model.case.id})`, lang) + "\n" + provenanceText(prov, lang) + "\n";
}
