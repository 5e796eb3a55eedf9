/**
 * The decision analysis on the pages (notebooks/lib/data/decision.ts, charts/decision.ts,
 * pages/decision.ts) in jsdom: rows from engine results, charts with a title and the figures,
 * names as text, tables that carry the chart's data.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { document } from "./dom.ts";
import YAML from "yaml";
import { arrangementRobustness, decisionRunOptions, decisionSamples, loadCase, negotiate, portfolio, prepareNegotiation, simulate, valueOfInformation } from "../../engine/index.ts";
import { partnerColors } from "../../notebooks/lib/charts/colors.ts";
import { feasibleMapChart, flipChart, voiChart } from "../../notebooks/lib/charts/decision.ts";
import { leverLines, mapCells, portfolioRows, riskRows, voiRows } from "../../notebooks/lib/data/decision.ts";
import { dealTable, negotiationSummary, riskTable, voiTable, decisionSummary } from "../../notebooks/lib/pages/decision.ts";
import { HOSTILE, HOSTILE_CASE } from "./data.ts";

const o = { document, width: 640, lang: "nl" as const };
const richText = readFileSync(new URL("../../examples/rich.yaml", import.meta.url), "utf8");
const rich = loadCase(richText, "yaml");
if (!rich.ok) throw new Error("rich");
const colors = partnerColors(rich.model.case.partners);

describe("value of information and arrangements under uncertainty", () => {
  const ds = decisionSamples(simulate(rich.model, decisionRunOptions({ samples: 800 })));
  const voi = valueOfInformation(ds, { perspective: "verevening", groups: [{ name: "effecten", parameters: ["hospitalDaysAvoided", "nursingHoursAvoided"] }] });
  const d = voi.decisions.find((x) => x.id === "go:gemeente")!;
  const rob = arrangementRobustness(ds);

  it("VOI rows: parameters largest first in euros with their share of the EVPI, then the groups", () => {
    const rows = voiRows(d, (n) => `label ${n}`);
    expect(rows.length).toBe(d.parameters.length + 1);
    expect(rows[0]!.value).toBe(d.parameters[0]!.value / 100);
    expect(rows[0]!.label).toBe(`label ${d.parameters[0]!.name}`);
    expect(rows[0]!.share).toBeCloseTo(d.parameters[0]!.value / d.evpi, 12);
    expect(rows.at(-1)!.group).toBe(true);
  });

  it("the VOI chart and its table carry the same figures; the summary names the best choice", () => {
    const rows = voiRows(d);
    const fig = voiChart(rows, d.evpi / 100, { ...o, title: "Waarde van informatie" }) as unknown as Element;
    expect(fig.querySelector("h2")?.textContent).toBe("Waarde van informatie");
    expect(fig.textContent).toMatch(/EVPI EUR \d/);
    expect(fig.querySelectorAll("g[aria-label=bar] rect").length).toBe(rows.length);
    const table = voiTable(rows, "nl");
    expect(table.querySelectorAll("tbody tr").length).toBe(rows.length);
    expect(table.querySelector("tbody td[data-cents]")!.getAttribute("data-cents")).toBe(String(Math.round(rows[0]!.value * 100)));
    expect(decisionSummary(d, colors, "nl").textContent).toMatch(/beste keuze voor Gemeente: meedoen/);
  });

  it("risk rows per partner and arrangement; the flip chart marks zero; the table says whose decision flips", () => {
    const rows = riskRows(rob);
    expect(rows.length).toBe(rob.partners.length * rob.arrangements.length);
    const g = rows.filter((r) => r.partner === "gemeente");
    expect(g.some((r) => r.joins) && g.some((r) => !r.joins)).toBe(true);
    const fig = flipChart(rows, colors, rob.arrangements, { ...o, title: "Verwachte NCW" }) as unknown as Element;
    expect(fig.querySelectorAll("g[aria-label=dot] path").length).toBe(rows.length);
    const table = riskTable(rows, rob, colors, "nl");
    expect(table.textContent).toMatch(/De beslissing kantelt per betaler/);
  });
});

describe("the negotiation", () => {
  const p = prepareNegotiation(YAML.parse(richText), undefined, "nl", { grid: 7 });
  if (!p.ok) throw new Error("prepare");
  const n = negotiate(p.negotiation);

  it("map cells: every grid point and the points found between them, with the failing partner", () => {
    const cells = mapCells(n);
    expect(cells.length).toBe(49 + n.found.length);
    expect(cells.filter((c) => c.status === "ok").length).toBe(n.grid.filter((x) => x.feasible).length + n.found.filter((x) => x.feasible).length);
    expect(new Set(cells.map((c) => c.status)).has("gemeente")).toBe(true);
  });

  it("the map chart: a cell per grid point, the current terms and the deal; summary and table", () => {
    const fig = feasibleMapChart(n, colors, { ...o, title: "Kaart" }) as unknown as Element;
    expect(fig.querySelectorAll("g[aria-label=rect] rect").length).toBe(49);
    expect(fig.textContent).toMatch(/afspraak/);
    expect(negotiationSummary(n, colors, "nl").textContent).toMatch(/Nagerekend door de rekenkern/);
    const table = dealTable(n, colors, "nl");
    expect(table.querySelectorAll("tbody tr").length).toBe(3);
  });

  it("one lever: NPV lines along it", () => {
    const data = YAML.parse(richText);
    data.negotiations = { een: { arrangement: "gedeelde-besparingen", partners: ["gemeente", "zorgverzekeraar"], levers: [{ path: "steps[0].rate", min: 0, max: 1 }], grid: 11 } };
    const q = prepareNegotiation(data, undefined, "nl");
    if (!q.ok) throw new Error("prepare");
    const r = negotiate(q.negotiation);
    expect(leverLines(r).length).toBe(11 * 2);
    const fig = feasibleMapChart(r, colors, o) as unknown as Element;
    expect(fig.querySelectorAll("g[aria-label=line] path").length).toBe(2);
  });
});

describe("portfolio rows and names as text", () => {
  it("per kind of partner, uploaded cases marked; a hostile case's names stay text", () => {
    const hostile = loadCase(HOSTILE_CASE, "yaml");
    if (!hostile.ok) throw new Error("hostile");
    const p = portfolio([{ label: "rich.yaml", model: rich.model }, { label: "evil.yaml", model: hostile.model }], { samples: 300 });
    const rows = portfolioRows(p, new Set(["evil.yaml"]));
    expect(rows[1]!.uploaded).toBe(true);
    expect(rows[0]!.byKind.municipality).toBe(p.cases[0]!.partners.find((x) => x.id === "gemeente")!.npv / 100);
    const total = Object.values(rows[0]!.byKind).reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(rows[0]!.npv, 2);
    expect(HOSTILE).toContain("<");
  });
});
