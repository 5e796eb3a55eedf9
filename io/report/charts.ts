/**
 * Charts for the HTML report, rendered server-side: Observable Plot draws into a jsdom
 * document and the SVG (with Plot's inline style) is serialised as text, so the report needs no
 * script and no external asset. Each chart is `(rows, options) => markup`, as in Plot's own
 * examples; numbers on axes use the engine's Dutch or English format.
 */
import { formatNumber, type Evaluation, type Lang } from "../../engine/index.ts";

type PlotModule = typeof import("@observablehq/plot");

/** Plot and a DOM document, loaded once and only when a chart is drawn (jsdom is heavy). */
let env: Promise<{ Plot: PlotModule; document: Document }> | undefined;
function plotEnv() {
  env ??= (async () => {
    const [{ JSDOM }, Plot] = await Promise.all([import("jsdom"), import("@observablehq/plot")]);
    return { Plot, document: new JSDOM("<!DOCTYPE html><html><body></body></html>").window.document };
  })();
  return env;
}

const POSITIVE = "#2e7d32", NEGATIVE = "#c62828";
/** Euros (not cents) on an axis: 1.250.000 -> "1,25 mln" / "1.25 m"; smaller amounts in thousands. */
function euroTick(lang: Lang) {
  return (d: number) => {
    const a = Math.abs(d);
    if (a >= 1e6) return `${formatNumber(d / 1e6, a >= 1e7 ? 0 : 1, lang)} ${lang === "nl" ? "mln" : "m"}`;
    if (a >= 1e3) return `${formatNumber(d / 1e3, 0, lang)}${lang === "nl" ? "k" : "k"}`;
    return formatNumber(d, 0, lang);
  };
}

const serialise = (node: Element) => node.outerHTML;

export interface NpvRow { name: string; npv: number }

/** NPV per partner and for society (euros), bars coloured by sign. */
export async function npvBars(rows: NpvRow[], options: { lang: Lang; label: string }): Promise<string> {
  const { Plot, document } = await plotEnv();
  const longest = Math.max(...rows.map((r) => r.name.length), 4);
  return serialise(Plot.plot({
    document, width: 720, height: 40 + rows.length * 28, marginLeft: Math.min(260, 12 + longest * 6.5),
    x: { label: options.label, tickFormat: euroTick(options.lang), grid: true },
    y: { label: null, domain: rows.map((r) => r.name) },
    marks: [
      Plot.barX(rows, { y: "name", x: "npv", fill: (d: NpvRow) => (d.npv >= 0 ? POSITIVE : NEGATIVE) }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element);
}

export interface CumulativeRow { name: string; year: number; value: number }

/** Cumulative discounted net per partner over the years (euros): where the lines cross zero is the payback year. */
export async function cumulativeLines(rows: CumulativeRow[], options: { lang: Lang; label: string }): Promise<string> {
  const { Plot, document } = await plotEnv();
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  return serialise(Plot.plot({
    document, width: 720, height: 340, marginLeft: 70,
    color: { legend: true, type: "categorical", domain: [...new Set(rows.map((r) => r.name))] },
    x: { label: null, ticks: years.length > 12 ? years.filter((_, i) => i % 2 === 0) : years, tickFormat: (d: number) => String(d) },
    y: { label: options.label, tickFormat: euroTick(options.lang), grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(rows, { x: "year", y: "value", z: "name", stroke: "name", strokeWidth: 2 }),
      Plot.dot(rows, { x: "year", y: "value", fill: "name", r: 2.5 }),
    ],
  }) as unknown as Element);
}

export interface ArrangementNpvRow { arrangement: string; name: string; npv: number }

/** NPV per partner under each arrangement (euros): one row per partner, one dot per arrangement. */
export async function arrangementDots(rows: ArrangementNpvRow[], options: { lang: Lang; label: string }): Promise<string> {
  const { Plot, document } = await plotEnv();
  const names = [...new Set(rows.map((r) => r.name))];
  const arrangements = [...new Set(rows.map((r) => r.arrangement))];
  const longest = Math.max(...names.map((n) => n.length), 4);
  return serialise(Plot.plot({
    document, width: 720, height: 60 + names.length * 32, marginLeft: Math.min(260, 12 + longest * 6.5),
    color: { type: "categorical", domain: arrangements },
    symbol: { legend: true, type: "categorical", domain: arrangements },
    x: { label: options.label, tickFormat: euroTick(options.lang), grid: true },
    y: { label: null, domain: names },
    marks: [
      Plot.ruleX([0]),
      Plot.dot(rows, { y: "name", x: "npv", stroke: "arrangement", symbol: "arrangement", r: 5, strokeWidth: 2 }),
    ],
  }) as unknown as Element);
}

/** The three charts of the report, from an evaluation. */
export async function reportCharts(ev: Evaluation, lang: Lang, L: { society: string; npvAxis: string; cumulativeAxis: string }): Promise<{ npv: string; cumulative: string; arrangements?: string }> {
  const npv = await npvBars([...ev.partners.map((p) => ({ name: p.name, npv: p.npv / 100 })), { name: L.society, npv: ev.society.npv / 100 }], { lang, label: L.npvAxis });
  const cumulative = await cumulativeLines(ev.partners.flatMap((p) => p.yearly.map((y) => ({ name: p.name, year: y.year, value: y.cumulativeDiscountedNet / 100 }))), { lang, label: L.cumulativeAxis });
  const arrangements = ev.arrangements.length > 1
    ? await arrangementDots(ev.arrangements.flatMap((a) => a.partners.map((p) => ({ arrangement: a.name, name: p.name, npv: p.npv / 100 }))), { lang, label: L.npvAxis })
    : undefined;
  return { npv, cumulative, ...(arrangements ? { arrangements } : {}) };
}
