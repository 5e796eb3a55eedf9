/**
 * The wrong-pocket matrix: for each partner that invests, which partners collect the effects
 * it pays for.
 *
 * Convention: investments jointly cause all effects (a case does not tie an effect to one
 * investment), so each beneficiary's effect result (its savings, revenue losses, variable-cost
 * savings and effect transfers, netted) is attributed to the investors in proportion to the
 * present value of what each invested. The attribution goes through `allocate`, so a column
 * sums exactly to the beneficiary's effect result. `share` is the entry's PV divided by the PV of
 * all positive effects that investor "bought"; null when it bought none.
 */
import { allocate } from "../money/allocate.ts";
import type { LedgerRow } from "./row.ts";
import type { Cents } from "../money/money.ts";

export interface WrongPocketEntry {
  investor: string;
  beneficiary: string;
  amount: Cents;
  pv: Cents;
  share: number | null;
}

export function wrongPocket(rows: readonly LedgerRow[], partnerIds: readonly string[], effectLines: ReadonlySet<string>): WrongPocketEntry[] {
  const invested = new Map<string, number>();
  const impact = new Map<string, { amount: number; pv: number }>();
  for (const r of rows) {
    if (r.kind === "investment") invested.set(r.partner, (invested.get(r.partner) ?? 0) - r.discounted);
    else if (effectLines.has(r.line)) {
      const m = impact.get(r.partner) ?? { amount: 0, pv: 0 };
      m.amount += r.amount; m.pv += r.discounted;
      impact.set(r.partner, m);
    }
  }
  return wrongPocketFrom(partnerIds, invested, impact);
}

/** The matrix from each partner's invested PV and effect result (undiscounted, PV). */
export function wrongPocketFrom(partnerIds: readonly string[], invested: ReadonlyMap<string, number>, impact: ReadonlyMap<string, { amount: number; pv: number }>): WrongPocketEntry[] {
  const investors = [...partnerIds].sort().filter((p) => (invested.get(p) ?? 0) > 0);
  if (investors.length === 0) return [];
  const weights = investors.map((p) => invested.get(p)!);
  const entries: WrongPocketEntry[] = [];
  for (const b of [...partnerIds].sort()) {
    const m = impact.get(b);
    if (!m || (m.amount === 0 && m.pv === 0)) continue;
    const amounts = allocate(m.amount, weights, investors);
    const pvs = allocate(m.pv, weights, investors);
    investors.forEach((inv, i) => entries.push({ investor: inv, beneficiary: b, amount: amounts[i]!, pv: pvs[i]!, share: null }));
  }
  for (const inv of investors) {
    const mine = entries.filter((e) => e.investor === inv);
    const positive = mine.reduce((s, e) => s + Math.max(0, e.pv), 0);
    for (const e of mine) e.share = positive > 0 ? e.pv / positive : null;
  }
  return entries;
}
