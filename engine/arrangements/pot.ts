/**
 * One collective pot (gezamenlijk budget). Each year:
 * 1. partners contribute: a total (a formula; default: what the pot spends that year, plus the
 *    initial reserve in the first year) split by a key, or fixed amounts per partner; with
 *    `surplus: carry-forward`, money the pot carried over from earlier years lowers this total
 *    first (split the same way), so a surplus is spent before partners put in new money;
 * 2. the pot pays the investments it covers (to their bearers);
 * 3. year end, surplus (contributions > spending): returned by a key, carried forward (it lowers
 *    the next year's contributions), or kept in a reserve up to a maximum with the excess
 *    returned; deficit: covered in the order given: from the reserve, by a key with each partner
 *    up to its cap, and whatever is left by the final risk bearer (always last, added if not
 *    listed);
 * 4. in the last year of the horizon, what is left in the reserve is returned by the return key
 *    (`reserveReturned`), so the pot ends empty and every cent is back with a partner.
 * Every year balances exactly: contributions + reserve drawn + reserve returned + deficit
 * covered = spending + surplus returned + reserve added; and the reserve drawn during a year is
 * never more than the reserve at its start.
 *
 * Changed (issue 14): a carried-forward surplus used to wait in the pot for a deficit without
 * lowering later contributions; the reserve returned at the end used to count as "reserve drawn".
 */
import { allocate } from "../money/allocate.ts";
import type { Path } from "../messages/issues.ts";
import { boundedCents, MAX_CENTS, type Cents } from "../money/money.ts";
import { InputError } from "../messages/issues.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import { ArrangementError, compileKey, keyForRun, readsOf, type CompiledKey, type Weights } from "./keys.ts";
import { matches } from "./match.ts";
import type { Compiled, CompiledStep, PotYear, Transfer } from "./types.ts";

type Spec = Extract<ArrangementStep, { type: "pot" }>;

export const potEntity = (id: string) => `pot:${id}`;

/** A sum of cents the pot forms (contributions, the year's result, the reserve) within MAX_CENTS, or an input error at `path`. */
function within(cents: Cents, path: Path, what: string, year: number): void {
  if (!(Math.abs(cents) <= MAX_CENTS)) throw new InputError(path, "amountOverflow", { what, year, value: cents / 100 });
}

/** Amounts per partner as a record without a prototype (every id, `toString` too, is just a key), in the Map's order. */
function recordOf(m: ReadonlyMap<string, Cents>): Record<string, Cents> {
  const r: Record<string, Cents> = Object.create(null);
  for (const [p, a] of m) r[p] = a;
  return r;
}

