/**
 * The small case the arrangement tests start from: a municipality (gem), an insurer (zv) and a
 * hospital (zh); the municipality invests EUR 1,000 a year in the Wmo; the insurer saves 10 days
 * x EUR 300 a year in the Zvw, which the hospital loses as production (variable cost 25 %).
 * Rate 0, two years, unless the test overrides it.
 */
import type { CaseInput } from "../../engine/index.ts";

export const careCase = (over: Partial<CaseInput> = {}): CaseInput => ({
  id: "t", title: "T", priceYear: 2024, startYear: 2025, horizon: 2, discountRate: 0,
  partners: [
    { id: "gem", name: "Gemeente", kind: "municipality", inhabitants: 30000 },
    { id: "zv", name: "Verzekeraar", kind: "insurer", insured: 10000 },
    { id: "zh", name: "Ziekenhuis", kind: "provider" },
  ],
  domains: [
    { id: "wmo", name: "Wmo", funder: "gem" },
    { id: "zvw", name: "Zvw", funder: "zv", providers: ["zh"], variableCostShare: 0.25 },
  ],
  investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 1000 }],
  effects: [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300, production: true }],
  arrangements: [],
  ...over,
});

/** `careCase` with one arrangement "a" of these steps. */
export const withSteps = (steps: object[], over: Partial<CaseInput> = {}): CaseInput => careCase({ arrangements: [{ id: "a", name: "A", steps: steps as never }], ...over });
