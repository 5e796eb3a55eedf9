/**
 * Invariants of the financing arrangements, one property per test, titled with the invariant
 * (listed in test/README.md).
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { compileKey, evaluateModel, parseCaseText, rateShare, serializeCase, validateCase, type CaseInput, type Evaluation, type KeySpec } from "../../engine/index.ts";
import { arbCaseWithArrangements } from "../arbitraries.ts";
import { clone } from "../helpers.ts";

// BCASE_PROPERTY_RUNS lowers the runs for mutation testing (stryker.vitest.config.ts), where every mutant reruns these.
fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: Number(process.env.BCASE_PROPERTY_RUNS ?? 120) });

/** Evaluates a random case; cases whose settlement has no basis (nobody invested) are skipped as invalid input. */
function run(c: CaseInput): Evaluation {
  const v = validateCase(c, { lang: "en" });
  if (!v.ok) {
    const expected = v.issues.every((i) => ["settlementNoBasis", "weightsZero"].includes(i.code));
    if (!expected) throw new Error(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
    fc.pre(false);
    throw new Error("unreachable");
  }
  return evaluateModel(v.model);
}

describe("arrangement invariant 1: only redistribution", () => {
  test.prop([arbCaseWithArrangements])("society's totals and NPV are identical under every arrangement, to the cent", (c) => {
    const ev = run(c);
    for (const a of ev.arrangements) expect(a.society).toEqual(ev.society);
  });
});

describe("arrangement invariant 2: transfers balance", () => {
  test.prop([arbCaseWithArrangements])("every ledger row, status quo and transfers, is whole cents without negative zero", (c) => {
    const ev = run(c);
    for (const r of [...ev.ledger.rows, ...ev.arrangements.flatMap((a) => a.rows)]) {
      for (const x of [r.amount, r.discounted]) {
        expect(Number.isSafeInteger(x)).toBe(true);
        expect(Object.is(x, -0)).toBe(false);
      }
    }
  });

  test.prop([arbCaseWithArrangements])("transfers sum to zero per year, exactly, and pots end empty", (c) => {
    const ev = run(c);
    for (const a of ev.arrangements) {
      const perYear = new Map<number, number>();
      for (const r of a.rows) {
        expect(r.kind).toBe("transfer");
        perYear.set(r.year, (perYear.get(r.year) ?? 0) + r.amount);
      }
      for (const v of perYear.values()) expect(v).toBe(0);
      for (const pot of a.pots) expect(a.rows.filter((r) => r.partner === pot.id).reduce((s, r) => s + r.amount, 0)).toBe(0);
      const partnerSum = a.partners.reduce((s, p) => s + p.net, 0);
      expect(partnerSum).toBe(ev.society.net);
    }
  });
});

describe("arrangement invariant 3: pots balance", () => {
  test.prop([arbCaseWithArrangements])("contributions + reserve drawn + reserve returned + deficit covered = spending + surplus returned + reserve added, every year", (c) => {
    const ev = run(c);
    for (const a of ev.arrangements) for (const pot of a.pots) for (const y of pot.years) {
      const sum = (r: Record<string, number>) => Object.values(r).reduce((s, v) => s + v, 0);
      expect(y.contributed + y.reserveDrawn + y.reserveReturned + sum(y.covered) + y.riskBearer).toBe(y.spending + sum(y.returned) + y.reserveAdded);
      expect(y.reserveEnd).toBe(y.reserveStart + y.reserveAdded - y.reserveDrawn - y.reserveReturned);
      expect(y.reserveEnd).toBeGreaterThanOrEqual(0);
    }
  });
  test.prop([arbCaseWithArrangements])("a year never draws more from the reserve than it held at the start", (c) => {
    const ev = run(c);
    for (const a of ev.arrangements) for (const pot of a.pots) for (const y of pot.years) {
      expect(y.reserveDrawn).toBeLessThanOrEqual(y.reserveStart);
      expect(y.contributionsLowered).toBeLessThanOrEqual(y.reserveDrawn);
    }
  });
  test.prop([arbCaseWithArrangements])("partners' NPVs plus the pots' NPVs equal society's, to the cent", (c) => {
    const ev = run(c);
    for (const a of ev.arrangements) {
      expect(a.partners.reduce((s, p) => s + p.npv, 0) + a.pots.reduce((s, p) => s + p.npv, 0)).toBe(ev.society.npv);
      for (const pot of a.pots) expect(pot.net).toBe(0);
    }
  });
});

describe("arrangement invariant 10: cash", () => {
  test.prop([arbCaseWithArrangements])("cash adds up: per year the partners' and pots' cash sum to the status quo's, and each partner's total is its net less its non-cashable savings", (c) => {
    const ev = run(c);
    const society = ev.years.map((_, i) => ev.cash.partners.reduce((s, p) => s + p.yearly[i]!.cash, 0));
    for (const a of ev.arrangements) {
      ev.years.forEach((_, i) => expect([...a.cash.partners, ...a.cash.pots].reduce((s, p) => s + p.yearly[i]!.cash, 0)).toBe(society[i]));
      for (const p of a.partners) {
        const cash = a.cash.partners.find((x) => x.id === p.id)!;
        expect(cash.total).toBe(p.net - p.nonCashableSavings);
        expect(cash.peakNeed).toBe(Math.max(0, -Math.min(0, ...cash.yearly.map((y) => y.cumulative))));
      }
      // Each entity's money in and out per year, summed plainly over the status quo's rows and
      // the arrangement's (the engine keeps the status quo's sums and adds the transfers).
      const rows = [...ev.ledger.rows, ...a.rows].filter((r) => !(r.kind === "saving" && !r.cashable));
      for (const cash of [...a.cash.partners, ...a.cash.pots]) {
        ev.years.forEach((year, i) => {
          const own = rows.filter((r) => r.partner === cash.id && r.year === year);
          expect(cash.yearly[i]!.inflow).toBe(own.filter((r) => r.amount > 0).reduce((s, r) => s + r.amount, 0));
          expect(cash.yearly[i]!.outflow).toBe(own.filter((r) => r.amount < 0).reduce((s, r) => s - r.amount, 0));
        });
      }
    }
  });
});

describe("arrangement invariant 4: caps", () => {
  test.prop([arbCaseWithArrangements])("no partner covers more of a deficit than its cap; only the final risk bearer covers the rest", (c) => {
    const ev = run(c);
    for (const a of ev.arrangements) {
      const spec = (c.arrangements ?? []).find((x) => x.id === a.id);
      for (const pot of a.pots) {
        const step = spec?.steps?.find((s) => s.type === "pot");
        if (!step || step.type !== "pot") continue;
        for (const y of pot.years) {
          for (const [p, amount] of Object.entries(y.covered)) {
            expect(amount).toBeGreaterThanOrEqual(0);
            const cap = step.deficit.caps?.[p];
            if (cap?.amount !== undefined) expect(amount).toBeLessThanOrEqual(Math.round(Number(cap.amount) * 100));
            if (cap?.shareOfContribution !== undefined) expect(amount).toBeLessThanOrEqual(Math.max(0, y.contributions[p] ?? 0) * cap.shareOfContribution + 1e-9);
          }
          const covered = Object.values(y.covered).reduce((s, v) => s + v, 0);
          if (y.deficit === 0) { expect(covered).toBe(0); expect(y.riskBearer).toBe(0); }
          else expect(covered + y.riskBearer).toBeLessThanOrEqual(y.deficit);
        }
      }
    }
  });
});

const arbFixed = fc.uniqueArray(fc.tuple(fc.constantFrom("a", "b", "c", "d"), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 4, selector: (t) => t[0] })
  .filter((xs) => xs.some(([, w]) => w > 0))
  .map((xs): KeySpec => ({ type: "fixed", shares: Object.fromEntries(xs) }));
const keyEnv = {
  partners: ["a", "b", "c", "d"].map((id) => ({ id, name: id, kind: "municipality" as const, inhabitants: id.charCodeAt(0) * 100 })),
  add: () => { throw new Error("invalid key in test"); },
  checkPartner: () => {},
  compile: (src: string | number) => () => Number(src),
  compileWeight: (src: string | number) => () => Number(src),
};
const ctx = { values: [], year: 2025, benefit: new Map<string, number>() };

describe("arrangement invariant 5: keys", () => {
  test.prop([fc.oneof(arbFixed, fc.tuple(arbFixed, arbFixed, fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b, w]): KeySpec => ({ type: "blend", parts: [{ weight: w, key: a }, { weight: 1 - w, key: b }] })).filter((k) => k.type !== "blend" || k.parts.some((p) => Number(p.weight) > 0)))])(
    "shares are non-negative and sum to one",
    (spec) => {
      const w = compileKey(spec, [], keyEnv)(ctx);
      const total = w.weights.reduce((s, x) => s + x, 0);
      for (const x of w.weights) expect(x).toBeGreaterThanOrEqual(0);
      expect(w.weights.map((x) => x / total).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    },
  );
  test.prop([arbCaseWithArrangements])("a zero-weight partner pays nothing", (c) => {
    // Pot contributions by a fixed key: a partner with share 0 contributes 0 every year.
    const ev = run(c);
    for (const a of ev.arrangements) {
      const spec = (c.arrangements ?? []).find((x) => x.id === a.id);
      const step = spec?.steps?.find((s) => s.type === "pot");
      if (!step || step.type !== "pot" || !("key" in step.contributions)) continue;
      const key = step.contributions.key as KeySpec;
      if (key.type !== "fixed") continue;
      for (const [p, w] of Object.entries(key.shares)) if (Number(w) === 0) for (const pot of a.pots) for (const y of pot.years) expect(y.contributions[p] ?? 0).toBe(0);
    }
  });
  test.prop([arbFixed, fc.constantFrom<KeySpec>({ type: "inhabitants" }, { type: "fixed", shares: { a: 1, b: 2 } })])("a blend with weight 1 on one key equals that key", (a, b) => {
    const blended = compileKey({ type: "blend", parts: [{ weight: 1, key: a }, { weight: 0, key: b }] }, [], keyEnv)(ctx);
    const plain = compileKey(a, [], keyEnv)(ctx);
    const norm = (w: { partners: string[]; weights: number[] }) => { const t = w.weights.reduce((s, x) => s + x, 0); return w.partners.map((p, i) => [p, w.weights[i]! / t] as const).filter(([, x]) => x > 0); };
    const x = norm(blended), y = norm(plain);
    expect(x.map((e) => e[0])).toEqual(y.map((e) => e[0]));
    x.forEach((e, i) => expect(e[1]).toBeCloseTo(y[i]![1], 12));
  });
});

