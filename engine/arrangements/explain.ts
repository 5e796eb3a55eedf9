/**
 * Plain-language explanations of an applied arrangement, Dutch or English, one sentence per
 * step, with the amounts it moved: "Zorgverzekeraar betaalt Gemeente 50% van zijn
 * verzilverbare besparing boven EUR 100.000 per jaar: EUR 312.000 over 5 jaar; ten hoogste
 * EUR 400.000 per jaar (dat plafond bindt in 2029)."
 *
 * Exact, not rounded: rates with as many decimals as they have (93,17%, not 93%), amounts in
 * whole euros only when they are whole; every cap, threshold and gate is named, and where it
 * bound, the years it did and what it cut.
 */
import { formatEuro, formatNumber } from "../money/format.ts";
import type { Lang } from "../messages/messages.ts";
import type { Model } from "../case/model.ts";
import type { ArrangementResult, StepResult } from "./types.ts";

function names(model: Model): (id: string) => string {
  const m = new Map(model.case.partners.map((p) => [p.id, p.name]));
  return (id) => m.get(id) ?? id;
}

function sum(step: StepResult, reason?: string): number {
  return step.transfers.filter((t) => reason === undefined || t.reason === reason).reduce((s, t) => s + t.amount, 0);
}

function years(step: StepResult): number {
  return new Set(step.transfers.map((t) => t.year)).size;
}

/** A number of years: "3 jaar", "1 year", "3 years". */
function yearCount(k: number, lang: Lang): string {
  return lang === "nl" ? `${k} jaar` : `${k} year${k === 1 ? "" : "s"}`;
}

/** A fraction as a percentage with the decimals it has (up to 6): 0.9317 -> 93,17%. */
export function exactPercent(fraction: number, lang: Lang): string {
  const x = fraction * 100;
  let d = 0;
  while (d < 6 && Math.abs(Number(x.toFixed(d)) - x) > 1e-9 * Math.max(1, Math.abs(x))) d++;
  return `${formatNumber(x, d, lang)}%`;
}

/** Cents as euros: whole euros when whole, else with the cents. */
export function exactEuro(cents: number, lang: Lang): string {
  return formatEuro(cents, lang, Math.round(cents) % 100 === 0 ? 0 : 2);
}

