/**
 * Cash and budgets (issue 14): undiscounted cash per partner and year, its running total, the
 * peak funding need and its year, the budget after two years, budget-limit warnings; and
 * pots as entities in results.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateModel, irrNearBound, loadCase, toJsonContract, type CaseInput } from "../../engine/index.ts";
import { evaluate } from "../helpers.ts";

const base = (extra: Partial<CaseInput> = {}): CaseInput => ({
  id: "c", title: "C", priceYear: 2024, startYear: 2025, horizon: 3, discountRate: 0.03,
  partners: [{ id: "gem", name: "Gemeente", kind: "municipality", budgetLimits: { "2025": 500, "2026": 500 } }, { id: "zv", name: "Verzekeraar", kind: "insurer" }],
  domains: [{ id: "wmo", name: "Wmo", funder: "gem" }, { id: "zvw", name: "Zvw", funder: "zv" }],
  investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", schedule: { type: "explicit", amounts: { "2025": 1000, "2026": 500 } } }],
  effects: [
    { id: "hulp", label: "Hulp", domain: "wmo", quantity: 1, unitPrice: 900, profile: { "2025": 0.444444444444, "2026": 1, "2027": 1 } },
    { id: "tijd", label: "Tijd (niet verzilverbaar)", domain: "wmo", quantity: 1, unitPrice: 100, cashable: false },
  ],
  ...extra,
});

describe("cash per partner and year", () => {
  const ev = evaluate(base());
  const gem = ev.cash.partners.find((c) => c.id === "gem")!;
  it("counts money that moves, undiscounted, without non-cashable savings", () => {
    // 2025: -1,000 + 400 (900 x 0.444...); 2026: -500 + 900; 2027: +900. The 100 a year of time saved is no cash.
    expect(gem.yearly.map((y) => [y.year, y.cash, y.cumulative])).toEqual([[2025, -60_000, -60_000], [2026, 40_000, -20_000], [2027, 90_000, 70_000]]);
    expect(ev.partners[0]!.net).toBe(gem.total + 30_000);
  });
  it("gives the peak funding need and its year, and the budget after two years", () => {
    expect([gem.peakNeed, gem.peakYear, gem.afterTwoYears]).toEqual([60_000, 2025, -20_000]);
    const zv = ev.cash.partners.find((c) => c.id === "zv")!;
    expect([zv.peakNeed, zv.peakYear, zv.afterTwoYears]).toEqual([0, null, 0]);
  });
  it("warns where a partner pays out more than its budget limit in a year", () => {
    expect(ev.cash.breaches).toEqual([{ partner: "gem", year: 2025, outflow: 60_000, limit: 50_000 }]);
    const relaxed = evaluate(base({ partners: [{ id: "gem", name: "Gemeente", kind: "municipality", budgetLimits: { "2025": 600 } }, { id: "zv", name: "Verzekeraar", kind: "insurer" }] }));
    expect(relaxed.cash.breaches).toEqual([]);
  });
  it("is checked under every arrangement: a rule that moves the cost moves the breach", () => {
    const ev2 = evaluate(base({ arrangements: [{ id: "r", name: "R", steps: [{ type: "decision-rules", rules: [{ match: {}, payer: "zv" }] }] }] }));
    expect(ev2.arrangements.find((a) => a.id === "r")!.cash.breaches).toEqual([]);
    expect(ev2.arrangements.find((a) => a.id === "status-quo")!.cash.breaches).toHaveLength(1);
  });
  it("reports a budget-limit year outside the horizon", () => {
    const v = loadCase(JSON.stringify(base({ partners: [{ id: "gem", name: "Gemeente", kind: "municipality", budgetLimits: { "2040": 1 } }, { id: "zv", name: "Verzekeraar", kind: "insurer" }] })), "json", { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(["partners.0.budgetLimits.2040: year 2040 is outside the horizon 2025-2027"]);
  });
  it("is in the JSON contract, in euros", () => {
    const j = toJsonContract(ev);
    expect(j.cash.partners[0]).toMatchObject({ id: "gem", peakNeed: 600, peakYear: 2025, afterTwoYears: -200 });
    expect(j.cash.budgetWarnings).toEqual([{ partner: "gem", year: 2025, outflow: 600, limit: 500 }]);
  });
});

describe("a pot as an entity in results (issue 14)", () => {
  const v = loadCase(readFileSync("examples/rich.yaml", "utf8"), "yaml");
  if (!v.ok) throw new Error("rich.yaml invalid");
  const ev = evaluateModel(v.model);
  const pot = ev.arrangements.find((a) => a.id === "gezamenlijke-pot")!;
  it("shows the pot's NPV, so partners + pot = society, to the cent (rich.yaml: EUR 9,982 waits in the pot)", () => {
    const partners = pot.partners.reduce((s, p) => s + p.npv, 0);
    expect(partners).not.toBe(ev.society.npv);
    expect(pot.pots[0]!.npv).toBe(ev.society.npv - partners);
    expect(Math.round(pot.pots[0]!.npv / 100)).toBe(9982);
    expect(pot.pots[0]!.net).toBe(0);
    expect(toJsonContract(ev).arrangements.find((a) => a.id === "gezamenlijke-pot")!.pots[0]!.npv).toBe(pot.pots[0]!.npv / 100);
  });
  it("gives the pot's cash and balance year by year: the reserve it holds", () => {
    const cash = pot.cash.pots[0]!;
    expect(cash.yearly.map((y) => y.cumulative)).toEqual(pot.pots[0]!.years.map((y) => y.reserveEnd));
  });
});

describe("an IRR next to the search bound (issue 14)", () => {
  it("is flagged: rich.yaml's society IRR of -49.5 % lies 0.5 points from the -50 % end of the search", () => {
    const v = loadCase(readFileSync("examples/rich.yaml", "utf8"), "yaml");
    if (!v.ok) throw new Error("rich.yaml invalid");
    const ev = evaluateModel(v.model);
    expect(ev.society.irr.status === "ok" && ev.society.irr.rate).toBeCloseTo(-0.495, 3);
    expect(irrNearBound(ev.society.irr)).toBe(true);
    expect(toJsonContract(ev).society.irrNearBound).toBe(true);
    expect(ev.partners.filter((p) => p.irr.status === "ok").every((p) => !irrNearBound(p.irr))).toBe(true);
  });
});
