/**
 * The settlement's yearly split (proportional-to-investment and no-worse-off) against the code
 * it replaced, kept here as the naive reference: Maps by partner per year, `pairUp` on them.
 * Random cases, random participant lists (a partner may be listed twice: it then counts at its
 * last place, as a Map by id kept it), with a key or without.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { allocate } from "../../engine/money/allocate.ts";
import { baseFigures } from "../../engine/ledger/ledger.ts";
import { pairUp, type CaseInput } from "../../engine/index.ts";
import { arbCase } from "../arbitraries.ts";
import { evaluate, validRandomCase } from "../helpers.ts";

/** The old per-year loop, for a settlement that is the only step (no earlier transfers). */
function reference(participants: readonly string[], years: readonly number[], netPerYear: (p: string) => readonly number[], weightsOf: (year: number) => number[] | undefined, shares: number[] | undefined) {
  const Y = years.length;
  const netOf = new Float64Array(participants.length * Y);
  participants.forEach((p, i) => netPerYear(p).forEach((v, k) => { netOf[i * Y + k] = v; }));
  const out: { year: number; from: string; to: string; amount: number }[] = [];
  for (const [k, year] of years.entries()) {
    const net = new Map(participants.map((p, i) => [p, netOf[i * Y + k]!]));
    const total = [...net.values()].reduce((s, v) => s + v, 0);
    const weights = shares ?? weightsOf(year) ?? participants.map(() => 1);
    const targets = allocate(total, weights, participants);
    const balance = new Map(participants.map((p, i) => [p, targets[i]! - net.get(p)!]));
    for (const t of pairUp(balance)) out.push({ year, from: t.from, to: t.to, amount: t.amount });
  }
  return out;
}

const arbSettled = arbCase.chain((c) => {
  const ids = c.partners.map((p) => p.id);
  return fc.record({
    partners: fc.array(fc.constantFrom(...ids), { minLength: 2, maxLength: 6 }),
    target: fc.constantFrom("proportional-to-investment" as const, "no-worse-off" as const),
    shares: fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: ids.length, maxLength: ids.length }), { nil: undefined }),
  }).map(({ partners, target, shares }) => {
    const key = target === "no-worse-off" && shares && shares.some((s) => s > 0) ? { type: "fixed", shares: Object.fromEntries(ids.map((p, i) => [p, shares[i]!])) } : undefined;
    const step = { type: "settlement", target, partners, ...(key ? { key } : {}) };
    return { ...c, arrangements: [{ id: "s", name: "S", steps: [step] }] } as CaseInput;
  });
});

describe("settlement: the yearly split equals the old Maps-and-pairUp code", () => {
  test.prop([arbSettled], { numRuns: 150 })("every year's transfers, in order, the same (partners listed twice included)", (c) => {
    const m = validRandomCase(c);
    fc.pre(m !== undefined);
    let ev;
    try { ev = evaluate(c); } catch { fc.pre(false); return; }
    const arr = ev.arrangements.find((a) => a.id === "s")!;
    const step = m!.case.arrangements!.find((a) => a.id === "s")!.steps[0] as { target: string; partners: string[]; key?: { shares: Record<string, number> } };
    const participants = [...step.partners].sort();
    const base = baseFigures(m!, ev.ledger);
    const shares = step.target === "no-worse-off" ? undefined : participants.map((p) => Math.max(0, base.invested(p)));
    fc.pre(shares === undefined || shares.some((s) => s > 0));
    const key = step.key;
    const weightsOf = () => (key ? participants.map((p) => key.shares[p] ?? 0) : undefined);
    const want = reference(participants, m!.years, (p) => base.netPerYear(p), weightsOf, shares);
    const got = arr.steps[0]!.transfers.map((t) => ({ year: t.year, from: t.from, to: t.to, amount: t.amount }));
    expect(got).toEqual(want);
  });
});
