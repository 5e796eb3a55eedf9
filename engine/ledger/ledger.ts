/**
 * A compiled case and a vector of parameter values become the ledger: one row per year,
 * partner, line and kind, in integer cents.
 *
 * Sign convention: from the partner's own budget. An investment is negative, a saving positive,
 * a provider's revenue loss negative, its variable-cost saving positive, a transfer negative for
 * the payer and positive for the receiver. So society's result is the plain sum of all rows.
 *
 * Rounding: each line's amount in euros becomes cents once (`toCents`, half away from zero). A
 * provider's revenue loss equals the funder's saving to the cent, split among providers and into
 * a variable-cost part through `allocate`, so derived rows never create or lose a cent.
 *
 * Bounds: every row's amount and discounted amount, and the sum of all rows' absolute values,
 * stay within MAX_CENTS (engine/money/money.ts), so every total is exact; an outcome's quantity
 * stays within LIMITS.outcomeQuantity. Going over is an input error with the line's path.
 */
import { LIMITS } from "../case/limits.ts";
import { allocate, variablePart } from "../money/allocate.ts";
import { discountFactor } from "../money/discount.ts";
import { boundedCents, discountedCents, MAX_CENTS, type Cents } from "../money/money.ts";
import { InputError, type Path } from "../messages/issues.ts";
import type { CompiledEffect, Model } from "../case/model.ts";
import type { Ledger, LedgerKind, LedgerRow, OutcomeRow } from "./row.ts";

/** The net fraction of an effect that counts in a year (deflators, ramp-up, drop-off). */
export function effectFactor(e: CompiledEffect, values: ArrayLike<number>, ramp: number, dropOffPower: number): number {
  const dw = e.deadweight(values), at = e.attribution(values), dp = e.displacement(values), ob = e.optimismBias(values);
  const drop = e.dropOffRate ? Math.pow(1 - e.dropOffRate(values), dropOffPower) : 1;
  return (1 - dw) * at * (1 - dp) * (1 - ob) * ramp * drop;
}

