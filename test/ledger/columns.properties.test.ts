/**
 * The columnar ledger (engine/ledger/columns.ts) against the ledger it replaced, kept here as the
 * naive reference: row objects pushed one by one (`ledgerLines` into an array) and sorted, and
 * every figure computed from those rows by the row functions (computeMetrics per partner and for
 * society, cashView, wrongPocket) or by the rule written out plainly (benefit shares, what each
 * partner invested, net per year, each investment's cost per year). Equal to the cent, field by
 * field, on random cases with arrangements; and the summary does not depend on the rows' order.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { cashView, computeMetrics, evaluateModel, parameterValues, validateCase, wrongPocket, type Model } from "../../engine/index.ts";
import { baseFigures, buildLedger, buildLedgerMoved, compareRows, ledgerFromRows, ledgerLines, rangesOfLedgerForTest, summaryOf, sumsOf } from "../../engine/ledger/ledger.ts";
import { partnerSums, summarizeColumns } from "../../engine/ledger/columns.ts";
import { movedLines } from "../../engine/ledger/moved.ts";
import type { LedgerRow, OutcomeRow } from "../../engine/ledger/row.ts";
import { arbCaseWithArrangements } from "../arbitraries.ts";
import { validRandomCase } from "../helpers.ts";

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: Number(process.env.BCASE_PROPERTY_RUNS ?? 120) });

/** The ledger as it was built before the columns: objects, then the canonical sort. */
function referenceRows(model: Model, values: ArrayLike<number>): LedgerRow[] {
  const rows: LedgerRow[] = [], outcomes: OutcomeRow[] = [];
  ledgerLines(model, values, undefined, rows, outcomes);
  return rows.sort(compareRows);
}

const valid = validRandomCase;