/** Years as runs: 2025-2027, 2029 (en: "2025-2027 and 2029"). */
export function yearList(ys: readonly number[], lang: Lang): string {
  const sorted = [...new Set(ys)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    // Past the end sorted[j + 1] is undefined, which ends the run.
    while (sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  if (runs.length <= 1) return runs[0] ?? "";
  return `${runs.slice(0, -1).join(", ")} ${lang === "nl" ? "en" : "and"} ${runs[runs.length - 1]}`;
}

/** Net amounts per ordered pair over all years, as "A pays B EUR x". */
function pairs(step: StepResult): { from: string; to: string; amount: number }[] {
  const bal = new Map<string, number>();
  // Stryker disable next-line EqualityOperator: equivalent, `<` and `<=` differ only for a === b, where both orders give the same key
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const t of step.transfers) {
    const k = key(t.from, t.to);
    // Stryker disable next-line EqualityOperator: equivalent, `<` and `<=` differ only for from === to, where either sign names the same pair
    bal.set(k, (bal.get(k) ?? 0) + (t.from < t.to ? t.amount : -t.amount));
  }
  const out: { from: string; to: string; amount: number }[] = [];
  for (const [k, v] of bal) {
    const [a, b] = k.split("\u0000") as [string, string];
    if (v > 0) out.push({ from: a, to: b, amount: v });
    else if (v < 0) out.push({ from: b, to: a, amount: -v });
  }
  return out.sort((x, y) => y.amount - x.amount);
}

export function explainArrangement(model: Model, result: ArrangementResult, lang: Lang): string[] {
  const n = names(model);
  const eur = (c: number) => exactEuro(c, lang);
  const pct = (x: number) => exactPercent(x, lang);
  const yl = (ys: readonly number[]) => yearList(ys, lang);
  const nl = lang === "nl";
  if (result.steps.length === 0) {
    return [nl
      ? "Status quo: iedere partner draagt zijn eigen investeringen; besparingen landen bij de financier van het domein waar ze optreden."
      : "Status quo: each partner bears its own investments; savings land with the funder of the domain where they occur."];
  }
  const arr = model.arrangements.find((a) => a.id === result.id)!;
  const period = (p: { from?: number; to?: number } | undefined) =>
    !p || (p.from === undefined && p.to === undefined) ? "" : ` (in ${p.from ?? model.years[0]}-${p.to ?? model.years[model.years.length - 1]})`;
  return result.steps.map((step): string => {
    const spec = arr.steps.find((s) => s.id === step.id)!.spec;
    const total = sum(step);
    const over = `over ${yearCount(years(step), lang)}`;
    // Payments that net to nothing between every pair (A pays B what B pays A) are said so.
    const list = (ps: { from: string; to: string; amount: number }[]) => ps.length === 0
      ? (nl ? "de betalingen tussen de partners heffen elkaar op" : "the payments between the partners cancel out")
      : ps.map((p) => (nl ? `${n(p.from)} betaalt ${n(p.to)} ${eur(p.amount)}` : `${n(p.from)} pays ${n(p.to)} ${eur(p.amount)}`)).join("; ");
    switch (spec.type) {
      case "decision-rules":
        return total === 0
          ? (nl ? "Afwegingskader: iedere investering blijft bij wie haar draagt." : "Decision framework: every investment stays with its bearer.")
          : (nl ? `Afwegingskader: ${list(pairs(step))} (${over}).` : `Decision framework: ${list(pairs(step))} (${over}).`);
      case "pre-financing": {
        // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent, every pre-financing transfer names its investment (cover.ts sets `about`); the filter only narrows the type
        const about = [...new Set(step.transfers.map((t) => t.about).filter((a): a is string => a !== undefined))];
        const labels = about.map((a) => model.investments.find((i) => i.line.id === a)!.line.label).join(", ");
        return total === 0
          ? (nl ? "Voorfinanciering: er valt niets voor te financieren." : "Pre-financing: there is nothing to pre-finance.")
          : nl
            ? `Voorfinanciering: ${list(pairs(step))} voor ${labels} (${over}); de investeerder draagt die kosten, tot resultaatbetalingen ze (deels) terugbetalen.`
            : `Pre-financing: ${list(pairs(step))} for ${labels} (${over}); the investor carries these costs until outcome payments repay them (in part).`;
      }
      case "pot": return explainPot(model, result, step, spec, lang);
      case "shared-savings": {
        // The binding years: shared savings always reports all three lists.
        const f = step.facts, capYears = step.binding.cap!, belowYears = step.binding.threshold!, lossCapYears = step.binding.lossCap!;
        const t = spec.threshold;
        const basis = (spec.basis ?? "cashable") === "cashable"
          ? (nl ? "zijn verzilverbare besparing" : "its cashable savings")
          : (nl ? "zijn besparing (verzilverbaar of niet)" : "its savings (cashable or not)");
        const domains = spec.domains ? ` in ${spec.domains.join(", ")}` : "";
        const above = t && "amount" in t
          ? (nl ? ` boven ${eur(f.threshold ?? 0)} per jaar` : ` above ${eur(f.threshold ?? 0)} a year`)
          : t && "share" in t ? (nl ? ` boven ${pct(f.thresholdShare ?? 0)} van de basis (${eur(f.threshold ?? 0)} per jaar)` : ` above ${pct(f.thresholdShare ?? 0)} of the baseline (${eur(f.threshold ?? 0)} a year)`) : "";
        const paid = sum(step, "shared-savings"), back = sum(step, "loss-sharing");
        const parts = [nl
          ? `${n(spec.from)} betaalt ${n(spec.to)} ${pct(f.rate ?? 0)} van ${basis}${domains}${above}${period(spec.period)}: ${eur(paid)} ${over}`
          : `${n(spec.from)} pays ${n(spec.to)} ${pct(f.rate ?? 0)} of ${basis}${domains}${above}${period(spec.period)}: ${eur(paid)} ${over}`];
        if (f.cap !== undefined) parts.push(nl
          ? `ten hoogste ${eur(f.cap)} per jaar${capYears.length ? ` (dat plafond bindt in ${yl(capYears)})` : " (dat plafond bindt nooit)"}`
          : `at most ${eur(f.cap)} a year${capYears.length ? ` (the cap binds in ${yl(capYears)})` : " (the cap never binds)"}`);
        if (belowYears.length) parts.push(nl ? `in ${yl(belowYears)} blijft de besparing onder de drempel` : `in ${yl(belowYears)} the savings stay below the threshold`);
        if (f.lossRate !== undefined) parts.push(nl
          ? `bij verlies betaalt ${n(spec.to)} ${pct(f.lossRate)} van het verlies terug${f.lossCap !== undefined ? `, ten hoogste ${eur(f.lossCap)} per jaar${lossCapYears.length ? ` (bindt in ${yl(lossCapYears)})` : ""}` : ""}: ${eur(back)}`
          : `on losses ${n(spec.to)} pays back ${pct(f.lossRate)} of the loss${f.lossCap !== undefined ? `, at most ${eur(f.lossCap)} a year${lossCapYears.length ? ` (binds in ${yl(lossCapYears)})` : ""}` : ""}: ${eur(back)}`);
        return parts.join("; ") + ".";
      }
      case "provider-transition": {
        const f = step.facts;
        const what = f.amount !== undefined
          ? (nl ? `${eur(f.amount)} per jaar` : `${eur(f.amount)} a year`)
          : (nl ? `${pct(f.rate ?? 0)} van haar gederfde marge (gemiste omzet min bespaarde variabele kosten)` : `${pct(f.rate ?? 0)} of its lost margin (revenue lost minus variable cost saved)`);
        return nl
          ? `Transitievergoeding: ${n(spec.provider)} krijgt ${what}${period(spec.period)} voor productie die zij opgeeft: ${eur(total)} ${over}${total > 0 ? ` (${list(pairs(step))})` : ""}.`
          : `Transition payment: ${n(spec.provider)} receives ${what}${period(spec.period)} for production it gives up: ${eur(total)} ${over}${total > 0 ? ` (${list(pairs(step))})` : ""}.`;
      }
      case "settlement": return explainSettlement(model, result, step, spec, lang);
      case "outcome-payments": return explainOutcomePayments(model, result, step, spec, lang);
    }
  });
}

type SpecOf<T extends string> = Extract<Model["arrangements"][number]["steps"][number]["spec"], { type: T }>;

function explainPot(model: Model, result: ArrangementResult, step: StepResult, spec: SpecOf<"pot">, lang: Lang): string {
  const n = names(model), nl = lang === "nl";
  const eur = (c: number) => exactEuro(c, lang), pct = (x: number) => exactPercent(x, lang), yl = (ys: readonly number[]) => yearList(ys, lang);
  const pot = result.pots.find((p) => p.id === `pot:${step.id}`)!;
  const y = pot.years;
  const tot = (f: (x: typeof y[number]) => number) => y.reduce((s, x) => s + f(x), 0);
  const contributed = tot((x) => x.contributed), spent = tot((x) => x.spending), deficit = tot((x) => x.deficit), surplus = tot((x) => x.surplus);
  const byPartner = new Map<string, number>();
  for (const x of y) for (const [p, a] of Object.entries(x.contributions)) byPartner.set(p, (byPartner.get(p) ?? 0) + a);
  const parts = [...byPartner].filter(([, a]) => a !== 0).map(([p, a]) => `${n(p)} ${eur(a)}`).join(", ");
  const out: string[] = [nl
    ? `Gezamenlijke pot "${pot.name}": de partners leggen ${eur(contributed)} in (${parts}); de pot betaalt ${eur(spent)} aan investeringen (${yearCount(y.length, lang)})`
    : `Collective pot "${pot.name}": partners put in ${eur(contributed)} (${parts}); the pot pays ${eur(spent)} of investments (${yearCount(y.length, lang)})`];
  const lowered = tot((x) => x.contributionsLowered), finalReturn = tot((x) => x.reserveReturned);
  if (surplus > 0) {
    const what = spec.surplus.action === "return"
      ? (nl ? "gaat terug naar de partners" : "goes back to the partners")
      : spec.surplus.action === "carry-forward"
        ? (nl ? `wordt meegenomen en verlaagt de inleg van het volgende jaar (${eur(lowered)} minder inleg)` : `is carried forward and lowers the next year's contributions (${eur(lowered)} less put in)`)
        : (nl ? `gaat naar een reserve van ten hoogste ${eur(step.facts.reserveMax ?? 0)}, het meerdere terug naar de partners` : `goes into a reserve of at most ${eur(step.facts.reserveMax ?? 0)}, the excess back to the partners`);
    out.push(nl ? `overschot ${eur(surplus)}: ${what}` : `surplus ${eur(surplus)}: ${what}`);
  }
  if (finalReturn > 0) out.push(nl ? `aan het eind gaat ${eur(finalReturn)} uit de reserve terug naar de partners` : `at the end ${eur(finalReturn)} left in the reserve goes back to the partners`);
  if (deficit > 0) {
    const fromReserve = tot((x) => x.reserveDrawn - x.contributionsLowered), covered = tot((x) => Object.values(x.covered).reduce((s, v) => s + v, 0)), rb = tot((x) => x.riskBearer);
    const steps = y[0]!.order.filter((o) => (o === "reserve" ? fromReserve : o === "key" ? covered : rb) > 0).map((o) => {
      if (o === "reserve") return nl ? `uit de reserve ${eur(fromReserve)}` : `from the reserve ${eur(fromReserve)}`;
      if (o === "key") {
        const caps = Object.entries(spec.deficit.caps ?? {}).map(([p]) => {
          const amount = step.facts[`capAmount:${p}`], share = step.facts[`capShare:${p}`];
          const limit = [amount !== undefined ? eur(amount) : "", share !== undefined ? (nl ? `${pct(share)} van zijn inleg` : `${pct(share)} of its contribution`) : ""].filter(Boolean).join(nl ? " en " : " and ");
          const bound = y.filter((x) => x.capsBinding.includes(p)).map((x) => x.year);
          return nl ? `${n(p)} ten hoogste ${limit} per jaar${bound.length ? ` (bindt in ${yl(bound)})` : ""}` : `${n(p)} at most ${limit} a year${bound.length ? ` (binds in ${yl(bound)})` : ""}`;
        });
        return (nl ? `naar sleutel ${eur(covered)}` : `by key ${eur(covered)}`) + (caps.length ? ` (${caps.join("; ")})` : "");
      }
      return nl ? `de rest door eindrisicodrager ${n(spec.deficit.riskBearer)} ${eur(rb)}` : `the rest by final risk bearer ${n(spec.deficit.riskBearer)} ${eur(rb)}`;
    });
    out.push(nl ? `tekort ${eur(deficit)}, gedekt ${steps.join(", ")}` : `deficit ${eur(deficit)}, covered ${steps.join(", ")}`);
  } else out.push(nl ? "geen tekort" : "no deficit");
  return out.join("; ") + ".";
}

function explainSettlement(model: Model, result: ArrangementResult, step: StepResult, spec: SpecOf<"settlement">, lang: Lang): string {
  const n = names(model), nl = lang === "nl";
  const eur = (c: number) => exactEuro(c, lang), pct = (x: number) => exactPercent(x, lang);
  const target = { "proportional-to-investment": nl ? "naar rato van de investering" : "in proportion to investment", "equal-roi": nl ? "gelijk rendement (ROI)" : "equal ROI", "no-worse-off": nl ? "niemand slechter af" : "no one worse off" }[spec.target];
  const ps = pairs(step);
  const moved = ps.length === 0 ? (nl ? "geen overdrachten nodig" : "no transfers needed") : `${ps.map((p) => (nl ? `${n(p.from)} betaalt ${n(p.to)} ${eur(p.amount)}` : `${n(p.from)} pays ${n(p.to)} ${eur(p.amount)}`)).join("; ")} (over ${yearCount(years(step), lang)})`;
  const participants = (spec.partners ?? model.case.partners.map((p) => p.id));
  const rows = result.partners.filter((p) => participants.includes(p.id));
  let measure: string;
  if (spec.target === "equal-roi") {
    const ratio = step.facts.ratio ?? 0;
    const withCosts = rows.filter((p) => p.roi !== null).map((p) => n(p.id));
    measure = nl
      ? `; daarmee is de ROI (contante baten incl. ontvangen overdrachten / contante kosten incl. betaalde overdrachten - 1) voor ${withCosts.join(", ")} gelijk: ${pct(ratio - 1)} (op afronding van centen na), in gelijke bedragen per jaar`
      : `; the ROI (PV benefits incl. transfers received / PV costs incl. transfers paid - 1) of ${withCosts.join(", ")} is then the same: ${pct(ratio - 1)} (up to rounding to cents), paid in equal amounts each year`;
  } else if (spec.target === "proportional-to-investment") {
    const npv = rows.reduce((s, p) => s + p.npv, 0);
    // The basis is above 0: a settlement without one is refused (settlementNoBasis).
    const basis = step.facts.basis!;
    measure = nl
      ? `; daarmee is de NCW per euro geïnvesteerd (contant) voor iedere deelnemer ${formatNumber(npv / basis, 4, lang)} (op afronding na)`
      : `; the NPV per euro invested (in present value) is then ${formatNumber(npv / basis, 4, lang)} for every participant (up to rounding)`;
  } else {
    const npv = rows.reduce((s, p) => s + p.npv, 0);
    const key = spec.key ? (nl ? "de sleutel" : "the key") : (nl ? "gelijke delen" : "equal shares");
    measure = npv >= 0
      ? (nl ? `; de gezamenlijke winst (NCW ${eur(npv)}) is verdeeld naar ${key}, dus geen deelnemer staat onder 0` : `; the joint gain (NPV ${eur(npv)}) is split by ${key}, so no participant ends below 0`)
      : (nl ? `; het gezamenlijke verlies (NCW ${eur(npv)}) is verdeeld naar ${key}` : `; the joint loss (NPV ${eur(npv)}) is split by ${key}`);
  }
  return nl ? `Verevening (${target}): ${moved}${measure}.` : `Settlement (${target}): ${moved}${measure}.`;
}

function explainOutcomePayments(model: Model, result: ArrangementResult, step: StepResult, spec: SpecOf<"outcome-payments">, lang: Lang): string {
  const n = names(model), nl = lang === "nl";
  const eur = (c: number) => exactEuro(c, lang), yl = (ys: readonly number[]) => yearList(ys, lang);
  const op = result.outcomePayments.find((o) => o.id === step.id)!;
  const y = op.years;
  const tot = (f: (x: typeof y[number]) => number) => y.reduce((s, x) => s + f(x), 0);
  const prices = spec.outcomes.map((o, i) => {
    const price = step.facts[`price:${i}`] ?? 0;
    const priceText = `EUR ${formatNumber(price, Number.isInteger(price) ? 0 : 2, lang)}`;
    const what = o.label ?? (o.effect !== undefined
      ? model.effects.find((e) => e.line.id === o.effect)!.line.label
      : model.case.indicators.find((x) => x.id === o.indicator)!.label);
    const base = o.indicator !== undefined
      ? (o.baseline !== undefined ? (nl ? ` (verbetering op basis ${formatNumber(o.baseline, 2, lang)}; gemeten waarde, anders het doel)` : ` (improvement on baseline ${formatNumber(o.baseline, 2, lang)}; measured value, else the target)`) : (nl ? " (gemeten waarde, anders het doel)" : " (measured value, else the target)"))
      : "";
    return nl ? `${priceText} per eenheid "${what}"${base}` : `${priceText} per unit of "${what}"${base}`;
  }).join(nl ? " en " : " and ");
  const one = typeof spec.payer === "string";
  const payer = one ? n(spec.payer as string) : (nl ? "de betalers" : "the payers");
  // One payer pays ("Verzekeraar betaalt"), several pay ("de betalers betalen").
  const pays = nl ? (one ? "betaalt" : "betalen") : (one ? "pays" : "pay");
  const lag = spec.lag ?? 0;
  const when = lag === 0 ? (nl ? "in het jaar van het resultaat" : "in the year of the outcome") : nl ? `${lag} jaar na het resultaat` : `${lag} year${lag === 1 ? "" : "s"} after the outcome`;
  const due = tot((x) => x.due), paid = tot((x) => x.paid);
  // The contract's own name when it has one (not a generated step id).
  const titled = spec.name ? ` "${op.name}"` : "";
  const out: string[] = [nl
    ? `Resultaatfinanciering${titled}: ${payer} ${pays} ${n(op.recipient)} ${prices}, ${when}; verdiend ${eur(due)}, betaald ${eur(paid)}`
    : `Outcome payments${titled}: ${payer} ${pays} ${n(op.recipient)} ${prices}, ${when}; earned ${eur(due)}, paid ${eur(paid)}`];
  if (spec.gate) {
    const ind = model.case.indicators.find((x) => x.id === spec.gate!.indicator);
    const failed = y.filter((x) => !x.gatePassed);
    const label = ind!.label;
    const missing = (spec.gate.missing ?? "pass") === "pass" ? (nl ? "een jaar zonder meting telt als gehaald" : "a year without a measurement counts as met") : (nl ? "een jaar zonder meting telt als niet gehaald" : "a year without a measurement counts as missed");
    out.push(nl
      ? `kwaliteitspoort: "${label}" moet zijn doel halen (${missing}); ${failed.length ? `niet gehaald in ${yl(failed.map((x) => x.year))}, daardoor vervalt ${eur(tot((x) => x.gated))}` : "steeds gehaald"}`
      : `quality gate: "${label}" must meet its target (${missing}); ${failed.length ? `missed in ${yl(failed.map((x) => x.year))}, so ${eur(tot((x) => x.gated))} is not paid` : "met every year"}`);
  }
  const perYear = step.facts.capPerYear, total = step.facts.capTotal;
  const boundBy = (cap: "per-year" | "total") => y.filter((x) => x.capsBinding.includes(cap)).map((x) => x.paymentYear!);
  if (perYear !== undefined) {
    const b = boundBy("per-year");
    out.push(nl ? `plafond ${eur(perYear)} per jaar voor alle betalers samen${b.length ? ` (bindt in ${yl(b)})` : " (bindt nooit)"}` : `cap ${eur(perYear)} a year for all payers together${b.length ? ` (binds in ${yl(b)})` : " (never binds)"}`);
  }
  if (total !== undefined) {
    const b = boundBy("total");
    out.push(nl ? `plafond ${eur(total)} in totaal${b.length ? ` (bereikt in ${yl(b)})` : " (niet bereikt)"}` : `cap ${eur(total)} in total${b.length ? ` (reached in ${yl(b)})` : " (not reached)"}`);
  }
  const capped = tot((x) => x.capped);
  if (capped > 0) out.push(nl ? `door de plafonds wordt ${eur(capped)} niet betaald (ieders deel naar verhouding lager)` : `the caps leave ${eur(capped)} unpaid (every payer's part lower in proportion)`);
  if (op.beyondHorizon > 0) {
    const late = y.filter((x) => x.paymentYear === null && x.due - x.gated > 0).map((x) => x.year);
    out.push(nl ? `${eur(op.beyondHorizon)} voor resultaten van ${yl(late)} valt na de looptijd en is niet meegeteld` : `${eur(op.beyondHorizon)} for outcomes of ${yl(late)} falls after the horizon and is not counted`);
  }
  const ps = pairs(step);
  if (ps.length) out.push(ps.map((p) => `${n(p.from)} ${eur(p.amount)}`).join(", "));
  return out.join("; ") + ".";
}
