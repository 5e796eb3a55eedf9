/**
 * Chart helpers: `(rows, options) => Plot.plot(...)` over the plain rows of `rows.ts`.
 *
 * Every chart is a <figure> with a title (Plot renders it as text), axis labels with their unit
 * (EUR), a tooltip per mark, partners coloured by `PartnerColors` (keyed by partner id, so a
 * partner keeps its colour across charts), and, for readers who do not see it, an image with an
 * accessible name (the title) and its data as a table behind a toggle (`finish`). Charts take
 * their width from the page (the container's `width`), size their margins to the longest label
 * and space their ticks so labels never touch (`axes.ts`). Names from a case file only reach the
 * DOM as text: as Plot tick labels, titles, tooltips and table cells, never as HTML.
 */
import * as Plot from "@observablehq/plot";
import type { YearBand } from "../../../engine/index.ts";
import type { PartnerColors } from "./colors.ts";
import { SOCIETY_COLOR, SOCIETY_ID } from "./colors.ts";
import { euros, lang as pageLang, t, pct, smartNum, type Lang } from "../i18n/i18n.ts";
import type { ArrangementRow, FlowRow, PocketRow, WaterfallRow, YearValue } from "../data/rows.ts";
import { compactAmount, fitTicks, labelMargin, moneyAxis, textWidth } from "./axes.ts";

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

/** Width of a chart: the container's (the page's `width`), never below a phone's 280 px. */
export function chartWidth(o: ChartOptions): number {
  return Math.max(280, Math.round(o.width || 640));
}

/** Below this width a chart switches to its phone layout (where it has one). */
export const NARROW = 560;

/** The options every chart shares: width from the container, height, title, subtitle, accessible name, room for the x label. */
export function common(o: ChartOptions, defaults: { height: number; ariaLabel: string }) {
  return {
    width: chartWidth(o),
    height: o.height ?? defaults.height,
    ...(o.title ? { title: o.title } : {}),
    ...(o.subtitle ? { subtitle: o.subtitle } : {}),
    ariaLabel: o.title ?? defaults.ariaLabel,
    // Room under the tick labels for the axis label, so "Jaar →" never sits on the last year.
    marginBottom: 44,
    style: { fontSize: "12px" },
    ...(o.document ? { document: o.document } : {}),
  };
}

/** A chart's data as a table: column headers and rows of text (numbers already formatted). */
export interface DataTable {
  columns: readonly { label: string; num?: boolean }[];
  rows: readonly (readonly string[])[];
}

/**
 * Makes a Plot chart accessible: always a <figure class="bc-chart">; Plot's `aria-label` on
 * inner <g> groups (which ARIA does not allow on an element without a role) becomes
 * `data-mark`; the chart's SVG is an image named by the title, legend graphics are hidden from
 * assistive technology (their names are text), and the data follows in a table behind a toggle.
 */
export function finish(node: PlotFigure, o: ChartOptions, name: string, table: DataTable): PlotFigure {
  const l = o.lang ?? pageLang;
  const doc = o.document ?? node.ownerDocument;
  let figure: Element = node;
  if (node.tagName.toLowerCase() !== "figure") {
    figure = doc.createElement("figure");
    figure.append(node);
  }
  figure.classList.add("bc-chart");
  figure.querySelectorAll("svg g[aria-label]").forEach((g) => {
    g.setAttribute("data-mark", g.getAttribute("aria-label") ?? "");
    g.removeAttribute("aria-label");
  });
  const svgs = Array.from(figure.querySelectorAll("svg"));
  const main = [...svgs].reverse().find((s) => s.querySelector("g[data-mark]")) ?? svgs[svgs.length - 1];
  for (const svg of svgs) {
    if (svg === main) continue;
    svg.setAttribute("aria-hidden", "true");
    svg.removeAttribute("aria-label");
  }
  if (main) {
    main.setAttribute("role", "img");
    main.setAttribute("aria-label", name);
    main.removeAttribute("aria-description");
  }
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const details = el("details", undefined, "bc-chart-data");
  details.append(el("summary", t("Gegevens van deze grafiek als tabel", "This chart's data as a table", l)));
  const wrap = el("div", undefined, "bc-table-wrap");
  wrap.setAttribute("role", "region");
  wrap.setAttribute("tabindex", "0");
  wrap.setAttribute("aria-label", `${t("Gegevens", "Data", l)}: ${name}`);
  const tableEl = el("table", undefined, "bc-table");
  const caption = el("caption", name, "bc-visually-hidden");
  const thead = el("thead"), headRow = el("tr");
  for (const c of table.columns) {
    const th = el("th", c.label, c.num ? "bc-num" : undefined);
    th.setAttribute("scope", "col");
    headRow.append(th);
  }
  thead.append(headRow);
  const tbody = el("tbody");
  for (const r of table.rows) {
    const tr = el("tr");
    r.forEach((cell, i) => tr.append(el("td", cell, table.columns[i]?.num ? "bc-num" : undefined)));
    tbody.append(tr);
  }
  tableEl.append(caption, thead, tbody);
  wrap.append(tableEl);
  details.append(wrap);
  figure.append(details);
  return figure as PlotFigure;
}

/** A colour scale for the partners that appear (in case order), each with its own colour. */
function partnerScale(ids: Iterable<string>, colors: PartnerColors, legend = true) {
  const present = new Set(ids);
  const domain = colors.domain.filter((id) => present.has(id));
  return { type: "ordinal" as const, domain, range: domain.map((id) => colors.color(id)), legend, tickFormat: (id: string) => colors.name(id) };
}

