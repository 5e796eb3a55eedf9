/**
 * The status-quo ledger of one parameter vector, reduced to what a Monte Carlo sample needs:
 * each partner's NPV, its undiscounted net, and its net per year, in integer cents. The same
 * arithmetic as `buildLedger` + `computeMetrics` (engine/ledger.ts, engine/metrics.ts), line by
 * line: every amount becomes cents once (`toCents`), every split goes through the same
 * largest-remainder allocation, every row is discounted and rounded on its own
 * (`roundCents(amount * discountFactor)`), and a partner's NPV is the sum of its discounted
 * rows. So a sample at the base values gives exactly the deterministic result; a property test
 * holds the two paths together.
 *
 * Everything is laid out once by `compileKernel` (flat typed arrays, the formulas' compiled
 * closures); `evaluate` then runs with no parsing and no allocation. Non-monetary outcomes are
 * not part of it (they are not money and have no NPV).
 */
import { discountFactor } from "../discount.ts";
import type { Compiled } from "../formula.ts";
import type { Path } from "../issues.ts";
import type { Model } from "../model.ts";
import { allocateInto, allocationScratch, keyRanks, type AllocationScratch } from "./allocateKernel.ts";
import { roundCentsFast, toCentsFast } from "./cents.ts";

/** A sampled input made a formula leave its domain (a fraction outside 0..1): input data, with the path of the field. */
export class SimulationInputError extends Error {
  constructor(readonly path: Path, readonly code: string, readonly params: Record<string, unknown>) {
    super(`${path.join(".")}: ${code} ${JSON.stringify(params)}`);
  }
}

interface Split {
  /** Partner index per part, shares, tie-key ranks (partner ids), output and scratch. */
  partner: Int32Array;
  shares: Float64Array;
  keyRank: Int32Array;
  parts: Float64Array;
  scratch: AllocationScratch;
}

interface EffectPlan {
  index: number;
  quantity: Compiled;
  unitPrice: Compiled;
  deadweight: Compiled;
  attribution: Compiled;
  displacement: Compiled;
  optimismBias: Compiled;
  dropOffRate: Compiled | null;
  variableCostShare: Compiled | null;
  /** The single funder's partner index, or -1 when the saving is split among several. */
  single: number;
  funders: Split | null;
  counterparty: number;
  providers: Split | null;
  year: Int32Array;
  ramp: Float64Array;
  dropOffPower: Float64Array;
  /** Monitoring runs: a realised amount (euros) or quantity that replaces the planned effect in a year. */
  actualAmount: (Compiled | null)[] | null;
  actualQuantity: (Compiled | null)[] | null;
}

/** The optional realised figures of an effect year (present once monitoring is in the model). */
type YearActuals = { actualAmount?: Compiled; actualQuantity?: Compiled };

export interface Kernel {
  /** Partner ids, in the case's order (the index used in every output array). */
  readonly partners: readonly string[];
  /** Number of years in the horizon (Y). */
  readonly years: number;
  /**
   * Adds each partner's discounted rows to `npv[p]`, its rows to `net[p]` and, when given, to
   * `yearly[p * Y + k]` (year k from the start). The caller zeroes the arrays.
   */
  evaluate(values: Float64Array, npv: Float64Array, net: Float64Array, yearly: Float64Array | null): void;
}

