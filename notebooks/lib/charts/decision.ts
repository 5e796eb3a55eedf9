/**
 * Charts of the decision analysis, `(rows, options) => Plot.plot(...)` like charts.ts: the value
 * of information ranked, each partner's expected NPV per arrangement (does the decision flip by
 * payer?), and the negotiation's feasible region. Every chart has a title, axis labels with
 * their unit and tooltips; the pages put the same data in a table next to it.
 */
import * as Plot from "@observablehq/plot";
import type { NegotiationResult } from "../../../engine/index.ts";
import type { ChartOptions } from "./charts.ts";
import type { PartnerColors } from "./colors.ts";
import { eurosTick, euros, lang as pageLang, pct, smartNum, t } from "../i18n/i18n.ts";
import type { MapCell, RiskRow, VoiRow } from "../data/decision.ts";
import { leverLines, mapCells } from "../data/decision.ts";

type PlotFigure = ReturnType<typeof Plot.plot>;

function common(o: ChartOptions, ariaLabel: string, height: number) {
  return {
    width: Math.max(360, o.width || 640),
    height: o.height ?? height,
    ...(o.title ? { title: o.title } : {}),
    ...(o.subtitle ? { subtitle: o.subtitle } : {}),
    ariaLabel: o.title ?? ariaLabel,
    style: { fontSize: "12px", overflow: "visible" },
    ...(o.document ? { document: o.document } : {}),
  };
}

/** EVPPI per parameter (and group), largest on top, with the EVPI as a dashed line. */
export function voiChart(rows: readonly VoiRow[], evpi: number, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const width = Math.max(360, o.width || 640);
  // Labels up to 45 % of the width (about 7 px a character at 12 px), longer ones shortened with an ellipsis (the table has them whole).
  const room = Math.floor((0.45 * width - 12) / 7);
  const longest = Math.max(10, ...rows.map((r) => Math.min(room, r.label.length)));
  const short = (s: string) => (s.length > room ? `${s.slice(0, room - 1)}…` : s);
  return Plot.plot({
    ...common(o, t("Waarde van informatie per parameter", "Value of information per parameter", l), 60 + 28 * Math.max(1, rows.length)),
    marginLeft: 12 + 7 * longest,
    marginRight: 70,
    x: { label: t("EUR, waarde van informatie (EVPPI)", "EUR, value of information (EVPPI)", l), grid: true, tickFormat: (v: number) => eurosTick(v, l), ticks: 5, domain: [0, Math.max(evpi, ...rows.map((r) => r.value), 1)] },
    y: { domain: rows.map((r) => r.label), label: null, tickFormat: short },
    marks: [
      Plot.barX(rows, { y: "label", x: "value", fill: (r: VoiRow) => (r.group ? "#a463f2" : "#4269d0"), tip: true, title: (r: VoiRow) => `${r.label}\nEVPPI: ${euros(r.value, l)} (${pct(r.share, 0, l)} ${t("van de EVPI", "of the EVPI", l)})` }),
      Plot.text(rows, { y: "label", x: "value", text: (r: VoiRow) => euros(r.value, l), dx: 4, textAnchor: "start", fill: "#333" }),
      Plot.ruleX([evpi], { stroke: "#222", strokeDasharray: "4,3" }),
      Plot.text([evpi], { x: (v: number) => v, frameAnchor: "top", dy: -2, text: () => `EVPI ${euros(evpi, l)}`, textAnchor: "end", fill: "#222" }),
      Plot.ruleX([0]),
    ],
  });
}

/**
 * Each partner's expected NPV under each arrangement (a dot per arrangement, its 5th percentile
 * as a tick), zero marked: a partner whose dots lie on both sides of zero has a decision that
 * flips by payer.
 */