export function compilePot(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  const pot = potEntity(id);
  // The investments the pot pays, in the case's order.
  const paidLines = env.investments.filter((inv) => matches(spec.pays, inv));
  const paid = new Set(paidLines.map((inv) => inv.id));
  spec.pays.investments?.forEach((inv, j) => { if (!env.investments.some((x) => x.id === inv)) env.add([...path, "pays", "investments", j], "unknownInvestment", { name: inv }); });
  spec.pays.domains?.forEach((d, j) => env.checkDomain(d, [...path, "pays", "domains", j]));

  let contributionKey: CompiledKey | undefined;
  let contributionAmount: Compiled | undefined;
  let fixedAmounts: [string, Compiled][] | undefined;
  const c = spec.contributions;
  if ("key" in c) {
    contributionKey = compileKey(c.key, [...path, "contributions", "key"], env);
    if (c.amount !== undefined) contributionAmount = env.compile(c.amount, [...path, "contributions", "amount"]);
  } else {
    fixedAmounts = [];
    for (const p of Object.keys(c.amounts).sort()) {
      env.checkPartner(p, [...path, "contributions", "amounts", p]);
      const fn = env.compile(c.amounts[p]!, [...path, "contributions", "amounts", p]);
      // Stryker disable next-line ConditionalExpression: equivalent, a formula that does not compile is reported and validation stops before any pot is applied
      if (fn) fixedAmounts.push([p, fn]);
    }
  }
  const initialReserve = spec.initialReserve !== undefined ? env.compile(spec.initialReserve, [...path, "initialReserve"]) : undefined;
  const returnKey = spec.surplus.key ? compileKey(spec.surplus.key, [...path, "surplus", "key"], env) : undefined;
  const reserveMax = spec.surplus.reserveMax !== undefined ? env.compile(spec.surplus.reserveMax, [...path, "surplus", "reserveMax"]) : undefined;
  if (spec.surplus.action === "reserve" && spec.surplus.reserveMax === undefined) env.add([...path, "surplus", "reserveMax"], "reserveMaxMissing");
  const coverKey = spec.deficit.key ? compileKey(spec.deficit.key, [...path, "deficit", "key"], env) : undefined;
  env.checkPartner(spec.deficit.riskBearer, [...path, "deficit", "riskBearer"]);
  const caps = Object.entries(spec.deficit.caps ?? {}).map(([p, cap]): [string, { amount: Compiled | undefined; share: number | undefined }] => {
    env.checkPartner(p, [...path, "deficit", "caps", p]);
    const amount = cap.amount !== undefined ? env.compile(cap.amount, [...path, "deficit", "caps", p, "amount"]) : undefined;
    return [p, { amount, share: cap.shareOfContribution }];
  });
  // The paths of input errors a run may raise, made once.
  const paths = {
    amount: [...path, "contributions", "amount"], initialReserve: [...path, "initialReserve"], contributions: [...path, "contributions"],
    amounts: (fixedAmounts ?? []).map(([p]) => [...path, "contributions", "amounts", p]),
    reserveMax: [...path, "surplus", "reserveMax"], surplus: [...path, "surplus"],
    caps: new Map(caps.map(([p]) => [p, [...path, "deficit", "caps", p, "amount"]])),
  };
  const order = spec.deficit.order.includes("risk-bearer") ? spec.deficit.order : [...spec.deficit.order, "risk-bearer" as const];

  return {
    id, spec, path, funding: true,
    // Its keys and formulas (contributions, reserve, caps), and the costs of the investments it
    // pays; not effects (monitoring's actual contributions are not taken over: apply.ts).
    reads: {
      ...readsOf(
        [contributionKey, returnKey, coverKey].filter((k): k is CompiledKey => k !== undefined),
        [contributionAmount, ...(fixedAmounts ?? []).map(([, f]) => f), initialReserve, reserveMax, ...caps.map(([, cap]) => cap.amount)],
      ),
      investments: [...paid],
    },
    apply(ctx) {
      const { values } = ctx;
      const years = ctx.model.years;
      const last = years[years.length - 1]!;
      const costs = ctx.base.investmentCosts();
      const invested = paidLines.map((inv) => ({ id: inv.id, bearer: inv.bearer, costs: costs.get(inv.id) }));
      const transfers: Transfer[] = [];
      const out: PotYear[] = [];
      // This run's keys: weights that do not depend on the year are worked out once.
      const contributionKeyRun = contributionKey && keyForRun(contributionKey);
      const returnKeyRun = returnKey && keyForRun(returnKey), coverKeyRun = coverKey && keyForRun(coverKey);
      // Literals, not a spread of the optional field: V8 makes a spread object many times dearer
      // (a Monte Carlo sample makes a pot's transfers again).
      const move = (year: number, from: string, to: string, amount: Cents, reason: string, about?: string) => {
        if (amount > 0) transfers.push(about ? { year, from, to, amount, reason, about } : { year, from, to, amount, reason });
        else if (amount < 0) transfers.push(about ? { year, from: to, to: from, amount: -amount, reason, about } : { year, from: to, to: from, amount: -amount, reason });
      };
      // Amounts per partner are Maps while a year is worked out (in the order partners first
      // come, a later amount of the same partner replacing or adding to its place, as the
      // records of the results keep them), records only in the year's result: walking a record
      // without a prototype (Object.entries) was most of a Monte Carlo sample's pot.
      // (A partner a key lists twice keeps its place and its last part, as a record's key does.)
      const split = (amount: Cents, w: Weights): Map<string, Cents> => {
        const parts = allocate(amount, w.weights, w.partners), into = new Map<string, Cents>();
        for (let i = 0; i < w.partners.length; i++) into.set(w.partners[i]!, parts[i]!);
        return into;
      };
      const addInto = (acc: Map<string, Cents>, more: ReadonlyMap<string, Cents>) => { for (const [p, a] of more) acc.set(p, (acc.get(p) ?? 0) + a); };
      let reserve = 0;
      const carry = spec.surplus.action === "carry-forward";
      for (const year of years) {
        const kctx = { values, year, benefit: ctx.benefit, benefitIn: ctx.benefitIn };
        // 1. What the pot pays this year.
        let spending = 0;
        for (const inv of invested) {
          const cost = inv.costs?.get(year) ?? 0;
          spending += cost;
          move(year, pot, inv.bearer, cost, "pot-pays", inv.id);
        }
        // 2. Contributions, lowered first by what was carried forward. The agreed contributions
        // (a total by a key, or fixed amounts) decide what is carried in; in a monitoring run
        // what partners actually put in replaces the (lowered) agreed contributions, so actual
        // contributions equal to the plan give the plan.
        const reserveStart = reserve;
        let carried = 0;
        const contributions = new Map<string, Cents>();
        let planned: Weights;
        let fixedEntries: (readonly [string, Cents])[] | undefined;
        let total = 0;
        if (contributionKey) {
          planned = contributionKeyRun!(kctx);
          total = contributionAmount ? boundedCents(contributionAmount(values), paths.amount, "contribution", year) : spending;
          if (year === years[0] && initialReserve) total += boundedCents(initialReserve(values), paths.initialReserve, "contribution", year);
          within(total, paths.contributions, "contribution", year);
        } else {
          fixedEntries = fixedAmounts!.map(([p, f], j) => [p, boundedCents(f(values), paths.amounts[j]!, "contribution", year)] as const);
          planned = { partners: fixedEntries.map((e) => e[0]), weights: fixedEntries.map((e) => Math.max(0, e[1])) };
          total = planned.weights.reduce((t, w) => t + w, 0);
          within(total, paths.contributions, "contribution", year);
        }
        // What was carried forward, up to this year's total (the reserve is never below 0).
        if (carry) carried = Math.max(0, Math.min(reserve, total));
        let contribWeights: Weights = planned;
        const actual = ctx.actualContributions?.get(`${ctx.arrangementId}/${id}`)?.get(year);
        if (actual) {
          for (const p of Object.keys(actual).sort()) contributions.set(p, actual[p]!);
        } else if (contributionKey) {
          for (const [p, a] of split(total - carried, planned)) contributions.set(p, a);
        } else {
          for (const [p, a] of fixedEntries!) contributions.set(p, a);
          if (carried > 0) {
            const less = allocate(carried, planned.weights, planned.partners);
            fixedEntries!.forEach(([p], i) => { contributions.set(p, contributions.get(p)! - less[i]!); });
          }
        }
        // Fixed amounts: returned and covered amounts go by what was put in this year (after the
        // carry-forward lowered it, or as actually put in), when anything was; else by the agreed
        // amounts. One rule for plan and monitoring, so actual contributions equal to the plan give
        // the plan to the cent. A key's contributions are split by the key.
        if (!contributionKey) {
          const partners = [...contributions.keys()].sort();
          const weights = partners.map((p) => Math.max(0, contributions.get(p)!));
          if (weights.some((w) => w > 0)) contribWeights = { partners, weights };
        }
        reserve -= carried;
        let contributed = 0;
        for (const [p, a] of contributions) { contributed += a; move(year, p, pot, a, "contribution"); }
        // Every amount the pot splits below (surplus, deficit, reserve) is at most these in size.
        within(contributed, paths.contributions, "contribution", year);
        within(contributed - spending, paths.contributions, "contribution", year);
        const weightsOf = (key: CompiledKey | undefined): Weights => {
          if (key) return key(kctx);
          if (contribWeights.weights.some((w) => w > 0)) return contribWeights;
          throw new ArrangementError(paths.contributions, "weightsZero");
        };
        // 3. Year end.
        let surplus = 0, deficit = 0, reserveDrawn = carried, contributionsLowered = carried, reserveAdded = 0, reserveReturned = 0, riskBearer = 0;
        const returned = new Map<string, Cents>();
        const covered = new Map<string, Cents>();
        const capsBinding: string[] = [];
        const result = contributed + carried - spending;
        if (result >= 0) {
          surplus = result;
          let toReturn = 0;
          if (spec.surplus.action === "return") toReturn = surplus;
          else if (spec.surplus.action === "carry-forward") reserveAdded = surplus;
          else {
            const max = Math.max(0, boundedCents(reserveMax!(values), paths.reserveMax, "arrangement", year));
            reserveAdded = Math.min(surplus, Math.max(0, max - reserve));
            toReturn = surplus - reserveAdded;
          }
          reserve += reserveAdded;
          within(reserve, paths.surplus, "arrangement", year);
          if (toReturn > 0) addInto(returned, split(toReturn, weightsOf(returnKeyRun)));
        } else {
          deficit = -result;
          let remaining = deficit;
          for (const stepName of order) {
            if (remaining === 0) break;
            if (stepName === "reserve") {
              const draw = Math.min(remaining, reserve);
              reserveDrawn += draw; reserve -= draw; remaining -= draw;
            } else if (stepName === "key") {
              for (const [p, part] of split(remaining, weightsOf(coverKeyRun))) {
                const cap = caps.find((x) => x[0] === p)?.[1];
                let limit = Infinity;
                if (cap?.amount) limit = Math.min(limit, Math.max(0, boundedCents(cap.amount(values), paths.caps.get(p)!, "arrangement", year)));
                if (cap?.share !== undefined) limit = Math.min(limit, Math.floor(Math.max(0, contributions.get(p) ?? 0) * cap.share));
                const take = Math.min(part, limit);
                if (take < part) capsBinding.push(p);
                if (take > 0) { covered.set(p, (covered.get(p) ?? 0) + take); remaining -= take; }
              }
            } else {
              riskBearer += remaining;
              remaining = 0;
            }
          }
        }
        // 4. The last year empties the reserve back to the partners.
        if (year === last && reserve > 0) {
          reserveReturned = reserve;
          addInto(returned, split(reserve, weightsOf(returnKeyRun)));
          reserve = 0;
        }
        for (const [p, a] of returned) move(year, pot, p, a, "surplus-returned");
        for (const [p, a] of covered) move(year, p, pot, a, "deficit-covered");
        move(year, spec.deficit.riskBearer, pot, riskBearer, "risk-bearer");
        // (A sample of the Monte Carlo reads only the transfers.)
        if (!ctx.transfersOnly) out.push({ year, reserveStart, contributions: recordOf(contributions), contributed, spending, surplus, deficit, reserveDrawn, contributionsLowered, reserveAdded, reserveReturned, reserveEnd: reserve, returned: recordOf(returned), covered: recordOf(covered), capsBinding, riskBearer, order: [...order] });
      }
      const facts: Record<string, number> = {};
      if (reserveMax) facts.reserveMax = Math.max(0, boundedCents(reserveMax(values), paths.reserveMax, "arrangement"));
      for (const [p, cap] of caps) {
        if (cap.amount) facts[`capAmount:${p}`] = Math.max(0, boundedCents(cap.amount(values), paths.caps.get(p)!, "arrangement"));
        if (cap.share !== undefined) facts[`capShare:${p}`] = cap.share;
      }
      return ctx.transfersOnly ? { transfers, facts } : { transfers, facts, pot: { id: pot, name: spec.name ?? id, years: out } };
    },
  };
}
