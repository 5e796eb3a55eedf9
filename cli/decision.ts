/**
 * `bcase voi`, `bcase negotiate` and `bcase compare A B ...`: option parsing and running; the
 * pure work is in engine/decision, the texts in renderDecision.ts.
 */
import { readFileSync } from "node:fs";
import {
  decisionRunOptions, decisionSamples, formatFromName, formatIssue, message, negotiate, parseCaseText, portfolio, prepareNegotiation,
  toNegotiationJson, toPortfolioJson, toVoiJson, valueOfInformation, VoiInputError, type Lang, type Model, type SimulationOptions,
} from "../engine/index.ts";
import { negotiationCsvRows, portfolioCsvRows, renderNegotiation, renderPortfolio, renderVoi, voiCsvRows } from "./renderDecision.ts";
import { progressBar } from "./renderUncertainty.ts";
import { count, runSimulation, seedOf } from "./uncertainty.ts";

type Fail = (m: string) => never;
export type DecisionFormat = "table" | "md" | "csv" | "json";

/** RFC 4180 CSV with CRLF; text cells that a spreadsheet would read as a formula get a leading quote. */
export function csv(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    if (typeof v === "number") return String(v);
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

function caseData(file: string, lang: Lang, fail: Fail): unknown {
  const parsed = parseCaseText(readFileSync(file, "utf8"), formatFromName(file), lang);
  if (!parsed.ok) fail(parsed.issues.map((i) => formatIssue(i, file)).join("\n"));
  return parsed.data;
}

export interface VoiFlags {
  samples?: string;
  seed?: string;
  group: string[];
  arrangement?: string;
  workers?: string;
  format: DecisionFormat;
}

/** `--group name=a,b` or `--group a,b` (named after its parameters). */
function groupsOf(specs: string[]): { name: string; parameters: string[] }[] {
  return specs.map((g) => {
    const eq = g.indexOf("=");
    const list = (eq >= 0 ? g.slice(eq + 1) : g).split(",").map((s) => s.trim()).filter((s) => s !== "");
    return { name: eq >= 0 ? g.slice(0, eq).trim() : list.join("+"), parameters: list };
  });
}

export async function voiCommand(file: string, model: Model, flags: VoiFlags, lang: Lang, fail: Fail): Promise<string> {
  const options: SimulationOptions = decisionRunOptions({
    ...(flags.samples !== undefined ? { samples: count(flags.samples, "--samples", lang, fail)! } : {}),
    ...(flags.seed !== undefined ? { seed: seedOf(flags.seed) } : {}),
  });
  const result = await runSimulation(file, model, options, count(flags.workers, "--workers", lang, fail), lang, fail);
  const samples = decisionSamples(result);
  if (samples.parameters.length === 0) fail(lang === "nl" ? `${file}: geen enkele parameter heeft een verdeling die varieert; waarde van informatie vraagt om onzekerheid` : `${file}: no parameter has a distribution that varies; value of information needs uncertainty`);
  let voi;
  try {
    voi = valueOfInformation(samples, { groups: groupsOf(flags.group), ...(flags.arrangement !== undefined ? { perspective: flags.arrangement } : {}) });
  } catch (e) {
    if (e instanceof VoiInputError) fail(`${file}: ${message(e.code, e.params, lang)}`);
    throw e;
  }
  if (flags.format === "json") return JSON.stringify(toVoiJson(voi, { seed: result.seed }), null, 2) + "\n";
  if (flags.format === "csv") return csv(voiCsvRows(voi));
  return renderVoi(voi, `${model.case.title} (${model.case.id})`, lang, flags.format);
}

export interface NegotiateFlags {
  negotiation?: string;
  arrangement?: string;
  lever: string[];
  condition: string[];
  partners?: string;
  objective?: string;
  grid?: string;
  samples?: string;
  seed?: string;
  format: DecisionFormat;
}

/** `steps[0].rate=0:1`, `param=0:1`, optionally `...=0:1:label`. */
function leverOf(spec: string, lang: Lang, fail: Fail): Record<string, unknown> {
  const m = /^([^=]+)=(-?[\d.eE+-]+):(-?[\d.eE+-]+)(?::(.*))?$/.exec(spec.trim());
  if (!m) fail(lang === "nl" ? `--lever: schrijf PAD=MIN:MAX of PARAMETER=MIN:MAX (niet "${spec}")` : `--lever: write PATH=MIN:MAX or PARAMETER=MIN:MAX (not "${spec}")`);
  const target = m[1]!.trim();
  return { ...(/[.[]/.test(target) ? { path: target } : { parameter: target }), min: Number(m[2]), max: Number(m[3]), ...(m[4] ? { label: m[4] } : {}) };
}

/** `npv>=0`, `npv>=-5000@a,b`, `loss<=0.2`, `loss<=0.2@a`. */
function conditionOf(spec: string, lang: Lang, fail: Fail): Record<string, unknown> {
  const m = /^(npv|ncw|loss|verlies)\s*(>=|<=)\s*(-?[\d.eE+-]+)\s*(?:@(.+))?$/i.exec(spec.trim());
  const kind = m?.[1]!.toLowerCase();
  const npv = kind === "npv" || kind === "ncw";
  if (!m || (npv && m[2] !== ">=") || (!npv && m[2] !== "<=")) fail(lang === "nl" ? `--condition: schrijf npv>=BEDRAG of loss<=KANS, eventueel met @partner,partner (niet "${spec}")` : `--condition: write npv>=AMOUNT or loss<=PROBABILITY, optionally with @partner,partner (not "${spec}")`);
  const partners = m[4] ? { partners: m[4].split(",").map((s) => s.trim()) } : {};
  return npv ? { type: "npv", min: Number(m[3]), ...partners } : { type: "loss-probability", max: Number(m[3]), ...partners };
}

export function negotiateCommand(file: string, flags: NegotiateFlags, lang: Lang, fail: Fail): string {
  const data = caseData(file, lang, fail) as Record<string, unknown>;
  let id = flags.negotiation;
  const adHoc = flags.arrangement !== undefined || flags.lever.length > 0 || flags.condition.length > 0 || flags.partners !== undefined || flags.objective !== undefined;
  if (adHoc) {
    // Flags on top of the named negotiation (or the first), or a new one with --arrangement and --lever.
    const all = (data.negotiations ?? {}) as Record<string, Record<string, unknown>>;
    const baseId = id ?? Object.keys(all)[0];
    const base = baseId !== undefined && flags.arrangement === undefined ? { ...all[baseId] } : {};
    const n: Record<string, unknown> = {
      ...base,
      ...(flags.arrangement !== undefined ? { arrangement: flags.arrangement } : {}),
      ...(flags.lever.length > 0 ? { levers: flags.lever.map((l) => leverOf(l, lang, fail)) } : {}),
      ...(flags.condition.length > 0 ? { conditions: flags.condition.map((c) => conditionOf(c, lang, fail)) } : {}),
      ...(flags.partners !== undefined ? { partners: flags.partners.split(",").map((s) => s.trim()) } : {}),
      ...(flags.objective !== undefined ? { objective: flags.objective } : {}),
    };
    id = flags.arrangement !== undefined ? "cli" : baseId ?? "cli";
    data.negotiations = { ...all, [id]: n };
  }
  const p = prepareNegotiation(data, id, lang, {
    ...(flags.grid !== undefined ? { grid: Math.max(3, count(flags.grid, "--grid", lang, fail)!) } : {}),
    ...(flags.samples !== undefined ? { samples: count(flags.samples, "--samples", lang, fail)! } : {}),
    ...(flags.seed !== undefined ? { seed: seedOf(flags.seed) } : {}),
  });
  if (!p.ok) {
    const lines = parseCaseText(readFileSync(file, "utf8"), formatFromName(file), lang);
    fail(p.issues.map((i) => formatIssue({ ...i, ...(lines.ok && lines.lineOf(i.path) !== undefined ? { line: lines.lineOf(i.path)! } : {}) }, file)).join("\n"));
  }
  const onProgress = progressBar(process.stderr, lang);
  const r = negotiate(p.negotiation, { onProgress });
  if (flags.format === "json") return JSON.stringify(toNegotiationJson(r), null, 2) + "\n";
  if (flags.format === "csv") return csv(negotiationCsvRows(r));
  return renderNegotiation(r, lang, flags.format);
}

export function portfolioCommand(files: string[], models: Model[], flags: { samples?: string; seed?: string; format: DecisionFormat }, lang: Lang, fail: Fail): string {
  const p = portfolio(files.map((label, i) => ({ label, model: models[i]! })), {
    ...(flags.samples !== undefined ? { samples: count(flags.samples, "--samples", lang, fail)! } : {}),
    ...(flags.seed !== undefined ? { seed: seedOf(flags.seed) } : {}),
  });
  if (flags.format === "json") return JSON.stringify(toPortfolioJson(p), null, 2) + "\n";
  if (flags.format === "csv") return csv(portfolioCsvRows(p));
  return renderPortfolio(p, lang, flags.format);
}
