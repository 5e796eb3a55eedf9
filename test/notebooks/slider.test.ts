/** The notebook's slider (notebooks/lib/data/slider.ts): each move hands back the one before, with the same figures as a fresh evaluation. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateModel, loadCase, type Evaluation } from "../../engine/index.ts";
import { movedColumnsOf } from "../../engine/ledger/ledger.ts";
import { evaluateMove } from "../../notebooks/lib/data/slider.ts";

const text = readFileSync(new URL("../../examples/regional.yaml", import.meta.url), "utf8");
const load = () => { const v = loadCase(text, "yaml"); if (!v.ok) throw new Error("regional example invalid"); return v.model; };
const shown = (ev: Evaluation) => ({ ...ev, case: undefined, provenance: undefined, ledger: { rows: ev.ledger.rows, outcomes: ev.ledger.outcomes }, arrangements: ev.arrangements.map((a) => ({ ...a, rows: a.rows })) });

describe("the notebook's slider", () => {
  it("moves in the memory of the move before, with the figures of a fresh evaluation; the base evaluation stays", () => {
    const model = load(), fresh = load();
    const base = evaluateModel(model);
    expect(evaluateMove(model, {})).toBe(base);
    const first = evaluateMove(model, { trajectPrice: 9000 });
    const columns = movedColumnsOf(first.ledger);
    expect(columns).toBeDefined();
    const second = evaluateMove(model, { trajectPrice: 9900 });
    expect(movedColumnsOf(second.ledger)).toBe(columns);
    expect(() => first.ledger.rows).toThrow(/handed back/);
    expect(shown(second)).toEqual(shown(evaluateModel(fresh, { trajectPrice: 9900 })));
    // A move the case cannot be evaluated at throws; the next one starts afresh.
    expect(() => evaluateMove(model, { trajectPrice: Infinity })).toThrow();
    const third = evaluateMove(model, { trajectPrice: 9100 });
    expect(shown(third)).toEqual(shown(evaluateModel(fresh, { trajectPrice: 9100 })));
    expect(shown(base)).toEqual(shown(evaluateModel(fresh)));
  });
});
