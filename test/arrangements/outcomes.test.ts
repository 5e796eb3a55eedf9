/**
 * Worked examples of outcome payments and pre-financing: the impact-bond example checked by hand
 * (the hand calculation is in docs/arrangements.md), and small cases for each rule.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateModel, loadCase, validateCase, type CaseInput } from "../../engine/index.ts";
import { evaluate } from "../helpers.ts";

describe("the impact-bond example, checked by hand", () => {
  const v = loadCase(readFileSync("examples/impact-bond.yaml", "utf8"), "yaml", { lang: "en" });
  if (!v.ok) throw new Error(v.issues.map((i) => i.message).join("\n"));
  const ev = evaluateModel(v.model);
  const bond = ev.arrangements.find((a) => a.id === "impact-bond")!;
  const op = bond.outcomePayments[0]!;
  const y = (year: number) => op.years.find((x) => x.year === year)!;

  it("prices each outcome year: 600 per prevented fall (975 x the profile) and 250 per participant (measured, else the target)", () => {
    // falls: 975 x 0.2, 0.8, 1, 1, 1; participants: measured 480 and 520, then the target 500.
    expect(op.years.map((x) => x.units)).toEqual([[195, 480], [780, 520], [975, 500], [975, 500], [975, 500], [0, 0]]);
    expect(op.years.map((x) => x.due)).toEqual([23_700_000, 59_800_000, 71_000_000, 71_000_000, 71_000_000, 0]);
  });
  it("withholds 2024 (completion 76 % against a target of 80 %), pays a year later, and cuts at EUR 700,000 a year and EUR 2,070,000 in total", () => {
    expect(y(2024).gatePassed).toBe(false);
    expect(y(2024).gated).toBe(59_800_000);
    expect(op.years.map((x) => x.paymentYear)).toEqual([2024, 2025, 2026, 2027, 2028, null]);
    // 2023 -> 2024: 237,000. 2025 -> 2026 and 2026 -> 2027: 710,000 capped to 700,000.
    // 2027 -> 2028: 700,000 by the yearly cap, and only 2,070,000 - 237,000 - 700,000 - 700,000 = 433,000 left.
    expect(op.years.map((x) => x.paid)).toEqual([23_700_000, 0, 70_000_000, 70_000_000, 43_300_000, 0]);
    expect(op.years.map((x) => x.capped)).toEqual([0, 0, 1_000_000, 1_000_000, 27_700_000, 0]);
    expect(y(2027).capsBinding).toEqual(["per-year", "total"]);
    expect(op.years.reduce((s, x) => s + x.paid, 0)).toBe(207_000_000);
  });
  it("splits every payment by each payer's own saving: VGZ pays 791 x 180/275 of every 1,130", () => {
    const vgz = op.years.reduce((s, x) => s + (x.payers.vgz ?? 0), 0);
    expect(Math.abs(vgz - 207_000_000 * (791 * 180 / 275) / 1130)).toBeLessThanOrEqual(4);
    // The care office saves 15 % of every fall: 310,500 of 2,070,000.
    expect(op.years.reduce((s, x) => s + (x.payers.zorgkantoor ?? 0), 0)).toBe(31_050_000);
  });
  it("gives the investors their cash back with 270,000 on top: multiple 1.15, IRR 7.398 %, peak need 1,063,000 in 2025", () => {
    const inv = bond.cash.investors.find((i) => i.id === "investeerders")!;
    expect([inv.paidOut, inv.received, inv.multiple, inv.paybackYear]).toEqual([180_000_000, 207_000_000, 1.15, 2028]);
    expect(inv.irr.status).toBe("ok");
    if (inv.irr.status === "ok") expect(inv.irr.rate).toBeCloseTo(0.073981, 5);
    const cash = bond.cash.partners.find((c) => c.id === "investeerders")!;
    expect(cash.yearly.map((c) => c.cash)).toEqual([-50_000_000, -21_300_000, -35_000_000, 40_000_000, 50_000_000, 43_300_000]);
    expect([cash.peakNeed, cash.peakYear, cash.afterTwoYears]).toEqual([106_300_000, 2025, -71_300_000]);
  });
  it("explains the gate, the caps and what they cut", () => {
    const text = bond.explanation.en[1]!;
    expect(text).toContain('quality gate: "Share of starters who complete the course" must meet its target');
    // Read in Dutch, the case's Dutch texts (the file is bilingual); the figures are the same.
    const nl = loadCase(readFileSync("examples/impact-bond.yaml", "utf8"), "yaml", { lang: "nl" });
    if (!nl.ok) throw new Error("impact-bond.yaml is not valid in Dutch");
    const nlBond = evaluateModel(nl.model).arrangements.find((a) => a.id === "impact-bond")!;
    expect(nlBond.explanation.nl[1]).toContain('kwaliteitspoort: "Aandeel starters dat de cursus afrondt" moet zijn doel halen');
    expect(nlBond.partners.map((p) => p.npv)).toEqual(bond.partners.map((p) => p.npv));
    expect(text).toContain("missed in 2024, so EUR 598,000 is not paid");
    expect(text).toContain("cap EUR 700,000 a year for all payers together (binds in 2026-2028)");
    expect(text).toContain("cap EUR 2,070,000 in total (reached in 2028)");
    expect(text).toContain("1 year after the outcome");
  });
  it("warns where an arrangement breaks a budget limit: Venlo pays the programme by inhabitants in 2023", () => {
    const municipalities = ev.arrangements.find((a) => a.id === "gemeenten-betalen")!;
    expect(municipalities.cash.breaches.map((b) => [b.partner, b.year, b.limit])).toEqual([["venlo", 2023, 15_000_000]]);
    expect(bond.cash.breaches).toEqual([]);
  });
});

/** A payer saves EUR 1,000 a year on an effect of 10 units; a provider does the work, an investor pre-finances it. */
const base = (steps: unknown[], extra: Partial<CaseInput> = {}): CaseInput => ({
  id: "o", title: "O", priceYear: 2024, startYear: 2025, horizon: 3, discountRate: 0,
  partners: [
    { id: "gem", name: "Gemeente", kind: "municipality", inhabitants: 3 },
    { id: "zv", name: "Verzekeraar", kind: "insurer", inhabitants: 1 },
    { id: "aanbieder", name: "Aanbieder", kind: "provider" },
    { id: "inv", name: "Investeerder", kind: "investor" },
  ],
  domains: [{ id: "wmo", name: "Wmo", funder: "gem" }, { id: "zvw", name: "Zvw", funder: "zv" }],
  investments: [{ id: "prog", label: "Programma", bearer: "aanbieder", domain: "wmo", amount: 500 }],
  effects: [
    { id: "ed", label: "SEH", domain: "zvw", quantity: 10, unitPrice: 100 },
    { id: "falls", label: "Vallen", type: "outcome", unit: "fall", quantity: 10 },
  ],
  indicators: [{ id: "q", label: "Kwaliteit", targets: { "2025": 8, "2026": 8, "2027": 8 }, actuals: { "2025": 9, "2026": 7 } }],
  arrangements: [{ id: "a", name: "A", steps: steps as never }],
  ...extra,
});
const step = (ev: ReturnType<typeof evaluate>) => ev.arrangements.find((a) => a.id === "a")!;

