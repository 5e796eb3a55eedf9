/**
 * `bcase voi`, `bcase negotiate` and `bcase compare A B ...`: option parsing and running; the
 * pure work is in engine/decision, the texts in renderDecision.ts. Counts arrive parsed (whole
 * numbers of at least 1: cli/bcase.ts); CSV goes through io/csv.ts in the chosen dialect.
 */
import {
  decisionRunOptions, decisionSamples, formatIssue, message, negotiate, pickText, portfolio, prepareNegotiation,
  toNegotiationJson, toPortfolioJson, toVoiJson, valueOfInformation, VoiInputError, type Issue, type Lang, type Model, type SimulationOptions,
} from "../engine/index.ts";
import { csvText, type CsvDialect } from "../io/csv.ts";
import { negotiationCsvRows, portfolioCsvRows, renderNegotiation, renderPortfolio, renderVoi, voiCsvRows } from "./renderDecision.ts";
import { progressBar } from "./renderUncertainty.ts";
import { runSimulation, seedOf } from "./uncertainty.ts";

type Fail = (m: string) => never;
export type DecisionFormat = "table" | "md" | "csv" | "json";

/** Rows whose first row is the header, as CSV in the dialect (formula-leading text neutralised). */
const csv = (rows: (string | number)[][], dialect: CsvDialect) => csvText(rows[0]!.map(String), rows.slice(1), dialect);

export interface VoiFlags {
  samples?: number;
  seed?: string;
  group: string[];
  arrangement?: string;
  workers?: number;
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

export async function voiCommand(file: string, model: Model, caseData: unknown, flags: VoiFlags, lang: Lang, dialect: CsvDialect, fail: Fail): Promise<string> {
  const options: SimulationOptions = decisionRunOptions({
    ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    ...(flags.seed !== undefined ? { seed: seedOf(flags.seed) } : {}),
  });
  const result = await runSimulation(file, model, caseData, options, flags.workers, lang, fail);
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
  if (flags.format === "csv") return csv(voiCsvRows(voi), dialect);
  return renderVoi(voi, `${model.case.title} (${model.case.id})`, lang, flags.format, 3, (name) => {
    const p = model.case.parameters[name];
    const text = p !== undefined && typeof p === "object" && !Array.isArray(p) && "label" in p && p.label !== undefined ? pickText(p.label, lang) : undefined;
    return text ? `${text} (${name})` : name;
  });
}

export interface NegotiateFlags {
  negotiation?: string;
  arrangement?: string;
  lever: string[];
  condition: string[];
  partners?: string;
  objective?: string;
  grid?: number;
  samples?: number;
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

/**
 * The negotiation solver on the case as data (`caseData`, so the flags can add or change a
 * negotiation before it is validated); `lineOf` gives a problem's line in the file, where known.
 */
export function negotiateCommand(file: string, caseData: Record<string, unknown>, lineOf: (path: Issue["path"]) => number | undefined, flags: NegotiateFlags, lang: Lang, dialect: CsvDialect, fail: Fail): string {
  const data = { ...caseData };
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
    ...(flags.grid !== undefined ? { grid: Math.max(3, flags.grid) } : {}),
    ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    ...(flags.seed !== undefined ? { seed: seedOf(flags.seed) } : {}),
  });
  if (!p.ok) fail(p.issues.map((i) => { const line = lineOf(i.path); return formatIssue({ ...i, ...(line !== undefined ? { line } : {}) }, file); }).join("\n"));
  const bar = progressBar(process.stderr, lang);
  let r;
  try {
    r = negotiate(p.negotiation, { onProgress: bar.update });
  } finally {
    bar.clear();
  }
  if (flags.format === "json") return JSON.stringify(toNegotiationJson(r), null, 2) + "\n";
  if (flags.format === "csv") return csv(negotiationCsvRows(r), dialect);
  return renderNegotiation(r, lang, flags.format);
}

export function portfolioCommand(files: string[], models: Model[], flags: { samples?: number; seed?: string; format: DecisionFormat }, lang: Lang, dialect: CsvDialect): string {
  const p = portfolio(files.map((label, i) => ({ label, model: models[i]! })), {
    ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    ...(flags.seed !== undefined ? { seed: seedOf(flags.seed) } : {}),
  });
  if (flags.format === "json") return JSON.stringify(toPortfolioJson(p), null, 2) + "\n";
  if (flags.format === "csv") return csv(portfolioCsvRows(p), dialect);
  return renderPortfolio(p, lang, flags.format);
}