export function compileKernel(model: Model): Kernel {
  const c = model.case;
  const partners = c.partners.map((p) => p.id);
  const pIndex = new Map(partners.map((p, i) => [p, i]));
  const Y = model.years.length;
  const df = new Float64Array(Y);
  for (let k = 0; k < Y; k++) df[k] = discountFactor(c.discountRate, k);

  // Investments: each distinct amount closure is evaluated once per sample.
  const amountFns: Compiled[] = [];
  const invAmount: number[] = [], invFactor: number[] = [], invPartner: number[] = [], invYear: number[] = [];
  for (const inv of model.investments) {
    for (const y of inv.years) {
      let f = amountFns.indexOf(y.amount);
      if (f < 0) { f = amountFns.length; amountFns.push(y.amount); }
      invAmount.push(f); invFactor.push(y.factor); invPartner.push(pIndex.get(inv.line.bearer)!); invYear.push(y.year - c.startYear);
    }
  }
  const invAmountIdx = Int32Array.from(invAmount), invFactorArr = Float64Array.from(invFactor);
  const invPartnerArr = Int32Array.from(invPartner), invYearArr = Int32Array.from(invYear);
  const amounts = new Float64Array(amountFns.length);

  const split = (list: readonly { partner: string; share: number }[]): Split => ({
    partner: Int32Array.from(list, (x) => pIndex.get(x.partner)!),
    shares: Float64Array.from(list, (x) => x.share),
    keyRank: keyRanks(list.map((x) => x.partner)),
    parts: new Float64Array(list.length),
    scratch: allocationScratch(list.length),
  });
  const effects: EffectPlan[] = [];
  model.effects.forEach((e, index) => {
    if (e.line.type === "outcome" || !e.unitPrice || !e.funders) return;
    const funders = e.funders;
    effects.push({
      index, quantity: e.quantity, unitPrice: e.unitPrice, deadweight: e.deadweight, attribution: e.attribution,
      displacement: e.displacement, optimismBias: e.optimismBias, dropOffRate: e.dropOffRate ?? null,
      variableCostShare: e.variableCostShare ?? null,
      single: funders.length === 1 ? pIndex.get(funders[0]!.partner)! : -1,
      funders: funders.length === 1 ? null : split(funders),
      counterparty: e.counterparty !== undefined ? pIndex.get(e.counterparty)! : -1,
      providers: e.providers.length > 0 ? split(e.providers) : null,
      year: Int32Array.from(e.years, (y) => y.year - c.startYear),
      ramp: Float64Array.from(e.years, (y) => y.ramp),
      dropOffPower: Float64Array.from(e.years, (y) => y.dropOffPower),
      actualAmount: e.years.some((y) => (y as YearActuals).actualAmount) ? e.years.map((y) => (y as YearActuals).actualAmount ?? null) : null,
      actualQuantity: e.years.some((y) => (y as YearActuals).actualQuantity) ? e.years.map((y) => (y as YearActuals).actualQuantity ?? null) : null,
    });
  });
  const vcsWeights = new Float64Array(2);
  const vcsParts = new Float64Array(2);
  const vcsScratch = allocationScratch(2);
  const fraction = (v: number, e: EffectPlan, field: Path): number => {
    if (!(v >= 0 && v <= 1)) throw new SimulationInputError(["effects", e.index, ...field], "fractionSampled", { value: v });
    return v;
  };

  // The output arrays of the current call; `add` is created once, not per sample.
  let npv: Float64Array = new Float64Array(0), net: Float64Array = npv, yearly: Float64Array | null = null;
  const add = (p: number, k: number, amount: number) => {
    npv[p] = npv[p]! + roundCentsFast(amount * df[k]!);
    net[p] = net[p]! + amount;
    if (yearly !== null) yearly[p * Y + k] = yearly[p * Y + k]! + amount;
  };

  return {
    partners,
    years: Y,
    evaluate(values, npvOut, netOut, yearlyOut) {
      npv = npvOut; net = netOut; yearly = yearlyOut;
      for (let f = 0; f < amountFns.length; f++) amounts[f] = amountFns[f]!(values);
      for (let i = 0; i < invAmountIdx.length; i++) {
        const amount = -toCentsFast(amounts[invAmountIdx[i]!]! * invFactorArr[i]!);
        if (amount !== 0) add(invPartnerArr[i]!, invYearArr[i]!, amount);
      }
      for (let n = 0; n < effects.length; n++) {
        const e = effects[n]!;
        const q = e.quantity(values);
        const price = e.unitPrice(values);
        const dw = fraction(e.deadweight(values), e, ["deadweight"]);
        const at = fraction(e.attribution(values), e, ["attribution"]);
        const dp = fraction(e.displacement(values), e, ["displacement"]);
        const ob = fraction(e.optimismBias(values), e, ["optimismBias"]);
        const rate = e.dropOffRate === null ? 0 : fraction(e.dropOffRate(values), e, ["dropOff", "rate"]);
        const vcs = e.variableCostShare === null ? 0 : fraction(e.variableCostShare(values), e, ["production", "variableCostShare"]);
        // Same association as effectFactor and buildLedger: ((1-dw) at (1-dp) (1-ob)) ramp drop, then (q price) f.
        const base = (1 - dw) * at * (1 - dp) * (1 - ob);
        const qp = q * price;
        const years = e.year;
        for (let j = 0; j < years.length; j++) {
          const actualAmount = e.actualAmount === null ? null : e.actualAmount[j]!;
          const actualQuantity = e.actualQuantity === null ? null : e.actualQuantity[j]!;
          let saving: number;
          if (actualAmount !== null) saving = toCentsFast(actualAmount(values));
          else if (actualQuantity !== null) saving = toCentsFast(actualQuantity(values) * price);
          else {
            const drop = e.dropOffRate === null ? 1 : Math.pow(1 - rate, e.dropOffPower[j]!);
            saving = toCentsFast(qp * (base * e.ramp[j]! * drop));
          }
          if (saving === 0) continue;
          const k = years[j]!;
          if (e.single >= 0) add(e.single, k, saving);
          else {
            const s = e.funders!;
            allocateInto(saving, s.shares, s.shares.length, s.keyRank, s.parts, s.scratch);
            for (let i = 0; i < s.parts.length; i++) if (s.parts[i] !== 0) add(s.partner[i]!, k, s.parts[i]!);
          }
          if (e.counterparty >= 0) add(e.counterparty, k, -saving);
          const pr = e.providers;
          if (pr !== null) {
            allocateInto(saving, pr.shares, pr.shares.length, pr.keyRank, pr.parts, pr.scratch);
            vcsWeights[0] = vcs; vcsWeights[1] = 1 - vcs;
            for (let i = 0; i < pr.parts.length; i++) {
              const lost = pr.parts[i]!;
              if (lost !== 0) add(pr.partner[i]!, k, -lost);
              allocateInto(lost, vcsWeights, 2, null, vcsParts, vcsScratch);
              if (vcsParts[0] !== 0) add(pr.partner[i]!, k, vcsParts[0]!);
            }
          }
        }
      }
    },
  };
}