describe("outcome payments", () => {
  it("pays price x units in the year of the outcome, split by a key", () => {
    const ev = evaluate(base([{ type: "outcome-payments", payer: { key: { type: "inhabitants", partners: ["gem", "zv"] } }, recipient: "inv", outcomes: [{ effect: "falls", price: 30 }] }]));
    const a = step(ev);
    expect(a.outcomePayments[0]!.years.map((y) => y.paid)).toEqual([30_000, 30_000, 30_000]);
    expect(a.steps[0]!.transfers.filter((t) => t.year === 2025)).toEqual([
      { year: 2025, from: "gem", to: "inv", amount: 22_500, reason: "outcome-payment" },
      { year: 2025, from: "zv", to: "inv", amount: 7_500, reason: "outcome-payment" },
    ]);
  });
  it("shifts payments by the lag and reports what falls after the horizon", () => {
    const ev = evaluate(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ effect: "falls", price: 30 }], lag: 2 }]));
    const op = step(ev).outcomePayments[0]!;
    expect(op.years.map((y) => y.paymentYear)).toEqual([2027, null, null]);
    expect(op.beyondHorizon).toBe(60_000);
    expect(step(ev).explanation.en[0]).toContain("EUR 600 for outcomes of 2026-2027 falls after the horizon and is not counted");
  });
  it("pays nothing for a year whose gate indicator misses its target; a year without a measurement passes, or fails with missing: fail", () => {
    const pass = evaluate(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ effect: "falls", price: 30 }], gate: { indicator: "q" } }]));
    expect(step(pass).outcomePayments[0]!.years.map((y) => [y.gatePassed, y.paid])).toEqual([[true, 30_000], [false, 0], [true, 30_000]]);
    const fail = evaluate(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ effect: "falls", price: 30 }], gate: { indicator: "q", missing: "fail" } }]));
    expect(step(fail).outcomePayments[0]!.years.map((y) => y.paid)).toEqual([30_000, 0, 0]);
  });
  it("prices an indicator's improvement on a baseline (its target where not measured)", () => {
    const ev = evaluate(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ indicator: "q", baseline: 6, price: 100 }] }]));
    // 2025: measured 9 -> 3 units; 2026: measured 7 -> 1; 2027: target 8 -> 2.
    expect(step(ev).outcomePayments[0]!.years.map((y) => [y.units[0], y.paid])).toEqual([[3, 30_000], [1, 10_000], [2, 20_000]]);
  });
  it("caps per year and in total for all payers together, each payer's part scaled alike", () => {
    const ev = evaluate(base([{ type: "outcome-payments", payer: { key: { type: "fixed", shares: { gem: 1, zv: 1 } } }, recipient: "inv", outcomes: [{ effect: "ed", price: 100 }], cap: { perYear: 800, total: 2000 } }]));
    const op = step(ev).outcomePayments[0]!;
    // Due 1,000 a year: 800, 800, then 400 left of the 2,000.
    expect(op.years.map((y) => [y.due, y.paid, y.capped, y.payers.gem, y.payers.zv])).toEqual([
      [100_000, 80_000, 20_000, 40_000, 40_000], [100_000, 80_000, 20_000, 40_000, 40_000], [100_000, 40_000, 60_000, 20_000, 20_000],
    ]);
  });
  it("splits by each payer's own saving with a benefit key restricted to domains", () => {
    const ev = evaluate(base([{ type: "outcome-payments", payer: { key: { type: "benefit", partners: ["gem", "zv"], domains: ["zvw"] } }, recipient: "inv", outcomes: [{ effect: "falls", price: 30 }] }], {
      effects: [
        { id: "ed", label: "SEH", domain: "zvw", quantity: 10, unitPrice: 100 },
        { id: "wmo", label: "Wmo", domain: "wmo", quantity: 10, unitPrice: 100 },
        { id: "falls", label: "Vallen", type: "outcome", unit: "fall", quantity: 10 },
      ],
    }));
    // Only the insurer saves in zvw: it pays everything, though the municipality saves as much in wmo.
    expect(step(ev).steps[0]!.transfers.every((t) => t.from === "zv")).toBe(true);
  });
  it("names every problem with its path: an unknown effect or indicator, both or neither, a baseline on an effect", () => {
    const v = validateCase(base([{ type: "outcome-payments", payer: "zv", recipient: "nobody", outcomes: [{ effect: "fals", price: 1 }, { indicator: "qq", price: 1 }, { effect: "falls", indicator: "q", price: 1 }, { effect: "falls", baseline: 3, price: 1 }], gate: { indicator: "x" } }]), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      'arrangements.0.steps.0.recipient: unknown partner "nobody"',
      'arrangements.0.steps.0.outcomes.0.effect: unknown (money) effect "fals"',
      'arrangements.0.steps.0.outcomes.1.indicator: unknown indicator "qq" (known: q)',
      "arrangements.0.steps.0.outcomes.2: an outcome names exactly one of effect and indicator",
      "arrangements.0.steps.0.outcomes.3.baseline: a baseline belongs with an indicator, not with an effect",
      'arrangements.0.steps.0.gate.indicator: unknown indicator "x" (known: q)',
    ]);
  });
});

