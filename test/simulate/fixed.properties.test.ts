/**
 * Arrangements whose transfers no sample changes (engine/simulate/fixed.ts): worked out once per
 * Monte Carlo run and added to every sample's status quo. Against the naive reference, every
 * sample through the step loop on its own ledger (`arrangementTransfers` over `buildLedger`),
 * each partner's NPV and net per year under every arrangement the same to the bit (a -0 stays a
 * -0), errors included; and which arrangements count as fixed.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { planSimulation, sampleColumns, validateCase, type CaseInput, type Model } from "../../engine/index.ts";
import { buildLedger } from "../../engine/ledger/ledger.ts";
import { arrangementTransfers } from "../../engine/simulate/arrangements.ts";
import { runChunk } from "../../engine/simulate/chunk.ts";
import { isFixedArrangement } from "../../engine/simulate/fixed.ts";
import { arbPartlyUncertainCaseWithArrangements } from "./arbitraries.ts";
import { model } from "../helpers.ts";

/** Every sample of one chunk: the chunk's figures under each arrangement equal the step loop's on the sample's own ledger. */
function sameAsStepLoop(m: Model, seed: number, exact: boolean, n: number): { fixed: number } {
  const plan = planSimulation(m);
  const settings = { seed, lhs: false, yearly: true, arrangements: m.arrangements.map((_, a) => a), exact };
  const P = m.case.partners.length, E = P + 1, Y = m.years.length;
  const index = new Map(m.case.partners.map((p, i) => [p.id, i]));
  const cols = sampleColumns(plan, settings, 0, n);
  const valuesOf = (i: number) => {
    const values = plan.base.slice();
    plan.uncertain.forEach((u, j) => { values[u.slot] = cols[j]![i]!; });
    for (const d of plan.derived) values[d] = m.parameters.formulas[d]!(values);
    return values;
  };
  let chunk;
  try { chunk = runChunk(plan, settings, 0, 0, n); } catch (e) {
    // The run stops at an input error: some sample's ledger or step loop gives the same one.
    const code = (e as { code?: string }).code;
    expect(code).toBeDefined();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      try {
        const values = valuesOf(i), ledger = buildLedger(m, values);
        for (const arr of m.arrangements) arrangementTransfers(m, values, ledger, arr, index, new Float64Array(P), new Float64Array(P), new Float64Array(P * Y));
      } catch (x) { codes.push((x as { code?: string }).code); }
    }
    expect(codes).toContain(code);
    return { fixed: 0 };
  }
  for (let i = 0; i < n; i++) {
    const values = valuesOf(i), ledger = buildLedger(m, values);
    m.arrangements.forEach((arr, a) => {
      const npv = Float64Array.from({ length: P }, (_, p) => chunk.npv[p * n + i]!);
      const net = Float64Array.from({ length: P }, (_, p) => chunk.net[p * n + i]!);
      const yearly = Float64Array.from({ length: P * Y }, (_, e) => chunk.yearly![e * n + i]!);
      arrangementTransfers(m, values, ledger, arr, index, npv, net, yearly);
      const got = Array.from({ length: P }, (_, p) => chunk.arrangements![(a * E + p) * n + i]!);
      const gotYearly = Array.from({ length: P * Y }, (_, e) => chunk.arrangementYearly![(a * E * Y + e) * n + i]!);
      expect(got).toEqual([...npv]);
      expect(gotYearly).toEqual([...yearly]);
    });
  }
  return { fixed: m.arrangements.filter((arr) => isFixedArrangement(plan, arr)).length };
}

