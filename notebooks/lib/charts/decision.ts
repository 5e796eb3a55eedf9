/**
 * Charts of the decision analysis, `(rows, options) => Plot.plot(...)` like charts.ts and through
 * the same helpers: the value of information ranked, each partner's expected NPV per arrangement
 * (does the decision flip by payer?), and the negotiation's feasible region. Each is a figure
 * with a title, an image with an accessible name and its data as a table behind a toggle
 * (`finish`); width from the container, margins from the longest label, ticks that never touch
 * (`axes.ts`), money in compact Dutch (or English) amounts.
 */
import * as Plot from "@observablehq/plot";
import type { NegotiationResult } from "../../../engine/index.ts";
import { chartWidth, common, finish, verticalMoney, type ChartOptions } from "./charts.ts";
import type { PartnerColors } from "./colors.ts";
import { compactAmount, fitTicks, labelMargin, moneyAxis, textWidth } from "./axes.ts";
import { euros, lang as pageLang, pct, smartNum, t, type Lang } from "../i18n/i18n.ts";
import type { MapCell, RiskRow, VoiRow } from "../data/decision.ts";
import { leverLines, mapCells } from "../data/decision.ts";
import { leverScale, leverText, shownNumber } from "../data/levers.ts";

type PlotFigure = ReturnType<typeof Plot.plot>;

/** A row's key on the chart's band axis (a group and a parameter may share a name). */
const voiKey = (r: VoiRow) => `${r.group ? "g" : "p"}:${r.name}`;

/** EVPPI per parameter (and group), largest on top, the amount next to each bar, the EVPI as a dashed line. */
export function voiChart(rows: readonly VoiRow[], evpi: number, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const labels = new Map(rows.map((r) => [voiKey(r), r.label]));
  const valueWidth = Math.max(40, ...rows.map((r) => textWidth(compactAmount(r.value, l), 11))) + 10;
  // Labels wrap within the margin (never more than 45 % of the width); a row is as tall as its label's lines.
  const fit = labelMargin(rows.map((r) => r.label), width, 0.4);
  const left = fit.margin <= width * 0.45 ? fit : { margin: Math.round(width * 0.45), lineWidth: ((width * 0.45 - 12) / 12) * 0.85 };
  const lines = Math.max(1, ...rows.map((r) => Math.ceil(textWidth(r.label) / (left.lineWidth * 12))));
  const max = Math.max(evpi, ...rows.map((r) => r.value), 1);
  const x = moneyAxis(0, max, width - left.margin - valueWidth - 10, l);
  const name = o.title ?? t("Waarde van informatie per aanname", "Value of information per assumption", l);
  const fig = Plot.plot({
    ...common(o, { height: 0, ariaLabel: name }),
    height: o.height ?? 90 + Math.max(36, 16 * lines + 10) * Math.max(1, rows.length),
    marginLeft: left.margin,
    marginRight: valueWidth,
    marginTop: 24,
    x: { label: t("EUR, waarde van informatie (EVPPI)", "EUR, value of information (EVPPI)", l), grid: true, ticks: x.ticks, tickFormat: x.format, domain: [0, max] },
    y: { type: "band", domain: rows.map(voiKey), axis: null, padding: 0.25 },
    marks: [
      Plot.axisY({ tickFormat: (k: string) => labels.get(k) ?? k, lineWidth: left.lineWidth, tickSize: 0, label: null }),
      Plot.barX(rows, { y: voiKey, x: "value", fill: (r: VoiRow) => (r.group ? "#7b3fc4" : "#4269d0"), tip: true, title: (r: VoiRow) => `${r.label}\nEVPPI: ${euros(r.value, l)} (${pct(r.share, 0, l)} ${t("van de EVPI", "of the EVPI", l)})` }),
      Plot.text(rows, { y: voiKey, x: "value", text: (r: VoiRow) => compactAmount(r.value, l), dx: 4, textAnchor: "start", fill: "#333", fontSize: 11 }),
      Plot.ruleX([evpi], { stroke: "#222", strokeDasharray: "4,3" }),
      Plot.text([evpi], { x: (v: number) => v, frameAnchor: "top", dy: -12, text: () => `EVPI ${compactAmount(evpi, l)}`, textAnchor: "end", fill: "#222" }),
      Plot.ruleX([0], { stroke: "#555" }),
    ],
  });
  return finish(fig, o, name, {
    columns: [{ label: t("Aanname of groep", "Assumption or group", l) }, { label: "EVPPI", num: true }, { label: t("Deel van de EVPI", "Share of the EVPI", l), num: true }],
    rows: [...rows.map((r) => [r.label, euros(r.value, l), pct(r.share, 0, l)]), ["EVPI", euros(evpi, l), pct(1, 0, l)]],
  });
}

