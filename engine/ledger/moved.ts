/**
 * Which ledger lines a change of parameter values moves: a line (investment i is line i, effect
 * j line investments + j) moves when one of its formulas reads a parameter whose value changed;
 * a formula whose shape is unknown (a closure) counts as reading every parameter. A slider move
 * and validation's probes build only the moved lines again (`buildLedgerMoved` in ledger.ts).
 */
import { formulaShape, type Compiled } from "../case/formula.ts";
import type { Model } from "../case/model.ts";

export interface LineReads {
  /** Lines in all (investments, then effects). */
  count: number;
  /** Lines with a formula of unknown shape: moved by any change. */
  always: number[];
  /** Parameter slot -> the lines whose formulas read it directly. */
  linesOf: Map<number, number[]>;
}

const cache = new WeakMap<Model, LineReads>();

/** The parameters each line's formulas read, once per model. */
export function lineReads(model: Model): LineReads {
  let r = cache.get(model);
  if (r) return r;
  const always: number[] = [];
  const linesOf = new Map<number, number[]>();
  const reads = (line: number, fns: readonly (Compiled | undefined)[]) => {
    const slots = new Set<number>();
    for (const fn of fns) {
      if (!fn) continue;
      const shape = formulaShape(fn);
      if (!shape) { always.push(line); return; }
      for (const s of shape.slots) slots.add(s);
    }
    for (const s of slots) { const l = linesOf.get(s); if (l) l.push(line); else linesOf.set(s, [line]); }
  };
  model.investments.forEach((inv, i) => reads(i, inv.years.map((y) => y.amount)));
  model.effects.forEach((e, i) => reads(model.investments.length + i, [
    e.quantity, e.unitPrice, e.deadweight, e.attribution, e.displacement, e.optimismBias, e.dropOffRate, e.variableCostShare,
    ...e.years.flatMap((y) => [y.actualQuantity, y.actualAmount]),
  ]));
  r = { count: model.investments.length + model.effects.length, always, linesOf };
  cache.set(model, r);
  return r;
}

/** 1 for every line that reads one of these slots (and every line of unknown shape), with how many. */
export function linesReading(model: Model, slots: Iterable<number>): { mask: Uint8Array; moved: number } {
  const r = lineReads(model);
  const mask = new Uint8Array(r.count);
  let moved = 0;
  const mark = (l: number) => { if (mask[l] === 0) { mask[l] = 1; moved++; } };
  for (const l of r.always) mark(l);
  for (const s of slots) for (const l of r.linesOf.get(s) ?? []) mark(l);
  return { mask, moved };
}

/** The lines moved between two vectors of parameter values (every slot, derived ones included). */
export function movedLines(model: Model, before: ArrayLike<number>, after: ArrayLike<number>): { mask: Uint8Array; moved: number; changed: number[] } {
  const changed: number[] = [];
  for (let s = 0; s < after.length; s++) if (!Object.is(before[s], after[s])) changed.push(s);
  return { ...linesReading(model, changed), changed };
}
