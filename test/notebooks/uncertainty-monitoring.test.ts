/**
 * Helpers of the uncertainty and monitoring pages (notebooks/lib/pages/uncertainty.ts, monitoring.ts
 * and their charts) in jsdom: an edited realised figure gives the same monitoring as that figure
 * written into the case file; the summary table carries the run's exact cents in Dutch format;
 * the CDF, fan, tornado and plan-versus-actual charts draw with titles, Dutch ticks, names as text.
 */
import { describe, expect, it } from "vitest";
import { document } from "./dom.ts";
import { evaluateModel, evaluateMonitoring, parseCaseText, simulate, tornado, switchingValues, validateCase, type Model } from "../../engine/index.ts";
import { partnerColors, SOCIETY_ID } from "../../notebooks/lib/charts/colors.ts";
import { cdfChart, fanChart, planActualChart, tornadoChart } from "../../notebooks/lib/charts/charts.ts";
import { actualFields, actualsPanel, indicatorTable, planActualRows, planActualTable, trueUpTable, withActuals } from "../../notebooks/lib/pages/monitoring.ts";
import { bandRows, cdfPoints, summaryRows, summaryTable, switchingTable, tornadoEntity, tornadoRows } from "../../notebooks/lib/pages/uncertainty.ts";
import { parameterLabel } from "../../notebooks/lib/data/rows.ts";
import { model as load, read } from "./data.ts";

const o = { document, width: 640, lang: "nl" as const };
const rich = load("examples/rich.yaml");

/** The rich case with its data changed by `edit`, validated again (the slow, obvious way). */
type ActualsData = { actuals: { investments: Record<string, number>; effects: Record<string, unknown>; contributions: Record<string, Record<string, number>> }[] };
function edited(edit: (data: ActualsData) => void): Model {
  const parsed = parseCaseText(read("examples/rich.yaml"), "yaml");
  if (!parsed.ok) throw new Error("rich.yaml does not parse");
  const data = structuredClone(parsed.data) as ActualsData;
  edit(data);
  const v = validateCase(data);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.model;
}

describe("monitoring page helpers", () => {
  const plan = evaluateModel(rich);

  it("list every realised figure of the case with its value", () => {
    const fields = actualFields(rich, plan, "nl");
    expect(fields.map((f) => f.key).sort()).toEqual([
      "contribution/gezamenlijke-pot/pot-1/2025/gemeente", "contribution/gezamenlijke-pot/pot-1/2025/zorgkantoor", "contribution/gezamenlijke-pot/pot-1/2025/zorgverzekeraar",
      "effect-amount/seh-bezoeken/2025", "effect-quantity/ligdagen/2026",
      "investment/ict-dossier/2025", "investment/wijkteam/2025", "investment/wijkteam/2026",
    ]);
    expect(fields.find((f) => f.key === "investment/wijkteam/2025")!.value).toBe(226000);
    expect(fields.find((f) => f.key === "investment/wijkteam/2025")!.plan).toBe(21250000);
  });

  it("an edited figure gives the same monitoring as the figure written into the case file", () => {
    const edits = { "investment/wijkteam/2025": 300000, "effect-quantity/ligdagen/2026": 90, "contribution/gezamenlijke-pot/pot-1/2025/zorgverzekeraar": 250000 };
    const fast = evaluateMonitoring(withActuals(rich, edits), plan);
    const slow = evaluateMonitoring(edited((d) => {
      d.actuals[0]!.investments.wijkteam = 300000;
      d.actuals[1]!.effects.ligdagen = { quantity: 90 };
      d.actuals[0]!.contributions["gezamenlijke-pot"]!.zorgverzekeraar = 250000;
    }), plan);
    expect(fast.partners).toEqual(slow.partners);
    expect(fast.lines).toEqual(slow.lines);
    expect(fast.arrangements.map((a) => a.partners)).toEqual(slow.arrangements.map((a) => a.partners));
    // And it moved something: the municipality's 2025 variance grows by the 74,000 euros.
    const before = evaluateMonitoring(rich, plan).partners.find((p) => p.id === "gemeente")!.yearly.find((y) => y.year === 2025)!.variance;
    expect(fast.partners.find((p) => p.id === "gemeente")!.yearly.find((y) => y.year === 2025)!.variance - before).toBe(-7_400_000);
  });

  it("no edits: the model itself", () => {
    expect(withActuals(rich, {})).toBe(rich);
  });

  it("tables and chart: Dutch figures, statuses, the panel's value", () => {
    const mon = evaluateMonitoring(rich, plan);
    const colors = partnerColors(rich.case.partners);
    const table = planActualTable(mon, colors, "nl");
    expect(table.querySelector('[data-variance="gemeente:2025"]')!.textContent).toMatch(/^EUR -\d{1,3}(\.\d{3})*$/);
    expect(trueUpTable(mon, colors, "nl").querySelectorAll("[data-trueup]").length).toBeGreaterThan(3);
    const statuses = [...indicatorTable(mon, "nl").querySelectorAll("[data-status]")].map((e) => e.textContent);
    expect(statuses).toEqual(["op koers", "niet op koers", "geen meting", "op koers", "geen meting"]);
    const fig = planActualChart(planActualRows(mon), colors, { ...o, title: "Plan en werkelijkheid" }) as unknown as Element;
    expect(fig.querySelector("h2")?.textContent).toBe("Plan en werkelijkheid");
    expect(fig.textContent).toMatch(/EUR -\d{1,3}\.\d{3}/);
    const panel = actualsPanel(actualFields(rich, plan, "nl"), "nl");
    let fired = 0;
    panel.addEventListener("input", () => fired++);
    const field = panel.querySelector<HTMLInputElement>('input[data-actual="investment/wijkteam/2025"]')!;
    field.value = "250000";
    field.dispatchEvent(new (document.defaultView!.Event)("input", { bubbles: true }));
    expect(panel.value).toEqual({ "investment/wijkteam/2025": 250000 });
    expect(fired).toBe(1);
  });
});

