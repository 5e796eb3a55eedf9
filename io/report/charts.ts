/**
 * Charts for the HTML report, rendered server-side: Observable Plot draws into a jsdom
 * document and the SVG (with Plot's inline style) is serialised as text, so the report needs no
 * script and no external asset. Each chart is `(rows, options) => markup`, as in Plot's own
 * examples; numbers on axes use the engine's Dutch or English format.
 */
import { formatNumber, type Evaluation, type Lang } from "../../engine/index.ts";
import { partnerColors, SOCIETY_ID, type PartnerColors } from "../../notebooks/lib/charts/colors.ts";

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

/** Euros (not cents) on an axis: 1.250.000 -> "1,3 mln" / "1.3 m"; smaller amounts in full (250.000 / 250,000). */
function euroTick(lang: Lang) {
  return (d: number) => {
    const a = Math.abs(d);
    if (a >= 1e6) return `${formatNumber(d / 1e6, a >= 1e7 ? 0 : 1, lang)} ${lang === "nl" ? "mln" : "m"}`;
    return formatNumber(d, 0, lang);
  };
}

const serialise = (node: Element) => node.outerHTML;

/**
 * Colour means partner, in every chart of the report as on the site: the partner's colour from
 * the one palette rule (notebooks/lib/charts/colors.ts), society in near-black. Charts encode
 * partners by id and show names through tickFormat or the legend.
 */
export interface NpvRow { id: string; npv: number }

/** NPV per partner and for society (euros), one bar each in the partner's colour. */
export async function npvBars(rows: NpvRow[], options: { lang: Lang; label: string; colors: PartnerColors }): Promise<string> {
  const { Plot, document } = await plotEnv();
  const { colors } = options;
  const longest = Math.max(...rows.map((r) => colors.name(r.id).length), 4);
  return serialise(Plot.plot({
    document, width: 720, height: 40 + rows.length * 28, marginLeft: Math.min(260, 12 + longest * 6.5),
    x: { label: options.label, tickFormat: euroTick(options.lang), grid: true },
    y: { label: null, domain: rows.map((r) => r.id), tickFormat: colors.name },
    color: { domain: colors.domain, range: colors.range },
    marks: [
      Plot.barX(rows, { y: "id", x: "npv", fill: "id" }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element);
}

export interface CumulativeRow { id: string; year: number; value: number }

/** Cumulative discounted net per partner over the years (euros): where the lines cross zero is the payback year. */
export async function cumulativeLines(rows: CumulativeRow[], options: { lang: Lang; label: string; colors: PartnerColors }): Promise<string> {
  const { Plot, document } = await plotEnv();
  const { colors } = options;
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const ids = colors.domain.filter((id) => rows.some((r) => r.id === id));
  return serialise(Plot.plot({
    document, width: 720, height: 340, marginLeft: 70,
    color: { legend: true, type: "categorical", domain: ids, range: ids.map(colors.color), tickFormat: colors.name },
    x: { label: null, ticks: years.length > 12 ? years.filter((_, i) => i % 2 === 0) : years, tickFormat: (d: number) => String(d) },
    y: { label: options.label, tickFormat: euroTick(options.lang), grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(rows, { x: "year", y: "value", z: "id", stroke: "id", strokeWidth: 2 }),
      Plot.dot(rows, { x: "year", y: "value", fill: "id", r: 2.5 }),
    ],
  }) as unknown as Element);
}

export interface ArrangementNpvRow { arrangement: string; id: string; npv: number }

/** NPV per partner under each arrangement (euros): one row per partner in its colour, one symbol per arrangement. */
export async function arrangementDots(rows: ArrangementNpvRow[], options: { lang: Lang; label: string; colors: PartnerColors }): Promise<string> {
  const { Plot, document } = await plotEnv();
  const { colors } = options;
  const ids = colors.domain.filter((id) => rows.some((r) => r.id === id));
  const arrangements = [...new Set(rows.map((r) => r.arrangement))];
  const longest = Math.max(...ids.map((n) => colors.name(n).length), 4);
  return serialise(Plot.plot({
    document, width: 720, height: 60 + ids.length * 32, marginLeft: Math.min(260, 12 + longest * 6.5),
    color: { domain: colors.domain, range: colors.range },
    symbol: { legend: true, type: "categorical", domain: arrangements },
    x: { label: options.label, tickFormat: euroTick(options.lang), grid: true },
    y: { label: null, domain: ids, tickFormat: colors.name },
    marks: [
      Plot.ruleX([0]),
      Plot.dot(rows, { y: "id", x: "npv", stroke: "id", symbol: "arrangement", r: 5, strokeWidth: 2 }),
    ],
  }) as unknown as Element);
}

/** The three charts of the report, from an evaluation. */
export async function reportCharts(ev: Evaluation, lang: Lang, L: { society: string; npvAxis: string; cumulativeAxis: string }): Promise<{ npv: string; cumulative: string; arrangements?: string }> {
  const colors = partnerColors(ev.partners, L.society);
  const npv = await npvBars([...ev.partners.map((p) => ({ id: p.id, npv: p.npv / 100 })), { id: SOCIETY_ID, npv: ev.society.npv / 100 }], { lang, label: L.npvAxis, colors });
  const cumulative = await cumulativeLines(ev.partners.flatMap((p) => p.yearly.map((y) => ({ id: p.id, year: y.year, value: y.cumulativeDiscountedNet / 100 }))), { lang, label: L.cumulativeAxis, colors });
  const arrangements = ev.arrangements.length > 1
    ? await arrangementDots(ev.arrangements.flatMap((a) => a.partners.map((p) => ({ arrangement: a.name, id: p.id, npv: p.npv / 100 }))), { lang, label: L.npvAxis, colors })
    : undefined;
  return { npv, cumulative, ...(arrangements ? { arrangements } : {}) };
}
