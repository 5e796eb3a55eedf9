/**
 * Chart helpers: `(rows, options) => Plot.plot(...)` over the plain rows of `rows.ts`.
 *
 * Every chart has a title (Plot renders it as text), axis labels with their unit (EUR), a tooltip
 * per mark, and partners coloured by `PartnerColors` (keyed by partner id, so a partner keeps
 * its colour across charts). Names from a case file only reach the DOM as text: as Plot tick
 * labels, titles and tooltips, never as HTML.
 */
import * as Plot from "@observablehq/plot";
import type { YearBand } from "../../../engine/index.ts";
import type { PartnerColors } from "./colors.ts";
import { SOCIETY_COLOR, SOCIETY_ID } from "./colors.ts";
import { eurosTick, euros, lang as pageLang, t, pct, smartNum, type Lang } from "../i18n/i18n.ts";
import type { ArrangementRow, FlowRow, PocketRow, WaterfallRow, YearValue } from "../data/rows.ts";

export interface ChartOptions {
  width?: number;
  height?: number;
  lang?: Lang;
  title?: string;
  subtitle?: string;
  /** For tests (jsdom); in a page Plot uses the global document. */
  document?: Document;
}

type PlotFigure = ReturnType<typeof Plot.plot>;

/** Width of a chart: as given (the page's `width`), but never below a readable minimum. */
function chartWidth(o: ChartOptions): number {
  return Math.max(360, o.width || 640);
}

function common(o: ChartOptions, defaults: { height: number; ariaLabel: string }) {
  return {
    width: chartWidth(o),
    height: o.height ?? defaults.height,
    ...(o.title ? { title: o.title } : {}),
    ...(o.subtitle ? { subtitle: o.subtitle } : {}),
    ariaLabel: o.title ?? defaults.ariaLabel,
    style: { fontSize: "12px", overflow: "visible" },
    ...(o.document ? { document: o.document } : {}),
  };
}

/** A colour scale for the partners that appear (in case order), each with its own colour. */
function partnerScale(ids: Iterable<string>, colors: PartnerColors, legend = true) {
  const present = new Set(ids);
  const domain = colors.domain.filter((id) => present.has(id));
  return { type: "ordinal" as const, domain, range: domain.map((id) => colors.color(id)), legend, tickFormat: (id: string) => colors.name(id) };
}

const yearTick = (y: number) => String(y);

/**
 * Costs (below zero) and benefits (above zero) per partner per year, stacked, with society's
 * net per year as a black tick.
 */
