/**
 * Small helpers over ledger rows. `effectResult` and `lostMargin` are the row-by-row definitions
 * of the figures steps read from `BaseFigures` (over the ledger's columns, engine/ledger/ledger.ts,
 * and a Monte Carlo sample's typed rows, engine/simulate/figures.ts); property tests hold those
 * equal to these.
 */
import type { LedgerRow } from "../ledger/row.ts";
import type { Model } from "../case/model.ts";

/**
 * A partner's effect result per year (savings, revenue losses, variable costs, effect
 * transfers), optionally only in some domains, and optionally without the savings no budget
 * can cut (`cashable: false`).
 */
export function effectResult(model: Model, rows: readonly LedgerRow[], partner: string, domains?: readonly string[], cashableOnly = false): Map<number, number> {
  const effectLines = new Set(model.effects.map((e) => e.line.id));
  const out = new Map<number, number>();
  for (const r of rows) {
    if (r.partner !== partner || !effectLines.has(r.line)) continue;
    if (domains && !domains.includes(r.domain)) continue;
    if (cashableOnly && !r.cashable) continue;
    out.set(r.year, (out.get(r.year) ?? 0) + r.amount);
  }
  return out;
}

/** A provider's lost margin per year: revenue lost minus variable cost saved (>= 0). */
export function lostMargin(rows: readonly LedgerRow[], provider: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) {
    if (r.partner !== provider || (r.kind !== "revenue-loss" && r.kind !== "variable-cost-saving")) continue;
    out.set(r.year, (out.get(r.year) ?? 0) - r.amount);
  }
  for (const [y, v] of out) if (v < 0) out.set(y, 0);
  return out;
}

export function inPeriod(year: number, period: { from?: number; to?: number } | undefined): boolean {
  return (period?.from === undefined || year >= period.from) && (period?.to === undefined || year <= period.to);
}
