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
import { correlatedGroups, dealTable, negotiationChoice, negotiationsOf, negotiationSummary, riskTable, voiTable, decisionSummary, withChoice } from "../../notebooks/lib/pages/decision.ts";
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
    expect(fig.querySelectorAll("g[data-mark=bar] rect").length).toBe(rows.length);
    // An image with the title as its name, and the data behind a toggle (one row per bar, and the EVPI).
    expect(fig.querySelector("svg[role=img]")?.getAttribute("aria-label")).toBe("Waarde van informatie");
    expect(fig.querySelector("g[aria-label]")).toBeNull();
    expect(fig.querySelectorAll(".bc-chart-data tbody tr").length).toBe(rows.length + 1);
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
    expect(fig.querySelectorAll("g[data-mark=dot] path").length).toBe(rows.length);
    expect(fig.querySelectorAll(".bc-chart-data tbody tr").length).toBe(rows.length);
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
    expect(fig.querySelectorAll("g[data-mark=rect] rect").length).toBe(49);
    // The data table: every point, each partner's NPV, the outcome in words.
    const rows = fig.querySelectorAll(".bc-chart-data tbody tr");
    expect(rows.length).toBe(49 + n.found.length);
    expect(rows[0]!.querySelectorAll("td").length).toBe(2 + n.partners.length + 1);
    expect(fig.querySelector(".bc-chart-data")!.textContent).toMatch(/niet voor Gemeente/);
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
    expect(fig.querySelectorAll("g[data-mark=line] path").length).toBe(2);
  });
});

describe("the reader's choices for a negotiation", () => {
  const data = YAML.parse(richText);

  it("reads them from the address: numbers, the loss cap in per cent, lever ranges by position; junk is left out", () => {
    expect(negotiationChoice({ neg: "x", objective: "max-min-npv", npvMin: "5000", maxLoss: "40", grid: "9", max1: "0.8", min2: "abc" })).toEqual({
      negotiation: "x", objective: "max-min-npv", npvMin: 5000, maxLoss: 0.4, grid: 9, levers: [{ max: 0.8 }, {}],
    });
    expect(negotiationChoice({})).toEqual({ levers: [{}, {}] });
  });

  it("writes them into the case: ranges only within the case's, the NPV floor, a loss cap with samples; the case itself is untouched", () => {
    const before = structuredClone(data);
    const out = withChoice(data, "besparingen-delen", { levers: [{ min: 0.2, max: 0.8 }, { min: -1, max: 5 }], npvMin: 1000, maxLoss: 0.3, objective: "max-min-npv" }) as typeof data;
    const n = out.negotiations["besparingen-delen"];
    expect(n.levers.map((l: { min: number; max: number }) => [l.min, l.max])).toEqual([[0.2, 0.8], [0, 1]]);
    expect(n.conditions).toEqual([{ type: "npv", min: 1000 }, { type: "loss-probability", max: 0.3 }]);
    expect(n.samples).toBe(500);
    expect(n.objective).toBe("max-min-npv");
    expect(data).toEqual(before);
  });

  it("the solver on the narrowed case stays within the reader's range, and every partner meets the reader's NPV floor", () => {
    const out = withChoice(data, "besparingen-delen", { levers: [{ max: 0.8 }, {}], npvMin: 1000 });
    const p = prepareNegotiation(out, "besparingen-delen", "nl", { grid: 7 });
    if (!p.ok) throw new Error("prepare");
    const r = negotiate(p.negotiation);
    expect(r.levers[0]!.max).toBe(0.8);
    if (r.best) {
      expect(r.best.values[0]).toBeLessThanOrEqual(0.8);
      for (const v of r.best.npv) expect(v).toBeGreaterThanOrEqual(100_000);
    } else expect(r.blocking.length).toBeGreaterThan(0);
  });

  it("names a negotiation in the page's language; correlated parameters become a group", () => {
    expect(negotiationsOf(data, "en")[0]!.label).toBe("What share of their savings do the health insurer and the care office pass on?");
    expect(negotiationsOf(data, "nl")[0]!.label).toMatch(/^Welk deel/);
    expect(correlatedGroups(rich.model.case, "nl")).toEqual([{ name: "Samen", parameters: ["hospitalDaysAvoided", "edVisitsAvoided"] }]);
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