export function flowChart(rows: readonly FlowRow[], society: readonly YearValue[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const years = [...new Set([...rows.map((r) => r.year), ...society.map((r) => r.year)])].sort((a, b) => a - b);
  const side = (s: FlowRow["side"]) => (s === "costs" ? t("kosten", "costs", l) : t("baten", "benefits", l));
  return Plot.plot({
    ...common(o, { height: 380, ariaLabel: t("Kosten en baten per partner per jaar", "Costs and benefits per partner per year", l) }),
    marginLeft: 90,
    x: { type: "band", domain: years, label: t("Jaar", "Year", l), tickFormat: yearTick, padding: 0.25 },
    y: { label: t("EUR per jaar (kosten onder nul, baten boven nul)", "EUR per year (costs below zero, benefits above)", l), grid: true, tickFormat: (v: number) => eurosTick(v, l), insetTop: 8, insetBottom: 8 },
    color: partnerScale(rows.map((r) => r.partner), colors),
    marks: [
      Plot.barY(rows, {
        x: "year", y: "value", fill: "partner", order: (d: FlowRow) => colors.domain.indexOf(d.partner),
        title: (d: FlowRow) => `${colors.name(d.partner)}\n${d.year}, ${side(d.side)}: ${euros(d.value, l)}`,
        tip: true,
      }),
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.tickY(society, {
        x: "year", y: "value", stroke: SOCIETY_COLOR, strokeWidth: 3,
        title: (d: YearValue) => `${colors.name(SOCIETY_ID)}, ${d.year}\n${t("netto", "net", l)}: ${euros(d.value, l)}`,
        tip: true,
      }),
    ],
  });
}

/** Cumulative discounted net per partner over the years (payback where a line crosses zero). */
export function cumulativeChart(rows: readonly YearValue[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const partners = rows.filter((r) => r.partner !== SOCIETY_ID);
  const society = rows.filter((r) => r.partner === SOCIETY_ID);
  const title = (d: YearValue) => `${colors.name(d.partner)}, ${d.year}\n${t("cumulatief contant", "cumulative discounted", l)}: ${euros(d.value, l)}`;
  return Plot.plot({
    ...common(o, { height: 360, ariaLabel: t("Cumulatief netto resultaat per partner", "Cumulative net result per partner", l) }),
    marginLeft: 90,
    x: { label: t("Jaar", "Year", l), tickFormat: yearTick, ticks: years, domain: [years[0]! - 0.2, years[years.length - 1]! + 0.2] },
    y: { label: t("EUR, cumulatief contant (prijspeil van de case)", "EUR, cumulative discounted (case price year)", l), grid: true, tickFormat: (v: number) => eurosTick(v, l) },
    color: partnerScale(rows.map((r) => r.partner), colors),
    marks: [
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.lineY(partners, { x: "year", y: "value", stroke: "partner", strokeWidth: 2 }),
      Plot.lineY(society, { x: "year", y: "value", stroke: "partner", strokeWidth: 3, strokeDasharray: "6,3" }),
      Plot.dot(rows, { x: "year", y: "value", fill: "partner", r: 3, title, tip: true }),
    ],
  });
}

const WATERFALL_UP = "#3ca951";
const WATERFALL_DOWN = "#e15759";

/** Waterfall of one partner: investment, savings, revenue loss, variable cost saved, transfers, net. */
export function waterfallChart(rows: readonly WaterfallRow[], partnerColor: string, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const fill = (d: WaterfallRow) => (d.kind === "total" ? partnerColor : d.value >= 0 ? WATERFALL_UP : WATERFALL_DOWN);
  return Plot.plot({
    ...common(o, { height: 340, ariaLabel: t("Opbouw van het resultaat", "How the result builds up", l) }),
    marginLeft: 90,
    marginTop: 30,
    marginBottom: 40,
    x: { type: "band", domain: rows.map((r) => r.step), label: null, padding: 0.2 },
    y: { label: t("EUR, totaal over de looptijd (niet verdisconteerd)", "EUR, total over the horizon (undiscounted)", l), grid: true, tickFormat: (v: number) => eurosTick(v, l), insetTop: 16, insetBottom: 16 },
    marks: [
      Plot.barY(rows, {
        x: "step", y1: "start", y2: "end", fill,
        title: (d: WaterfallRow) => `${d.step}: ${euros(d.value, l)}`,
        tip: true,
      }),
      Plot.ruleY([0], { stroke: "#555" }),
      // Value labels: above a rising bar, below a falling one.
      Plot.text(rows.filter((r) => r.value >= 0), { x: "step", y: "end", text: (d: WaterfallRow) => eurosTick(d.value, l), dy: -8, fontSize: 11 }),
      Plot.text(rows.filter((r) => r.value < 0), { x: "step", y: "end", text: (d: WaterfallRow) => eurosTick(d.value, l), dy: 9, fontSize: 11 }),
    ],
  });
}

/**
 * The wrong-pocket matrix as a heat map: rows are the partners who invest, columns the partners
 * whose budgets the effects reach; each cell is the present value of the effects attributed to
 * that investor (red: a loss, such as a provider's revenue, blue: a saving).
 */
export function pocketHeatmap(rows: readonly PocketRow[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const investors = [...new Set(rows.map((r) => r.investor))];
  const beneficiaries = [...new Set(rows.map((r) => r.beneficiary))];
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.value)));
  const cellWidth = (chartWidth(o) - 190) / Math.max(1, beneficiaries.length);
  return Plot.plot({
    ...common(o, { height: 0, ariaLabel: t("Wie betaalt voor wie", "Who pays for whom", l) }),
    height: o.height ?? 90 + 44 * investors.length,
    marginLeft: 190,
    marginTop: 70,
    x: { domain: beneficiaries, axis: null },
    y: { domain: investors, label: null, tickFormat: (id: string) => colors.name(id) },
    // (`width` is a legend option Plot reads from the scale options; its types do not list it.)
    color: {
      type: "diverging", scheme: "RdBu", pivot: 0, domain: [-max, max], legend: true, width: 420, ticks: 5,
      label: t("EUR, contante waarde", "EUR, present value", l), tickFormat: (v: number) => eurosTick(v, l),
    } as Plot.ScaleOptions,
    marks: [
      Plot.axisX({ anchor: "top", tickFormat: (id: string) => colors.name(id), lineWidth: Math.max(5, cellWidth / 12), tickSize: 0, label: null }),
      Plot.cell(rows, {
        x: "beneficiary", y: "investor", fill: "value", inset: 1,
        title: (d: PocketRow) =>
          `${t("Investeerder", "Investor", l)}: ${colors.name(d.investor)}\n${t("Ontvanger", "Receiver", l)}: ${colors.name(d.beneficiary)}\n` +
          `${euros(d.value, l)}${d.share !== null ? ` (${pct(d.share, 0, l)} ${t("van de positieve effecten van deze investeerder", "of this investor's positive effects", l)})` : ""}`,
        tip: true,
      }),
      Plot.text(rows, {
        x: "beneficiary", y: "investor", text: (d: PocketRow) => (d.value === 0 ? "" : eurosTick(d.value, l)),
        fill: (d: PocketRow) => (Math.abs(d.value) > max * 0.6 ? "white" : "black"), fontSize: 11,
      }),
    ],
  });
}

