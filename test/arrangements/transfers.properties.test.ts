/**
 * An arrangement's transfers are kept as columns (engine/arrangements/transfers.ts) and every
 * figure is made from them: each partner's metrics (`withTransferSums`), society's, the cash view,
 * the pots' present values, the rows the step loop hands on. The naive reference is the way it was
 * done before: two row objects per transfer, made from each step's transfers as the step loop
 * made them, and the row functions over them (`withTransfers`, `societyWithTransfers`,
 * `cashViewOfFlows` with rows). Equal to the cent, field by field, on random cases.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { evaluateModel, validateCase, type CaseInput } from "../../engine/index.ts";
import { runArrangementSteps, runArrangementTransfers } from "../../engine/arrangements/apply.ts";
import { cashViewOfFlows } from "../../engine/ledger/cash.ts";
import { compareRows, statusQuoFlows } from "../../engine/ledger/ledger.ts";
import { computeMetrics, societyWithTransfers, withTransfers } from "../../engine/ledger/metrics.ts";
import { discountFactor } from "../../engine/money/discount.ts";
import { discountedCents } from "../../engine/money/money.ts";
import type { LedgerRow } from "../../engine/ledger/row.ts";
import type { Model } from "../../engine/case/model.ts";
import type { ArrangementResult } from "../../engine/arrangements/types.ts";
import { arbCaseWithArrangements } from "../arbitraries.ts";

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 80 });

/** The rows of one step's transfers as the step loop wrote them before the columns. */
function referenceRows(model: Model, arr: { id: string }, step: ArrangementResult["steps"][number]): LedgerRow[] {
  const c = model.case, rows: LedgerRow[] = [];
  const domainOf = new Map(model.investments.map((i) => [i.line.id, i.line.domain]));
  for (const t of step.transfers) {
    const k = t.year - c.startYear;
    const discounted = discountedCents(t.amount, discountFactor(c.discountRate, k), c.discountRate, k);
    const domain = (t.about && domainOf.get(t.about)) ?? "";
    const line = `${arr.id}/${step.id}`;
    rows.push({ year: t.year, domain, line, kind: "transfer", cashable: true, arrangement: arr.id, reason: t.reason, partner: t.from, amount: -t.amount, discounted: 0 - discounted, counterparty: t.to });
    rows.push({ year: t.year, domain, line, kind: "transfer", cashable: true, arrangement: arr.id, reason: t.reason, partner: t.to, amount: t.amount, discounted, counterparty: t.from });
  }
  return rows;
}

describe("an arrangement's transfers as columns", () => {
  test.prop([arbCaseWithArrangements])(
    "rows, every partner's and society's metrics, cash and pots equal those made from row objects",
    (c: CaseInput) => {
      const v = validateCase(c, { lang: "en" });
      if (!v.ok) {
        expect(v.issues.every((i) => ["settlementNoBasis", "weightsZero"].includes(i.code))).toBe(true);
        return;
      }
      const model = v.model, ev = evaluateModel(model);
      for (const a of ev.arrangements) {
        const arr = model.arrangements.find((x) => x.id === a.id)!;
        const perStep = a.steps.map((s) => referenceRows(model, arr, s));
        const all = perStep.flat();
        // The rows (canonical order; and as the step loop hands them on, step by step, in order).
        expect(a.rows).toEqual([...all].sort(compareRows));
        const handed: LedgerRow[][] = [];
        runArrangementSteps(model, parameterVector(model, ev), ev.ledger, arr, (_s, _o, rows) => { handed.push(rows); });
        expect(handed).toEqual(arr.steps.length === 0 ? [] : perStep);
        // The log's columns (what a step reads as `ctx.transfers`, what the Monte Carlo books) are the steps' transfers in order, each with its receiver's discounted amount.
        const log = runArrangementTransfers(model, parameterVector(model, ev), ev.ledger, arr, () => {});
        const view = log.view(log.length);
        const entries = a.steps.flatMap((s, i) => s.transfers.map((t, j) => ({ t, discounted: perStep[i]![2 * j + 1]!.discounted, funding: arr.steps[i]!.funding })));
        expect({ length: view.length, year: view.year, from: view.from, to: view.to, amount: view.amount, discounted: view.discounted, funding: view.funding }).toEqual({
          length: entries.length, year: entries.map((e) => e.t.year), from: entries.map((e) => e.t.from), to: entries.map((e) => e.t.to),
          amount: entries.map((e) => e.t.amount), discounted: entries.map((e) => e.discounted), funding: entries.map((e) => e.funding),
        });
        // Every partner's metrics, society's, the cash view, the pots.
        for (const p of a.partners) {
          const { id, name, kind, ...metrics } = p;
          const own = ev.partners.find((q) => q.id === id)!;
          const { id: _i, name: _n, kind: _k, ...base } = own;
          expect({ id, name, kind }).toEqual({ id: own.id, name: own.name, kind: own.kind });
          expect(metrics).toEqual(withTransfers(base, all.filter((r) => r.partner === id), ev.years));
        }
        expect(a.society).toEqual(societyWithTransfers(ev.society, all, ev.years) ?? computeMetrics([...ev.ledger.rows, ...all], ev.years, true));
        if (arr.steps.length > 0) expect(a.cash).toEqual(cashViewOfFlows(model.case.partners, statusQuoFlows(model, ev.ledger), ev.years, a.pots.map((p) => p.id), all));
        a.pots.forEach((pot, i) => {
          const step = a.steps.filter((s) => s.type === "pot")[i]!;
          const rows = perStep[a.steps.indexOf(step)]!.filter((r) => r.partner === pot.id);
          expect({ npv: pot.npv, net: pot.net }).toEqual({ npv: rows.reduce((s, r) => s + r.discounted, 0), net: rows.reduce((s, r) => s + r.amount, 0) });
        });
      }
    },
  );
});

/** The parameter values of the evaluation (by slot), as evaluateModel worked them out. */
function parameterVector(model: Model, ev: { parameters: Record<string, number> }): Float64Array {
  const values = new Float64Array(model.parameters.order.length);
  for (const name of model.parameters.order) values[model.parameters.slot.get(name)!] = ev.parameters[name]!;
  return values;
}