const yearTick = (y: number) => String(y);

/** Years to label on an axis of `length` pixels: all of them, or every second (third...) one. */
function yearTicks(years: readonly number[], length: number): number[] {
  const per = length / Math.max(1, years.length);
  const every = Math.max(1, Math.ceil(40 / per));
  return years.filter((_, i) => i % every === 0);
}

/** Left margin for a vertical money axis: its widest tick label. */
function moneyMargin(ticks: readonly number[], format: (v: number) => string): number {
  return Math.ceil(Math.max(40, ...ticks.map((v) => textWidth(format(v)))) + 14);
}

/** A vertical money axis from `lo` to `hi` on a chart `height` high, and the left margin its widest tick needs. */
export function verticalMoney(lo: number, hi: number, height: number, l: Lang) {
  const y = moneyAxis(lo, hi, height - 80, l, false);
  return { y, marginLeft: moneyMargin(y.ticks, y.format) };
}

const euroCell = (v: number, l: Lang) => euros(v, l);

/**
 * Costs (below zero) and benefits (above zero) per partner per year, stacked, with society's
 * net per year as a black tick.
 */
export function flowChart(rows: readonly FlowRow[], society: readonly YearValue[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o), height = o.height ?? 380;
  const years = [...new Set([...rows.map((r) => r.year), ...society.map((r) => r.year)])].sort((a, b) => a - b);
  const side = (s: FlowRow["side"]) => (s === "costs" ? t("kosten", "costs", l) : t("baten", "benefits", l));
  const sum = (year: number, sign: 1 | -1) => rows.filter((r) => r.year === year && Math.sign(r.value) === sign).reduce((a, r) => a + r.value, 0);
  const lo = Math.min(0, ...years.map((y) => sum(y, -1)), ...society.map((s) => s.value));
  const hi = Math.max(0, ...years.map((y) => sum(y, 1)), ...society.map((s) => s.value));
  const { y, marginLeft } = verticalMoney(lo, hi, height, l);
  const name = o.title ?? t("Kosten en baten per partner per jaar", "Costs and benefits per partner per year", l);
  const fig = Plot.plot({
    ...common(o, { height, ariaLabel: name }),
    marginLeft,
    x: { type: "band", domain: years, label: t("Jaar", "Year", l), tickFormat: yearTick, padding: 0.25, ticks: yearTicks(years, width - marginLeft - 20) },
    y: { label: t("EUR per jaar", "EUR per year", l), grid: true, ticks: y.ticks, tickFormat: y.format, insetTop: 8, insetBottom: 8 },
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
  const partners = colors.domain.filter((id) => rows.some((r) => r.partner === id));
  const cell = (id: string, year: number, s: FlowRow["side"]) => rows.find((r) => r.partner === id && r.year === year && r.side === s)?.value ?? 0;
  return finish(fig, o, name, {
    columns: [{ label: t("Partner", "Partner", l) }, { label: t("Jaar", "Year", l), num: true }, { label: t("Kosten", "Costs", l), num: true }, { label: t("Baten", "Benefits", l), num: true }],
    rows: [
      ...partners.flatMap((id) => years.map((yr) => [colors.name(id), String(yr), euroCell(cell(id, yr, "costs"), l), euroCell(cell(id, yr, "benefits"), l)])),
      ...society.map((s) => [colors.name(SOCIETY_ID), String(s.year), "", `${t("netto", "net", l)} ${euroCell(s.value, l)}`]),
    ],
  });
}

/** Cumulative discounted net per partner over the years (payback where a line crosses zero). */
export function cumulativeChart(rows: readonly YearValue[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o), height = o.height ?? 360;
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const partners = rows.filter((r) => r.partner !== SOCIETY_ID);
  const society = rows.filter((r) => r.partner === SOCIETY_ID);
  const title = (d: YearValue) => `${colors.name(d.partner)}, ${d.year}\n${t("cumulatief contant", "cumulative discounted", l)}: ${euros(d.value, l)}`;
  const { y, marginLeft } = verticalMoney(Math.min(0, ...rows.map((r) => r.value)), Math.max(0, ...rows.map((r) => r.value)), height, l);
  const name = o.title ?? t("Cumulatief netto resultaat per partner", "Cumulative net result per partner", l);
  const fig = Plot.plot({
    ...common(o, { height, ariaLabel: name }),
    marginLeft,
    x: { label: t("Jaar", "Year", l), tickFormat: yearTick, ticks: yearTicks(years, width - marginLeft - 20), domain: [years[0]! - 0.2, years[years.length - 1]! + 0.2] },
    y: { label: t("EUR, cumulatief contant", "EUR, cumulative discounted", l), grid: true, ticks: y.ticks, tickFormat: y.format },
    color: partnerScale(rows.map((r) => r.partner), colors),
    marks: [
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.lineY(partners, { x: "year", y: "value", stroke: "partner", strokeWidth: 2 }),
      Plot.lineY(society, { x: "year", y: "value", stroke: "partner", strokeWidth: 3, strokeDasharray: "6,3" }),
      Plot.dot(rows, { x: "year", y: "value", fill: "partner", r: 3, title, tip: true }),
    ],
  });
  const ids = colors.domain.filter((id) => rows.some((r) => r.partner === id));
  return finish(fig, o, name, {
    columns: [{ label: t("Partner", "Partner", l) }, ...years.map((yr) => ({ label: String(yr), num: true }))],
    rows: ids.map((id) => [colors.name(id), ...years.map((yr) => euroCell(rows.find((r) => r.partner === id && r.year === yr)?.value ?? 0, l))]),
  });
}

const WATERFALL_UP = "#2e8540";
const WATERFALL_DOWN = "#c4302b";

/**
 * Waterfall of one partner, as horizontal bars (readable at any width): investment, savings,
 * revenue loss, variable cost saved, transfers, and the net.
 */
export function waterfallChart(rows: readonly WaterfallRow[], partnerColor: string, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const fill = (d: WaterfallRow) => (d.kind === "total" ? partnerColor : d.value >= 0 ? WATERFALL_UP : WATERFALL_DOWN);
  const left = labelMargin(rows.map((r) => r.step), width, 0.35);
  const valueWidth = Math.max(...rows.map((r) => textWidth(compactAmount(r.value, l), 11))) + 10;
  const lo = Math.min(0, ...rows.flatMap((r) => [r.start, r.end])), hi = Math.max(0, ...rows.flatMap((r) => [r.start, r.end]));
  const x = moneyAxis(lo, hi, width - left.margin - 2 * valueWidth - 20, l);
  const name = o.title ?? t("Opbouw van het resultaat", "How the result builds up", l);
  const fig = Plot.plot({
    ...common(o, { height: 0, ariaLabel: name }),
    height: o.height ?? 60 + 38 * rows.length,
    marginLeft: left.margin,
    marginRight: 16,
    y: { type: "band", domain: rows.map((r) => r.step), label: null, padding: 0.25, axis: null },
    x: { label: t("EUR, totaal over de looptijd", "EUR, total over the horizon", l), grid: true, ticks: x.ticks, tickFormat: x.format, insetLeft: valueWidth, insetRight: valueWidth },
    marks: [
      Plot.axisY({ lineWidth: left.lineWidth, label: null, tickSize: 0 }),
      Plot.barX(rows, {
        y: "step", x1: "start", x2: "end", fill,
        title: (d: WaterfallRow) => `${d.step}: ${euros(d.value, l)}`,
        tip: true,
      }),
      Plot.ruleX([0], { stroke: "#555" }),
      // Value labels just past the end of each bar.
      Plot.text(rows.filter((r) => r.value >= 0), { y: "step", x: (d: WaterfallRow) => Math.max(d.start, d.end), text: (d: WaterfallRow) => compactAmount(d.value, l), textAnchor: "start", dx: 4, fontSize: 11 }),
      Plot.text(rows.filter((r) => r.value < 0), { y: "step", x: (d: WaterfallRow) => Math.min(d.start, d.end), text: (d: WaterfallRow) => compactAmount(d.value, l), textAnchor: "end", dx: -4, fontSize: 11 }),
    ],
  });
  return finish(fig, o, name, {
    columns: [{ label: t("Stap", "Step", l) }, { label: t("Bedrag", "Amount", l), num: true }],
    rows: rows.map((r) => [r.step, euroCell(r.value, l)]),
  });
}

/**
 * The wrong-pocket matrix as a heat map: rows are the partners who invest, columns the partners
 * whose budgets the effects reach; each cell is the present value of the effects attributed to
 * that investor (red: a loss, such as a provider's revenue, blue: a saving). On a phone (or with
 * many columns) it becomes a list: one row per investor and receiver, the same colours.
 */
export function pocketHeatmap(rows: readonly PocketRow[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const investors = [...new Set(rows.map((r) => r.investor))];
  const beneficiaries = [...new Set(rows.map((r) => r.beneficiary))];
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.value)));
  const name = o.title ?? t("Wie betaalt voor wie", "Who pays for whom", l);
  const left = labelMargin(investors.map((id) => colors.name(id)), width, 0.3);
  const cellWidth = (width - left.margin - 10) / Math.max(1, beneficiaries.length);
  const legend = {
    type: "diverging", scheme: "RdBu", pivot: 0, domain: [-max, max], legend: true, width: Math.min(420, width - 20), ticks: width < NARROW ? 3 : 5,
    label: t("EUR, contante waarde", "EUR, present value", l), tickFormat: (v: number) => compactAmount(v, l),
  } as Plot.ScaleOptions;
  const title = (d: PocketRow) =>
    `${t("Investeerder", "Investor", l)}: ${colors.name(d.investor)}\n${t("Ontvanger", "Receiver", l)}: ${colors.name(d.beneficiary)}\n` +
    `${euros(d.value, l)}${d.share !== null ? ` (${pct(d.share, 0, l)} ${t("van de positieve effecten van deze investeerder", "of this investor's positive effects", l)})` : ""}`;
  const textFill = (d: PocketRow) => (Math.abs(d.value) > max * 0.55 ? "white" : "black");
  let fig: PlotFigure;
  if (cellWidth < 78) {
    // Phone layout: a list of investor -> receiver pairs (zero cells left out), a cell with the amount each.
    const list = rows.filter((r) => r.value !== 0);
    const pair = (d: PocketRow) => `${colors.name(d.investor)} → ${colors.name(d.beneficiary)}`;
    const keyOf = (d: PocketRow) => `${d.investor}\u0000${d.beneficiary}`;
    const labels = new Map(list.map((d) => [keyOf(d), pair(d)]));
    const m = labelMargin([...labels.values()], width, 0.62);
    fig = Plot.plot({
      ...common(o, { height: 0, ariaLabel: name }),
      height: o.height ?? 70 + 40 * Math.max(1, list.length),
      marginLeft: m.margin,
      marginRight: 4,
      x: { domain: ["v"], axis: null },
      y: { domain: list.map(keyOf), axis: null },
      color: legend,
      marks: [
        Plot.axisY({ tickFormat: (k: string) => labels.get(k) ?? k, lineWidth: m.lineWidth, tickSize: 0, label: null }),
        Plot.cell(list, { x: () => "v", y: keyOf, fill: "value", inset: 1, title, tip: true }),
        Plot.text(list, { x: () => "v", y: keyOf, text: (d: PocketRow) => compactAmount(d.value, l), fill: textFill, fontSize: 12 }),
      ],
    });
  } else {
    const top = Math.max(...beneficiaries.map((id) => Math.ceil(textWidth(colors.name(id)) / Math.max(40, cellWidth - 8)))) ;
    fig = Plot.plot({
      ...common(o, { height: 0, ariaLabel: name }),
      height: o.height ?? 60 + 16 * Math.min(3, top) + 44 * investors.length,
      marginLeft: left.margin,
      marginTop: 16 + 14 * Math.min(3, top),
      marginRight: 4,
      x: { domain: beneficiaries, axis: null },
      y: { domain: investors, axis: null },
      color: legend,
      marks: [
        Plot.axisX({ anchor: "top", tickFormat: (id: string) => colors.name(id), lineWidth: Math.max(4, (cellWidth - 8) / 12), tickSize: 0, label: null }),
        Plot.axisY({ tickFormat: (id: string) => colors.name(id), lineWidth: left.lineWidth, tickSize: 0, label: null }),
        Plot.cell(rows, { x: "beneficiary", y: "investor", fill: "value", inset: 1, title, tip: true }),
        Plot.text(rows, { x: "beneficiary", y: "investor", text: (d: PocketRow) => (d.value === 0 ? "" : compactAmount(d.value, l)), fill: textFill, fontSize: cellWidth < 100 ? 10 : 11 }),
      ],
    });
  }
  return finish(fig, o, name, {
    columns: [{ label: t("Investeerder", "Investor", l) }, { label: t("Ontvanger", "Receiver", l) }, { label: t("Contante waarde", "Present value", l), num: true }, { label: t("Aandeel", "Share", l), num: true }],
    rows: rows.map((r) => [colors.name(r.investor), colors.name(r.beneficiary), euroCell(r.value, l), r.share === null ? "–" : pct(r.share, 0, l)]),
  });
}

