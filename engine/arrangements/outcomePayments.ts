/**
 * Outcome payments (resultaatfinanciering; the payment side of an impact bond): payers pay a
 * recipient (usually the investors who pre-financed the work) a price per unit of outcome.
 *
 * For every outcome year t in the period:
 * 1. units of each outcome: an effect's net quantity that year (quantity x deadweight,
 *    attribution, displacement, optimism bias, ramp-up and drop-off or the explicit profile;
 *    the realised quantity where monitoring has one), or an indicator's measured actual (its
 *    target in a year not measured), minus a baseline when one is given; never below 0;
 * 2. due = the sum over outcomes of price x units in cents (boundedCents);
 * 3. the quality gate: when the gate's indicator misses its target in year t (or has no
 *    measurement and `missing: fail`), nothing is due for year t (`gated`);
 * 4. the payment falls in year t + lag; when that is after the horizon it is reported
 *    (`beyondHorizon`) and not booked;
 * 5. caps, on what all payers together pay: at most `cap.perYear` in a payment year and at most
 *    `cap.total` over the horizon (payment years in order); what a cap cuts is `capped`;
 * 6. the payment is split among the payers by the payer key through `allocate`, so a binding
 *    cap scales every payer's part by the same factor, to the cent.
 * So a payment is exactly price x units (to the cent per outcome) until a cap binds, and never
 * more than a cap.
 */
import { allocate } from "../money/allocate.ts";
import { boundedCents, type Cents } from "../money/money.ts";
import type { Path } from "../messages/issues.ts";
import { indicatorStatus } from "../case/indicators.ts";
import type { CompiledEffect, Model, OutcomePaymentYear } from "../case/model.ts";
import type { ArrangementStep, Indicator } from "../case/schema/index.ts";
import { effectFactor } from "../ledger/ledger.ts";
import type { ArrangementEnv } from "./env.ts";
import { compilePayer } from "./keys.ts";
import type { Compiled, CompiledStep, Transfer } from "./types.ts";
import { inPeriod } from "./yearly.ts";

type Spec = Extract<ArrangementStep, { type: "outcome-payments" }>;

/** An effect's net quantity in a year (0 outside its years). */
export function effectUnits(e: CompiledEffect, values: ArrayLike<number>, year: number): number {
  const y = e.years.find((x) => x.year === year);
  if (!y) return 0;
  if (y.actualQuantity) return y.actualQuantity(values);
  if (y.actualAmount) {
    const price = e.unitPrice ? e.unitPrice(values) : 0;
    return price !== 0 ? y.actualAmount(values) / price : 0;
  }
  return e.quantity(values) * effectFactor(e, values, y.ramp, y.dropOffPower);
}

/** An indicator's value in a year: measured, else its target; undefined when neither. */
export function indicatorValue(ind: Indicator, year: number): number | undefined {
  return ind.actuals?.[String(year)] ?? ind.targets[String(year)];
}

/** Whether the gate lets year t's payment through. */
export function gatePasses(ind: Indicator, year: number, missing: "pass" | "fail"): boolean {
  const status = indicatorStatus(ind.targets[String(year)], ind.actuals?.[String(year)], ind.direction, ind.tolerance);
  return status === "no-data" ? missing === "pass" : status === "on-track";
}

