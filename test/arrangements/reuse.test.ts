/**
 * A slider move takes over the transfers of an arrangement whose steps read nothing the move
 * changed (engine/arrangements/reads.ts; decision rules, pre-financing and pots say what they read),
 * instead of running its steps again. The reference: `applyArrangement` run afresh on the
 * move's status quo (the steps run). Every figure the same.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { applyArrangement, evaluateModel, type CaseInput } from "../../engine/index.ts";
import { readsNothingChanged } from "../../engine/arrangements/reads.ts";
import { movedLines } from "../../engine/ledger/moved.ts";
import { parameterValues } from "../../engine/case/model.ts";
import { arbCaseWithArrangements } from "../arbitraries.ts";
import { validRandomCase } from "../helpers.ts";

const valid = validRandomCase;
const outcome = (f: () => unknown) => { try { return { ok: f() }; } catch (e) { return { error: e instanceof Error ? [e.constructor.name, (e as { code?: string }).code, JSON.stringify((e as { path?: unknown }).path)] : e }; } };

/**
 * The move on `c`'s model (after its base evaluation: validation's dry run makes it): every
 * arrangement's result equals `applyArrangement` run afresh on the move's status quo (its steps
 * run again). How many arrangements the move took over.
 */
function sameAsWithoutReuse(c: CaseInput, overrides: Record<string, number>): { reused: number } {
  const model = valid(c);
  if (!model) return { reused: 0 };
  evaluateModel(model); // the base evaluation a move starts from
  const moved = outcome(() => evaluateModel(model, overrides));
  if ("error" in moved) {
    // The status quo's own input error (the steps of a base evaluation that passed do not fail on transfers they took over).
    expect((moved.error as unknown[])[1]).toBeDefined();
    return { reused: 0 };
  }
  const ev = moved.ok as ReturnType<typeof evaluateModel>;
  const values = parameterValues(model.parameters, overrides);
  model.arrangements.forEach((arr, i) => {
    const again = outcome(() => applyArrangement(model, values, ev, arr));
    expect(again).toEqual({ ok: ev.arrangements[i] });
  });
  const m = movedLines(model, parameterValues(model.parameters), values);
  return { reused: model.arrangements.filter((arr) => readsNothingChanged(model, arr, new Set(m.changed), m.mask)).length };
}

describe("a slider move takes over the transfers of an arrangement that reads nothing it changed", () => {
  let reused = 0, runs = 0;
  // Arrangements cut to their first step (a decision framework, pre-financing or a pot, when there is one) now and then, so that many can be taken over.
  const arb = fc.tuple(arbCaseWithArrangements, fc.boolean()).map(([c, cut]) => (cut ? { ...c, arrangements: (c.arrangements ?? []).map((a) => ({ ...a, steps: (a.steps ?? []).slice(0, 1) })) } : c) as CaseInput);
  test.prop([arb, fc.array(fc.tuple(fc.nat(), fc.double({ min: -1, max: 4, noNaN: true })), { minLength: 1, maxLength: 3 })], { numRuns: 200 })(
    "every arrangement of the move (figures, rows, steps, pots, cash, sentences) equals the arrangement applied afresh to the move's status quo",
    (c, changes) => {
      const model = valid(c);
      if (!model || model.parameters.order.length === 0) return;
      const base = parameterValues(model.parameters);
      const overrides: Record<string, number> = {};
      for (const [k, factor] of changes) { const n = model.parameters.order[k % model.parameters.order.length]!; overrides[n] = base[model.parameters.slot.get(n)!]! * factor; }
      reused += sameAsWithoutReuse(c, overrides).reused;
      runs++;
    },
  );
  it("(the property above took over some arrangements)", () => {
    expect(runs).toBeGreaterThan(0);
    expect(reused).toBeGreaterThan(0);
  });

  // A decision framework over a team (fixed cost) and ICT (priced by `c`), the insurer's and the care office's shares by a weight `w`; an effect priced by `q`.
  const caseWith = (payer: unknown): CaseInput => ({
    id: "mv", title: "mv", priceYear: 2025, startYear: 2025, horizon: 3, discountRate: 0.03,
    partners: [{ id: "gem", name: "Gemeente", kind: "municipality" }, { id: "zv", name: "Verzekeraar", kind: "insurer" }, { id: "wlz", name: "Zorgkantoor", kind: "care-office" }],
    domains: [{ id: "wmo", name: "Wmo", funder: "gem" }, { id: "zvw", name: "Zvw", funder: "zv" }],
    parameters: { c: 1000, q: 50, w: 2 },
    investments: [
      { id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 120000, schedule: { type: "recurring" } },
      { id: "ict", label: "ICT", bearer: "gem", domain: "wmo", amount: "c * 10" },
    ],
    effects: [{ id: "seh", label: "SEH", domain: "zvw", quantity: "q", unitPrice: 250 }],
    arrangements: [{ id: "rules", name: "Regels", steps: [{ type: "decision-rules", rules: [{ match: {}, payer }] }] }],
  }) as unknown as CaseInput;

  it("moves of the effect, the ICT's cost and the key's weight: each the same as the steps run afresh; only the first takes the transfers over", () => {
    const c = caseWith({ key: { type: "fixed", shares: { zv: 1, wlz: "w" } } });
    expect(sameAsWithoutReuse(c, { q: 80 }).reused).toBe(1);
    expect(sameAsWithoutReuse(c, { c: 3000 }).reused).toBe(0);
    expect(sameAsWithoutReuse(c, { w: 5 }).reused).toBe(0);
    // A key by benefit reads the effects: not taken over when the effect moves.
    expect(sameAsWithoutReuse(caseWith({ key: { type: "benefit" } }), { q: 80 }).reused).toBe(0);
    // The ICT's new cost lands with the payers: the transfers are not the base evaluation's.
    const m = valid(c)!;
    const before = evaluateModel(m).arrangements.find((a) => a.id === "rules")!;
    const after = evaluateModel(m, { c: 3000 }).arrangements.find((a) => a.id === "rules")!;
    expect(after.rows).not.toEqual(before.rows);
    const same = evaluateModel(m, { q: 80 }).arrangements.find((a) => a.id === "rules")!;
    expect(same.rows).toEqual(before.rows);
    expect(same.partners).not.toEqual(before.partners); // the insurer's savings moved
  });
  it("near MAX_CENTS the steps run again and decide: a move whose status quo and taken-over transfers would pass it is the step loop's totalOverflow", () => {
    // A team of EUR 10 trillion a year, split 2:1: the base evaluation's rows and transfers just within MAX_CENTS.
    const c = { ...caseWith({ key: { type: "fixed", shares: { zv: 1, wlz: "w" } } }), discountRate: 0 } as CaseInput & { investments: object[] };
    c.investments = [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 1e13, schedule: { type: "recurring" } }];
    const m = valid(c)!;
    const base = evaluateModel(m);
    expect(base.arrangements.find((a) => a.id === "rules")!.rows.length).toBeGreaterThan(0);
    // The effect alone moves (nothing the decision rules read), by EUR 1 trillion a year: the status quo stands, the transfers on top of it do not.
    const values = parameterValues(m.parameters, { q: 4e9 });
    const e = outcome(() => evaluateModel(m, { q: 4e9 }));
    expect(e).toEqual({ error: ["InputError", "totalOverflow", JSON.stringify(["arrangements", 0, "steps", 0])] });
    expect(() => applyArrangement(m, values, base, m.arrangements.find((a) => a.id === "rules")!)).not.toThrow(); // on the base's status quo it stood
  });
});