/** NPV per partner as horizontal bars (society last, in near-black), the amount next to each bar. */
export function npvChart(rows: readonly { partner: string; value: number }[], colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const left = labelMargin(rows.map((r) => colors.name(r.partner)), width, 0.36);
  const valueWidth = Math.max(...rows.map((r) => textWidth(compactAmount(r.value, l), 11))) + 10;
  const x = moneyAxis(Math.min(0, ...rows.map((r) => r.value)), Math.max(0, ...rows.map((r) => r.value)), width - left.margin - 2 * valueWidth - 20, l);
  const name = o.title ?? t("Netto contante waarde per partner", "Net present value per partner", l);
  const fig = Plot.plot({
    ...common(o, { height: 0, ariaLabel: name }),
    height: o.height ?? 60 + 36 * rows.length,
    marginLeft: left.margin,
    marginRight: 12,
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, ticks: x.ticks, tickFormat: x.format, insetLeft: valueWidth, insetRight: valueWidth },
    y: { domain: rows.map((r) => r.partner), axis: null },
    color: { ...partnerScale(rows.map((r) => r.partner), colors, false) },
    marks: [
      Plot.axisY({ tickFormat: (id: string) => colors.name(id), lineWidth: left.lineWidth, tickSize: 0, label: null }),
      Plot.barX(rows, {
        x: "value", y: "partner", fill: "partner",
        title: (d: { partner: string; value: number }) => `${colors.name(d.partner)}\n${t("NCW", "NPV", l)}: ${euros(d.value, l)}`,
        tip: true,
      }),
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.text(rows.filter((r) => r.value >= 0), { x: "value", y: "partner", text: (d: { value: number }) => compactAmount(d.value, l), textAnchor: "start", dx: 4, fontSize: 11 }),
      Plot.text(rows.filter((r) => r.value < 0), { x: "value", y: "partner", text: (d: { value: number }) => compactAmount(d.value, l), textAnchor: "end", dx: -4, fontSize: 11 }),
    ],
  });
  return finish(fig, o, name, {
    columns: [{ label: t("Partner", "Partner", l) }, { label: t("Netto contante waarde", "Net present value", l), num: true }],
    rows: rows.map((r) => [colors.name(r.partner), euroCell(r.value, l)]),
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
  const width = chartWidth(o);
  const fmt = o.format ?? ((v: number) => euros(v, l));
  const items = o.yDomain ?? [...new Set(rows.map((r) => r.y))];
  const totals = items.map((y) => ({ y, value: rows.filter((r) => r.y === y).reduce((s, r) => s + r.value, 0) }));
  const yName = o.yLabel ?? ((k: string) => k);
  const left = labelMargin(items.map(yName), width, 0.34);
  const side = (y: string, sign: number) => rows.filter((r) => r.y === y && Math.sign(r.value) === sign).reduce((s, r) => s + r.value, 0);
  const x = fitTicks(Math.min(0, ...items.map((y) => side(y, -1))), Math.max(0, ...items.map((y) => side(y, 1))), width - left.margin - 30, () => fmt);
  const name = o.title ?? o.xLabel;
  const fig = Plot.plot({
    ...common(o, { height: 0, ariaLabel: name }),
    height: o.height ?? 80 + 42 * items.length,
    marginLeft: left.margin,
    marginRight: 20,
    x: { label: o.xLabel, grid: true, ticks: x.ticks, tickFormat: fmt },
    y: { domain: items, axis: null },
    color: { type: "ordinal", domain: scale.domain, range: scale.range, legend: true, tickFormat: scale.label },
    marks: [
      Plot.axisY({ tickFormat: yName, lineWidth: left.lineWidth, tickSize: 0, label: null }),
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
  const groups = scale.domain.filter((g) => rows.some((r) => r.group === g));
  return finish(fig, o, name, {
    columns: [{ label: "" }, ...groups.map((g) => ({ label: scale.label(g), num: true })), ...(groups.length > 1 ? [{ label: t("Totaal", "Total", l), num: true }] : [])],
    rows: items.map((y) => [yName(y), ...groups.map((g) => fmt(rows.filter((r) => r.y === y && r.group === g).reduce((s, r) => s + r.value, 0))), ...(groups.length > 1 ? [fmt(totals.find((x) => x.y === y)!.value)] : [])]),
  });
}

/** Lines per item over years since the start (cases with different start years side by side). */
export function linesChart(
  rows: readonly { key: string; x: number; value: number }[],
  scale: { domain: string[]; range: string[]; label: (key: string) => string },
  o: ChartOptions & { xLabel: string; yLabel: string; format?: (v: number) => string },
): PlotFigure {
  const l = o.lang ?? pageLang;
  const height = o.height ?? 340;
  const fmt = o.format ?? ((v: number) => euros(v, l));
  const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const y = fitTicks(Math.min(0, ...rows.map((r) => r.value)), Math.max(0, ...rows.map((r) => r.value)), height - 80, () => fmt, false);
  const marginLeft = moneyMargin(y.ticks, fmt);
  const name = o.title ?? o.yLabel;
  const fig = Plot.plot({
    ...common(o, { height, ariaLabel: name }),
    marginLeft,
    x: { label: o.xLabel, ticks: yearTicks(xs, chartWidth(o) - marginLeft - 20), tickFormat: (v: number) => String(v) },
    y: { label: o.yLabel, grid: true, ticks: y.ticks, tickFormat: fmt },
    color: { type: "ordinal", domain: scale.domain, range: scale.range, legend: true, tickFormat: scale.label },
    marks: [
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.lineY(rows, { x: "x", y: "value", stroke: "key", strokeWidth: 2 }),
      Plot.dot(rows, { x: "x", y: "value", fill: "key", r: 3, title: (d: { key: string; x: number; value: number }) => `${scale.label(d.key)}, ${o.xLabel} ${d.x}\n${fmt(d.value)}`, tip: true }),
    ],
  });
  const keys = scale.domain.filter((k) => rows.some((r) => r.key === k));
  return finish(fig, o, name, {
    columns: [{ label: "" }, ...xs.map((x) => ({ label: String(x), num: true }))],
    rows: keys.map((k) => [scale.label(k), ...xs.map((x) => { const r = rows.find((d) => d.key === k && d.x === x); return r ? fmt(r.value) : ""; })]),
  });
}

/**
 * NPV per partner under each financing arrangement: one panel per arrangement, its name above
 * the panel's bars (so the chart keeps its width on a phone), one bar per partner in its own
 * colour. Society is the same in every panel.
 */
export function arrangementChart(rows: readonly ArrangementRow[], colors: PartnerColors, arrangementName: (id: string) => string, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const arrangements = [...new Set(rows.map((r) => r.arrangement))];
  const partners = colors.domain.filter((id) => rows.some((r) => r.partner === id));
  const HEAD = "\u0000head";
  const left = labelMargin(partners.map((id) => colors.name(id)), width, 0.36);
  const x = moneyAxis(Math.min(0, ...rows.map((r) => r.value)), Math.max(0, ...rows.map((r) => r.value)), width - left.margin - 30, l);
  const name = o.title ?? t("Netto contante waarde per partner onder elke financieringsvorm", "Net present value per partner under each financing form", l);
  // Every row as tall as the most wrapped label (partner names in the margin, the arrangement's name over the panel).
  const lines = Math.max(1, ...partners.map((id) => Math.ceil(textWidth(colors.name(id)) / (left.margin - 12))));
  const headWidth = width - 24;
  const headLines = Math.min(2, Math.max(1, ...arrangements.map((a) => Math.ceil(textWidth(arrangementName(a), 12) / headWidth))));
  const row = Math.max(20, lines * 14 + 6, headLines * 16 + 6);
  const fig = Plot.plot({
    ...common(o, { height: 0, ariaLabel: name }),
    height: o.height ?? 70 + arrangements.length * (row * (partners.length + 1) + 12),
    marginLeft: left.margin,
    marginRight: 16,
    fy: { domain: arrangements, label: null, padding: 0.1, axis: null },
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, ticks: x.ticks, tickFormat: x.format },
    y: { domain: [HEAD, ...partners], axis: null, padding: 0.15 },
    color: partnerScale(partners, colors, false),
    marks: [
      Plot.axisY(partners, { tickFormat: (id: string) => colors.name(id), lineWidth: left.lineWidth, tickSize: 0, label: null, fontSize: partners.length > 6 ? 10 : 11 }),
      Plot.frame({ stroke: "#e4e4e4" }),
      // The arrangement's name over its panel, from the chart's left edge (into the label margin).
      Plot.text(arrangements, { fy: (d: string) => d, y: () => HEAD, frameAnchor: "left", text: (d: string) => arrangementName(d), textAnchor: "start", fontWeight: "bold", fontSize: 12, dx: 4 - left.margin, lineWidth: (headWidth / 12) * 0.85 } as Plot.TextOptions),
      Plot.barX(rows, {
        fy: "arrangement", y: "partner", x: "value", fill: "partner",
        title: (d: ArrangementRow) => `${arrangementName(d.arrangement)}\n${colors.name(d.partner)}: ${euros(d.value, l)}`,
        tip: true,
      }),
      Plot.ruleX([0], { stroke: "#555" }),
    ],
  });
  return finish(fig, o, name, {
    columns: [{ label: t("Partner", "Partner", l) }, ...arrangements.map((a) => ({ label: arrangementName(a), num: true }))],
    rows: partners.map((id) => [colors.name(id), ...arrangements.map((a) => euroCell(rows.find((r) => r.arrangement === a && r.partner === id)?.value ?? 0, l))]),
  });
}

/** A point of an empirical CDF (euros). */
export interface CdfChartPoint {
  value: number;
  probability: number;
}

/** The value below which a share `q` of the distribution lies, read off the CDF points. */
export function cdfQuantile(points: readonly CdfChartPoint[], q: number): number {
  const hit = points.find((p) => p.probability >= q);
  return (hit ?? points[points.length - 1] ?? { value: 0 }).value;
}

const LOSS = "#b3261e";

/**
 * The empirical CDF of one partner's NPV (euros) as a step line in the partner's colour, with
 * the zero line and P(NPV < 0) marked: a dot where the curve meets zero and its value as a label.
 * The x axis always includes zero, so a partner that never (or always) loses shows it.
 */
export function cdfChart(points: readonly CdfChartPoint[], probabilityOfLoss: number, color: string, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const values = points.map((p) => p.value);
  const lo = Math.min(0, ...values), hi = Math.max(0, ...values);
  const pad = (hi - lo) * 0.04 || 1;
  // Extend the curve to the edges of the axis: 0 before the smallest sample, 1 after the largest.
  const line = [{ value: lo - pad, probability: 0 }, ...points, { value: hi + pad, probability: 1 }];
  const label = `P(${t("verlies", "loss", l)}) = ${pct(probabilityOfLoss, 1, l)}`;
  const x = moneyAxis(lo, hi, width - 80, l);
  const name = o.title ?? t("Verdeling van de netto contante waarde", "Distribution of the net present value", l);
  const fig = Plot.plot({
    ...common(o, { height: 220, ariaLabel: name }),
    marginLeft: 44,
    marginRight: 24,
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, ticks: x.ticks, tickFormat: x.format, domain: [lo - pad, hi + pad] },
    y: { label: t("Kans NCW ≤ x", "P(NPV ≤ x)", l), domain: [0, 1], grid: true, ticks: [0, 0.5, 1], tickFormat: (v: number) => pct(v, 0, l) },
    marks: [
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.ruleY([probabilityOfLoss], { stroke: LOSS, strokeDasharray: "4,3" }),
      Plot.line(line, { x: "value", y: "probability", stroke: color, strokeWidth: 2, curve: "step-after" }),
      Plot.dot([{ value: 0, probability: probabilityOfLoss }], { x: "value", y: "probability", fill: LOSS, r: 4, title: () => label, tip: true }),
      Plot.text([{ value: 0, probability: probabilityOfLoss }], { x: "value", y: "probability", text: () => label, dy: probabilityOfLoss > 0.85 ? 12 : -10, textAnchor: probabilityOfLoss > 0.5 ? "end" : "start", dx: probabilityOfLoss > 0.5 ? -6 : 6, fill: LOSS, fontWeight: "bold" }),
      Plot.dot(points, Plot.pointerX({ x: "value", y: "probability", fill: color, r: 3, title: (d: CdfChartPoint) => `${euros(d.value, l)}\n${t("kans NCW ≤ dit bedrag", "probability NPV ≤ this", l)}: ${pct(d.probability, 1, l)}`, tip: true })),
    ],
  });
  const qs = [0.05, 0.25, 0.5, 0.75, 0.95];
  return finish(fig, o, name, {
    columns: [{ label: t("Kans NCW ≤ bedrag", "P(NPV ≤ amount)", l), num: true }, { label: t("Bedrag", "Amount", l), num: true }],
    rows: [...qs.map((q) => [pct(q, 0, l), euroCell(cdfQuantile(points, q), l)]), [label, "EUR 0"]],
  });
}

/** A bin of a histogram: from `x1` to `x2` euros, with the share of the samples in it. */
export interface HistogramBin {
  x1: number;
  x2: number;
  share: number;
  loss: boolean;
}

/**
 * Bins of the distribution behind CDF points: the share in each bin is the rise of the CDF over
 * it; a bin that straddles zero is split there, so the loss side (below zero) is exact.
 */
export function histogramBins(points: readonly CdfChartPoint[], count = 24): HistogramBin[] {
  if (points.length === 0) return [];
  const lo = points[0]!.value, hi = points[points.length - 1]!.value;
  if (!(hi > lo)) return [{ x1: lo - 0.5, x2: hi + 0.5, share: 1, loss: hi < 0 }];
  const F = (x: number) => {
    // Step CDF: the probability of the last point at or below x.
    let p = 0;
    for (const q of points) { if (q.value <= x) p = q.probability; else break; }
    return p;
  };
  const edges: number[] = [];
  const step = (hi - lo) / count;
  for (let i = 0; i <= count; i++) edges.push(i === count ? hi : lo + i * step);
  if (lo < 0 && hi > 0 && !edges.includes(0)) { edges.push(0); edges.sort((a, b) => a - b); }
  const bins: HistogramBin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i]!, b = edges[i + 1]!;
    // The first bin includes its left edge (the smallest sample).
    const share = F(b) - (i === 0 ? 0 : F(a));
    bins.push({ x1: a, x2: b, share, loss: b <= 0 });
  }
  return bins;
}