export function flipChart(rows: readonly RiskRow[], colors: PartnerColors, arrangements: readonly { id: string; name: string }[], o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const partners = [...new Set(rows.map((r) => r.partner))];
  const symbols = ["circle", "square", "diamond", "triangle", "star", "cross", "wye", "asterisk"];
  return Plot.plot({
    ...common(o, t("Verwachte NCW per partner en regeling", "Expected NPV per partner and arrangement", l), 70 + 44 * Math.max(1, partners.length)),
    marginLeft: 150,
    x: { label: t("EUR, verwachte netto contante waarde (streepje: 5e percentiel)", "EUR, expected net present value (tick: 5th percentile)", l), grid: true, tickFormat: (v: number) => eurosTick(v, l), ticks: 5 },
    y: { domain: partners, label: null, tickFormat: (id: string) => colors.name(id) },
    symbol: { domain: arrangements.map((a) => a.id), range: symbols.slice(0, arrangements.length), legend: true, tickFormat: (id: string) => arrangements.find((a) => a.id === id)?.name ?? id },
    marks: [
      Plot.ruleX([0], { stroke: "#b00020", strokeWidth: 1.5 }),
      Plot.ruleY(rows, Plot.groupY({ x1: "min", x2: "max" }, { y: "partner", x1: "expected", x2: "expected", stroke: "#bbb" })),
      Plot.tickX(rows, { y: "partner", x: "p5", stroke: (r: RiskRow) => colors.color(r.partner), strokeOpacity: 0.5, dy: 0 }),
      Plot.dot(rows, {
        y: "partner", x: "expected", symbol: "arrangement", stroke: (r: RiskRow) => colors.color(r.partner), fill: (r: RiskRow) => (r.joins ? colors.color(r.partner) : "white"), r: 6, strokeWidth: 2, tip: true,
        title: (r: RiskRow) => `${colors.name(r.partner)}, ${r.arrangementName}\n${t("verwachte NCW", "expected NPV", l)}: ${euros(r.expected, l)}\nP5: ${euros(r.p5, l)}\nP(${t("verlies", "loss", l)}): ${pct(r.loss, 0, l)}\n${t("doet mee", "takes part", l)}: ${r.joins ? t("ja", "yes", l) : t("nee", "no", l)}`,
      }),
    ],
  });
}

const STATUS_OK = "#3ca951", STATUS_INVALID = "#cccccc";

/** The colour of a map cell: green where every condition holds, else the failing partner's colour (light). */
function statusScale(cells: readonly MapCell[], colors: PartnerColors, l: "nl" | "en") {
  const failing = [...new Set(cells.map((c) => c.status).filter((s) => s !== "ok" && s !== "invalid"))];
  const domain = ["ok", ...failing, ...(cells.some((c) => c.status === "invalid") ? ["invalid"] : [])];
  return {
    type: "ordinal" as const, domain, legend: true,
    range: domain.map((s) => (s === "ok" ? STATUS_OK : s === "invalid" ? STATUS_INVALID : colors.color(s))),
    tickFormat: (s: string) => (s === "ok" ? t("voldoet aan alle voorwaarden", "meets every condition", l) : s === "invalid" ? t("regeling niet toe te passen", "arrangement cannot be applied", l) : `${t("niet voor", "fails for", l)} ${colors.name(s)}`),
  };
}

/**
 * The feasible region: two levers as a grid of cells (green: a deal every partner signs; else
 * the colour of the first partner whose condition fails), points found between grid points,
 * the current terms (ring) and the deal found (star). One lever: each partner's NPV along it,
 * the feasible stretches shaded.
 */
