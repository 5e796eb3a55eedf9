/**
 * An arrangement's metrics come from the evaluation's own plus its transfer rows
 * (`withTransfers` for a partner, `societyWithTransfers` for society) instead of a second pass
 * over the status quo. The reference is the rule stated plainly: `computeMetrics` over every row,
 * the status quo's and the arrangement's together. Equal to the cent, field by field.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { computeMetrics, evaluateModel, validateCase, type CaseInput } from "../../engine/index.ts";
import { societyWithTransfers, withTransfers } from "../../engine/ledger/metrics.ts";
import type { LedgerKind, LedgerRow } from "../../engine/ledger/row.ts";
import { arbCaseWithArrangements } from "../arbitraries.ts";

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 150 });

const YEARS = [2025, 2026, 2027, 2028, 2029];
const KINDS: LedgerKind[] = ["investment", "saving", "revenue-loss", "variable-cost-saving", "transfer"];
const cents = fc.integer({ min: -5_000_000, max: 5_000_000 });

/** A status-quo row on a few lines (so rows net per line and year), any kind, amount and discounted (0 included). */
const arbRow = fc.record({
  year: fc.constantFrom(...YEARS), line: fc.constantFrom("a", "b", "c"), kind: fc.constantFrom(...KINDS),
  amount: cents, discounted: cents, cashable: fc.boolean(),
}).map((r): LedgerRow => ({ ...r, partner: "p", domain: "d" }));

/** A transfer row as the step loop makes it: a non-zero amount, its discounted value of the same sign or 0. */
const arbTransfer = fc.record({
  year: fc.constantFrom(...YEARS), line: fc.constantFrom("arr/s1", "arr/s2", "a"), amount: fc.integer({ min: 1, max: 5_000_000 }),
  share: fc.double({ min: 0, max: 1, noNaN: true }), out: fc.boolean(),
}).map(({ year, line, amount, share, out }) => {
  const d = Math.round(amount * share);
  return { year, line, amount, d, out };
});

const transferRow = (t: { year: number; line: string; amount: number; d: number }, partner: string, sign: 1 | -1): LedgerRow => ({
  year: t.year, partner, domain: "", line: t.line, kind: "transfer", cashable: true, amount: sign * t.amount, discounted: sign === 1 ? t.d : 0 - t.d,
});

describe("an arrangement's metrics from the evaluation's", () => {
  test.prop([fc.array(arbRow, { maxLength: 40 }), fc.array(arbTransfer, { maxLength: 12 })])(
    "a partner: withTransfers(metrics of its rows, transfers) = metrics of its rows and the transfers",
    (rows, ts) => {
      const added = ts.map((t) => transferRow(t, "p", t.out ? -1 : 1));
      expect(withTransfers(computeMetrics(rows, YEARS), added, YEARS)).toEqual(computeMetrics([...rows, ...added], YEARS));
    },
  );

  test.prop([fc.array(arbRow, { maxLength: 40 }), fc.array(arbTransfer, { maxLength: 12 })])(
    "society: transfers in pairs (payer and receiver, same line and year) leave every figure as it was",
    (rows, ts) => {
      const added = ts.flatMap((t) => [transferRow(t, "p", -1), transferRow(t, "q", 1)]);
      expect(societyWithTransfers(computeMetrics(rows, YEARS, true), added, YEARS)).toEqual(computeMetrics([...rows, ...added], YEARS, true));
    },
  );

  test.prop([fc.array(arbRow, { maxLength: 40 }), fc.array(arbTransfer, { minLength: 1, maxLength: 12 })])(
    "society: transfers that do not cancel in some line and year are left to computeMetrics (no shortcut)",
    (rows, ts) => {
      const added = ts.map((t) => transferRow(t, "p", 1)); // receivers only: every cell a positive net
      expect(societyWithTransfers(computeMetrics(rows, YEARS, true), added, YEARS)).toBeUndefined();
    },
  );

  test.prop([arbCaseWithArrangements], { numRuns: 80 })(
    "every arrangement of a random case: each partner's and society's metrics = computeMetrics over the status quo's rows and the arrangement's",
    (c: CaseInput) => {
      const v = validateCase(c, { lang: "en" });
      if (!v.ok) {
        // A settlement with nobody invested, or weights all zero, is an input error (arrangements.properties.test.ts).
        expect(v.issues.every((i) => ["settlementNoBasis", "weightsZero"].includes(i.code))).toBe(true);
        return;
      }
      const ev = evaluateModel(v.model);
      for (const a of ev.arrangements) {
        const all = [...ev.ledger.rows, ...a.rows];
        for (const p of a.partners) {
          const { id, name, kind, ...metrics } = p;
          expect({ id, name, kind }).toEqual(ev.partners.find((q) => q.id === id) && { id, name, kind });
          expect(metrics).toEqual(computeMetrics(all.filter((r) => r.partner === id), ev.years));
        }
        expect(a.society).toEqual(computeMetrics(all, ev.years, true));
      }
    },
  );
});
