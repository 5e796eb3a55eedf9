/**
 * `bcase simulate` and `bcase sensitivity`: option parsing and running (on worker threads or
 * this thread); the pure work is in engine/simulate, the texts in renderUncertainty.ts.
 */
import { readFileSync } from "node:fs";
import { DEFAULT_CHUNK_SIZE, resolveOptions, sensitivityProvenance, formatFromName, formatIssue, parseCaseText, scenarios, simulate, SimulationInputError, switchingValues, toSensitivityJson, toSimulationJson, tornado, message, type Lang, type Model, type SimulationOptions } from "../engine/index.ts";
import { progressBar, provenanceText, renderSensitivity, renderSensitivityCsv, renderSimulation, renderSimulationCsv } from "./renderUncertainty.ts";
import { simulateOnCores } from "./simulateWorkers.ts";

export interface SimulateFlags {
  samples?: string;
  seed?: string;
  lhs?: boolean;
  exact?: boolean;
  arrangement: string[];
  workers?: string;
  cdf?: string;
  format: "table" | "json" | "csv";
}

/** Collects a repeatable option. */
export const collect = (v: string, prev: string[]) => [...prev, v];

/** A seed as given: a whole number stays a number (so `--seed 7` equals `seed: 7` in the case). */
const seedOf = (s: string) => (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s);

function count(s: string | undefined, what: string, lang: Lang, fail: (m: string) => never): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s.replace(/[_.]/g, ""));
  if (!Number.isSafeInteger(n) || n < 1) fail(lang === "nl" ? `${what}: geef een geheel getal van minstens 1 (niet "${s}")` : `${what}: give a whole number of at least 1 (not "${s}")`);
  return n;
}

/** The arrangement ids asked for; unknown ones are an input error. */
function arrangements(model: Model, ids: string[], file: string, lang: Lang, fail: (m: string) => never): SimulationOptions["arrangements"] {
  if (ids.includes("all")) return "all";
  const known = model.arrangements.map((a) => a.id);
  for (const id of ids) if (!known.includes(id)) fail(lang === "nl" ? `${file}: onbekende regeling "${id}" (bekend: ${known.join(", ")})` : `${file}: unknown arrangement "${id}" (known: ${known.join(", ")})`);
  return ids.filter((id) => id !== "status-quo");
}

export async function simulateCommand(file: string, model: Model, flags: SimulateFlags, lang: Lang, fail: (m: string) => never): Promise<string> {
  const options: SimulationOptions = {
    ...(flags.samples !== undefined ? { samples: count(flags.samples, "--samples", lang, fail)! } : {}),
    ...(flags.seed !== undefined ? { seed: seedOf(flags.seed) } : {}),
    ...(flags.lhs ? { lhs: true } : {}),
    ...(flags.exact ? { exact: true } : {}),
    arrangements: arrangements(model, flags.arrangement, file, lang, fail),
    yearly: flags.format === "json",
    cdfPoints: flags.format === "json" ? count(flags.cdf, "--cdf", lang, fail) ?? 101 : 0,
  };
  const workers = count(flags.workers, "--workers", lang, fail);
  const onProgress = progressBar(process.stderr, lang);
  let result;
  try {
    // One chunk cannot be shared out: skip the worker start-up (about a second) then.
    const oneChunk = resolveOptions(model, options).samples <= DEFAULT_CHUNK_SIZE;
    if (workers === 1 || (workers === undefined && oneChunk)) result = simulate(model, options, { onProgress });
    else {
      const parsed = parseCaseText(readFileSync(file, "utf8"), formatFromName(file), lang);
      if (!parsed.ok) fail(parsed.issues.map((i) => formatIssue(i, file)).join("\n"));
      result = await simulateOnCores(model, parsed.data, options, { ...(workers !== undefined ? { threads: workers } : {}), onProgress });
    }
  } catch (e) {
    if (e instanceof SimulationInputError) fail(formatIssue({ path: e.path, code: e.code, message: message(e.code, e.params, lang) }, file));
    throw e;
  }
  if (flags.format === "json") return JSON.stringify(toSimulationJson(result), null, 2) + "\n";
  if (flags.format === "csv") return renderSimulationCsv(result);
  return renderSimulation(result, `${model.case.title} (${model.case.id})`, lang) + provenanceText(result.provenance, lang) + "\n";
}

export function sensitivityCommand(file: string, model: Model, flags: { arrangement?: string; format: "table" | "json" | "csv" }, lang: Lang, fail: (m: string) => never): string {
  const arr = flags.arrangement === undefined || flags.arrangement === "status-quo" ? undefined : flags.arrangement;
  if (arr !== undefined) arrangements(model, [arr], file, lang, fail);
  const opts = arr !== undefined ? { arrangement: arr } : {};
  const t = tornado(model, opts), s = switchingValues(model, opts), sc = scenarios(model, opts);
  const prov = sensitivityProvenance(model, t);
  if (flags.format === "json") return JSON.stringify(toSensitivityJson(t, s, sc, prov), null, 2) + "\n";
  if (flags.format === "csv") return renderSensitivityCsv(t, s, sc);
  return renderSensitivity(t, s, sc, `${model.case.title} (${model.case.id})`, lang) + "\n" + provenanceText(prov, lang) + "\n";
}