/**
 * A histogram of society's (or a partner's) NPV: the loss side (below zero) shaded red, with
 * P(loss) written out on the chart.
 */
export function npvHistogram(points: readonly CdfChartPoint[], probabilityOfLoss: number, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const bins = histogramBins(points);
  const lo = Math.min(0, ...bins.map((b) => b.x1)), hi = Math.max(0, ...bins.map((b) => b.x2));
  const x = moneyAxis(lo, hi, width - 70, l);
  const label = `P(${t("verlies", "loss", l)}) = ${pct(probabilityOfLoss, 1, l)}`;
  const name = o.title ?? t("Histogram van de netto contante waarde", "Histogram of the net present value", l);
  const top = Math.max(0.01, ...bins.map((b) => b.share / Math.max(1e-12, b.x2 - b.x1))) ;
  // Heights are densities (share per euro) so a split bin is not shorter than its neighbours.
  const rows = bins.map((b) => ({ ...b, density: b.share / Math.max(1e-12, b.x2 - b.x1) }));
  const fig = Plot.plot({
    ...common(o, { height: 220, ariaLabel: name }),
    marginLeft: 20,
    marginRight: 20,
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), ticks: x.ticks, tickFormat: x.format, domain: [lo, hi] },
    y: { axis: null, domain: [0, top * 1.25] },
    marks: [
      Plot.rectY(rows, { x1: "x1", x2: "x2", y: "density", fill: (d: HistogramBin) => (d.loss ? LOSS : "#5b6b8c"), fillOpacity: (d: HistogramBin) => (d.loss ? 0.85 : 0.6), insetLeft: 0.5, insetRight: 0.5, title: (d: HistogramBin) => `${euros(d.x1, l)} – ${euros(d.x2, l)}\n${pct(d.share, 1, l)}`, tip: true }),
      Plot.ruleX([0], { stroke: "#222", strokeWidth: 1.5 }),
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.text([label], { frameAnchor: "top-left", text: (d: string) => d, fill: LOSS, fontWeight: "bold", fontSize: 13, dx: 4, dy: 4 }),
    ],
  });
  return finish(fig, o, name, {
    columns: [{ label: t("Van", "From", l), num: true }, { label: t("Tot", "To", l), num: true }, { label: t("Aandeel", "Share", l), num: true }],
    rows: [...bins.filter((b) => b.share > 0).map((b) => [euroCell(b.x1, l), euroCell(b.x2, l), pct(b.share, 1, l)]), [label, "", ""]],
  });
}