export function feasibleMapChart(n: NegotiationResult, colors: PartnerColors, o: ChartOptions = {}): PlotFigure {
  const l = o.lang ?? pageLang;
  const name = (k: number) => n.levers[k]!.label ?? n.levers[k]!.caseParameter ?? n.levers[k]!.path!;
  const best = n.best ? [{ x: n.best.values[0]!, y: n.best.values[1] }] : [];
  const current = [{ x: n.current.values[0]!, y: n.current.values[1] }];
  if (n.levers.length === 2) {
    const cells = mapCells(n);
    const gridCells = cells.slice(0, n.grid.length), between = cells.slice(n.grid.length).filter((c) => c.status === "ok");
    const G = n.gridSize;
    const dx = (n.levers[0]!.max - n.levers[0]!.min) / (G - 1), dy = (n.levers[1]!.max - n.levers[1]!.min) / (G - 1);
    return Plot.plot({
      ...common(o, t("Kaart van de haalbare afspraken", "Map of the feasible deals", l), 0),
      height: o.height ?? Math.min(560, Math.max(320, Math.max(360, o.width || 640) * 0.75)),
      marginLeft: 70, marginBottom: 50,
      x: { label: name(0), domain: [n.levers[0]!.min - dx / 2, n.levers[0]!.max + dx / 2], tickFormat: (v: number) => smartNum(v, l) },
      y: { label: name(1), domain: [n.levers[1]!.min - dy / 2, n.levers[1]!.max + dy / 2], tickFormat: (v: number) => smartNum(v, l) },
      color: statusScale(cells, colors, l),
      marks: [
        Plot.rect(gridCells, {
          x1: (c: MapCell) => c.x - dx / 2, x2: (c: MapCell) => c.x + dx / 2, y1: (c: MapCell) => c.y! - dy / 2, y2: (c: MapCell) => c.y! + dy / 2,
          fill: "status", fillOpacity: (c: MapCell) => (c.status === "ok" ? 0.9 : 0.35), stroke: "white", tip: true,
          title: (c: MapCell) => `${name(0)}: ${smartNum(c.x, l)}\n${name(1)}: ${smartNum(c.y!, l)}\n${n.partners.map((p) => `${colors.name(p.id)}: ${euros(c.npv[p.id]!, l)}`).join("\n")}`,
        }),
        Plot.dot(between, { x: "x", y: "y", fill: STATUS_OK, stroke: "#1b5e20", r: 3.5 }),
        Plot.dot(current, { x: "x", y: "y", r: 8, stroke: "#222", strokeWidth: 2, fill: "none" }),
        Plot.text(current, { x: "x", y: "y", text: () => t("nu", "now", l), dy: -14, fill: "#222", fontWeight: "bold" }),
        Plot.dot(best, { x: "x", y: "y", symbol: "star", r: 9, fill: "#111", stroke: "white" }),
        Plot.text(best, { x: "x", y: "y", text: () => t("afspraak", "deal", l), dy: 16, fill: "#111", fontWeight: "bold" }),
      ],
    });
  }
  const lines = leverLines(n);
  const ranges = n.ranges.map(([a, b]) => ({ a, b }));
  return Plot.plot({
    ...common(o, t("NCW per partner langs de term", "NPV per partner along the term", l), 360),
    marginLeft: 80,
    x: { label: name(0), tickFormat: (v: number) => smartNum(v, l) },
    y: { label: t("EUR, netto contante waarde", "EUR, net present value", l), grid: true, tickFormat: (v: number) => eurosTick(v, l) },
    color: { type: "ordinal", domain: n.partners.map((p) => p.id), range: n.partners.map((p) => colors.color(p.id)), legend: true, tickFormat: (id: string) => colors.name(id) },
    marks: [
      Plot.rectX(ranges, { x1: "a", x2: "b", fill: STATUS_OK, fillOpacity: 0.15 }),
      Plot.ruleY([0], { stroke: "#b00020" }),
      Plot.line(lines, { x: "x", y: "npv", stroke: "partner", strokeWidth: 2, tip: true, title: (d: { x: number; partner: string; npv: number }) => `${colors.name(d.partner)}\n${name(0)}: ${smartNum(d.x, l)}\n${t("NCW", "NPV", l)}: ${euros(d.npv, l)}` }),
      Plot.ruleX(best, { x: "x", stroke: "#111", strokeWidth: 2 }),
      Plot.ruleX(current, { x: "x", stroke: "#222", strokeDasharray: "4,3" }),
    ],
  });
}