describe("arrangement invariant 6: shared savings", () => {
  const arbArgs = fc.record({ s: fc.integer({ min: -1e10, max: 1e10 }), t: fc.integer({ min: 0, max: 1e9 }), rate: fc.double({ min: 0, max: 1, noNaN: true }), cap: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }) });
  const transfer = (s: number, t: number, rate: number, cap?: number) => Math.min(cap ?? Infinity, rateShare(Math.max(0, s - t), rate));
  test.prop([arbArgs])("transfer = rate x max(0, savings - threshold), capped (to the cent)", ({ s, t, rate, cap }) => {
    const exact = Math.min(cap ?? Infinity, rate * Math.max(0, s - t));
    expect(Math.abs(transfer(s, t, rate, cap) - exact)).toBeLessThanOrEqual(1);
  });
  test.prop([arbArgs, fc.integer({ min: 0, max: 1e9 })])("the transfer is monotone in savings", ({ s, t, rate, cap }, more) => {
    expect(transfer(s + more, t, rate, cap)).toBeGreaterThanOrEqual(transfer(s, t, rate, cap));
  });
});

describe("arrangement invariant 7: settlement", () => {
  test.prop([arbCaseWithArrangements.map((c) => ({ ...c, arrangements: (c.arrangements ?? []).map((a) => ({ ...a, steps: [...(a.steps ?? []).filter((s) => s.type !== "settlement"), { type: "settlement" as const, target: "equal-roi" as const }] })) }))])(
    "equal ROI: every participant with costs ends with the same reported ROI, within rounding",
    (c) => {
      fc.pre(c.partners.length >= 2);
      const ev = run(c);
      const years = ev.years.length;
      for (const a of ev.arrangements) {
        if (a.steps.length === 0) continue;
        // The ROI the table shows: PV(savings + transfers in) / PV(costs + transfers out) - 1.
        const ps = a.partners.filter((p) => p.pvCosts + p.pvTransfersOut > 0);
        if (ps.length < 2) continue;
        const B = (p: (typeof ps)[number]) => p.pvSavings + p.pvTransfersIn, C = (p: (typeof ps)[number]) => p.pvCosts + p.pvTransfersOut;
        const beta = ps.reduce((s, p) => s + B(p), 0) / ps.reduce((s, p) => s + C(p), 0);
        // Rounding: a cent a year in the yearly amounts (and its discounting), per partner, scaled by beta.
        for (const p of ps) expect(Math.abs(B(p) - beta * C(p))).toBeLessThanOrEqual((2 + 2 * beta) * years + 1e-9 * C(p));
      }
    },
  );
  test.prop([arbCaseWithArrangements.map((c) => ({ ...c, arrangements: (c.arrangements ?? []).map((a) => ({ ...a, steps: [...(a.steps ?? []).filter((s) => s.type !== "settlement"), { type: "settlement" as const, target: "no-worse-off" as const }] })) }))])(
    "no worse off: every partner's NPV >= 0 whenever the participants' NPV together is >= 0",
    (c) => {
      fc.pre(c.partners.length >= 2);
      const ev = run(c);
      const years = ev.years.length;
      for (const a of ev.arrangements) {
        // Participants share what they have together; money a pot holds between years is not theirs
        // yet (its time value is the pot's), so the condition is on the partners' total.
        if (a.steps.length === 0 || a.partners.reduce((s, p) => s + p.npv, 0) < 0) continue;
        // Rounding: one cent a year from the yearly split, half a cent per discounted row.
        for (const p of a.partners) {
          const rows = ev.ledger.rows.filter((r) => r.partner === p.id).length + a.rows.filter((r) => r.partner === p.id).length;
          expect(p.npv).toBeGreaterThanOrEqual(-(years + rows / 2));
        }
      }
    },
  );
});