export function compileOutcomePayments(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  env.checkPartner(spec.recipient, [...path, "recipient"]);
  const payer = compilePayer(spec.payer, [...path, "payer"], env);
  env.inHorizon(spec.period?.from, [...path, "period", "from"]);
  env.inHorizon(spec.period?.to, [...path, "period", "to"]);
  const effects = env.effects ?? [], indicators = env.indicators ?? [];
  const findIndicator = (name: string, p: Path): Indicator | undefined => {
    const ind = indicators.find((x) => x.id === name);
    if (!ind) env.add(p, "unknownIndicator", { name, known: indicators.map((x) => x.id).join(", ") || "-" });
    return ind;
  };
  const outcomes: ({ effect: string } | { indicator: Indicator; baseline?: number } | null)[] = spec.outcomes.map((o, i) => {
    const p: Path = [...path, "outcomes", i];
    if ((o.effect === undefined) === (o.indicator === undefined)) { env.add(p, "outcomeEffectOrIndicator"); return null; }
    if (o.effect !== undefined) {
      if (!effects.some((e) => e.id === o.effect)) { env.add([...p, "effect"], "unknownEffect", { name: o.effect }); return null; }
      if (o.baseline !== undefined) env.add([...p, "baseline"], "baselineOnlyIndicator");
      return { effect: o.effect };
    }
    const ind = findIndicator(o.indicator!, [...p, "indicator"]);
    return ind ? { indicator: ind, ...(o.baseline !== undefined ? { baseline: o.baseline } : {}) } : null;
  });
  // A price is money per unit of the outcome (EUR/fall, EUR/person): any unit.
  const prices = spec.outcomes.map((o, i) => env.compileWeight(o.price, [...path, "outcomes", i, "price"]));
  const perYear = spec.cap?.perYear !== undefined ? env.compile(spec.cap.perYear, [...path, "cap", "perYear"]) : undefined;
  const total = spec.cap?.total !== undefined ? env.compile(spec.cap.total, [...path, "cap", "total"]) : undefined;
  const gate = spec.gate ? findIndicator(spec.gate.indicator, [...path, "gate", "indicator"]) : undefined;
  const missing = spec.gate?.missing ?? "pass";
  const lag = spec.lag ?? 0;

  return {
    id, spec, path, funding: false,
    apply(ctx) {
      const v = ctx.values;
      const model: Model = ctx.model;
      const last = model.years[model.years.length - 1]!;
      const capYear = perYear ? Math.max(0, boundedCents(perYear(v), [...path, "cap", "perYear"], "arrangement")) : Infinity;
      const capTotal = total ? Math.max(0, boundedCents(total(v), [...path, "cap", "total"], "arrangement")) : Infinity;
      let capLeft = capTotal;
      const compiledEffects = outcomes.map((o) => (o && "effect" in o ? model.effects.find((e) => e.line.id === o.effect) : undefined));
      const unitPrices = prices.map((f) => (f as Compiled)(v));
      const transfers: Transfer[] = [];
      const years: OutcomePaymentYear[] = [];
      let beyondHorizon = 0;
      for (const year of model.years) {
        if (!inPeriod(year, spec.period)) continue;
        const units = outcomes.map((o, i) => {
          let u = 0;
          if (o && "effect" in o) u = effectUnits(compiledEffects[i]!, v, year);
          else if (o) {
            const value = indicatorValue(o.indicator, year);
            if (value !== undefined) u = o.baseline === undefined ? value : o.indicator.direction === "lower-is-better" ? o.baseline - value : value - o.baseline;
          }
          return Math.max(0, u);
        });
        const amounts = units.map((u, i) => Math.max(0, boundedCents(u * unitPrices[i]!, [...path, "outcomes", i, "price"], "arrangement", year)));
        const due = amounts.reduce((s, a) => s + a, 0);
        const gatePassed = gate ? gatePasses(gate, year, missing) : true;
        const gated = gatePassed ? 0 : due;
        const paymentYear = year + lag <= last ? year + lag : null;
        let paid = 0, capped = 0;
        const capsBinding: OutcomePaymentYear["capsBinding"] = [];
        const payers: Record<string, Cents> = Object.create(null);
        const payable = due - gated;
        if (paymentYear === null) beyondHorizon += payable;
        else if (payable > 0) {
          paid = payable;
          if (paid > capYear) { paid = capYear; capsBinding.push("per-year"); }
          if (paid > capLeft) { paid = capLeft; capsBinding.push("total"); }
          capped = payable - paid;
          capLeft -= paid;
          if (paid > 0) {
            const w = payer({ values: v, year: paymentYear, benefit: ctx.benefit, benefitIn: ctx.benefitIn });
            const parts = allocate(paid, w.weights, w.partners);
            w.partners.forEach((p, k) => {
              const amount = parts[k]!;
              if (amount === 0) return;
              payers[p] = amount;
              if (p !== spec.recipient) transfers.push({ year: paymentYear, from: p, to: spec.recipient, amount, reason: "outcome-payment" });
            });
          }
        }
        years.push({ year, paymentYear, units, amounts, due, gatePassed, gated, capped, capsBinding, paid, payers });
      }
      const facts: Record<string, number> = {};
      unitPrices.forEach((p, i) => { facts[`price:${i}`] = p; });
      if (perYear) facts.capPerYear = capYear;
      if (total) facts.capTotal = capTotal;
      return { transfers, facts, outcomePayments: { id, name: spec.name ?? id, recipient: spec.recipient, years, beyondHorizon } };
    },
  };
}