/** NPV per partner as horizontal bars (society last, in near-black). */
export function npvChart(rows: readonly { partner: string; value: number }[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  return Plot.plot({
    ...common(o, { height: 0, ariaLabel: t("Netto contante waarde per partner", "Net present value per partner", l) }),
    height: o.height ?? 60 + 34 * rows.length,
    marginLeft: 200,
    marginRight: 90,
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, tickFormat: (v: number) => eurosTick(v, l), insetLeft: 85, insetRight: 85 },
    y: { domain: rows.map((r) => r.partner), label: null, tickFormat: (id: string) => colors.name(id) },
    color: { ...partnerScale(rows.map((r) => r.partner), colors, false) },
    marks: [
      Plot.barX(rows, {
        x: "value", y: "partner", fill: "partner",
        title: (d: { partner: string; value: number }) => `${colors.name(d.partner)}\n${t("NCW", "NPV", l)}: ${euros(d.value, l)}`,
        tip: true,
      }),
      Plot.ruleX([0], { stroke: "#555" }),
      // Labels just outside the end of each bar.
      Plot.text(rows.filter((r) => r.value >= 0), { x: "value", y: "partner", text: (d: { value: number }) => eurosTick(d.value, l), textAnchor: "start", dx: 4, fontSize: 11 }),
      Plot.text(rows.filter((r) => r.value < 0), { x: "value", y: "partner", text: (d: { value: number }) => eurosTick(d.value, l), textAnchor: "end", dx: -4, fontSize: 11 }),
    ],
  });
}

/** Generic grouped rows for comparisons: one bar per `y`, stacked by `group`. */
export interface StackRow {
  y: string;
  group: string;
  value: number;
}

/**
 * Horizontal stacked bars (by group, e.g. partner kind) per item (e.g. case), with the item's
 * total as a black tick; for comparing cases normalised per inhabitant or per client.
 */
export function stackedBarChart(
  rows: readonly StackRow[],
  scale: { domain: string[]; range: string[]; label: (key: string) => string },
  o: ChartOptions & { yLabel?: (key: string) => string; xLabel: string; format?: (v: number) => string; yDomain?: string[] },
): PlotFigure {
  const l = o.lang ?? pageLang;
  const fmt = o.format ?? ((v: number) => euros(v, l));
  const items = o.yDomain ?? [...new Set(rows.map((r) => r.y))];
  const totals = items.map((y) => ({ y, value: rows.filter((r) => r.y === y).reduce((s, r) => s + r.value, 0) }));
  const yName = o.yLabel ?? ((k: string) => k);
  return Plot.plot({
    ...common(o, { height: 0, ariaLabel: o.title ?? o.xLabel }),
    height: o.height ?? 80 + 42 * items.length,
    marginLeft: 190,
    x: { label: o.xLabel, grid: true, tickFormat: fmt },
    y: { domain: items, label: null, tickFormat: yName },
    color: { type: "ordinal", domain: scale.domain, range: scale.range, legend: true, tickFormat: scale.label },
    marks: [
      Plot.barX(rows, {
        x: "value", y: "y", fill: "group",
        title: (d: StackRow) => `${yName(d.y)}\n${scale.label(d.group)}: ${fmt(d.value)}`,
        tip: true,
      }),
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.tickX(totals, {
        x: "value", y: "y", stroke: SOCIETY_COLOR, strokeWidth: 3,
        title: (d: { y: string; value: number }) => `${yName(d.y)}\n${t("totaal", "total", l)}: ${fmt(d.value)}`,
        tip: true,
      }),
    ],
  });
}

