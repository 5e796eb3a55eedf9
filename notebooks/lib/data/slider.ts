/**
 * A page's slider: each move evaluates the case with the reader's overrides and hands the
 * engine back the evaluation it replaces (`evaluateModel`'s `replaces`), so a move writes its
 * ledger into the memory of the one before instead of new memory (on the 342-municipality case
 * about a quarter of a move). Only the page's one slider cell calls this per model: its previous
 * evaluation is then read by nothing (every cell that read it runs again with the new one); an
 * evaluation another cell keeps (the base, a break-even's) is made with `evaluateModel` and never
 * handed back. If something still read a replaced evaluation's ledger rows, it would get an error,
 * never another move's rows.
 */
import { evaluateModel, type Evaluation, type Model } from "../../../engine/index.ts";

const last = new WeakMap<Model, Evaluation>();

/** `evaluateModel(model, overrides)`, handing back this model's previous move. */
export function evaluateMove(model: Model, overrides: Readonly<Record<string, number>>): Evaluation {
  const previous = last.get(model);
  // Forgotten first: if this move throws, the one before may be spent and is not handed back again.
  last.delete(model);
  const ev = evaluateModel(model, overrides, previous ? { replaces: previous } : {});
  last.set(model, ev);
  return ev;
}