describe("arrangement invariant 9: outcome payments", () => {
  const outcomeCases = arbCaseWithArrangements.filter((c) => (c.arrangements ?? []).some((a) => (a.steps ?? []).some((s) => s.type === "outcome-payments")));
  const each = (c: CaseInput, ev: Evaluation, f: (step: Extract<NonNullable<CaseInput["arrangements"]>[number]["steps"] extends (infer S)[] | undefined ? S : never, { type: "outcome-payments" }>, result: Evaluation["arrangements"][number]["outcomePayments"][number], a: Evaluation["arrangements"][number]) => void) => {
    for (const a of ev.arrangements) {
      const spec = (c.arrangements ?? []).find((x) => x.id === a.id);
      const steps = (spec?.steps ?? []).filter((s) => s.type === "outcome-payments");
      a.outcomePayments.forEach((r, i) => f(steps[i] as never, r, a));
    }
  };
  test.prop([outcomeCases])("payments never exceed the caps: per payment year and in total, for all payers together", (c) => {
    const ev = run(c);
    each(c, ev, (spec, r) => {
      const paid = r.years.reduce((s, y) => s + y.paid, 0);
      if (spec.cap?.total !== undefined) expect(paid).toBeLessThanOrEqual(Math.round(Number(spec.cap.total) * 100));
      if (spec.cap?.perYear !== undefined) for (const y of r.years) expect(y.paid).toBeLessThanOrEqual(Math.round(Number(spec.cap.perYear) * 100));
      for (const y of r.years) expect(Object.values(y.payers).reduce((s, v) => s + v, 0)).toBe(y.paid);
    });
  });
  test.prop([outcomeCases])("payment = price x outcome (to the cent per outcome) until a cap binds; nothing for a failed gate or after the horizon", (c) => {
    const ev = run(c);
    each(c, ev, (spec, r) => {
      for (const y of r.years) {
        spec.outcomes.forEach((o, i) => {
          // The outcome's units from outside the step: the case's indicator data, the ledger's outcome rows.
          let units: number | undefined;
          if (o.indicator !== undefined) {
            const ind = c.indicators!.find((x) => x.id === o.indicator)!;
            const v = ind.actuals?.[String(y.year)] ?? ind.targets[String(y.year)];
            units = v === undefined ? 0 : Math.max(0, o.baseline === undefined ? v : (ind.direction === "lower-is-better" ? o.baseline - v : v - o.baseline));
          } else {
            const e = c.effects!.find((x) => x.id === o.effect)!;
            if (e.type === "outcome") units = Math.max(0, ev.ledger.outcomes.filter((x) => x.line === o.effect && x.year === y.year).reduce((s, x) => s + x.quantity, 0));
          }
          if (units !== undefined) expect(Math.abs(y.amounts[i]! - Number(o.price) * 100 * units)).toBeLessThanOrEqual(0.5 + 1e-6 * y.amounts[i]!);
        });
        expect(y.due).toBe(y.amounts.reduce((s, a) => s + a, 0));
        if (!y.gatePassed) expect(y.paid).toBe(0);
        if (y.paymentYear === null) expect(y.paid).toBe(0);
        else {
          expect(y.paid + y.capped + y.gated).toBe(y.due);
          if (y.capsBinding.length === 0) expect(y.capped).toBe(0);
        }
      }
      expect(r.beyondHorizon).toBe(r.years.filter((y) => y.paymentYear === null).reduce((s, y) => s + y.due - y.gated, 0));
    });
  });
  test.prop([outcomeCases])("a binding cap scales every payer's part by the same factor (the split is made after the cap)", (c) => {
    const ev = run(c);
    each(c, ev, (spec, r) => {
      if (typeof spec.payer !== "object" || (spec.payer.key as KeySpec).type !== "fixed") return;
      const shares = (spec.payer.key as Extract<KeySpec, { type: "fixed" }>).shares;
      const total = Object.values(shares).reduce((s: number, w) => s + Number(w), 0);
      for (const y of r.years) for (const [p, w] of Object.entries(shares)) expect(Math.abs((y.payers[p] ?? 0) - (y.paid * Number(w)) / total)).toBeLessThan(1);
    });
  });
  test.prop([outcomeCases])("the transfers of the step are the payers' parts, paid to the recipient in the payment year", (c) => {
    const ev = run(c);
    each(c, ev, (spec, r, a) => {
      const step = a.steps.find((s) => s.id === r.id)!;
      const expected = r.years.flatMap((y) => Object.entries(y.payers).filter(([p]) => p !== spec.recipient).map(([p, amount]) => ({ year: y.paymentYear, from: p, to: spec.recipient, amount })));
      expect(step.transfers.map((t) => ({ year: t.year, from: t.from, to: t.to, amount: t.amount }))).toEqual(expected);
    });
  });
});

