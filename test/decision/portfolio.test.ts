/** Portfolios: every figure equals the case's own evaluation and its own Monte Carlo run. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { evaluateModel, loadCase, simulate, type Model } from "../../engine/index.ts";
import { portfolio, toPortfolioJson } from "../../engine/decision/index.ts";

const load = (file: string): Model => {
  const v = loadCase(readFileSync(new URL(`../../examples/${file}`, import.meta.url), "utf8"), "yaml");
  if (!v.ok) throw new Error(file);
  return v.model;
};

describe("a portfolio of the bundled examples", () => {
  const files = ["rich.yaml", "minimal.yaml", "regional.yaml"];
  const models = files.map(load);
  const p = portfolio(files.map((label, i) => ({ label, model: models[i]! })), { samples: 1500 });

  test("each case's figures are its own evaluation's, per partner and for society", () => {
    p.cases.forEach((c, i) => {
      const ev = evaluateModel(models[i]!);
      expect(c.partners.map((x) => [x.id, x.npv, x.bcr, x.roi, x.paybackYear])).toEqual(ev.partners.map((x) => [x.id, x.npv, x.bcr, x.roi, x.paybackYear]));
      expect([c.society.npv, c.society.bcr, c.society.paybackYear]).toEqual([ev.society.npv, ev.society.bcr, ev.society.paybackYear]);
    });
  });

  test("with ranges, P(loss) and percentiles are the case's own simulation's (same samples and seed); without, null", () => {
    const rich = p.cases[0]!;
    const sim = simulate(models[0]!, { samples: 1500 });
    expect(rich.samples).toBe(1500);
    expect(rich.seed).toBe(2025);
    expect(rich.partners.map((x) => [x.probabilityOfLoss, x.npvP5, x.npvP95])).toEqual(sim.statusQuo.partners.map((x) => [x.probabilityOfLoss, x.npv.p5, x.npv.p95]));
    expect(rich.society.probabilityOfLoss).toBe(sim.statusQuo.society.probabilityOfLoss);
    expect(p.cases[1]!.samples).toBeNull();
    expect(p.cases[1]!.partners.every((x) => x.probabilityOfLoss === null)).toBe(true);
  });

  test("partners line up by id; totals are sums over the cases a partner takes part in", () => {
    const gemeente = p.totals.find((t) => t.id === "gemeente")!;
    const inCases = p.cases.flatMap((c) => c.partners.filter((x) => x.id === "gemeente"));
    expect(gemeente.cases).toBe(inCases.length);
    expect(gemeente.npv).toBe(inCases.reduce((s, x) => s + x.npv, 0));
    expect(p.societyTotal).toBe(p.cases.reduce((s, c) => s + c.society.npv, 0));
    expect(new Set(p.partners.map((x) => x.id)).size).toBe(p.partners.length);
  });

  test("JSON in euros, nothing NaN", () => {
    const j = toPortfolioJson(p);
    expect(j.contract).toBe("bcase/portfolio@1");
    expect(j.cases[0]!.partners[0]!.npv).toBe(Math.round(p.cases[0]!.partners[0]!.npv) / 100);
    expect(JSON.stringify(j)).not.toMatch(/NaN|Infinity/);
  });
});