/** A year of a fan chart: the engine's year band (engine/simulate/result.ts), in euros. */
export type FanRow = YearBand;

/** Net per year of one partner (or society) as a fan: p5-p95 and p10-p90 bands and the median. */
export function fanChart(rows: readonly FanRow[], color: string, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const height = o.height ?? 320;
  const years = rows.map((r) => r.year);
  const { y, marginLeft } = verticalMoney(Math.min(0, ...rows.map((r) => r.p5)), Math.max(0, ...rows.map((r) => r.p95)), height, l);
  const name = o.title ?? t("Netto per jaar met onzekerheidsbanden", "Net per year with uncertainty bands", l);
  const fig = Plot.plot({
    ...common(o, { height, ariaLabel: name }),
    marginLeft,
    x: { label: t("Jaar", "Year", l), tickFormat: yearTick, ticks: yearTicks(years, chartWidth(o) - marginLeft - 20) },
    y: { label: t("EUR netto per jaar", "EUR net per year", l), grid: true, ticks: y.ticks, tickFormat: y.format },
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
  return finish(fig, o, name, {
    columns: [{ label: t("Jaar", "Year", l) }, { label: "P5", num: true }, { label: "P10", num: true }, { label: "P50", num: true }, { label: "P90", num: true }, { label: "P95", num: true }, { label: t("Gemiddeld", "Mean", l), num: true }],
    rows: rows.map((r) => [String(r.year), euroCell(r.p5, l), euroCell(r.p10, l), euroCell(r.p50, l), euroCell(r.p90, l), euroCell(r.p95, l), euroCell(r.mean, l)]),
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

const TORNADO_LOW = "#c4302b";
const TORNADO_HIGH = "#2f5ac4";

/**
 * Tornado of one partner: per parameter a bar from the base NPV to the NPV with that parameter
 * at its 10th percentile (red) and at its 90th (blue), the others at base; largest swing on top.
 */
export function tornadoChart(rows: readonly TornadoChartRow[], o: ChartOptions & { lowLabel?: string; highLabel?: string } = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
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
  const left = labelMargin(rows.map((r) => r.label), width, 0.42);
  const x = moneyAxis(Math.min(base, ...xs), Math.max(base, ...xs), width - left.margin - 50, l);
  const name = o.title ?? t("Tornado: gevoeligheid van de NCW", "Tornado: sensitivity of the NPV", l);
  const fig = Plot.plot({
    ...common(o, { height: 0, ariaLabel: name }),
    height: o.height ?? 80 + 34 * Math.max(1, rows.length),
    marginLeft: left.margin,
    marginRight: 30,
    x: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, ticks: x.ticks, tickFormat: x.format, inset: 10 },
    y: { domain: rows.map((r) => r.label), axis: null },
    color: { type: "ordinal", domain: [low, high], range: [TORNADO_LOW, TORNADO_HIGH], legend: true, tickFormat: (k: string) => (k === low ? t(`parameter op ${low}`, `parameter at ${low}`, l) : t(`parameter op ${high}`, `parameter at ${high}`, l)) },
    marks: [
      Plot.axisY({ lineWidth: left.lineWidth, tickSize: 0, label: null }),
      Plot.barX(bars, {
        y: "label", x1: "x1", x2: "x2", fill: "at", fillOpacity: 0.85, tip: true,
        title: (d: Bar) => `${d.label}\n${d.at}: ${smartNum(d.value, l)}\n${t("NCW", "NPV", l)}: ${euros(d.npv, l)}`,
      }),
      Plot.ruleX([base], { stroke: "#222", strokeWidth: 1.5 }),
      Plot.ruleX(zero, { stroke: "#767676", strokeDasharray: "3,3" }),
    ],
  });
  return finish(fig, o, name, {
    columns: [{ label: t("Parameter", "Parameter", l) }, { label: low, num: true }, { label: t(`NCW bij ${low}`, `NPV at ${low}`, l), num: true }, { label: high, num: true }, { label: t(`NCW bij ${high}`, `NPV at ${high}`, l), num: true }],
    rows: rows.map((r) => [r.label, smartNum(r.low, l), euroCell(r.atLow, l), smartNum(r.high, l), euroCell(r.atHigh, l)]),
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
  const width = chartWidth(o);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const partners = colors.domain.filter((id) => rows.some((r) => r.partner === id));
  const title = (d: PlanActualChartRow) => `${colors.name(d.partner)}, ${d.year}\n${t("plan", "plan", l)}: ${euros(d.plan, l)}\n${t("werkelijk", "actual", l)}: ${euros(d.actual, l)}\n${t("verschil", "variance", l)}: ${euros(d.variance, l)}`;
  const left = labelMargin(partners.map((id) => colors.name(id)), width, 0.38);
  const x = moneyAxis(Math.min(0, ...rows.flatMap((r) => [r.plan, r.actual])), Math.max(0, ...rows.flatMap((r) => [r.plan, r.actual])), width - left.margin - 60, l);
  const name = o.title ?? t("Plan en werkelijkheid per partner", "Plan versus actual per partner", l);
  const fig = Plot.plot({
    ...common(o, { height: 0, ariaLabel: name }),
    height: o.height ?? 80 + years.length * (30 + 26 * partners.length),
    marginLeft: left.margin,
    marginRight: 44,
    fy: { domain: years, label: null, tickFormat: yearTick, padding: 0.15 },
    x: { label: t("EUR netto in het jaar", "EUR net in the year", l), grid: true, ticks: x.ticks, tickFormat: x.format },
    y: { domain: partners, axis: null },
    color: partnerScale(partners, colors, false),
    marks: [
      Plot.axisY({ tickFormat: (id: string) => colors.name(id), lineWidth: left.lineWidth, tickSize: 0, label: null }),
      Plot.frame({ stroke: "#e4e4e4" }),
      Plot.ruleX([0], { stroke: "#555" }),
      Plot.arrow(rows.filter((r) => r.variance !== 0), { fy: "year", y: "partner", x1: "plan", x2: "actual", stroke: "partner", strokeWidth: 1.5, headLength: 6 }),
      Plot.dot(rows, { fy: "year", y: "partner", x: "plan", stroke: "partner", fill: "white", r: 4.5, strokeWidth: 1.5 }),
      Plot.dot(rows, { fy: "year", y: "partner", x: "actual", fill: "partner", r: 4.5, title, tip: true }),
    ],
  });
  return finish(fig, o, name, {
    columns: [{ label: t("Partner", "Partner", l) }, { label: t("Jaar", "Year", l) }, { label: t("Plan", "Plan", l), num: true }, { label: t("Werkelijk", "Actual", l), num: true }, { label: t("Verschil", "Variance", l), num: true }],
    rows: rows.map((r) => [colors.name(r.partner), String(r.year), euroCell(r.plan, l), euroCell(r.actual, l), euroCell(r.variance, l)]),
  });
}