/** Lines per item over years since the start (cases with different start years side by side). */
export function linesChart(
  rows: readonly { key: string; x: number; value: number }[],
  scale: { domain: string[]; range: string[]; label: (key: string) => string },
  o: ChartOptions & { xLabel: string; yLabel: string; format?: (v: number) => string },
): PlotFigure {
  const l = o.lang ?? pageLang;
  const fmt = o.format ?? ((v: number) => euros(v, l));
  const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  return Plot.plot({
    ...common(o, { height: 340, ariaLabel: o.title ?? o.yLabel }),
    marginLeft: 80,
    x: { label: o.xLabel, ticks: xs, tickFormat: (v: number) => String(v) },
    y: { label: o.yLabel, grid: true, tickFormat: fmt },
    color: { type: "ordinal", domain: scale.domain, range: scale.range, legend: true, tickFormat: scale.label },
    marks: [
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.lineY(rows, { x: "x", y: "value", stroke: "key", strokeWidth: 2 }),
      Plot.dot(rows, { x: "x", y: "value", fill: "key", r: 3, title: (d: { key: string; x: number; value: number }) => `${scale.label(d.key)}, ${o.xLabel} ${d.x}\n${fmt(d.value)}`, tip: true }),
    ],
  });
}

/**
 * NPV per partner under each financing arrangement, side by side: one panel per arrangement (its
 * name on the right), one bar per partner in its own colour. Society is the same in every panel.
 */
export function arrangementChart(rows: readonly ArrangementRow[], colors: PartnerColors, arrangementName: (id: string) => string, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const arrangements = [...new Set(rows.map((r) => r.arrangement))];
  const partners = colors.domain.filter((id) => rows.some((r) => r.partner === id));
  return Plot.plot({
    ...common(o, { height: 0, ariaLabel: t("Netto contante waarde per partner onder elke financieringsvorm", "Net present value per partner under each financing form", l) }),
    height: o.height ?? 60 + arrangements.length * (24 + 18 * partners.length),
    marginLeft: 170,
    marginRight: 170,
    fy: { domain: arrangements, label: null, padding: 0.18 },
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, tickFormat: (v: number) => eurosTick(v, l) },
    y: { domain: partners, label: null, tickFormat: (id: string) => colors.name(id) },
    color: partnerScale(partners, colors, false),
    marks: [
      Plot.axisFy({ anchor: "right", tickFormat: arrangementName, lineWidth: 11, label: null, fontWeight: "bold", fontSize: 12 }),
      Plot.frame({ stroke: "#e4e4e4" }),
      Plot.barX(rows, {
        fy: "arrangement", y: "partner", x: "value", fill: "partner",
        title: (d: ArrangementRow) => `${arrangementName(d.arrangement)}\n${colors.name(d.partner)}: ${euros(d.value, l)}`,
        tip: true,
      }),
      Plot.ruleX([0], { stroke: "#555" }),
    ],
  });
}

/** A point of an empirical CDF (euros). */
export interface CdfChartPoint {
  value: number;
  probability: number;
}

/**
 * The empirical CDF of one partner's NPV (euros) as a step line in the partner's colour, with
 * the zero line and P(NPV < 0) marked: a dot where the curve meets zero and its value as a label.
 * The x axis always includes zero, so a partner that never (or always) loses shows it.
 */
