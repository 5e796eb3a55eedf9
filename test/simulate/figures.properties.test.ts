/**
 * The Monte Carlo's status quo per sample (engine/simulate/figures.ts: no ledger) against the
 * naive reference it replaced: a whole `buildLedger`, `baseFigures` over it and the row
 * functions (engine/arrangements/yearly.ts). Every figure the same, and every arrangement's
 * transfers (`arrangementTransfers`, the one step loop of `applyArrangement`) on the sample's
 * status quo the same as on the ledger: every partner's NPV, net and net per year, and every
 * error (the sample's upper bound of its sums must decide the overflow checks as the ledger's
 * exact sums do).
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { parameterValues, planSimulation, sampleColumns, validateCase, type Model } from "../../engine/index.ts";
import { baseFigures, buildLedger } from "../../engine/ledger/ledger.ts";
import type { BaseFigures } from "../../engine/case/model.ts";
import { effectResult, lostMargin } from "../../engine/arrangements/yearly.ts";
import { arrangementTransfers } from "../../engine/simulate/arrangements.ts";
import { compileFigures, figuresKernel, type SampleStatusQuo } from "../../engine/simulate/figures.ts";
import { arbUncertainCaseWithArrangements } from "./arbitraries.ts";
import { model } from "../helpers.ts";

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 60 });

/** What a call gives: its value, or its error's class, code, path and message. */
function outcome<T>(f: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try { return { ok: true, value: f() }; } catch (e) {
    const x = e as { constructor: { name: string }; code?: string; path?: unknown; message?: string };
    return { ok: false, error: { kind: x.constructor.name, code: x.code, path: x.path, message: x.message } };
  }
}

const sortedEntries = (m: ReadonlyMap<unknown, number>) => [...m.entries()].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
/** Investment costs as (line, year, cost) with costs of 0 and lines without rows left out (both read as 0 by every step). */
const costsOf = (b: BaseFigures) => [...b.investmentCosts().entries()].flatMap(([line, m]) => [...m.entries()].filter(([, v]) => v !== 0).map(([y, v]) => [line, y, v])).sort();

/** Every figure of the sample path equals the reference's, at these values. */
function sameFigures(m: Model, sample: SampleStatusQuo, values: Float64Array): void {
  const ledger = buildLedger(m, values);
  const ref = baseFigures(m, ledger), got = sample.base, rows = ledger.rows;
  const partners = m.case.partners.map((p) => p.id), domains = m.case.domains.map((d) => d.id);
  expect(costsOf(got)).toEqual(costsOf(ref));
  expect(got.absoluteSums()).toEqual(ref.absoluteSums());
  expect(sortedEntries(got.benefit())).toEqual(sortedEntries(ref.benefit()));
  for (const ds of [domains, ...domains.map((d) => [d])]) expect(sortedEntries(got.benefitIn(ds))).toEqual(sortedEntries(ref.benefitIn(ds)));
  for (const p of [...partners, "nobody"]) {
    expect(got.netPerYear(p)).toEqual(ref.netPerYear(p));
    expect(got.invested(p)).toBe(ref.invested(p));
    // The ledger's figures and the sample's against the row functions (the naive reference).
    const lost = sortedEntries(lostMargin(rows, p));
    expect(sortedEntries(got.lostMargin(p))).toEqual(lost);
    expect(sortedEntries(ref.lostMargin(p))).toEqual(lost);
    for (const ds of [undefined, ...domains.map((d) => [d])]) for (const cashable of [false, true]) {
      const want = sortedEntries(effectResult(m, rows, p, ds, cashable));
      expect(sortedEntries(got.effectResult(p, ds, cashable))).toEqual(want);
      expect(sortedEntries(ref.effectResult(p, ds, cashable))).toEqual(want);
    }
  }
  expect(sample.rows()).toEqual(rows);
}

/** Every arrangement's additions to NPV, net and net per year (or its error) the same on both paths. */
function sameTransfers(m: Model, sample: () => SampleStatusQuo, values: Float64Array): void {
  const P = m.case.partners.length, Y = m.years.length;
  const index = new Map(m.case.partners.map((p, i) => [p.id, i]));
  for (const arr of m.arrangements) {
    const sums = () => ({ npv: new Float64Array(P).fill(1), net: new Float64Array(P).fill(2), yearly: new Float64Array(P * Y).fill(3) });
    const a = sums(), b = sums();
    const want = outcome(() => arrangementTransfers(m, values, buildLedger(m, values), arr, index, a.npv, a.net, a.yearly));
    const got = outcome(() => arrangementTransfers(m, values, sample(), arr, index, b.npv, b.net, b.yearly));
    expect(got.ok).toBe(want.ok);
    if (!want.ok) { expect(got).toEqual(want); continue; }
    expect(b).toEqual(a);
  }
}