describe("arrangements no sample changes, worked out once per run", () => {
  let fixedSeen = 0, notFixedSeen = 0;
  test.prop([arbPartlyUncertainCaseWithArrangements, fc.integer({ min: 0, max: 1000 }), fc.boolean()], { numRuns: 250 })(
    "every sample's NPV and net per year under every arrangement (fixed or not) equal the step loop's on the sample's own ledger, to the bit; errors the same",
    (c, seed, exact) => {
      const v = validateCase(c, { lang: "en" });
      fc.pre(v.ok); // random arrangements can be invalid (a settlement with nothing to share by)
      const { fixed } = sameAsStepLoop(v.model, seed, exact, 6);
      fixedSeen += fixed;
      notFixedSeen += v.model.arrangements.length - fixed;
    },
  );
  it("(the property above met arrangements of both kinds)", () => {
    expect(fixedSeen).toBeGreaterThan(0);
    expect(notFixedSeen).toBeGreaterThan(0);
  });

  // Two investments, one of them priced by `c`; an effect priced by `q`; parameters sampled as each test says.
  const caseWith = (payer: unknown, sampled: string[], match: object = {}): CaseInput => ({
    id: "fx", title: "fx", priceYear: 2025, startYear: 2025, horizon: 3, discountRate: 0.03,
    partners: [{ id: "gem", name: "Gemeente", kind: "municipality", inhabitants: 1000 }, { id: "zv", name: "Verzekeraar", kind: "insurer" }, { id: "wlz", name: "Zorgkantoor", kind: "care-office" }],
    domains: [{ id: "wmo", name: "Wmo", funder: "gem" }, { id: "zvw", name: "Zvw", funder: "zv" }],
    parameters: Object.fromEntries(Object.entries({ c: 1000, q: 50, w: 2 }).map(([k, v]) => [k, sampled.includes(k) ? { value: v, distribution: { type: "uniform", min: v / 2, max: v * 2 } } : v])),
    investments: [
      { id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 120000, schedule: { type: "recurring" }, category: "revenue" },
      { id: "ict", label: "ICT", bearer: "gem", domain: "wmo", amount: "c * 10", category: "capital" },
    ],
    effects: [{ id: "seh", label: "SEH", domain: "zvw", quantity: "q", unitPrice: 250 }],
    arrangements: [{ id: "rules", name: "Regels", steps: [{ type: "decision-rules", rules: [{ match, payer }, { match: {}, payer: "gem" }] }] }],
  }) as unknown as CaseInput;
  const fixedIn = (c: CaseInput) => { const m = model(c); return isFixedArrangement(planSimulation(m), m.arrangements.find((a) => a.id === "rules")!); };

  it("decision rules are fixed when no sampled parameter reaches their keys or the costs they cover; not when one does", () => {
    const fixedKey = { key: { type: "fixed", shares: { zv: 1, wlz: "w" } } };
    expect(fixedIn(caseWith(fixedKey, ["q"]))).toBe(true);
    expect(fixedIn(caseWith(fixedKey, ["q", "c"]))).toBe(false); // the ICT's cost moves
    expect(fixedIn(caseWith(fixedKey, ["q", "w"]))).toBe(false); // the key's weight moves
    expect(fixedIn(caseWith({ key: { type: "inhabitants" } }, ["q", "w"]))).toBe(true);
    expect(fixedIn(caseWith({ key: { type: "benefit" } }, ["q"]))).toBe(false); // benefit shares read the effects
    expect(fixedIn(caseWith({ key: { type: "blend", parts: [{ weight: "w", key: { type: "fixed", shares: { zv: 1 } } }, { weight: 1, key: { type: "fixed", shares: { wlz: 1 } } }] } }, ["w"]))).toBe(false);
    expect(fixedIn(caseWith({ key: { type: "by-year", years: { 2026: { type: "fixed", shares: { zv: "w" } } }, default: { type: "fixed", shares: { wlz: 1 } } } }, ["w"]))).toBe(false);
    expect(fixedIn(caseWith({ key: { type: "by-year", years: { 2026: { type: "fixed", shares: { zv: "w" } } }, default: { type: "fixed", shares: { wlz: 1 } } } }, ["q", "c"]))).toBe(false); // the ICT's cost moves
    // A rule covering only the team: the ICT falls to the second rule (one payer, gem), whose cost moves.
    expect(fixedIn(caseWith(fixedKey, ["c"], { categories: ["revenue"] }))).toBe(false);
    // A pot: its contribution formula and its keys count, and the investments it pays.
    const pot = (amount: string, sampled: string[], pays: object = {}) => fixedIn({ ...caseWith(fixedKey, sampled), arrangements: [{ id: "rules", name: "Pot", steps: [{ type: "pot", pays, contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } }, amount }, surplus: { action: "return" }, deficit: { order: ["risk-bearer"], riskBearer: "gem" } }] }] } as CaseInput);
    expect(pot("100000", ["q"])).toBe(true);
    expect(pot("w * 100000", ["q"])).toBe(true);
    expect(pot("w * 100000", ["w"])).toBe(false); // the contribution moves
    expect(pot("100000", ["c"])).toBe(false); // the ICT it pays moves
    expect(pot("100000", ["c"], { investments: ["team"] })).toBe(true); // it pays the team only
    // The status quo has no steps: never fixed.
    const m = model(caseWith(fixedKey, ["q"]));
    expect(m.arrangements.filter((a) => a.steps.length === 0).map((a) => isFixedArrangement(planSimulation(m), a))).toEqual([false]);
  });

  it("a fixed arrangement's samples equal the step loop's, on the column kernel and the exact path", () => {
    const m = model(caseWith({ key: { type: "fixed", shares: { zv: 1, wlz: "w" } } }, ["q"]));
    expect(isFixedArrangement(planSimulation(m), m.arrangements.find((a) => a.id === "rules")!)).toBe(true);
    for (const exact of [false, true]) expect(sameAsStepLoop(m, 11, exact, 50).fixed).toBe(1);
  });
});
