/**
 * Chart helpers (notebooks/lib/charts/charts.ts) drawn in jsdom: each gives an SVG with a title, its
 * partners in their stable colours, names as text; the minimal example's charts are kept as SVG
 * snapshots (test/notebooks/__snapshots__/*.svg) so a change in a chart shows up in review.
 */
import { describe, expect, it } from "vitest";
import { document } from "./dom.ts";
import { evaluateModel, loadCase } from "../../engine/index.ts";
import { partnerColors, SOCIETY_ID } from "../../notebooks/lib/charts/colors.ts";
import { cumulativeChart, flowChart, linesChart, npvChart, pocketHeatmap, stackedBarChart, waterfallChart } from "../../notebooks/lib/charts/charts.ts";
import { cumulativeRows, flowRows, npvRows, pocketRows, societyNetRows, waterfallRows } from "../../notebooks/lib/data/rows.ts";
import { evaluate, HOSTILE, HOSTILE_CASE } from "./data.ts";

const o = { document, width: 640, lang: "nl" as const };

/** Serialised chart with Plot's per-render class names made stable. */
function svgText(node: Element): string {
  return node.outerHTML.replace(/plot-[0-9a-f]{6}/g, "plot").replace(/><\//g, ">\n</") + "\n";
}

describe("charts of the minimal example", () => {
  const ev = evaluate("examples/minimal.yaml");
  const colors = partnerColors(ev.case.partners);
  const charts = {
    flow: () => flowChart(flowRows(ev), societyNetRows(ev), colors, { ...o, title: "Kosten en baten" }),
    cumulative: () => cumulativeChart(cumulativeRows(ev), colors, { ...o, title: "Cumulatief" }),
    waterfall: () => waterfallChart(waterfallRows(ev.partners[0]!, (k) => k), colors.color(ev.partners[0]!.id), { ...o, title: "Opbouw" }),
    heatmap: () => pocketHeatmap(pocketRows(ev), colors, { ...o, title: "Wie betaalt voor wie" }),
    npv: () => npvChart(npvRows(ev), colors, { ...o, title: "NCW" }),
  };

  for (const [name, draw] of Object.entries(charts)) {
    it(`${name}: a figure with a title, an SVG and Dutch euro ticks`, async () => {
      const fig = draw() as unknown as Element;
      expect(fig.tagName.toLowerCase()).toBe("figure");
      expect(fig.querySelector("h2")?.textContent).toBeTruthy();
      expect(fig.querySelectorAll("svg").length).toBeGreaterThan(0);
      expect(fig.textContent).toMatch(/EUR/);
      expect(fig.textContent).not.toMatch(/EUR \d{1,3},\d{3}/); // no English thousands separators
      await expect(svgText(fig)).toMatchFileSnapshot(`__snapshots__/minimal-${name}.svg`);
    });
  }

  it("draws each partner in the same colour in every chart", () => {
    const fillOf = (fig: Element, sel: string) => Array.from(fig.querySelectorAll(sel), (e) => e.getAttribute("fill"));
    const flow = charts.flow() as unknown as Element;
    const npv = charts.npv() as unknown as Element;
    // Bars of both charts use only the partners' own colours, keyed by id.
    const own = new Set([...ev.partners.map((p) => colors.color(p.id)), colors.color(SOCIETY_ID)]);
    for (const fill of [...fillOf(flow, "g[data-mark=bar] rect"), ...fillOf(npv, "g[data-mark=bar] rect")]) expect(own.has(fill!)).toBe(true);
    expect(colors.color("gemeente")).toBe(partnerColors(ev.case.partners).color("gemeente"));
    expect(colors.color("gemeente")).not.toBe(colors.color("verzekeraar"));
  });
});

describe("names from a case file stay text in charts", () => {
  const v = loadCase(HOSTILE_CASE, "yaml");
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const ev = evaluateModel(v.model);
  const colors = partnerColors(ev.case.partners);

  it.each([
    ["flow", () => flowChart(flowRows(ev), societyNetRows(ev), colors, o)],
    ["cumulative", () => cumulativeChart(cumulativeRows(ev), colors, o)],
    ["heatmap", () => pocketHeatmap(pocketRows(ev), colors, o)],
    ["npv", () => npvChart(npvRows(ev), colors, o)],
    ["waterfall", () => waterfallChart(waterfallRows(ev.partners[0]!, (k) => k), "#000", { ...o, title: `Opbouw: ${HOSTILE}` })],
  ])("%s", (_name, draw) => {
    const fig = draw() as unknown as Element;
    expect(fig.querySelectorAll("img, script, b, foreignObject").length).toBe(0);
    expect(fig.querySelectorAll("svg svg").length).toBe(0); // '<svg onload=...>' is not an element either
    expect(fig.textContent).toContain(_name === "waterfall" ? HOSTILE : "<svg onload=alert(4)>");
  });
});

describe("comparison charts", () => {
  it("stacked bars and lines render every group and item", () => {
    const scale = { domain: ["a", "b"], range: ["#111111", "#222222"], label: (k: string) => k.toUpperCase() };
    const bars = stackedBarChart([{ y: "x", group: "a", value: 2 }, { y: "x", group: "b", value: -1 }, { y: "y", group: "a", value: 3 }], scale, { ...o, xLabel: "EUR" }) as unknown as Element;
    expect(bars.querySelectorAll("g[data-mark=bar] rect")).toHaveLength(3);
    expect(bars.querySelectorAll("g[data-mark=tick] line")).toHaveLength(2);
    const lines = linesChart([{ key: "a", x: 1, value: 1 }, { key: "a", x: 2, value: 3 }, { key: "b", x: 1, value: -1 }], scale, { ...o, xLabel: "jaar", yLabel: "EUR" }) as unknown as Element;
    expect(lines.querySelectorAll("g[data-mark=dot] circle")).toHaveLength(3);
  });
});
