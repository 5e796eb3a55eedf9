/**
 * A slider's moves handing back the evaluation each replaces (`evaluateModel(model, overrides,
 * { replaces })`, engine/ledger/ledger.ts `takeColumns`): every move equals the same move
 * evaluated afresh (a model validated again, no columns reused), to the cent, field by field;
 * an evaluation the caller still holds (not handed back, the base, one handed back twice: the
 * second time nothing is left to take) never changes, read after later moves; the one handed
 * back is spent: reading its rows throws instead of showing another move's.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { evaluateModel, loadCase, parameterValues, type Evaluation } from "../../engine/index.ts";
import { movedColumnsOf } from "../../engine/ledger/ledger.ts";
import { arbCaseWithArrangements } from "../arbitraries.ts";
import { validRandomCase } from "../helpers.ts";

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: Number(process.env.BCASE_PROPERTY_RUNS ?? 120) });

const valid = validRandomCase;

/** Everything an evaluation shows, rows and arrangements' rows and sentences included (their getters read here). */
function everything(ev: Evaluation) {
  return { ...figures(ev), ledger: { rows: ev.ledger.rows, outcomes: ev.ledger.outcomes } };
}

/** `everything` but the ledger's rows. */
function figures(ev: Evaluation) {
  return {
    ...ev, case: undefined, provenance: undefined, ledger: { outcomes: ev.ledger.outcomes },
    arrangements: ev.arrangements.map((a) => ({ ...a, rows: a.rows, explanation: a.explanation })),
  };
}

const attempt = <T,>(f: () => T): { ok: T } | { error: unknown } => {
  try { return { ok: f() }; } catch (e) { return { error: e instanceof Error ? [e.constructor.name, (e as { code?: string }).code, JSON.stringify((e as { path?: unknown }).path)] : e }; }
};

/** How many moves wrote into the columns of the move they replaced, and how many spent ledgers threw (the property must exercise both). */
let reused = 0, spent = 0;
afterAll(() => { expect(reused).toBeGreaterThan(0); expect(spent).toBeGreaterThan(0); });

