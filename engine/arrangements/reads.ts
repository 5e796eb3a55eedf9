/**
 * Whether an arrangement's transfers can change when some parameters change and some ledger
 * lines move: every step must say what it reads (`CompiledStep.reads`: decision rules,
 * pre-financing and pots do), and none may read a changed parameter slot, the benefit shares (they read
 * every effect) or the cost of a moved investment. Such an arrangement makes the same transfers
 * as before: a slider move reuses them (engine/ledger/evaluate.ts), a Monte Carlo run works them
 * out once (engine/simulate/fixed.ts).
 */
import type { Model } from "../case/model.ts";
import type { CompiledArrangement } from "./types.ts";

/** True when no step of `arr` reads a slot in `changed` or an investment line marked in `moved` (investments are lines 0..I-1). */
export function readsNothingChanged(model: Model, arr: CompiledArrangement, changed: ReadonlySet<number>, moved: Uint8Array): boolean {
  const index = new Map(model.investments.map((x, i) => [x.line.id, i]));
  return arr.steps.length > 0 && arr.steps.every((step) => {
    const r = step.reads;
    if (!r || r.benefit || r.slots === null) return false;
    for (const s of r.slots) if (changed.has(s)) return false;
    return r.investments.every((id) => { const i = index.get(id); return i !== undefined && moved[i] === 0; });
  });
}
