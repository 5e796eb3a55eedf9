/**
 * DOM pieces of the pages (notebooks/lib/parts/view.ts, panel.ts, byo.ts) in jsdom: figures in Dutch
 * format, `data-kpi` hooks, case text shown as text, the assumptions panel's value and reset,
 * and the storage of a reader's own case.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { document, window } from "./dom.ts";
import { evaluateModel, loadCase } from "../../engine/index.ts";
import { partnerColors } from "../../notebooks/lib/charts/colors.ts";
import { assumptionsPanel, defaultValues, sliderRange } from "../../notebooks/lib/parts/panel.ts";
import { lineRows, parameterLabel, parameterRows } from "../../notebooks/lib/data/rows.ts";
import { caseHeader, issueList, kpiCards, lineTable, parameterTable, partnerStrip, partnerTable, sourceList } from "../../notebooks/lib/parts/view.ts";
import { loadStored, saveOverrides, sliderSpecsFor, storedOverrides } from "../../notebooks/lib/pages/byo.ts";
import { OWN_CASE_KEY } from "../../notebooks/lib/parts/page.ts";
import { evaluate, HOSTILE, HOSTILE_CASE, model } from "./data.ts";

describe("key figures and the partner table", () => {
  const ev = evaluate("examples/rich.yaml");
  const colors = partnerColors(ev.case.partners);

  it("show the society NPV in Dutch format under data-kpi=npv", () => {
    const kpis = kpiCards(ev, "nl");
    const npv = kpis.querySelector('[data-kpi="npv"]')!.textContent!;
    expect(npv).toMatch(/^EUR -?\d{1,3}(\.\d{3})*$/);
    expect(npv).toBe(`EUR ${(ev.society.npv / 100).toFixed(0).replace("-", "-").replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`);
  });

  it("list every partner and society, each NPV with its own data-kpi", () => {
    const table = partnerTable(ev, colors, "nl");
    expect(table.querySelectorAll("tbody tr")).toHaveLength(ev.partners.length);
    for (const p of ev.partners) expect(table.querySelector(`[data-kpi="npv:${p.id}"]`)).not.toBeNull();
    expect(table.querySelector('[data-kpi="npv:society"]')).not.toBeNull();
    expect(partnerStrip(ev, colors, "en").querySelector('[data-kpi="npv"]')?.textContent).toMatch(/^EUR -?\d{1,3}(,\d{3})*$/);
  });
});

describe("text from a case file is never HTML", () => {
  const v = loadCase(HOSTILE_CASE, "yaml");
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const m = v.model;
  const ev = evaluateModel(m);
  const colors = partnerColors(m.case.partners);
  const pieces = {
    header: () => caseHeader(ev, "nl"),
    kpis: () => kpiCards(ev, "nl"),
    partners: () => partnerTable(ev, colors, "nl"),
    strip: () => partnerStrip(ev, colors, "nl"),
    parameters: () => parameterTable(parameterRows(m, ev.parameters), "nl"),
    lines: () => lineTable(lineRows(m), colors, "nl", parameterLabel(m.case)),
    sources: () => sourceList(m.case.sources, "nl"),
    panel: () => assumptionsPanel(m, [{ name: "n" }], { lang: "nl", others: "all" }),
  };
  it.each(Object.entries(pieces))("%s", (_name, make) => {
    const el = make();
    // No element made from the file's text (the page's own <b> for figures is fine).
    expect(el.querySelectorAll("img, script, i, a[href^=javascript], svg, [onerror], [onload]").length).toBe(0);
    expect(Array.from(el.querySelectorAll("b"), (b) => b.textContent).filter((x) => /Verzekeraar/.test(x ?? ""))).toEqual([]);
  });

  it("the hostile names are shown, literally", () => {
    expect(pieces.partners().textContent).toContain(HOSTILE);
    expect(pieces.header().textContent).toContain(HOSTILE);
    expect(pieces.parameters().textContent).toContain("<script>alert(2)</script>");
  });

  it("validation messages that quote the file are text too", () => {
    const bad = loadCase(HOSTILE_CASE.replace("funder: g }", `funder: '${HOSTILE}' }`), "yaml");
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const list = issueList(bad.issues, "nl", `${HOSTILE}.yaml`);
    expect(list.querySelectorAll("img").length).toBe(0);
    expect(list.textContent).toContain(HOSTILE);
    expect(list.textContent).toMatch(/domains\[0\]\.funder/);
  });
});

describe("the assumptions panel", () => {
  const m = model("examples/ruwaard.yaml");

  it("starts with no overrides and reports only what the reader changed", () => {
    const panel = assumptionsPanel(m, [{ name: "replacedShare" }, { name: "hhClientsAvoided", min: 0, max: 100, step: 1 }], { lang: "nl" });
    expect(panel.value).toEqual({});
    const events: Event[] = [];
    panel.addEventListener("input", (e) => events.push(e));
    const range = panel.querySelector<HTMLInputElement>('[data-param="replacedShare"] input[type=range]')!;
    range.value = "50"; // a percentage slider: 50 % = 0.5
    range.dispatchEvent(new window.Event("input", { bubbles: true }));
    expect(panel.value).toEqual({ replacedShare: 0.5 });
    expect(events).toHaveLength(1);
    const number = panel.querySelector<HTMLInputElement>('[data-param="hhClientsAvoided"] input[type=number]')!;
    number.value = "42";
    number.dispatchEvent(new window.Event("input", { bubbles: true }));
    expect(panel.value).toEqual({ replacedShare: 0.5, hhClientsAvoided: 42 });
    // Back to the file's value: no longer an override.
    number.value = "30";
    number.dispatchEvent(new window.Event("input", { bubbles: true }));
    expect(panel.value).toEqual({ replacedShare: 0.5 });
    panel.reset();
    expect(panel.value).toEqual({});
    expect(range.value).toBe("90");
  });

  it("offers a number field for every other assumption and labels each as such", () => {
    const panel = assumptionsPanel(m, [{ name: "attribution" }], { lang: "nl" });
    const assumptions = Object.values(m.case.parameters).filter((p) => typeof p === "object" && p.assumption).length;
    expect(panel.querySelectorAll(".bc-slider, .bc-field")).toHaveLength(assumptions);
    expect(panel.querySelector('[data-param="attribution"] .bc-badge-assumption')).not.toBeNull();
  });

  it("starts from stored overrides", () => {
    const panel = assumptionsPanel(m, [{ name: "attribution" }], { lang: "nl", initial: { attribution: 0.3, nope: 1 } });
    expect(panel.value).toEqual({ attribution: 0.3 });
    expect(panel.querySelector<HTMLInputElement>('[data-param="attribution"] input[type=range]')!.value).toBe("30");
  });

  it("picks slider ranges that contain the value", () => {
    for (const v of [0, 0.25, 1, 7, 30, 250, 2000, 2100000, -40]) {
      const r = sliderRange(v);
      expect(r.min).toBeLessThanOrEqual(v);
      expect(r.max).toBeGreaterThanOrEqual(v);
      expect(r.step).toBeGreaterThan(0);
    }
    expect(sliderRange(0.4).percent).toBe(true);
    expect(sliderRange(0.4, {}, "day/person").percent).toBe(false);
  });

  it("default values are the parameters' evaluated values", () => {
    expect(defaultValues(m).wijkbudgetPerInhabitant).toBe(150);
  });
});

describe("a reader's own case in localStorage", () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    (globalThis as Record<string, unknown>).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
  });

  it("keeps the overrides only for the same text", () => {
    const source = { name: "a.yaml", text: "id: a" };
    saveOverrides(source, { x: 1 });
    expect(loadStored()).toEqual({ ...source, overrides: { x: 1 } });
    expect(storedOverrides(source)).toEqual({ x: 1 });
    expect(storedOverrides({ name: "a.yaml", text: "id: b" })).toEqual({});
  });

  it("ignores broken storage", () => {
    store.set(OWN_CASE_KEY, "{not json");
    expect(loadStored()).toBeNull();
    store.set(OWN_CASE_KEY, JSON.stringify({ name: "a", text: "t", overrides: { x: "1", y: 2 } }));
    expect(loadStored()?.overrides).toEqual({ y: 2 });
  });

  it("gives sliders to flagged assumptions first", () => {
    expect(sliderSpecsFor(model("examples/minimal.yaml")).map((s) => s.name)).toEqual(["clients", "visitsAvoided"]);
  });
});

void document;