const SYMBOLS = ["circle", "square", "diamond", "triangle", "star", "cross", "wye", "asterisk"];

/**
 * Each partner's expected NPV under each arrangement (a dot per arrangement, its 5th percentile
 * as a tick), zero marked: a partner whose dots lie on both sides of zero has a decision that
 * flips by payer.
 */
export function flipChart(rows: readonly RiskRow[], colors: PartnerColors, arrangements: readonly { id: string; name: string }[], o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const partners = [...new Set(rows.map((r) => r.partner))];
  const left = labelMargin(partners.map((id) => colors.name(id)), width, 0.34);
  const values = rows.flatMap((r) => [r.expected, r.p5]);
  const x = moneyAxis(Math.min(0, ...values), Math.max(0, ...values), width - left.margin - 30, l);
  const name = o.title ?? t("Verwachte NCW per partner en regeling", "Expected NPV per partner and arrangement", l);
  const yes = (r: RiskRow) => (r.joins ? t("ja", "yes", l) : t("nee", "no", l));
  const fig = Plot.plot({
    ...common(o, { height: 0, ariaLabel: name }),
    height: o.height ?? 80 + 48 * Math.max(1, partners.length),
    marginLeft: left.margin,
    marginRight: 20,
    x: { label: t("EUR, verwachte netto contante waarde (streepje: 5e percentiel)", "EUR, expected net present value (tick: 5th percentile)", l), grid: true, ticks: x.ticks, tickFormat: x.format },
    y: { type: "band", domain: partners, axis: null },
    symbol: { domain: arrangements.map((a) => a.id), range: SYMBOLS.slice(0, arrangements.length), legend: true, tickFormat: (id: string) => arrangements.find((a) => a.id === id)?.name ?? id },
    marks: [
      Plot.axisY({ tickFormat: (id: string) => colors.name(id), lineWidth: left.lineWidth, tickSize: 0, label: null }),
      Plot.ruleX([0], { stroke: "#b00020", strokeWidth: 1.5 }),
      Plot.ruleY(rows, Plot.groupY({ x1: "min", x2: "max" }, { y: "partner", x1: "expected", x2: "expected", stroke: "#bbb" })),
      Plot.tickX(rows, { y: "partner", x: "p5", stroke: (r: RiskRow) => colors.color(r.partner), strokeOpacity: 0.6 }),
      Plot.dot(rows, {
        y: "partner", x: "expected", symbol: "arrangement", stroke: (r: RiskRow) => colors.color(r.partner), fill: (r: RiskRow) => (r.joins ? colors.color(r.partner) : "white"), r: 6, strokeWidth: 2, tip: true,
        title: (r: RiskRow) => `${colors.name(r.partner)}, ${r.arrangementName}\n${t("verwachte NCW", "expected NPV", l)}: ${euros(r.expected, l)}\nP5: ${euros(r.p5, l)}\nP(${t("verlies", "loss", l)}): ${pct(r.loss, 0, l)}\n${t("doet mee", "takes part", l)}: ${yes(r)}`,
      }),
    ],
  });
  return finish(fig, o, name, {
    columns: [{ label: t("Partner", "Partner", l) }, { label: t("Regeling", "Arrangement", l) }, { label: t("Verwachte NCW", "Expected NPV", l), num: true }, { label: "P5", num: true }, { label: `P(${t("verlies", "loss", l)})`, num: true }, { label: t("Doet mee", "Takes part", l) }],
    rows: rows.map((r) => [colors.name(r.partner), r.arrangementName, euros(r.expected, l), euros(r.p5, l), pct(r.loss, 0, l), yes(r)]),
  });
}