describe("a slider handing back the evaluation each move replaces", () => {
  test.prop([
    arbCaseWithArrangements,
    fc.array(fc.record({ param: fc.nat(), factor: fc.double({ min: 0, max: 3, noNaN: true }), twice: fc.boolean(), readFirst: fc.boolean() }), { minLength: 2, maxLength: 6 }),
  ])("each move equals a fresh evaluation; what the caller holds never changes; what it handed back is spent", (c, moves) => {
    const model = valid(c);
    if (!model) return;
    const names = model.parameters.order;
    if (names.length === 0) return;
    const fresh = valid(c)!;
    const baseValues = parameterValues(model.parameters);
    const overridesOf = (m: { param: number; factor: number }) => {
      const n = names[m.param % names.length]!;
      // A parameter at 0 moves to the factor itself (else a move would change nothing).
      const v = baseValues[model.parameters.slot.get(n)!]!;
      return { [n]: v === 0 ? m.factor : v * m.factor };
    };
    const base = evaluateModel(model);
    // Held throughout, never handed back; read only at the end.
    const heldOverrides = overridesOf({ param: 0, factor: 1.5 });
    const held = attempt(() => evaluateModel(model, heldOverrides));
    // The base evaluation handed back: never written over (evaluateModel hands it out again).
    const afterBase = attempt(() => evaluateModel(model, overridesOf(moves[0]!), { replaces: base }));
    let prev: Evaluation | undefined = "ok" in afterBase ? afterBase.ok : undefined;
    let prevWant: Evaluation | undefined = "ok" in afterBase ? evaluateModel(fresh, overridesOf(moves[0]!)) : undefined;
    const kept: { ev: Evaluation; overrides: Record<string, number> }[] = [];
    for (const m of moves.slice(1)) {
      const overrides = overridesOf(m);
      const want = attempt(() => evaluateModel(fresh, overrides));
      // A caller that read the rows before handing the evaluation back keeps them.
      const rowsBefore = m.readFirst && prev ? prev.ledger.rows : undefined;
      if (rowsBefore) expect(rowsBefore).toEqual(prevWant!.ledger.rows);
      const columns = prev ? movedColumnsOf(prev.ledger) : undefined;
      const got = attempt(() => evaluateModel(model, overrides, { replaces: prev }));
      if ("error" in want) { expect(got).toEqual(want); prev = prevWant = undefined; continue; }
      expect("ok" in got).toBe(true);
      const ev = (got as { ok: Evaluation }).ok;
      if (columns && movedColumnsOf(ev.ledger) === columns) {
        reused++;
        if (rowsBefore) expect(prev!.ledger.rows).toBe(rowsBefore);
        else {
          // Spent: its rows throw, unless a step of its arrangements made them (then they are its own).
          let rows: unknown;
          try { rows = prev!.ledger.rows; } catch (e) { expect(String(e)).toMatch(/handed back/); rows = undefined; spent++; }
          if (rows !== undefined) expect(rows).toEqual(prevWant!.ledger.rows);
        }
      } else expect(movedColumnsOf(ev.ledger)).not.toBe(columns ?? null);
      // All but the rows now (reading them makes them, and a spent ledger keeps rows made before).
      expect(figures(ev)).toEqual(figures(want.ok));
      // Handed back a second time: nothing left to take, so this move (held to the end) is fresh.
      if (m.twice && prev) {
        const again = attempt(() => evaluateModel(model, overrides, { replaces: prev }));
        if ("ok" in again) { expect(movedColumnsOf(again.ok.ledger) === undefined || movedColumnsOf(again.ok.ledger) !== movedColumnsOf(ev.ledger)).toBe(true); kept.push({ ev: again.ok, overrides }); }
      }
      prev = ev; prevWant = want.ok;
    }
    if (prev) expect(everything(prev)).toEqual(everything(prevWant!));
    // Read after every move: what the caller held is what it was.
    expect(everything(base)).toEqual(everything(evaluateModel(fresh)));
    const heldWant = attempt(() => evaluateModel(fresh, heldOverrides));
    if ("ok" in held && "ok" in heldWant) expect(everything(held.ok)).toEqual(everything(heldWant.ok));
    else expect(held).toEqual(heldWant);
    for (const k of kept) expect(everything(k.ev)).toEqual(everything(evaluateModel(fresh, k.overrides)));
  });

  // The example cases: every parameter moved twice in turn, each move handing back the one before.
  for (const file of ["minimal.yaml", "regional.yaml", "rich.yaml", "impact-bond.yaml"]) {
    it(`${file}: moves handing back the one before equal fresh evaluations; a held move and the base stay; a spent ledger throws`, () => {
      const text = readFileSync(new URL(`../../examples/${file}`, import.meta.url), "utf8");
      const load = () => { const v = loadCase(text, "yaml"); if (!v.ok) throw new Error(`${file} invalid`); return v.model; };
      const model = load(), fresh = load();
      const values = parameterValues(model.parameters);
      const at = (name: string, factor: number) => ({ [name]: values[model.parameters.slot.get(name)!]! * factor });
      const base = evaluateModel(model);
      const first = model.parameters.order[0]!;
      const held = evaluateModel(model, at(first, 1.3));
      let prev: Evaluation | undefined, prevOverrides: Record<string, number> | undefined, threw = 0, took = 0;
      for (const name of model.parameters.order) {
        for (const factor of [1.1, 0.7]) {
          const overrides = at(name, factor);
          const columns = prev && movedColumnsOf(prev.ledger);
          const ev = evaluateModel(model, overrides, { replaces: prev });
          if (columns && movedColumnsOf(ev.ledger) === columns) {
            took++;
            let rows: unknown;
            try { rows = prev!.ledger.rows; } catch (e) { expect(String(e)).toMatch(/handed back/); threw++; }
            if (rows !== undefined) expect(rows).toEqual(evaluateModel(fresh, prevOverrides).ledger.rows);
          }
          // Every other move's rows read now (then kept when it is handed back), the others' not (spent then).
          const want = evaluateModel(fresh, overrides);
          if (factor > 1) expect(everything(ev)).toEqual(everything(want));
          else expect(figures(ev)).toEqual(figures(want));
          prev = ev; prevOverrides = overrides;
        }
      }
      expect(took).toBeGreaterThan(0);
      // Without arrangement steps that read the status quo's rows, the spent ledgers have none made.
      if (file === "minimal.yaml") expect(threw).toBe(Math.floor(took / 2));
      expect(everything(prev!)).toEqual(everything(evaluateModel(fresh, prevOverrides)));
      expect(everything(held)).toEqual(everything(evaluateModel(fresh, at(first, 1.3))));
      expect(everything(base)).toEqual(everything(evaluateModel(fresh)));
      // A move of another model handed back (the same case validated again): nothing taken from it.
      const other = load();
      evaluateModel(other);
      const theirs = evaluateModel(other, at(first, 0.9));
      const ours = evaluateModel(model, at(first, 0.8), { replaces: theirs });
      expect(figures(ours)).toEqual(figures(evaluateModel(fresh, at(first, 0.8))));
      expect(everything(theirs)).toEqual(everything(evaluateModel(fresh, at(first, 0.9))));
    });
  }
});