describe("the columnar ledger", () => {
  test.prop([arbCaseWithArrangements])("rows, every partner's and society's metrics, cash and wrong pocket equal the row-by-row reference", (c) => {
    const model = valid(c);
    if (!model) return;
    const ev = evaluateModel(model);
    const rows = referenceRows(model, parameterValues(model.parameters));
    expect(ev.ledger.rows).toEqual(rows);
    for (const p of ev.partners) {
      const { id, name, kind, ...metrics } = p;
      expect(metrics).toEqual(computeMetrics(rows.filter((r) => r.partner === id), ev.years));
    }
    expect(ev.society).toEqual(computeMetrics(rows, ev.years, true));
    expect(ev.cash).toEqual(cashView(model.case.partners, rows, ev.years));
    expect(ev.wrongPocket).toEqual(wrongPocket(rows, model.case.partners.map((p) => p.id), new Set(model.effects.map((e) => e.line.id))));
  });

  test.prop([arbCaseWithArrangements])("what arrangement steps read of the status quo equals the rule over its rows", (c) => {
    const model = valid(c);
    if (!model) return;
    const ev = evaluateModel(model);
    const rows = referenceRows(model, parameterValues(model.parameters));
    const base = baseFigures(model, ev.ledger);
    const effectLines = new Set(model.effects.map((e) => e.line.id));
    const benefit = new Map<string, number>();
    for (const r of rows) if (effectLines.has(r.line)) benefit.set(r.partner, (benefit.get(r.partner) ?? 0) + r.discounted);
    for (const [p, v] of benefit) benefit.set(p, Math.max(0, v));
    expect(Object.fromEntries(base.benefit())).toEqual(Object.fromEntries(benefit));
    // By domain (a benefit key with domains): each domain alone, and all of them.
    const domainIds = model.case.domains.map((d) => d.id);
    for (const domains of [...domainIds.map((d) => [d]), domainIds]) {
      const want = new Map<string, number>();
      for (const r of rows) if (effectLines.has(r.line) && domains.includes(r.domain)) want.set(r.partner, (want.get(r.partner) ?? 0) + r.discounted);
      for (const [p, v] of want) want.set(p, Math.max(0, v));
      expect(Object.fromEntries(base.benefitIn(domains))).toEqual(Object.fromEntries(want));
    }
    const costs = new Map<string, Map<number, number>>();
    for (const r of rows.filter((x) => x.kind === "investment")) {
      const m = costs.get(r.line) ?? new Map<number, number>();
      m.set(r.year, (m.get(r.year) ?? 0) - r.amount);
      costs.set(r.line, m);
    }
    const plain = (m: ReadonlyMap<string, ReadonlyMap<number, number>>) => Object.fromEntries([...m].map(([k, v]) => [k, Object.fromEntries(v)]));
    expect(plain(base.investmentCosts())).toEqual(plain(costs));
    for (const p of model.case.partners) {
      const own = rows.filter((r) => r.partner === p.id);
      expect(base.netPerYear(p.id)).toEqual(ev.years.map((y) => own.filter((r) => r.year === y).reduce((s, r) => s + r.amount, 0)));
      expect(base.invested(p.id)).toBe(0 - own.filter((r) => r.kind === "investment").reduce((s, r) => s + r.discounted, 0));
    }
    expect(base.absoluteSums()).toEqual([rows.reduce((s, r) => s + Math.abs(r.amount), 0), rows.reduce((s, r) => s + Math.abs(r.discounted), 0)]);
  });

  test.prop([arbCaseWithArrangements, fc.array(fc.tuple(fc.nat(), fc.double({ min: -1, max: 4, noNaN: true })), { minLength: 1, maxLength: 3 })])("a move that builds only the lines a changed parameter reads gives the evaluation (or the input error) of a whole build", (c, changes) => {
    const model = valid(c);
    if (!model) return;
    const names = model.parameters.order;
    if (names.length === 0) return;
    const base = parameterValues(model.parameters);
    const overrides: Record<string, number> = {};
    for (const [k, factor] of changes) { const n = names[k % names.length]!; overrides[n] = base[model.parameters.slot.get(n)!]! * factor; }
    evaluateModel(model); // the base evaluation a move starts from
    // The reference: the same case compiled again without validation's dry run (which makes the
    // base evaluation), so the model has none and the move is a whole build, every arrangement's
    // steps run; and the rows pushed one by one.
    const compiled = validateCase(c, { lang: "en", validated: true });
    if (!compiled.ok) throw new Error("a valid case compiles");
    const fresh = compiled.model;
    const outcome = (f: () => unknown) => { try { return { ok: f() }; } catch (e) { return { error: e instanceof Error ? [e.constructor.name, (e as { code?: string }).code, JSON.stringify((e as { path?: unknown }).path)] : e }; } };
    const moved = outcome(() => evaluateModel(model, overrides)), whole = outcome(() => evaluateModel(fresh, overrides));
    if ("error" in whole) { expect(moved).toEqual(whole); return; }
    expect("ok" in moved).toBe(true);
    const a = (moved as { ok: ReturnType<typeof evaluateModel> }).ok, b = (whole as { ok: ReturnType<typeof evaluateModel> }).ok;
    expect(a.ledger.rows).toEqual(referenceRows(model, parameterValues(model.parameters, overrides)));
    expect(a.ledger.outcomes).toEqual(b.ledger.outcomes);
    expect({ ...a, case: undefined, ledger: undefined }).toEqual({ ...b, case: undefined, ledger: undefined });
  });

  test.prop([arbCaseWithArrangements, fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 3, noNaN: true })), { minLength: 2, maxLength: 4 })])("moves built over one reused set of columns (validation's probes) each equal a whole build, one after another", (c, moves) => {
    const model = valid(c);
    if (!model) return;
    const names = model.parameters.order;
    if (names.length === 0) return;
    const baseValues = parameterValues(model.parameters);
    const base = buildLedger(model, baseValues);
    for (const [k, factor] of moves) {
      const name = names[k % names.length]!, slot = model.parameters.slot.get(name)!;
      const values = parameterValues(model.parameters, { [name]: baseValues[slot]! * factor });
      const mask = movedLines(model, baseValues, values).mask;
      let whole;
      try { whole = buildLedger(model, values); } catch { continue; }
      const reused = buildLedgerMoved(model, values, base, mask, true);
      expect(reused.rows).toEqual(whole.rows);
      const plain = (l: typeof whole) => { const { netPerYear, ...rest } = sumsOf(model, l); return { ...rest, net: model.case.partners.map((_, p) => netPerYear(p)) }; };
      expect(plain(reused)).toEqual(plain(whole));
      expect(summaryOf(model, reused)?.partners).toEqual(summaryOf(model, whole)?.partners);
    }
  });

  test.prop([arbCaseWithArrangements, fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 3, noNaN: true })), { maxLength: 2 })])("the plain per-partner sums made in the summary's pass equal partnerSums' own pass, whole ledgers and moves", (c, moves) => {
    const model = valid(c);
    if (!model) return;
    const names = model.parameters.order, baseValues = parameterValues(model.parameters);
    const base = buildLedger(model, baseValues);
    const ids = model.case.partners.map((p) => p.id), effects = new Set(model.effects.map((e) => e.line.id));
    const ledgers = [base];
    for (const [k, factor] of names.length ? moves : []) {
      const name = names[k % names.length]!, v = baseValues[model.parameters.slot.get(name)!]!;
      const values = parameterValues(model.parameters, { [name]: v === 0 ? factor : v * factor });
      try { ledgers.push(buildLedgerMoved(model, values, base, movedLines(model, baseValues, values).mask)); } catch { /* an input error: no ledger */ }
    }
    const plain = (s: ReturnType<typeof partnerSums>) => { const { netPerYear, ...rest } = s; return { ...rest, net: ids.map((_, p) => netPerYear(p)) }; };
    for (const l of ledgers) {
      const ranges = rangesOfLedgerForTest(l);
      const both = summarizeColumns(ranges, ids, model.years, effects);
      expect(plain(both.sums)).toEqual(plain(partnerSums(ranges, ids, model.years, effects)));
      const alone = summarizeColumns(ranges, ids, model.years);
      expect({ partners: both.partners, society: both.society, inflow: both.inflow, outflow: both.outflow }).toEqual({ partners: alone.partners, society: alone.society, inflow: alone.inflow, outflow: alone.outflow });
    }
  });

  test.prop([arbCaseWithArrangements, fc.integer()])("the summary of the same rows in any order is the same (rows net per line and year wherever they are)", (c, seed) => {
    const model = valid(c);
    if (!model) return;
    const ev = evaluateModel(model);
    const shuffled = ev.ledger.rows.slice();
    // A seeded Fisher-Yates shuffle (fast-check gives the seed, so a failure replays).
    let s = seed >>> 0;
    for (let i = shuffled.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const j = s % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const figures = (l: ReturnType<typeof ledgerFromRows>) => {
      const s = summaryOf(model, l)!, own = sumsOf(model, l);
      return { partners: s.partners, society: s.society, inflow: s.inflow, outflow: s.outflow, net: model.case.partners.map((_, i) => own.netPerYear(i)), invested: own.invested, impactAmount: own.impactAmount, impactPv: own.impactPv, impactRows: own.impactRows, abs: [own.absAmount, own.absDiscounted] };
    };
    expect(figures(ledgerFromRows(shuffled))).toEqual(figures(ev.ledger));
  });
});