const STATUS_OK = "#2e8540", STATUS_INVALID = "#cccccc";

/** In words, what a map cell's status means. */
function statusText(s: string, colors: PartnerColors, l: Lang): string {
  return s === "ok" ? t("voldoet aan alle voorwaarden", "meets every condition", l) : s === "invalid" ? t("regeling niet toe te passen", "arrangement cannot be applied", l) : `${t("niet voor", "fails for", l)} ${colors.name(s)}`;
}

/** The colour of a map cell: green where every condition holds, else the failing partner's colour (light). */
function statusScale(cells: readonly MapCell[], colors: PartnerColors, l: Lang) {
  const failing = [...new Set(cells.map((c) => c.status).filter((s) => s !== "ok" && s !== "invalid"))];
  const domain = ["ok", ...failing, ...(cells.some((c) => c.status === "invalid") ? ["invalid"] : [])];
  return {
    type: "ordinal" as const, domain, legend: true,
    range: domain.map((s) => (s === "ok" ? STATUS_OK : s === "invalid" ? STATUS_INVALID : colors.color(s))),
    tickFormat: (s: string) => statusText(s, colors, l),
  };
}

/** A lever's name: its label, else the case parameter or the path in the arrangement. */
export function leverName(n: NegotiationResult, k: number): string {
  const lever = n.levers[k]!;
  return lever.label ?? lever.caseParameter ?? lever.path ?? `${k + 1}`;
}

/** A value of lever `k` for people: a share in per cent (`99,07%`), money in EUR, else with its unit (data/levers.ts). */
export function leverValue(n: NegotiationResult, k: number, value: number, l: Lang = pageLang): string {
  return leverText(value, leverScale(n.levers[k]!), l);
}

/** A lever's axis: its name with its unit (`Aandeel besparing (%)`), and the tick format (35, not 0.35). */
function leverAxis(n: NegotiationResult, k: number, l: Lang): { label: string; tick: (v: number) => string } {
  const s = leverScale(n.levers[k]!);
  return { label: s.unit ? `${leverName(n, k)} (${s.unit})` : leverName(n, k), tick: (v: number) => smartNum(shownNumber(v, s), l) };
}

/**
 * The feasible region: two levers as a grid of cells (green: a deal every partner signs; else
 * the colour of the first partner whose condition fails), points found between grid points,
 * the current terms (ring) and the deal found (star). One lever: each partner's NPV along it,
 * the feasible stretches shaded. The data table lists every point with each partner's NPV.
 */
