/**
 * Terminal output of `bcase simulate` and `bcase sensitivity`: aligned tables (Dutch first,
 * EUR 1.234.567), CSV for spreadsheets, and the progress bar on stderr.
 */
import { csvText, money, type CsvDialect, type CsvValue } from "../io/csv.ts";
import { TEXTS } from "./texts.ts";
import { formatEuro, formatNumber, formatPercent, type Lang, type PerspectiveResult, type Provenance, type ScenarioResult, type SimulationResult, type SwitchingValue, type SwitchingValues, type Tornado } from "../engine/index.ts";

const L = {
  nl: {
    title: (r: SimulationResult) => `Monte Carlo: ${formatNumber(r.samples, 0, "nl")} trekkingen, seed ${r.seed}${r.lhs ? ", Latin hypercube" : ""}${r.exact ? ", elke trekking in exacte centen" : ""}`,
    inputs: "Onzekere parameters", base: "basis", partner: "Partner", mean: "NCW gemiddeld", sd: "sd", p5: "P5", p50: "P50", p95: "P95", loss: "Kans op verlies",
    society: "Maatschappij (totaal)", perspective: "Regeling", tornado: (lo: number, hi: number) => `Tornado: NCW met elke parameter op P${lo * 100} en P${hi * 100}, de rest op basis`,
    parameter: "Parameter", at: (p: number) => `NCW bij P${p * 100}`, swing: "Bereik", switching: "Omslagwaarden: waarde waarbij de NCW nul wordt (overige parameters op basis)",
    none: "niet in bereik", noEffect: "geen invloed", scenarios: "Scenario's (NCW)", scenario: "Scenario", npv: "NCW",
  },
  en: {
    title: (r: SimulationResult) => `Monte Carlo: ${formatNumber(r.samples, 0, "en")} samples, seed ${r.seed}${r.lhs ? ", Latin hypercube" : ""}${r.exact ? ", every sample in exact cents" : ""}`,
    inputs: "Uncertain parameters", base: "base", partner: "Partner", mean: "Mean NPV", sd: "sd", p5: "P5", p50: "P50", p95: "P95", loss: "P(loss)",
    society: "Society (total)", perspective: "Arrangement", tornado: (lo: number, hi: number) => `Tornado: NPV with each parameter at P${lo * 100} and P${hi * 100}, the rest at base`,
    parameter: "Parameter", at: (p: number) => `NPV at P${p * 100}`, swing: "Swing", switching: "Switching values: the value at which the NPV becomes zero (other parameters at base)",
    none: "not in range", noEffect: "no effect", scenarios: "Scenarios (NPV)", scenario: "Scenario", npv: "NPV",
  },
} as const;