export function cdfChart(points: readonly CdfChartPoint[], probabilityOfLoss: number, color: string, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const values = points.map((p) => p.value);
  const lo = Math.min(0, ...values), hi = Math.max(0, ...values);
  const pad = (hi - lo) * 0.04 || 1;
  // Extend the curve to the edges of the axis: 0 before the smallest sample, 1 after the largest.
  const line = [{ value: lo - pad, probability: 0 }, ...points, { value: hi + pad, probability: 1 }];
  const label = `P(${t("NCW", "NPV", l)} < 0) = ${pct(probabilityOfLoss, 1, l)}`;
  return Plot.plot({
    ...common(o, { height: 220, ariaLabel: t("Verdeling van de netto contante waarde", "Distribution of the net present value", l) }),
    marginLeft: 50,
    marginRight: 24,
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, tickFormat: (v: number) => eurosTick(v, l), domain: [lo - pad, hi + pad], ticks: 3 },
    y: { label: t("Kans NCW ≤ x", "P(NPV ≤ x)", l), domain: [0, 1], grid: true, tickFormat: (v: number) => pct(v, 0, l) },
    marks: [
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.ruleY([probabilityOfLoss], { stroke: "#b3261e", strokeDasharray: "4,3" }),
      Plot.line(line, { x: "value", y: "probability", stroke: color, strokeWidth: 2, curve: "step-after" }),
      Plot.dot([{ value: 0, probability: probabilityOfLoss }], { x: "value", y: "probability", fill: "#b3261e", r: 4, title: () => label, tip: true }),
      Plot.text([{ value: 0, probability: probabilityOfLoss }], { x: "value", y: "probability", text: () => label, dy: probabilityOfLoss > 0.85 ? 12 : -10, textAnchor: probabilityOfLoss > 0.5 ? "end" : "start", dx: probabilityOfLoss > 0.5 ? -6 : 6, fill: "#b3261e", fontWeight: "bold" }),
      Plot.dot(points, Plot.pointerX({ x: "value", y: "probability", fill: color, r: 3, title: (d: CdfChartPoint) => `${euros(d.value, l)}\n${t("kans NCW ≤ dit bedrag", "probability NPV ≤ this", l)}: ${pct(d.probability, 1, l)}`, tip: true })),
    ],
  });
}

/** A year of a fan chart: the engine's year band (engine/simulate/result.ts), in euros. */
export type FanRow = YearBand;

/** Net per year of one partner (or society) as a fan: p5-p95 and p10-p90 bands and the median. */
export function fanChart(rows: readonly FanRow[], color: string, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const years = rows.map((r) => r.year);
  return Plot.plot({
    ...common(o, { height: 320, ariaLabel: t("Netto per jaar met onzekerheidsbanden", "Net per year with uncertainty bands", l) }),
    marginLeft: 105,
    x: { label: t("Jaar", "Year", l), tickFormat: yearTick, ticks: years },
    y: { label: t("EUR netto per jaar (niet verdisconteerd)", "EUR net per year (undiscounted)", l), grid: true, tickFormat: (v: number) => eurosTick(v, l) },
    marks: [
      Plot.areaY(rows, { x: "year", y1: "p5", y2: "p95", fill: color, fillOpacity: 0.18 }),
      Plot.areaY(rows, { x: "year", y1: "p10", y2: "p90", fill: color, fillOpacity: 0.3 }),
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.lineY(rows, { x: "year", y: "p50", stroke: color, strokeWidth: 2 }),
      Plot.lineY(rows, { x: "year", y: "mean", stroke: color, strokeWidth: 1, strokeDasharray: "4,3" }),
      Plot.dot(rows, {
        x: "year", y: "p50", fill: color, r: 3, tip: true,
        title: (d: FanRow) => `${d.year}\nP5: ${euros(d.p5, l)}\nP10: ${euros(d.p10, l)}\nP50: ${euros(d.p50, l)}\nP90: ${euros(d.p90, l)}\nP95: ${euros(d.p95, l)}\n${t("gemiddeld", "mean", l)}: ${euros(d.mean, l)}`,
      }),
    ],
  });
}

/** A bar of a tornado (euros). */
export interface TornadoChartRow {
  parameter: string;
  label: string;
  base: number;
  atLow: number;
  atHigh: number;
  low: number;
  high: number;
  swing: number;
}

const TORNADO_LOW = "#e15759";
const TORNADO_HIGH = "#4269d0";

/**
 * Tornado of one partner: per parameter a bar from the base NPV to the NPV with that parameter
 * at its 10th percentile (red) and at its 90th (blue), the others at base; largest swing on top.
 */
