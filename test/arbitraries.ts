/**
 * Domain arbitraries for property tests: one per concept, all in one file. `arbCase` builds
 * valid case inputs of every shape the schema allows (production losses, transfers, outcomes,
 * explicit schedules, derived parameters), small enough that hundreds run in seconds.
 */
import { fc } from "@fast-check/vitest";
import type { CaseInput } from "../engine/index.ts";

const KINDS = ["municipality", "insurer", "care-office", "provider", "housing-association", "resident", "other"] as const;

export const arbPartner = (i: number) =>
  fc.record({
    kind: fc.constantFrom(...KINDS),
    inhabitants: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
  }).map((p) => ({ id: `p${i}`, name: `Partner ${i}`, kind: p.kind, ...(p.inhabitants !== undefined ? { inhabitants: p.inhabitants } : {}) }));

/** Doubles without -0: JSON cannot carry -0, so it would break round-trip equality for no real reason. */
const dbl = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((v) => (v === 0 ? 0 : v));
const arbFraction = fc.oneof(fc.constant(0), fc.constant(1), dbl(0, 1));

export interface CaseShape {
  partners: number;
  domains: number;
  horizon: number;
  startYear: number;
}

/** A random valid case. Money amounts up to a few million euros; prices with cents. */
export const arbCase: fc.Arbitrary<CaseInput> = fc
  .record({ partners: fc.integer({ min: 1, max: 5 }), domains: fc.integer({ min: 1, max: 4 }), horizon: fc.integer({ min: 1, max: 12 }), startYear: fc.integer({ min: 2020, max: 2030 }) })
  .chain((shape) => {
    const pid = fc.integer({ min: 0, max: shape.partners - 1 }).map((i) => `p${i}`);
    const did = fc.integer({ min: 0, max: shape.domains - 1 }).map((i) => `d${i}`);
    const year = fc.integer({ min: shape.startYear, max: shape.startYear + shape.horizon - 1 });
    const period = fc.tuple(year, year).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
    const domain = (i: number) =>
      fc.record({
        funder: fc.oneof(pid, pid, fc.uniqueArray(fc.record({ partner: pid, share: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 3, selector: (p) => p.partner })),
        providers: fc.option(fc.uniqueArray(fc.record({ partner: pid, share: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 3, selector: (p) => p.partner }), { nil: undefined }),
        variableCostShare: fc.option(arbFraction, { nil: undefined }),
      }).map((d) => ({ id: `d${i}`, name: `Domain ${i}`, ...d }));
    const schedule = fc.oneof(
      year.map((y) => ({ type: "once" as const, year: y })),
      period.map((p) => ({ type: "recurring" as const, ...p })),
      fc.constant({ type: "recurring" as const }),
      fc.uniqueArray(year, { minLength: 1, maxLength: 3 }).chain((ys) =>
        fc.tuple(...ys.map(() => fc.integer({ min: 0, max: 500_000_00 }).map((c) => c / 100))).map((amts) => ({ type: "explicit" as const, amounts: Object.fromEntries(ys.map((y, k) => [String(y), amts[k]!])) })),
      ),
    );
    const investment = (i: number) =>
      fc.record({
        bearer: pid, domain: did,
        category: fc.constantFrom("capital", "revenue", "in-kind"),
        amount: fc.oneof(fc.integer({ min: 0, max: 1_000_000_00 }).map((c) => c / 100), fc.constant("base * 1000")),
        schedule,
        indexation: fc.oneof(fc.constant(0), dbl(-0.05, 0.1)),
      }).map((v) => ({ id: `i${i}`, label: `Investment ${i}`, ...v }));
    const effect = (i: number) =>
      fc.record({
        kind: fc.constantFrom("saving", "saving", "saving", "outcome"),
        domain: did,
        quantity: fc.oneof(fc.integer({ min: -50, max: 2000 }), fc.constant("volume * share")),
        unitPrice: fc.oneof(fc.integer({ min: 1, max: 300_000 }).map((c) => c / 100), fc.constant("price")),
        period: fc.option(period, { nil: undefined }),
        rampUpYears: fc.integer({ min: 0, max: 4 }),
        dropOff: fc.option(fc.record({ rate: arbFraction }), { nil: undefined }),
        deadweight: arbFraction, attribution: arbFraction, displacement: arbFraction,
        optimismBias: fc.oneof(fc.constant(0), dbl(0, 0.5)),
        cashable: fc.boolean(),
        production: fc.option(fc.record({ providers: fc.uniqueArray(pid, { minLength: 1, maxLength: 2 }), variableCostShare: arbFraction }), { nil: undefined }),
        transfer: fc.option(pid.map((p) => ({ counterparty: p })), { nil: undefined }),
        // An explicit yearly profile instead of ramp-up and drop-off, now and then.
        profile: fc.option(fc.dictionary(year.map(String), fc.oneof(fc.constant(0), fc.constant(1), dbl(0, 1.5)), { minKeys: 1, maxKeys: shape.horizon }), { nil: undefined, freq: 6 }),
      }).map((e) => {
        const shapeOf = e.profile ? { rampUpYears: 0, profile: e.profile } : { rampUpYears: e.rampUpYears, ...(e.dropOff ? { dropOff: e.dropOff } : {}) };
        const base = { id: `e${i}`, label: `Effect ${i}`, quantity: e.quantity, ...shapeOf, deadweight: e.deadweight, attribution: e.attribution, displacement: e.displacement, optimismBias: e.optimismBias, ...(e.period ? { period: e.period } : {}) };
        if (e.kind === "outcome") return { ...base, type: "outcome" as const, unit: "QALY" };
        return { ...base, type: "saving" as const, domain: e.domain, unitPrice: e.unitPrice, cashable: e.cashable, ...(e.production ? { production: e.production } : {}), ...(e.transfer ? { transfer: e.transfer } : {}) };
      });
    const list = <T>(make: (i: number) => fc.Arbitrary<T>, max: number) =>
      fc.integer({ min: 0, max }).chain((n) => (n === 0 ? fc.constant([] as T[]) : fc.tuple(...Array.from({ length: n }, (_, i) => make(i)))));
    return fc.record({
      partners: fc.tuple(...Array.from({ length: shape.partners }, (_, i) => arbPartner(i))),
      domains: fc.tuple(...Array.from({ length: shape.domains }, (_, i) => domain(i))),
      investments: list(investment, 4),
      effects: list(effect, 5),
      rate: fc.oneof(fc.constant(0), fc.constant(0.0225), dbl(0, 0.15)),
      params: fc.record({ base: fc.integer({ min: 0, max: 500 }), volume: fc.integer({ min: 0, max: 5000 }), share: arbFraction, price: fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100) }),
    }).map((r): CaseInput => ({
      id: "arb", title: "Random case", priceYear: shape.startYear, startYear: shape.startYear, horizon: shape.horizon,
      discountRate: r.rate,
      partners: r.partners, domains: r.domains,
      parameters: { base: r.params.base, volume: r.params.volume, share: r.params.share, price: { value: r.params.price, unit: "EUR/visit" } },
      investments: r.investments, effects: r.effects,
    }));
  });

/** What a random step may refer to besides partners: effect and indicator ids. */
interface StepRefs { effects: readonly string[]; indicators: readonly string[] }

/** A random financing step for a case with these partners (ids p0..pn-1). */
function arbStep(partners: readonly string[], allowCover: "pot" | "rules" | "prefinance" | "none", refs: StepRefs = { effects: [], indicators: [] }) {
  const pid = fc.constantFrom(...partners);
  const money = fc.integer({ min: 0, max: 300_000_00 }).map((c) => c / 100);
  const fixedKey = fc.uniqueArray(fc.tuple(pid, fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: partners.length, selector: (t) => t[0] })
    .filter((xs) => xs.some(([, w]) => w > 0))
    .map((xs) => ({ type: "fixed" as const, shares: Object.fromEntries(xs) }));
  const key = fc.oneof(fixedKey, fc.record({ weight: fc.constantFrom(0.3, 0.7), a: fixedKey, b: fixedKey }).map(({ weight, a, b }) => ({ type: "blend" as const, parts: [{ weight, key: a }, { weight: 1 - weight, key: b }] })));
  const cover = allowCover === "prefinance"
    ? fc.record({ investor: fc.oneof(pid, key.map((k) => ({ key: k }))), pays: fc.constantFrom({}, { categories: ["capital" as const, "revenue" as const] }) }).map((s) => ({ type: "pre-financing" as const, ...s }))
    : allowCover === "pot"
    ? fc.record({
      contributions: fc.oneof(fc.record({ key, amount: fc.option(money, { nil: undefined }) }).map((c) => (c.amount === undefined ? { key: c.key } : { key: c.key, amount: c.amount })), fc.uniqueArray(fc.tuple(pid, money), { minLength: 1, maxLength: 3, selector: (t) => t[0] }).map((xs) => ({ amounts: Object.fromEntries(xs) }))),
      surplus: fc.oneof(fc.constant({ action: "return" as const }), fc.constant({ action: "carry-forward" as const }), money.map((m) => ({ action: "reserve" as const, reserveMax: m })), key.map((k) => ({ action: "return" as const, key: k }))),
      deficit: fc.record({ order: fc.shuffledSubarray(["reserve", "key", "risk-bearer"] as const, { minLength: 1 }), key: fc.option(key, { nil: undefined }), riskBearer: pid, caps: fc.option(fc.uniqueArray(fc.tuple(pid, fc.oneof(money.map((m) => ({ amount: m })), fc.double({ min: 0, max: 1, noNaN: true }).map((s) => ({ shareOfContribution: s })))), { maxLength: 3, selector: (t) => t[0] }).map((xs) => Object.fromEntries(xs)), { nil: undefined }) })
        .map((d) => ({ order: [...d.order], riskBearer: d.riskBearer, ...(d.key ? { key: d.key } : {}), ...(d.caps ? { caps: d.caps } : {}) })),
    }).map((p) => ({ type: "pot" as const, ...p }))
    : fc.record({ first: fc.option(fc.record({ match: fc.constantFrom({ categories: ["capital" as const] }, { categories: ["revenue" as const, "in-kind" as const] }), payer: pid }), { nil: undefined }), rest: fc.oneof(pid, key.map((k) => ({ key: k }))) })
      .map(({ first, rest }) => ({ type: "decision-rules" as const, rules: [...(first ? [first] : []), { match: {}, payer: rest }] }));
  const others = [
    fc.record({ from: pid, to: pid, rate: fc.double({ min: 0, max: 1, noNaN: true }), threshold: fc.option(money.map((m) => ({ amount: m })), { nil: undefined }), cap: fc.option(money, { nil: undefined }), loss: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) })
      .map((s) => ({ type: "shared-savings" as const, from: s.from, to: s.to, rate: s.rate, ...(s.threshold ? { threshold: s.threshold } : {}), ...(s.cap !== undefined ? { cap: s.cap } : {}), ...(s.loss !== undefined ? { lossSharing: { rate: s.loss } } : {}) })),
    fc.record({ provider: pid, payer: fc.oneof(pid, key.map((k) => ({ key: k }))), compensation: fc.oneof(money.map((m) => ({ amount: m })), fc.double({ min: 0, max: 1, noNaN: true }).map((s) => ({ shareOfLostMargin: s }))) })
      .map((s) => ({ type: "provider-transition" as const, ...s })),
  ];
  const outcome = () => fc.oneof(
    ...(refs.effects.length ? [fc.record({ effect: fc.constantFrom(...refs.effects), price: fc.integer({ min: 0, max: 500_000 }).map((c) => c / 100) })] : []),
    ...(refs.indicators.length ? [fc.record({ indicator: fc.constantFrom(...refs.indicators), price: fc.integer({ min: 0, max: 500_000 }).map((c) => c / 100), baseline: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }) }).map((o) => (o.baseline === undefined ? { indicator: o.indicator, price: o.price } : o))] : []),
  );
  if (refs.effects.length || refs.indicators.length) {
    others.push(fc.record({
      payer: fc.oneof(pid, key.map((k) => ({ key: k }))), recipient: pid,
      outcomes: fc.array(outcome(), { minLength: 1, maxLength: 2 }),
      lag: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      cap: fc.option(fc.record({ perYear: fc.option(money, { nil: undefined }), total: fc.option(money, { nil: undefined }) }).map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined))), { nil: undefined }),
      gate: refs.indicators.length ? fc.option(fc.record({ indicator: fc.constantFrom(...refs.indicators), missing: fc.constantFrom("pass" as const, "fail" as const) }), { nil: undefined }) : fc.constant(undefined),
    }).map((s) => ({
      type: "outcome-payments" as const, payer: s.payer, recipient: s.recipient, outcomes: s.outcomes,
      ...(s.lag !== undefined ? { lag: s.lag } : {}), ...(s.cap !== undefined ? { cap: s.cap } : {}), ...(s.gate !== undefined ? { gate: s.gate } : {}),
    })) as never);
  }
  return allowCover === "none" ? fc.oneof(...others) : fc.oneof(cover, cover, ...others);
}

