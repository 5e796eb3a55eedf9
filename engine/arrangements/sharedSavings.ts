/**
 * Shared savings: the partner where savings land (`from`) passes a share of them to `to`
 * (usually the investor). Per year: savings S = `from`'s effect result (in the listed domains;
 * with `basis: cashable`, the default since issue 14, without savings marked `cashable: false`,
 * which no budget can cut; `basis: all` counts them, as before);
 * threshold T (an amount, or a share of a baseline); transfer = rate x max(0, S - T), at most
 * `cap`. With loss sharing, when S < 0, `to` pays `from` lossRate x (-S), at most its cap.
 * The rate's part is split off by the largest-remainder rule (`variablePart`, `allocate`'s two-part split), so the transfer and what `from` keeps sum
 * exactly to the excess.
 */
import { variablePart } from "../money/allocate.ts";
import type { Path } from "../messages/issues.ts";
import { boundedCents } from "../money/money.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import type { CompiledStep, Transfer } from "./types.ts";
import { inPeriod } from "./yearly.ts";

type Spec = Extract<ArrangementStep, { type: "shared-savings" }>;

/** The part `rate` of a non-negative amount of cents, split exactly. */
export function share(amount: number, rate: number): number {
  // Nothing of an amount below 0; the rate as a fraction (0 and below: nothing, 1 and above: all).
  return variablePart(Math.max(0, amount), Math.min(1, Math.max(0, rate)));
}

export function compileSharedSavings(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  env.checkPartner(spec.from, [...path, "from"]);
  env.checkPartner(spec.to, [...path, "to"]);
  spec.domains?.forEach((d, i) => env.checkDomain(d, [...path, "domains", i]));
  env.inHorizon(spec.period?.from, [...path, "period", "from"]);
  env.inHorizon(spec.period?.to, [...path, "period", "to"]);
  const rate = env.compileFraction(spec.rate, [...path, "rate"]);
  const t = spec.threshold;
  const thresholdAmount = t && "amount" in t ? env.compile(t.amount, [...path, "threshold", "amount"]) : undefined;
  const thresholdShare = t && "share" in t ? env.compileFraction(t.share, [...path, "threshold", "share"]) : undefined;
  const thresholdOf = t && "of" in t ? env.compile(t.of, [...path, "threshold", "of"]) : undefined;
  const cap = spec.cap !== undefined ? env.compile(spec.cap, [...path, "cap"]) : undefined;
  const lossRate = spec.lossSharing ? env.compileFraction(spec.lossSharing.rate, [...path, "lossSharing", "rate"]) : undefined;
  const lossCap = spec.lossSharing?.cap !== undefined ? env.compile(spec.lossSharing.cap, [...path, "lossSharing", "cap"]) : undefined;
  return {
    id, spec, path, funding: false,
    apply(ctx) {
      const v = ctx.values;
      const savings = ctx.base.effectResult(spec.from, spec.domains, (spec.basis ?? "cashable") === "cashable");
      const threshold = thresholdAmount ? Math.max(0, boundedCents(thresholdAmount(v), [...path, "threshold", "amount"], "arrangement"))
        : thresholdShare && thresholdOf ? Math.max(0, boundedCents(thresholdShare(v) * thresholdOf(v), [...path, "threshold"], "arrangement")) : 0;
      const capCents = cap ? Math.max(0, boundedCents(cap(v), [...path, "cap"], "arrangement")) : Infinity;
      const lossCapCents = lossCap ? Math.max(0, boundedCents(lossCap(v), [...path, "lossSharing", "cap"], "arrangement")) : Infinity;
      const transfers: Transfer[] = [];
      const binding = { cap: [] as number[], threshold: [] as number[], lossCap: [] as number[] };
      for (const year of ctx.model.years) {
        if (!inPeriod(year, spec.period)) continue;
        const s = savings.get(year) ?? 0;
        const uncapped = share(Math.max(0, s - threshold), rate!(v));
        const pass = Math.min(capCents, uncapped);
        if (uncapped > capCents) binding.cap.push(year);
        // (s > 0 and s <= threshold only when the threshold is above 0)
        if (s > 0 && s <= threshold) binding.threshold.push(year);
        if (pass > 0) transfers.push({ year, from: spec.from, to: spec.to, amount: pass, reason: "shared-savings" });
        // A year without a loss shares nothing back: share(-s) is 0 for s >= 0.
        if (lossRate) {
          const uncappedBack = share(-s, lossRate(v));
          const back = Math.min(lossCapCents, uncappedBack);
          if (uncappedBack > lossCapCents) binding.lossCap.push(year);
          if (back > 0) transfers.push({ year, from: spec.to, to: spec.from, amount: back, reason: "loss-sharing" });
        }
      }
      return {
        transfers, binding,
        facts: { rate: rate!(v), threshold, ...(thresholdShare ? { thresholdShare: thresholdShare(v) } : {}), ...(cap ? { cap: capCents } : {}), ...(lossRate ? { lossRate: lossRate(v) } : {}), ...(lossCap ? { lossCap: lossCapCents } : {}) },
      };
    },
  };
}