describe("uncertainty page helpers", () => {
  const result = simulate(rich, { samples: 2000, seed: 3 });
  const colors = partnerColors(rich.case.partners);

  it("the summary table holds the run's cents, shown in Dutch format", () => {
    const rows = summaryRows(result.statusQuo, (id) => colors.name(id));
    expect(rows.at(-1)!.id).toBe(SOCIETY_ID);
    const table = summaryTable(rows, colors, "nl");
    const cell = table.querySelector(`[data-sim-cell="${SOCIETY_ID}:mean"]`)!;
    expect(Number(cell.getAttribute("data-cents"))).toBe(result.statusQuo.society.npv.mean);
    expect(cell.textContent).toMatch(/^EUR -?\d{1,3}(\.\d{3})*$/);
    expect(table.querySelector(`[data-sim-cell="${SOCIETY_ID}:loss"]`)!.textContent).toMatch(/^\d{1,3},\d\s?%$/);
  });

  it("CDF, fan and tornado charts draw, with titles and names as text", () => {
    const society = result.statusQuo.society;
    const cdf = cdfChart(cdfPoints(society), society.probabilityOfLoss, "#222", { ...o, title: "<b>Maatschappij</b>" }) as unknown as Element;
    expect(cdf.querySelector("h2")?.textContent).toBe("<b>Maatschappij</b>");
    expect(cdf.querySelector("b")).toBeNull();
    expect(cdf.textContent).toMatch(/P\(verlies\) = \d{1,3},\d\s?%/);
    const fan = fanChart(bandRows(result, SOCIETY_ID), "#222", { ...o, title: "Waaier" }) as unknown as Element;
    expect(fan.querySelectorAll("svg path").length).toBeGreaterThan(2);
    expect(bandRows(result, "gemeente").map((b) => b.year)).toEqual(rich.years);
    const tor = tornado(rich);
    const rows = tornadoRows(tornadoEntity(tor, SOCIETY_ID)!, parameterLabel(rich.case));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.map((r) => r.swing)).toEqual([...rows.map((r) => r.swing)].sort((a, b) => b - a));
    const chart = tornadoChart(rows, { ...o, title: "Tornado" }) as unknown as Element;
    expect(chart.textContent).toContain(rows[0]!.label);
    const sw = switchingTable(switchingValues(rich), colors, parameterLabel(rich.case), "nl");
    expect(sw.querySelectorAll("tbody tr").length).toBe(tor.entities[0]!.bars.length);
  });
});