describe("pre-financing", () => {
  it("has the investor pay the covered investments to their bearer, so the provider carries nothing", () => {
    const ev = evaluate(base([{ type: "pre-financing", investor: "inv", pays: { investments: ["prog"] } }]));
    const a = step(ev);
    expect(a.partners.find((p) => p.id === "aanbieder")!.net).toBe(0);
    expect(a.partners.find((p) => p.id === "inv")!.net).toBe(-150_000);
    expect(a.explanation.en[0]).toBe("Pre-financing: Investeerder pays Aanbieder EUR 1,500 for Programma (over 3 years); the investor carries these costs until outcome payments repay them (in part).");
  });
  it("cannot cover an investment a pot or decision rules already cover", () => {
    const v = validateCase(base([{ type: "decision-rules", rules: [{ match: {}, payer: "gem" }] }, { type: "pre-financing", investor: "inv" }]), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues[0]!.message).toMatch(/investment "prog" is already covered by arrangements\[0\]\.steps\[0\]/);
  });
  it("with outcome payments, gives the investor's return: money multiple, IRR and payback", () => {
    const ev = evaluate(base([{ type: "pre-financing", investor: "inv" }, { type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ effect: "ed", price: 60 }], lag: 1 }]));
    // Out 500 a year; back 600 in 2026 and 2027 (the 2027 result falls after the horizon).
    const r = step(ev).cash.investors[0]!;
    expect([r.paidOut, r.received, r.multiple, r.paybackYear]).toEqual([150_000, 120_000, 0.8, null]);
  });
});