describe("arrangement invariant 8: permutation and round trip", () => {
  test.prop([arbCaseWithArrangements, fc.integer()])("reordering partners, investments or effects changes no arrangement result", (c, seed) => {
    const rev = <T>(xs: readonly T[] | undefined) => (seed % 2 === 0 ? [...(xs ?? [])].reverse() : [...(xs ?? [])]);
    const p: CaseInput = { ...clone(c), partners: rev(c.partners), investments: rev(c.investments), effects: rev(c.effects) };
    const a = run(c), b = run(p);
    for (const [i, x] of a.arrangements.entries()) {
      const y = b.arrangements[i]!;
      expect(y.society).toEqual(x.society);
      expect(y.rows).toEqual(x.rows);
      expect(y.pots).toEqual(x.pots);
      for (const px of x.partners) {
        const { id, name, kind, ...mx } = px;
        const { id: _i, name: _n, kind: _k, ...my } = y.partners.find((q) => q.id === id)!;
        void name; void kind; void _i; void _n; void _k;
        expect(my).toEqual(mx);
      }
    }
  });
  test.prop([arbCaseWithArrangements])("parse(serialize(case)) equals the case with arrangements, in YAML and JSON", (c) => {
    for (const format of ["yaml", "json"] as const) {
      const parsed = parseCaseText(serializeCase(c, format), format);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.data).toEqual(JSON.parse(JSON.stringify(c)));
    }
  });
});
