/**
 * An arrangement's transfers as columns (issue 15): one entry per transfer, which is two ledger
 * rows (minus for the payer, plus for the receiver, on the same line and year). A slider move on
 * the 342-municipality case adds about 14,000 transfer rows; as objects, with every partner's
 * metrics and cash worked out over them row by row, they were about a third of the move. Here a
 * transfer is a few array pushes, every partner's sums come from one pass over the entries
 * (`transferSums`), and row objects are made only when something reads them (`rows`): the
 * arrangement's rows in canonical order, a step that reads the rows so far, the
 * `runArrangementSteps` callback (the negotiation's).
 *
 * The rows made here are the rows the step loop made before (same fields in the same order);
 * test/arrangements/transfers.properties.test.ts holds every figure made from the columns equal
 * to the same figure made from those rows (`withTransfers`, `societyWithTransfers`,
 * `cashViewOfFlows` over rows: the naive reference).
 */
import type { TransferColumns } from "../case/model.ts";
import type { Cents } from "../money/money.ts";
import type { LedgerRow } from "../ledger/row.ts";
import type { TransferSums } from "../ledger/metrics.ts";

export class TransferLog implements TransferColumns {
  length = 0;
  readonly year: number[] = [];
  readonly from: string[] = [];
  readonly to: string[] = [];
  /** Positive cents: what `from` pays `to`. */
  readonly amount: number[] = [];
  /** The amount discounted to the start year (rounded on its own): the receiver's row has it, the payer's row 0 minus it. */
  readonly discounted: number[] = [];
  readonly reason: string[] = [];
  readonly domain: string[] = [];
  readonly line: string[] = [];
  /** True for a transfer of a step that moves the cost of investments (`funding`: decision rules, pots). */
  readonly funding: boolean[] = [];

  constructor(readonly arrangement: string) {}

  push(year: number, from: string, to: string, amount: Cents, discounted: Cents, reason: string, domain: string, line: string, funding: boolean): void {
    this.year.push(year); this.from.push(from); this.to.push(to); this.amount.push(amount); this.discounted.push(discounted);
    this.reason.push(reason); this.domain.push(domain); this.line.push(line); this.funding.push(funding);
    this.length++;
  }

  /** The first `end` entries, sharing the arrays (what a step sees of the steps before it). */
  view(end: number): TransferColumns {
    return { length: end, year: this.year, from: this.from, to: this.to, amount: this.amount, discounted: this.discounted, funding: this.funding };
  }

  /** The ledger rows of entries start..end-1 (the payer's row, then the receiver's, per entry); only funding entries when `fundingOnly`. */
  rows(start = 0, end = this.length, fundingOnly = false): LedgerRow[] {
    const out: LedgerRow[] = [];
    const arrangement = this.arrangement;
    for (let j = start; j < end; j++) {
      if (fundingOnly && !this.funding[j]) continue;
      const year = this.year[j]!, domain = this.domain[j]!, line = this.line[j]!, reason = this.reason[j]!;
      const from = this.from[j]!, to = this.to[j]!, amount = this.amount[j]!, discounted = this.discounted[j]!;
      // Two literals in the order the step loop always wrote them (the JSON contract's key order).
      // 0 - discounted, not -discounted: a one-cent transfer can discount to 0, and a ledger
      // has no negative zero.
      out.push({ year, domain, line, kind: "transfer", cashable: true, arrangement, reason, partner: from, amount: -amount, discounted: 0 - discounted, counterparty: to });
      out.push({ year, domain, line, kind: "transfer", cashable: true, arrangement, reason, partner: to, amount, discounted, counterparty: from });
    }
    return out;
  }
}

/**
 * Every partner's sums over the entries' rows in one pass (metrics.ts `TransferSums`; partner numbers by `index`) (rows of entities that are not
 * partners, such as pots, are left out). A row outside the horizon is the error
 * `withTransfers` gives for it. Every sum is of integer cents within MAX_CENTS: the order of
 * the additions cannot change it.
 */
export function transferSums(log: TransferColumns, index: ReadonlyMap<string, number>, years: readonly number[]): TransferSums {
  const P = index.size, n = years.length;
  const first = years[0] ?? 0;
  const contiguous = years.every((y, i) => y === first + i);
  const idx = contiguous ? undefined : new Map(years.map((y, i) => [y, i]));
  const s: TransferSums = {
    transfersIn: new Float64Array(P * n), transfersOut: new Float64Array(P * n), discountedNet: new Float64Array(P * n),
    pvIn: new Float64Array(P), pvOut: new Float64Array(P), net: new Float64Array(P), rows: new Int32Array(P),
  };
  for (let j = 0; j < log.length; j++) {
    const from = index.get(log.from[j]!), to = index.get(log.to[j]!);
    if (from === undefined && to === undefined) continue;
    const year = log.year[j]!;
    const i = idx ? idx.get(year) : (year - first >= 0 && year - first < n ? year - first : undefined);
    if (i === undefined) throw new Error(`computeMetrics: row in year ${year} outside the horizon`);
    const a = log.amount[j]!, d = log.discounted[j]!;
    if (from !== undefined) {
      const c = from * n + i;
      s.transfersOut[c] = s.transfersOut[c]! + a;
      s.pvOut[from] = s.pvOut[from]! + d;
      s.discountedNet[c] = s.discountedNet[c]! - d;
      s.net[from] = s.net[from]! - a;
      s.rows[from] = s.rows[from]! + 1;
    }
    if (to !== undefined) {
      const c = to * n + i;
      s.transfersIn[c] = s.transfersIn[c]! + a;
      s.pvIn[to] = s.pvIn[to]! + d;
      s.discountedNet[c] = s.discountedNet[c]! + d;
      s.net[to] = s.net[to]! + a;
      s.rows[to] = s.rows[to]! + 1;
    }
  }
  return s;
}