describe("the Monte Carlo's arrangements without a ledger per sample", () => {
  test.prop([arbUncertainCaseWithArrangements, fc.integer({ min: 0, max: 1000 })], { numRuns: 40 })(
    "at sampled values, the sample figures (lines that do not move kept from the base values) equal baseFigures over buildLedger and the row functions, and every arrangement's transfers equal arrangementTransfers' to the cent, errors included",
    (c, seed) => {
      const v = validateCase(c, { lang: "en" });
      fc.pre(v.ok); // random arrangements can be invalid (a settlement with nothing to share by)
      const m = v.model, plan = planSimulation(m);
      const n = 4, cols = sampleColumns(plan, { seed, lhs: false }, 0, n);
      const kernel = figuresKernel(plan);
      for (let i = 0; i < n; i++) {
        const values = plan.base.slice();
        plan.uncertain.forEach((u, j) => { values[u.slot] = cols[j]![i]!; });
        for (const d of plan.derived) values[d] = m.parameters.formulas[d]!(values);
        const built = outcome(() => buildLedger(m, values)), filled = outcome(() => kernel.fill(values));
        expect(filled.ok ? true : filled.error).toEqual(built.ok ? true : (built as { error: unknown }).error);
        if (!built.ok) continue;
        sameFigures(m, kernel.fill(values), values);
        sameTransfers(m, () => kernel.fill(values), values);
      }
    },
  );

  test.prop([arbUncertainCaseWithArrangements, fc.integer({ min: 0, max: 1000 })], { numRuns: 40 })(
    "at any parameter values (every line made per sample), the same figures, transfers and input errors as the ledger",
    (c, seed) => {
      const v = validateCase(c, { lang: "en" });
      fc.pre(v.ok);
      const m = v.model;
      // Move every parameter away from its base value (by the seed), far enough to break a fraction or a bound now and then.
      const overrides: Record<string, number> = {};
      Object.keys(m.case.parameters).forEach((name, i) => { overrides[name] = parameterValues(m.parameters)[m.parameters.slot.get(name)!]! * (1 + ((seed % 9) - 4) / 2) + i * (seed % 3 === 0 ? 1e9 : 1); });
      const values = parameterValues(m.parameters, overrides);
      const kernel = compileFigures(m);
      const built = outcome(() => buildLedger(m, values)), filled = outcome(() => kernel.fill(values));
      expect(filled.ok ? true : filled.error).toEqual(built.ok ? true : (built as { error: unknown }).error);
      if (!built.ok) return;
      sameFigures(m, kernel.fill(values), values);
      sameTransfers(m, () => kernel.fill(values), values);
    },
  );
});