export function buildLedger(model: Model, values: ArrayLike<number>): Ledger {
  const rows: LedgerRow[] = [], outcomes: OutcomeRow[] = [];
  const sums = ledgerLines(model, values, undefined, rows, outcomes);
  if (!(sums.amount <= MAX_CENTS && sums.discounted <= MAX_CENTS)) throw new InputError(sums.largestPath, "totalOverflow", { value: Math.max(sums.amount, sums.discounted) / 100 });
  rows.sort(compareRows);
  outcomes.sort((a, b) => a.year - b.year || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
  return { rows, outcomes };
}

/** What a line (or a whole ledger) adds to the sums bounded by MAX_CENTS, and its largest |amount|, first where it is. */
export interface LineSums {
  amount: number;
  discounted: number;
  largest: number;
  largestPath: Path;
}

/**
 * The rows and outcomes of some lines (line i < investments.length is investment i, the rest
 * effect i - investments.length; all when `only` is undefined), in the order the lines are
 * listed, unsorted, with their sums; `perLine[i]` gets line i's own. Every error a line's
 * amounts can raise is thrown here, in line order; the check of the sums is the caller's.
 */
export function ledgerLines(model: Model, values: ArrayLike<number>, only: ((line: number) => boolean) | undefined, rows: LedgerRow[], outcomes: OutcomeRow[], perLine?: LineSums[]): LineSums {
  const c = model.case;
  const rate = c.discountRate;
  const effectRate = c.effectDiscountRate ?? rate;
  // The sums of |amount| and |discounted| over all rows (and outcome values): within MAX_CENTS,
  // every partial sum of the rows in any order is exact. The largest line is named if not.
  const total: LineSums = { amount: 0, discounted: 0, largest: 0, largestPath: [] };
  let own: LineSums = total;
  const count = (cents: Cents, discounted: Cents, path: Path) => {
    const a = Math.abs(cents), d = Math.abs(discounted);
    total.amount += a;
    total.discounted += d;
    if (a > total.largest) { total.largest = a; total.largestPath = path; }
    if (own !== total) {
      own.amount += a; own.discounted += d;
      if (a > own.largest) { own.largest = a; own.largestPath = path; }
    }
  };
  const start = (line: number): boolean => {
    if (only && !only(line)) return false;
    if (perLine) perLine[line] = own = { amount: 0, discounted: 0, largest: 0, largestPath: [] };
    return true;
  };
  const I = model.investments.length;
  const push = (path: Path, year: number, partner: string, domain: string, line: string, kind: LedgerKind, amount: Cents, cashable: boolean, counterparty?: string) => {
    if (amount === 0) return;
    const k = year - c.startYear;
    const discounted = discountedCents(amount, discountFactor(rate, k), rate, k);
    count(amount, discounted, path);
    rows.push({ year, partner, domain, line, kind, amount, discounted, cashable, ...(counterparty !== undefined ? { counterparty } : {}) });
  };

  model.investments.forEach((inv, i) => {
    if (!start(i)) return;
    const path: Path = ["investments", i];
    for (const y of inv.years) {
      const euros = y.amount(values) * y.factor;
      push(path, y.year, inv.line.bearer, inv.line.domain, inv.line.id, "investment", -boundedCents(euros, path, "investment", y.year), true);
    }
  });

  model.effects.forEach((e, index) => {
    if (!start(I + index)) return;
    const line = e.line;
    const path: Path = ["effects", index];
    const q = e.quantity(values);
    if (line.type === "outcome") {
      const price = e.unitPrice ? e.unitPrice(values) : undefined;
      for (const y of e.years) {
        const quantity = q * effectFactor(e, values, y.ramp, y.dropOffPower);
        if (quantity === 0) continue;
        const k = y.year - c.startYear;
        const discounted = quantity * discountFactor(effectRate, k);
        // Quantities are not money, but they are added up and shown: finite and bounded.
        for (const v of [quantity, discounted]) {
          if (!(Math.abs(v) <= LIMITS.outcomeQuantity)) throw new InputError([...path, "quantity"], "quantityOverflow", { value: v, year: y.year, limit: LIMITS.outcomeQuantity });
        }
        const value = price !== undefined ? boundedCents(quantity * price, path, "outcomeValue", y.year) : undefined;
        if (value !== undefined) count(value, 0, path);
        outcomes.push({ year: y.year, line: line.id, unit: line.unit!, quantity, discounted, ...(value !== undefined ? { value } : {}) });
      }
      return;
    }
    const price = e.unitPrice!(values);
    const domain = line.domain!;
    const vcs = e.variableCostShare ? e.variableCostShare(values) : 0;
    for (const y of e.years) {
      const saving = y.actualAmount ? boundedCents(y.actualAmount(values), path, "actual", y.year)
        : y.actualQuantity ? boundedCents(y.actualQuantity(values) * price, path, "actual", y.year)
        : boundedCents(q * price * effectFactor(e, values, y.ramp, y.dropOffPower), path, "saving", y.year);
      if (saving === 0) continue;
      const funders = e.funders!;
      const single = funders.length === 1 ? funders[0]!.partner : undefined;
      if (single !== undefined) push(path, y.year, single, domain, line.id, "saving", saving, line.cashable);
      else {
        const parts = allocate(saving, funders.map((f) => f.share), funders.map((f) => f.partner));
        funders.forEach((f, i) => push(path, y.year, f.partner, domain, line.id, "saving", parts[i]!, line.cashable));
      }
      if (e.counterparty !== undefined) push(path, y.year, e.counterparty, domain, line.id, "transfer", -saving, true, single);
      if (e.providers.length > 0) {
        const parts = e.providers.length === 1 ? [saving] : allocate(saving, e.providers.map((p) => p.share), e.providers.map((p) => p.partner));
        e.providers.forEach((p, i) => {
          const lost = parts[i]!;
          push(path, y.year, p.partner, domain, line.id, "revenue-loss", -lost, true, single);
          // variablePart is allocate's two-part split without arrays (a fraction; else allocate says what is wrong).
          const variable = vcs >= 0 && vcs <= 1 ? variablePart(lost, vcs) : allocate(lost, [vcs, 1 - vcs])[0]!;
          push(path, y.year, p.partner, domain, line.id, "variable-cost-saving", variable, true);
        });
      }
    }
  });
  return total;
}

const KIND_ORDER: Record<LedgerKind, number> = { investment: 0, saving: 1, "revenue-loss": 2, "variable-cost-saving": 3, transfer: 4 };
/** Canonical row order: year, partner, line, kind, counterparty, reason, amount, domain. It makes results independent of listing order. */
export function compareRows(a: LedgerRow, b: LedgerRow): number {
  return a.year - b.year
    || (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0)
    || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0)
    || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
    || ((a.counterparty ?? "") < (b.counterparty ?? "") ? -1 : (a.counterparty ?? "") > (b.counterparty ?? "") ? 1 : 0)
    || ((a.reason ?? "") < (b.reason ?? "") ? -1 : (a.reason ?? "") > (b.reason ?? "") ? 1 : 0)
    || a.amount - b.amount
    || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0);
}