export function feasibleMapChart(n: NegotiationResult, colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = chartWidth(o);
  const name = o.title ?? t("Kaart van de mogelijke afspraken", "Map of the possible deals", l);
  const ax = leverAxis(n, 0, l), ay = n.levers.length === 2 ? leverAxis(n, 1, l) : ax;
  const value = (k: number, v: number) => leverValue(n, k, v, l);
  const best = n.best ? [{ x: n.best.values[0]!, y: n.best.values[1] }] : [];
  const current = [{ x: n.current.values[0]!, y: n.current.values[1] }];
  const cells = mapCells(n);
  const table = {
    columns: [...n.levers.map((_, k) => ({ label: leverName(n, k), num: true })), ...n.partners.map((p) => ({ label: `${t("NCW", "NPV", l)} ${colors.name(p.id)}`, num: true })), { label: t("Uitkomst", "Outcome", l) }],
    rows: cells.map((c) => [value(0, c.x), ...(c.y !== undefined ? [value(1, c.y)] : []), ...n.partners.map((p) => (Number.isFinite(c.npv[p.id]) ? euros(c.npv[p.id]!, l) : "–")), statusText(c.status, colors, l)]),
  };
  if (n.levers.length === 2) {
    const gridCells = cells.slice(0, n.grid.length), between = cells.slice(n.grid.length).filter((c) => c.status === "ok");
    const G = n.gridSize;
    const [a, b] = [n.levers[0]!, n.levers[1]!];
    const dx = (a.max - a.min) / (G - 1), dy = (b.max - b.min) / (G - 1);
    const height = o.height ?? Math.round(Math.min(560, Math.max(320, width * 0.7)));
    const yTicks = fitTicks(b.min, b.max, height - 90, () => ay.tick, false);
    const marginLeft = Math.ceil(Math.max(30, ...yTicks.ticks.map((v) => textWidth(ay.tick(v)))) + 16);
    const xTicks = fitTicks(a.min, a.max, width - marginLeft - 30, () => ax.tick);
    const fig = Plot.plot({
      ...common(o, { height: 0, ariaLabel: name }),
      height,
      marginLeft, marginRight: 20, marginTop: 30,
      x: { label: ax.label, domain: [a.min - dx / 2, a.max + dx / 2], ticks: xTicks.ticks, tickFormat: ax.tick },
      y: { label: ay.label, domain: [b.min - dy / 2, b.max + dy / 2], ticks: yTicks.ticks, tickFormat: ay.tick },
      color: statusScale(cells, colors, l),
      marks: [
        Plot.rect(gridCells, {
          x1: (c: MapCell) => c.x - dx / 2, x2: (c: MapCell) => c.x + dx / 2, y1: (c: MapCell) => c.y! - dy / 2, y2: (c: MapCell) => c.y! + dy / 2,
          fill: "status", fillOpacity: (c: MapCell) => (c.status === "ok" ? 0.9 : 0.35), stroke: "white", tip: true,
          title: (c: MapCell) => `${leverName(n, 0)}: ${value(0, c.x)}\n${leverName(n, 1)}: ${value(1, c.y!)}\n${n.partners.map((p) => `${colors.name(p.id)}: ${euros(c.npv[p.id]!, l)}`).join("\n")}`,
        }),
        Plot.dot(between, { x: "x", y: "y", fill: STATUS_OK, stroke: "#1b5e20", r: 3.5 }),
        Plot.dot(current, { x: "x", y: "y", r: 8, stroke: "#222", strokeWidth: 2, fill: "none" }),
        Plot.text(current, { x: "x", y: "y", text: () => t("nu", "now", l), dy: -15, fill: "#111", stroke: "white", strokeWidth: 3, paintOrder: "stroke", fontWeight: "bold" }),
        Plot.dot(best, { x: "x", y: "y", symbol: "star", r: 9, fill: "#111", stroke: "white" }),
        Plot.text(best, { x: "x", y: "y", text: () => t("afspraak", "deal", l), dy: 17, fill: "#111", stroke: "white", strokeWidth: 3, paintOrder: "stroke", fontWeight: "bold" }),
      ],
    });
    return finish(fig, o, name, table);
  }
  const lines = leverLines(n);
  const ranges = n.ranges.map(([x1, x2]) => ({ x1, x2 }));
  const height = o.height ?? 360;
  const { y, marginLeft } = verticalMoney(Math.min(0, ...lines.map((d) => d.npv)), Math.max(0, ...lines.map((d) => d.npv)), height, l);
  const xTicks = fitTicks(n.levers[0]!.min, n.levers[0]!.max, width - marginLeft - 30, () => ax.tick);
  const fig = Plot.plot({
    ...common(o, { height, ariaLabel: name }),
    marginLeft, marginRight: 20,
    x: { label: ax.label, ticks: xTicks.ticks, tickFormat: ax.tick },
    y: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, ticks: y.ticks, tickFormat: y.format },
    color: { type: "ordinal", domain: n.partners.map((p) => p.id), range: n.partners.map((p) => colors.color(p.id)), legend: true, tickFormat: (id: string) => colors.name(id) },
    marks: [
      Plot.rectX(ranges, { x1: "x1", x2: "x2", fill: STATUS_OK, fillOpacity: 0.15 }),
      Plot.ruleY([0], { stroke: "#b00020" }),
      Plot.line(lines, { x: "x", y: "npv", stroke: "partner", strokeWidth: 2, tip: true, title: (d: { x: number; partner: string; npv: number }) => `${colors.name(d.partner)}\n${leverName(n, 0)}: ${value(0, d.x)}\n${t("NCW", "NPV", l)}: ${euros(d.npv, l)}` }),
      Plot.ruleX(best, { x: "x", stroke: "#111", strokeWidth: 2 }),
      Plot.ruleX(current, { x: "x", stroke: "#222", strokeDasharray: "4,3" }),
    ],
  });
  return finish(fig, o, name, table);
}