describe("the sample's figures in any order", () => {
  // The net per year alone adds the waiting rows' amounts without making the rows (a
  // settlement reads only it), the sums and the benefit shares add their sums (a pot's benefit
  // key); a figure read after them makes the rows without adding them again.
  const figures = ["net", "sums", "benefit", "benefitIn", "effect", "lost", "costs", "rows", "net again", "sums again"] as const;
  test.prop([arbUncertainCaseWithArrangements, fc.integer({ min: 0, max: 1000 }), fc.shuffledSubarray([...figures], { minLength: figures.length })], { numRuns: 40 })(
    "read in a random order, each figure equals baseFigures over buildLedger",
    (c, seed, order) => {
      const v = validateCase(c, { lang: "en" });
      fc.pre(v.ok);
      const m = v.model, plan = planSimulation(m);
      const n = 3, cols = sampleColumns(plan, { seed, lhs: false }, 0, n);
      const kernel = figuresKernel(plan);
      const partners = [...m.case.partners.map((p) => p.id), "nobody"], domains = m.case.domains.map((d) => d.id);
      for (let i = 0; i < n; i++) {
        const values = plan.base.slice();
        plan.uncertain.forEach((u, j) => { values[u.slot] = cols[j]![i]!; });
        for (const d of plan.derived) values[d] = m.parameters.formulas[d]!(values);
        const built = outcome(() => buildLedger(m, values));
        if (!built.ok) continue;
        const ledger = buildLedger(m, values), ref = baseFigures(m, ledger);
        const sample = kernel.fill(values), got = sample.base;
        // The first sample reads the net per year first, the second the sums first (then the rest in the random order).
        const first = i === 0 ? "net" : i === 1 ? "sums" : undefined;
        for (const figure of first ? [first, ...order.filter((f) => f !== first)] : order) {
          if (figure === "net" || figure === "net again") for (const p of partners) expect(got.netPerYear(p)).toEqual(ref.netPerYear(p));
          else if (figure === "sums" || figure === "sums again") expect(got.absoluteSums()).toEqual(ref.absoluteSums());
          else if (figure === "benefit") expect(sortedEntries(got.benefit())).toEqual(sortedEntries(ref.benefit()));
          else if (figure === "benefitIn") expect(sortedEntries(got.benefitIn(domains))).toEqual(sortedEntries(ref.benefitIn(domains)));
          else if (figure === "effect") for (const p of partners) expect(sortedEntries(got.effectResult(p, undefined, false))).toEqual(sortedEntries(ref.effectResult(p, undefined, false)));
          else if (figure === "lost") for (const p of partners) expect(sortedEntries(got.lostMargin(p))).toEqual(sortedEntries(ref.lostMargin(p)));
          else if (figure === "costs") expect(costsOf(got)).toEqual(costsOf(ref));
          else expect(sample.rows()).toEqual(ledger.rows);
        }
      }
    },
  );
});

describe("the Monte Carlo's arrangements near the bound of exact cents", () => {
  // Each row within MAX_CENTS; the sums of all rows, or of the rows and the transfers, near or past it.
  const big = (effect: number, cost: number) => model({
    id: "big", title: "big", priceYear: 2024, startYear: 2025, horizon: 5,
    partners: [{ id: "gemeente", name: "Gemeente", kind: "municipality" }, { id: "verzekeraar", name: "Verzekeraar", kind: "insurer" }],
    domains: [{ id: "wmo", name: "Wmo", funder: "gemeente" }, { id: "zvw", name: "Zvw", funder: "verzekeraar" }],
    // Small at the base values (validation evaluates them), large where the test evaluates.
    parameters: { q: 1, c: 1 },
    investments: [{ id: "team", label: "Team", bearer: "gemeente", domain: "wmo", amount: `c * ${cost / 1e6}`, schedule: { type: "recurring" } }],
    effects: [{ id: "seh", label: "SEH", domain: "zvw", quantity: `q * ${effect / 1e6}`, unitPrice: 1 }],
    arrangements: [{ id: "regels", name: "Regels", steps: [{ type: "decision-rules", rules: [{ match: {}, payer: "verzekeraar" }] }] }],
  });

  test.each([
    ["the rows within MAX_CENTS, the transfers past it", 1.4e13, 2e12, "transfers"],
    ["the rows past MAX_CENTS", 2e13, 2e12, "rows"],
    ["the rows and the transfers just within it", 1.2e13, 2e12, "none"],
  ])("%s: the same figures, transfers or error as the ledger", (_, effect, cost, past) => {
    const m = big(effect, cost);
    const values = parameterValues(m.parameters, { q: 1e6, c: 1e6 });
    const built = outcome(() => buildLedger(m, values)), filled = outcome(() => compileFigures(m).fill(values));
    expect(filled.ok ? true : filled.error).toEqual(built.ok ? true : (built as { error: unknown }).error);
    expect(built.ok ? "" : (built.error as { code: string }).code).toBe(past === "rows" ? "totalOverflow" : "");
    if (!built.ok) return;
    const kernel = compileFigures(m);
    const P = m.case.partners.length, Y = m.years.length, index = new Map(m.case.partners.map((p, i) => [p.id, i]));
    const ref = outcome(() => arrangementTransfers(m, values, buildLedger(m, values), m.arrangements[1]!, index, new Float64Array(P), new Float64Array(P), new Float64Array(P * Y)));
    expect(ref.ok ? "" : (ref.error as { code: string }).code).toBe(past === "transfers" ? "totalOverflow" : "");
    sameTransfers(m, () => kernel.fill(values), values);
    sameFigures(m, kernel.fill(values), values);
  });
});