function align(table: string[][], rightFrom = 1): string {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  return table.map((r) => r.map((cell, c) => (c >= rightFrom ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ")).join("\n");
}

const num = (v: number, lang: Lang) => formatNumber(v, Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 1 ? 2 : 4, lang);

function perspectiveTable(p: PerspectiveResult, lang: Lang): string {
  const t = L[lang];
  const row = (name: string, e: PerspectiveResult["society"]) => [name, formatEuro(e.npv.mean, lang, 0), formatEuro(e.npv.sd, lang, 0), formatEuro(e.npv.p5, lang, 0), formatEuro(e.npv.p50, lang, 0), formatEuro(e.npv.p95, lang, 0), formatPercent(e.probabilityOfLoss, 1, lang)];
  return align([[t.partner, t.mean, t.sd, t.p5, t.p50, t.p95, t.loss], ...p.partners.map((e) => row(e.name, e)), row(t.society, p.society)]);
}

export function renderSimulation(r: SimulationResult, caseTitle: string, lang: Lang): string {
  const t = L[lang];
  const out = [`${caseTitle}`, t.title(r), "", `${t.inputs}:`, ...r.parameters.map((p) => `  ${p.name}: ${p.distribution} (${t.base} ${num(p.base, lang)})`), ""];
  for (const p of [r.statusQuo, ...r.arrangements]) out.push(`${t.perspective}: ${p.name}`, perspectiveTable(p, lang), "");
  return out.join("\n");
}

/** One row per arrangement and entity (society named in the language); money in euros (io/csv.ts). */
export function renderSimulationCsv(r: SimulationResult, lang: Lang, dialect: CsvDialect): string {
  const head = ["arrangement", "id", "name", "mean", "sd", "p5", "p10", "p50", "p90", "p95", "probabilityOfLoss"];
  const rows = [r.statusQuo, ...r.arrangements].flatMap((p) => [...p.partners.map((e) => ({ e, name: e.name })), { e: p.society, name: L[lang].society }].map(({ e, name }) => [p.id, e.id, name, ...[e.npv.mean, e.npv.sd, e.npv.p5, e.npv.p10, e.npv.p50, e.npv.p90, e.npv.p95].map((c) => money(Math.round(c))), e.probabilityOfLoss]));
  return csvText(head, rows, dialect);
}

function switchingText(v: SwitchingValue, lang: Lang): string {
  const t = L[lang];
  return v.status === "ok" ? num(v.value, lang) : v.status === "none-in-range" ? t.none : t.noEffect;
}

export function renderSensitivity(tor: Tornado, sw: SwitchingValues, sc: { scenarios: ScenarioResult[] }, caseTitle: string, lang: Lang): string {
  const t = L[lang];
  const names = sw.entities.map((e, i) => (i === sw.entities.length - 1 ? t.society : e.name));
  const out = [caseTitle, "", t.tornado(tor.low, tor.high)];
  tor.entities.forEach((e, i) => {
    if (e.bars.every((b) => b.swing === 0)) return;
    out.push("", `${names[i]} (${t.npv} ${formatEuro(e.base, lang, 0)})`, align([[t.parameter, t.at(tor.low), t.at(tor.high), t.swing], ...e.bars.filter((b) => b.swing > 0).map((b) => [`${b.parameter} (${num(b.low, lang)} .. ${num(b.high, lang)})`, formatEuro(b.npvLow, lang, 0), formatEuro(b.npvHigh, lang, 0), formatEuro(b.swing, lang, 0)])]));
  });
  out.push("", t.switching, align([[t.parameter, ...names], ...sw.rows.map((r) => [`${r.parameter} (${t.base} ${num(r.base, lang)})`, ...r.values.map((v) => switchingText(v, lang))])]));
  out.push("", t.scenarios, align([[t.scenario, ...names], ...sc.scenarios.map((s) => [s.label, ...s.npv.map((v) => formatEuro(v, lang, 0))])]));
  return out.join("\n") + "\n";
}

/** Tornado, switching values and scenarios as CSV sections of one table: kind, parameter or scenario, entity, values. */
export function renderSensitivityCsv(tor: Tornado, sw: SwitchingValues, sc: { scenarios: ScenarioResult[] }, dialect: CsvDialect): string {
  const rows: CsvValue[][] = [];
  tor.entities.forEach((e) => e.bars.forEach((b) => rows.push(["tornado", b.parameter, e.id, b.base, b.low, b.high, money(b.npvLow), money(b.npvHigh), money(e.base), null])));
  sw.rows.forEach((r) => r.values.forEach((v, i) => rows.push(["switching", r.parameter, sw.entities[i]!.id, v.status === "ok" ? v.value : null, v.range[0], v.range[1], null, null, v.status === "ok" || v.status === "no-effect" ? money(v.npv) : null, v.status])));
  sc.scenarios.forEach((s) => s.npv.forEach((v, i) => rows.push(["scenario", s.id, sw.entities[i]!.id, null, null, null, null, null, money(v), null])));
  return csvText(["kind", "name", "entity", "value", "low", "high", "npvLow", "npvHigh", "npv", "status"], rows, dialect);
}

/** Where the figures come from: engine, case hash, seed, samples and sampler (or, for sensitivity, the quantiles). */
export function provenanceText(p: Provenance, lang: Lang): string {
  const nl = lang === "nl", s = p.simulation;
  const run = !s ? "" : s.analysis === "monte-carlo"
    ? `; seed ${s.seed}, ${formatNumber(s.samples, 0, lang)} ${nl ? "trekkingen" : "samples"}${s.lhs ? ", Latin hypercube" : ""}, ${s.sampler === "exact" ? (nl ? "elke trekking in exacte centen" : "every sample in exact cents") : (nl ? "kolomkernel, verankerd op het exacte grootboek" : "column kernel anchored on the exact ledger")}`
    : `; ${nl ? "geen trekkingen (exacte grootboeken)" : "no sampling (exact ledgers)"}, P${(s.quantiles?.[0] ?? 0) * 100}/P${(s.quantiles?.[1] ?? 0) * 100}`;
  return `${nl ? "Herkomst" : "Provenance"}: ${p.engine.name} ${p.engine.version}, case ${p.case.hash.slice(0, 19)}...${run}`;
}

/** m:ss (or h:mm:ss) for an estimate of the time left. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return `${h > 0 ? `${h}:${String(m).padStart(2, "0")}` : m}:${String(r).padStart(2, "0")}`;
}

/**
 * A progress bar on a terminal (stderr): `[#####-----]  45% 4.500/10.000 nog 0:12`, with the time
 * left once a little of the run is done; drawn at most ten times a second, and cleared (the line
 * erased) by `clear`, which the caller calls when the run ends, fails or is interrupted. Nothing
 * is drawn when the stream is not a terminal (a pipe, a file, a CI log).
 */
export function progressBar(stream: NodeJS.WriteStream, lang: Lang, now: () => number = () => performance.now()): { update: (done: number, total: number) => void; clear: () => void } {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  const start = now();
  let drawn = false, last = -Infinity;
  return {
    update: (done, total) => {
      const t = now();
      if (done < total && t - last < 100) return;
      last = t;
      const width = 30, filled = Math.round((width * done) / total);
      const elapsed = (t - start) / 1000;
      const eta = done > 0 && done < total && elapsed >= 0.5 ? ` ${TEXTS[lang].msg.progress(clock((elapsed * (total - done)) / done))}` : "";
      stream.write(`\r\x1b[2K[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round((100 * done) / total)).padStart(3)}% ${formatNumber(done, 0, lang)}/${formatNumber(total, 0, lang)}${eta}`);
      drawn = true;
    },
    clear: () => {
      if (drawn) stream.write("\r\x1b[2K");
      drawn = false;
    },
  };
}
