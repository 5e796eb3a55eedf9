/**
 * The exact kernel: used by `exact` runs (every sample), the column kernel's anchor, the
 * tornado and switching values. The column kernel (linear.ts) is the default per sample.
 *
 * The status-quo ledger of one parameter vector, reduced to what a Monte Carlo sample needs:
 * each partner's NPV, its undiscounted net, and its net per year, in integer cents. The same
 * arithmetic as `buildLedger` + `computeMetrics` (engine/ledger/ledger.ts, engine/ledger/metrics.ts), line by
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
import { discountFactor } from "../money/discount.ts";
import type { Compiled } from "../case/formula.ts";
import { InputError, type Path } from "../messages/issues.ts";
import type { Model } from "../case/model.ts";
import { allocateInto, allocationScratch, keyRanks, type AllocationScratch } from "../money/allocate.ts";
import { MAX_CENTS } from "../money/money.ts";
import { roundCentsFast, toCentsFast } from "./cents.ts";

/**
 * A sampled input made a formula leave its domain (a fraction outside 0..1, an amount that is
 * not finite or beyond exact cents): input data, with the path of the field. The engine's one
 * input-error class (engine/messages/issues.ts) under the name the simulation has always used.
 */
export const SimulationInputError = InputError;
export type SimulationInputError = InputError;

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
  quantity: Operand;
  unitPrice: Operand;
  deadweight: Operand;
  attribution: Operand;
  displacement: Operand;
  optimismBias: Operand;
  dropOffRate: Operand | null;
  variableCostShare: Operand | null;
  /** The single funder's partner index, or -1 when the saving is split among several. */
  single: number;
  funders: Split | null;
  counterparty: number;
  /** Several providers (split by `allocate`), or null; `provider` is the one provider's index, else -1. */
  providers: Split | null;
  provider: number;
  /** One funder, at most one provider, no counterparty, no realised figures: the kernel's fast path. */
  fast: boolean;
  /** Drop-off factor per year for the rate in `dropRate` (recomputed only when the rate changes). */
  drop: Float64Array;
  dropRate: number;
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
   *
   * `lines` (validation's probes): only the lines marked non-zero (investments first, then
   * effects, in the case's order) are run, for their checks (fractions in 0..1, amounts finite
   * and within exact cents); the sum over all lines is then left to the caller, which knows the
   * other lines' sums (engine/simulate/check.ts `lineProbe`).
   */
  evaluate(values: Float64Array, npv: Float64Array, net: Float64Array, yearly: Float64Array | null, lines?: Uint8Array | null): void;
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
  const invIndex: number[] = [];
  model.investments.forEach((inv, index) => {
    for (const y of inv.years) {
      let f = amountFns.indexOf(y.amount);
      if (f < 0) { f = amountFns.length; amountFns.push(y.amount); }
      invAmount.push(f); invFactor.push(y.factor); invPartner.push(pIndex.get(inv.line.bearer)!); invYear.push(y.year - c.startYear); invIndex.push(index);
    }
  });
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
  /** How to read a formula: a constant, one parameter's slot, or (anything else) its closure. */
  const operand = (src: string | number | undefined, fn: Compiled): Operand => {
    if (typeof src === "number") return { slot: -1, constant: src, fn: null };
    if (typeof src === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(src) && model.parameters.slot.has(src)) return { slot: model.parameters.slot.get(src)!, constant: NaN, fn: null };
    return { slot: -1, constant: NaN, fn };
  };
  const domains = new Map(c.domains.map((d) => [d.id, d]));
  const vcsSource = (e: Model["effects"][number]) =>
    (e.line.production !== undefined && e.line.production !== true ? e.line.production.variableCostShare : undefined) ?? domains.get(e.line.domain ?? "")?.variableCostShare;
  const effects: EffectPlan[] = [];
  model.effects.forEach((e, index) => {
    if (e.line.type === "outcome" || !e.unitPrice || !e.funders) return;
    const funders = e.funders;
    effects.push({
      index, quantity: operand(e.line.quantity, e.quantity), unitPrice: operand(e.line.unitPrice, e.unitPrice),
      deadweight: operand(e.line.deadweight, e.deadweight), attribution: operand(e.line.attribution, e.attribution),
      displacement: operand(e.line.displacement, e.displacement), optimismBias: operand(e.line.optimismBias, e.optimismBias),
      dropOffRate: e.dropOffRate ? operand(e.line.dropOff?.rate, e.dropOffRate) : null,
      variableCostShare: e.variableCostShare ? operand(vcsSource(e), e.variableCostShare) : null,
      single: funders.length === 1 ? pIndex.get(funders[0]!.partner)! : -1,
      funders: funders.length === 1 ? null : split(funders),
      counterparty: e.counterparty !== undefined ? pIndex.get(e.counterparty)! : -1,
      providers: e.providers.length > 1 ? split(e.providers) : null,
      provider: e.providers.length === 1 ? pIndex.get(e.providers[0]!.partner)! : -1,
      fast: funders.length === 1 && e.counterparty === undefined && e.providers.length <= 1
        && !e.years.some((y) => (y as YearActuals).actualAmount || (y as YearActuals).actualQuantity),
      drop: new Float64Array(e.years.length),
      dropRate: NaN,
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

  // The sums of |amount| and |discounted| of the rows so far (as the ledger checks them), and
  // the line that added most (named when the sums pass MAX_CENTS).
  const tally = new Float64Array(2);
  let largest = 0;
  let largestPath: Path = [];
  const noteLine = (before: number, path: Path) => {
    if (tally[0]! - before > largest) { largest = tally[0]! - before; largestPath = path; }
  };
  const discounting = { rate: c.discountRate, df };
  const nInvestments = model.investments.length;

  return {
    partners,
    years: Y,
    evaluate(values, npv, net, yearly, lines = null) {
      tally[0] = 0; tally[1] = 0; largest = 0; largestPath = [];
      for (let f = 0; f < amountFns.length; f++) amounts[f] = amountFns[f]!(values);
      for (let i = 0; i < invAmountIdx.length; i++) {
        if (lines !== null && lines[invIndex[i]!] === 0) continue;
        const path: Path = ["investments", invIndex[i]!];
        const amount = -centsOf(amounts[invAmountIdx[i]!]! * invFactorArr[i]!, path);
        const before = tally[0]!;
        if (amount !== 0) addRow(npv, net, yearly, Y, invPartnerArr[i]!, invYearArr[i]!, amount, discounting, tally);
        noteLine(before, path);
      }
      for (let n = 0; n < effects.length; n++) {
        const e = effects[n]!;
        if (lines !== null && lines[nInvestments + e.index] === 0) continue;
        const before = tally[0]!;
        const q = read(e.quantity, values);
        const price = read(e.unitPrice, values);
        const dw = read(e.deadweight, values), at = read(e.attribution, values), dp = read(e.displacement, values), ob = read(e.optimismBias, values);
        const rate = e.dropOffRate === null ? 0 : read(e.dropOffRate, values);
        const vcs = e.variableCostShare === null ? 0 : read(e.variableCostShare, values);
        if (!(dw >= 0 && dw <= 1 && at >= 0 && at <= 1 && dp >= 0 && dp <= 1 && ob >= 0 && ob <= 1 && rate >= 0 && rate <= 1 && vcs >= 0 && vcs <= 1)) {
          fraction(dw, e, ["deadweight"]); fraction(at, e, ["attribution"]); fraction(dp, e, ["displacement"]); fraction(ob, e, ["optimismBias"]);
          fraction(rate, e, ["dropOff", "rate"]); fraction(vcs, e, ["production", "variableCostShare"]);
        }
        // Same association as effectFactor and buildLedger: ((1-dw) at (1-dp) (1-ob)) ramp drop, then (q price) f.
        const base = (1 - dw) * at * (1 - dp) * (1 - ob);
        const vcsRest = 1 - vcs, vcsTotal = vcs + vcsRest, unitTotal = vcsTotal === 1, bothParts = vcs > 0 && vcsRest > 0;
        const qp = q * price;
        const years = e.year;
        if (e.dropOffRate !== null && rate !== e.dropRate) {
          // Same Math.pow as effectFactor, cached while the rate stays the same (it usually is a constant).
          for (let j = 0; j < years.length; j++) e.drop[j] = Math.pow(1 - rate, e.dropOffPower[j]!);
          e.dropRate = rate;
        }
        const hasDrop = e.dropOffRate !== null, drop = e.drop, ramp = e.ramp;
        if (e.fast) {
          // The common line: one funder, at most one provider, no counterparty, no realised
          // figures. The same arithmetic as the general path below, with addRow written out and
          // the provider's lost-revenue row discounted as the negated funder row (roundCents is
          // symmetric: roundCents(-c) = -roundCents(c), and -(s * df) = (-s) * df exactly).
          const f = e.single, pv = e.provider;
          // The line's sums in locals, added to the partners once per line: all whole cents, so
          // exact in any order, and no chain of loads and stores through npv[] per row.
          let fNpv = 0, fNet = 0, pNpv = 0, pNet = 0, absAmount = 0, absDisc = 0;
          for (let j = 0; j < years.length; j++) {
            const euros = qp * (hasDrop ? base * ramp[j]! * drop[j]! : base * ramp[j]!);
            // toCentsFast and roundCentsFast written out, with Math.floor(x + 0.5) for Math.round
            // (V8's Math.round branches on the fraction, which the CPU cannot predict here). Any
            // candidate r is safe: the band test accepts it only when |x - r| < 1/2 (then r is the
            // nearest integer, which both roundings give), else the exact function decides.
            // (No a < 1e11 test: from there on a * 1e-11 >= 1 and the band test fails by itself.)
            const x = euros * 100, r = Math.floor(x + 0.5);
            const saving = 0.5 - Math.abs(x - r) > Math.abs(x) * 1e-11 ? r + 0 : centsOf(euros, ["effects", e.index]);
            if (saving === 0) continue;
            const k = years[j]!;
            const c = saving * df[k]!, cr = Math.floor(c + 0.5), ca = Math.abs(c);
            const disc = ca < 1e13 && 0.5 - Math.abs(c - cr) > ca * 1e-14 ? cr + 0 : discountedRound(c, k, discounting);
            fNpv += disc;
            fNet += saving;
            // The provider's lost revenue is the same row negated: twice each.
            absAmount += (pv >= 0 ? 2 : 1) * Math.abs(saving);
            absDisc += (pv >= 0 ? 2 : 1) * ca;
            if (yearly !== null) yearly[f * Y + k] = yearly[f * Y + k]! + saving;
            if (pv >= 0) {
              pNpv -= disc;
              pNet -= saving;
              if (yearly !== null) yearly[pv * Y + k] = yearly[pv * Y + k]! - saving;
              // variablePart(saving, vcs), written out: the two-part largest-remainder split
              // (ceil(left / 2) = floor(left / 2 + 1 / 2) for a whole left, exactly).
              // Dividing by a total of exactly 1 changes nothing: skip the two divisions then.
              const whole = Math.abs(saving);
              const e0 = unitTotal ? whole * vcs : (whole * vcs) / vcsTotal, e1 = unitTotal ? whole * vcsRest : (whole * vcsRest) / vcsTotal;
              let f0 = Math.floor(e0);
              const f1 = Math.floor(e1), left = whole - (f0 + f1);
              // No branches on the data: left >= 0 (the floors never sum above whole), and with
              // left = 0 the first form adds floor(0 or 1/2) = 0; which remainder is larger is a
              // coin toss, so the comparison is a number, not a branch.
              if (bothParts) f0 += Math.floor(left * 0.5 + 0.5 * Number(e0 - f0 >= e1 - f1));
              else if (vcs > 0) f0 += left;
              if (f0 !== 0) {
                const v = saving < 0 ? -f0 : f0;
                const cv = v * df[k]!, vr = Math.floor(cv + 0.5), va = Math.abs(cv);
                pNpv += va < 1e13 && 0.5 - Math.abs(cv - vr) > va * 1e-14 ? vr + 0 : discountedRound(cv, k, discounting);
                pNet += v;
                absAmount += f0;
                absDisc += va;
                if (yearly !== null) yearly[pv * Y + k] = yearly[pv * Y + k]! + v;
              }
            }
          }
          npv[f] = npv[f]! + fNpv;
          net[f] = net[f]! + fNet;
          if (pv >= 0) { npv[pv] = npv[pv]! + pNpv; net[pv] = net[pv]! + pNet; }
          tally[0] = tally[0]! + absAmount;
          tally[1] = tally[1]! + absDisc;
          noteLine(before, ["effects", e.index]);
          continue;
        }
        for (let j = 0; j < years.length; j++) {
          const actualAmount = e.actualAmount === null ? null : e.actualAmount[j]!;
          const actualQuantity = e.actualQuantity === null ? null : e.actualQuantity[j]!;
          let saving: number;
          if (actualAmount !== null) saving = centsOf(actualAmount(values), ["effects", e.index]);
          else if (actualQuantity !== null) saving = centsOf(actualQuantity(values) * price, ["effects", e.index]);
          else {
            // toCentsFast, written out (inlining matters here: this runs for every line and year).
            const euros = qp * (hasDrop ? base * ramp[j]! * drop[j]! : base * ramp[j]!);
            const x = euros * 100, r = Math.floor(x + 0.5), a = Math.abs(x);
            saving = a < 1e11 && 0.5 - Math.abs(x - r) > a * 1e-11 ? r + 0 : centsOf(euros, ["effects", e.index]);
          }
          if (saving === 0) continue;
          const k = years[j]!;
          if (e.single >= 0) addRow(npv, net, yearly, Y, e.single, k, saving, discounting, tally);
          else {
            const s = e.funders!;
            allocateInto(saving, s.shares, s.shares.length, s.keyRank, s.parts, s.scratch);
            for (let i = 0; i < s.parts.length; i++) if (s.parts[i] !== 0) addRow(npv, net, yearly, Y, s.partner[i]!, k, s.parts[i]!, discounting, tally);
          }
          if (e.counterparty >= 0) addRow(npv, net, yearly, Y, e.counterparty, k, -saving, discounting, tally);
          if (e.provider >= 0) {
            // One provider: allocate gives it the whole saving; then the variable-cost part.
            addRow(npv, net, yearly, Y, e.provider, k, -saving, discounting, tally);
            // variablePart(saving, vcs), written out: the two-part largest-remainder split.
            const whole = saving < 0 ? -saving : saving, e0 = (whole * vcs) / vcsTotal, e1 = (whole * vcsRest) / vcsTotal;
            let f0 = Math.floor(e0);
            const f1 = Math.floor(e1), left = whole - (f0 + f1);
            if (left > 0) {
              if (vcs > 0 && vcsRest > 0) f0 += e0 - f0 >= e1 - f1 ? Math.ceil(left / 2) : Math.floor(left / 2);
              else if (vcs > 0) f0 += left;
            }
            const variable = f0 === 0 ? 0 : saving < 0 ? -f0 : f0;
            if (variable !== 0) addRow(npv, net, yearly, Y, e.provider, k, variable, discounting, tally);
          }
          const pr = e.providers;
          if (pr !== null) {
            allocateInto(saving, pr.shares, pr.shares.length, pr.keyRank, pr.parts, pr.scratch);
            vcsWeights[0] = vcs; vcsWeights[1] = 1 - vcs;
            for (let i = 0; i < pr.parts.length; i++) {
              const lost = pr.parts[i]!;
              if (lost !== 0) addRow(npv, net, yearly, Y, pr.partner[i]!, k, -lost, discounting, tally);
              allocateInto(lost, vcsWeights, 2, null, vcsParts, vcsScratch);
              if (vcsParts[0] !== 0) addRow(npv, net, yearly, Y, pr.partner[i]!, k, vcsParts[0]!, discounting, tally);
            }
          }
        }
        noteLine(before, ["effects", e.index]);
      }
      if (lines === null && !(tally[0]! <= MAX_CENTS && tally[1]! <= MAX_CENTS)) throw new InputError(largestPath, "totalOverflow", { value: Math.max(tally[0]!, tally[1]!) / 100 });
    },
  };
}

/**
 * An amount to cents; one that is not finite (a formula divided by zero at a sampled value) or
 * beyond MAX_CENTS is input data, with the line's path (the ledger's `boundedCents`).
 */
function centsOf(euros: number, path: Path): number {
  if (!Number.isFinite(euros)) throw new SimulationInputError(path, "notFiniteSampled", { value: euros });
  if (!(Math.abs(euros) * 100 <= MAX_CENTS)) throw new SimulationInputError(path, "amountOverflow", { what: "line", value: euros });
  return toCentsFast(euros);
}

/** A discounted row rounded to cents, or the ledger's input error when the discount factor makes it overflow (`discountedCents`). */
function discountedRound(c: number, k: number, d: { rate: number; df: Float64Array }): number {
  if (!(Math.abs(c) <= MAX_CENTS)) throw new SimulationInputError(["discountRate"], "discountOverflow", { rate: d.rate, years: k, factor: d.df[k]! });
  return roundCentsFast(c);
}

/** One ledger row: its discounted amount (rounded on its own, as the ledger does) to the NPV, its amount to the net, both to the tally. */
function addRow(npv: Float64Array, net: Float64Array, yearly: Float64Array | null, Y: number, p: number, k: number, amount: number, d: { rate: number; df: Float64Array }, tally: Float64Array): void {
  const c = amount * d.df[k]!;
  const r = Math.floor(c + 0.5), a = Math.abs(c);
  // roundCentsFast, written out so this small function stays small enough to be inlined (see the fast path for floor(c + 1/2)).
  npv[p] = npv[p]! + (a < 1e13 && 0.5 - Math.abs(c - r) > a * 1e-14 ? r + 0 : discountedRound(c, k, d));
  net[p] = net[p]! + amount;
  tally[0] = tally[0]! + Math.abs(amount);
  tally[1] = tally[1]! + a;
  if (yearly !== null) yearly[p * Y + k] = yearly[p * Y + k]! + amount;
}

/**
 * A formula as the kernel reads it. Most effect fields are a number or one parameter's name;
 * reading those directly spares a closure call (and the boxed number it returns) per field and
 * sample. The value is the same: the closure of a number or a name returns exactly that.
 */
interface Operand {
  slot: number;
  constant: number;
  fn: Compiled | null;
}

function read(o: Operand, values: Float64Array): number {
  return o.slot >= 0 ? values[o.slot]! : o.fn === null ? o.constant : o.fn(values);
}