export function tornadoChart(rows: readonly TornadoChartRow[], o: ChartOptions & { lowLabel?: string; highLabel?: string } = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const low = o.lowLabel ?? "P10", high = o.highLabel ?? "P90";
  const bars = rows.flatMap((r) => [
    { label: r.label, x1: r.base, x2: r.atLow, at: low, value: r.low, npv: r.atLow },
    { label: r.label, x1: r.base, x2: r.atHigh, at: high, value: r.high, npv: r.atHigh },
  ]);
  type Bar = (typeof bars)[number];
  const base = rows[0]?.base ?? 0;
  const xs = bars.flatMap((b) => [b.x1, b.x2]);
  // Zero (break-even) is drawn only when a bar reaches or crosses it, so small swings stay readable.
  const zero = xs.length > 0 && Math.min(...xs) <= 0 && Math.max(...xs) >= 0 ? [0] : [];
  return Plot.plot({
    ...common(o, { height: 0, ariaLabel: t("Tornado: gevoeligheid van de NCW", "Tornado: sensitivity of the NPV", l) }),
    height: o.height ?? 70 + 30 * Math.max(1, rows.length),
    marginLeft: 260,
    marginRight: 30,
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, tickFormat: (v: number) => eurosTick(v, l), ticks: 5, inset: 10 },
    y: { domain: rows.map((r) => r.label), label: null },
    color: { type: "ordinal", domain: [low, high], range: [TORNADO_LOW, TORNADO_HIGH], legend: true, tickFormat: (k: string) => (k === low ? t(`parameter op ${low}`, `parameter at ${low}`, l) : t(`parameter op ${high}`, `parameter at ${high}`, l)) },
    marks: [
      Plot.barX(bars, {
        y: "label", x1: "x1", x2: "x2", fill: "at", fillOpacity: 0.85, tip: true,
        title: (d: Bar) => `${d.label}\n${d.at}: ${smartNum(d.value, l)}\n${t("NCW", "NPV", l)}: ${euros(d.npv, l)}`,
      }),
      Plot.ruleX([base], { stroke: "#222", strokeWidth: 1.5 }),
      Plot.ruleX(zero, { stroke: "#999", strokeDasharray: "3,3" }),
    ],
  });
}


/** Plan and actual net of a partner in a year (euros). */
export interface PlanActualChartRow {
  partner: string;
  year: number;
  plan: number;
  actual: number;
  variance: number;
}

/**
 * Plan versus actual per partner, one panel per year with realised figures: a hollow dot at the
 * planned net, a filled dot (the partner's colour) at the actual net, an arrow from plan to actual.
 */
export function planActualChart(rows: readonly PlanActualChartRow[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const partners = colors.domain.filter((id) => rows.some((r) => r.partner === id));
  const title = (d: PlanActualChartRow) => `${colors.name(d.partner)}, ${d.year}\n${t("plan", "plan", l)}: ${euros(d.plan, l)}\n${t("werkelijk", "actual", l)}: ${euros(d.actual, l)}\n${t("verschil", "variance", l)}: ${euros(d.variance, l)}`;
  return Plot.plot({
    ...common(o, { height: 0, ariaLabel: t("Plan en werkelijkheid per partner", "Plan versus actual per partner", l) }),
    height: o.height ?? 80 + years.length * (30 + 26 * partners.length),
    marginLeft: 190,
    marginRight: 60,
    fy: { domain: years, label: null, tickFormat: yearTick, padding: 0.15 },
    x: { label: t("EUR netto in het jaar (plan: open stip, werkelijk: dichte stip)", "EUR net in the year (plan: open dot, actual: filled dot)", l), grid: true, tickFormat: (v: number) => eurosTick(v, l) },
    y: { domain: partners, label: null, tickFormat: (id: string) => colors.name(id) },
    color: partnerScale(partners, colors, false),
    marks: [
      Plot.frame({ stroke: "#e4e4e4" }),
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.arrow(rows.filter((r) => r.variance !== 0), { fy: "year", y: "partner", x1: "plan", x2: "actual", stroke: "partner", strokeWidth: 1.5, headLength: 6 }),
      Plot.dot(rows, { fy: "year", y: "partner", x: "plan", stroke: "partner", fill: "white", r: 4.5, strokeWidth: 1.5 }),
      Plot.dot(rows, { fy: "year", y: "partner", x: "actual", fill: "partner", r: 4.5, title, tip: true }),
    ],
  });
}