/** Random indicators with targets and some measured actuals inside the horizon. */
const arbIndicators = (startYear: number, horizon: number) => {
  const year = fc.integer({ min: startYear, max: startYear + horizon - 1 }).map(String);
  const values = fc.dictionary(year, fc.integer({ min: 0, max: 200 }), { maxKeys: horizon });
  return fc.array(fc.record({ direction: fc.constantFrom("higher-is-better" as const, "lower-is-better" as const), tolerance: fc.constantFrom(0, 0.05), targets: values, actuals: values }), { maxLength: 2 })
    .map((xs) => xs.map((x, i) => ({ id: `k${i}`, label: `Indicator ${i}`, direction: x.direction, tolerance: x.tolerance, targets: x.targets, actuals: x.actuals })));
};

/**
 * A case with one to three random arrangements (cover step: a pot, decision rules or
 * pre-financing; benefit steps: shared savings, provider transitions, outcome payments on the
 * case's effects and random indicators; optional settlement last).
 */
export const arbCaseWithArrangements: fc.Arbitrary<CaseInput> = arbCase.chain((c0) => arbIndicators(c0.startYear, c0.horizon).map((indicators) => ({ ...c0, ...(indicators.length ? { indicators } : {}) }))).chain((c) => {
  const partners = c.partners.map((p) => p.id);
  const refs: StepRefs = { effects: (c.effects ?? []).map((e) => e.id), indicators: (c.indicators ?? []).map((x) => x.id) };
  const arrangement = (i: number) =>
    fc.record({
      cover: fc.constantFrom("pot", "rules", "prefinance", "none") as fc.Arbitrary<"pot" | "rules" | "prefinance" | "none">,
      more: fc.integer({ min: 0, max: 2 }),
      settle: partners.length >= 2 ? fc.option(fc.constantFrom("proportional-to-investment", "equal-roi", "no-worse-off") as fc.Arbitrary<"proportional-to-investment" | "equal-roi" | "no-worse-off">, { nil: undefined }) : fc.constant(undefined),
    }).chain(({ cover, more, settle }) =>
      fc.tuple(...(cover === "none" ? [] : [arbStep(partners, cover, refs).filter((s) => s.type === "pot" || s.type === "decision-rules" || s.type === "pre-financing")]), ...Array.from({ length: more }, () => arbStep(partners, "none", refs)))
        .map((steps) => ({ id: `a${i}`, name: `Arrangement ${i}`, steps: [...steps, ...(settle ? [{ type: "settlement" as const, target: settle }] : [])] })),
    );
  return fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arrangement(i)))).map((arrangements) => ({ ...c, arrangements }) as unknown as CaseInput);
});
