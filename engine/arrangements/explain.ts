/**
 * Plain-language explanations of an applied arrangement, Dutch or English, one sentence per
 * step, with the amounts it moved: "De zorgverzekeraar betaalt de gemeente 50% van de besparing
 * boven EUR 100.000 per jaar: EUR 312.000 over 5 jaar."
 */
import { formatEuro, formatPercent } from "../money/format.ts";
import type { Lang } from "../messages/messages.ts";
import type { Model } from "../case/model.ts";
import type { ArrangementResult, StepResult } from "./types.ts";

function names(model: Model): (id: string) => string {
  const m = new Map(model.case.partners.map((p) => [p.id, p.name]));
  return (id) => m.get(id) ?? (id.startsWith("pot:") ? id.slice(4) : id);
}

function sum(step: StepResult, reason?: string): number {
  return step.transfers.filter((t) => reason === undefined || t.reason === reason).reduce((s, t) => s + t.amount, 0);
}

function years(step: StepResult): number {
  return new Set(step.transfers.map((t) => t.year)).size;
}

/** Net amounts per ordered pair over all years, as "A pays B EUR x". */
function pairs(step: StepResult): { from: string; to: string; amount: number }[] {
  const bal = new Map<string, number>();
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const t of step.transfers) {
    const k = key(t.from, t.to);
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
  const eur = (c: number) => formatEuro(c, lang, 0);
  const nl = lang === "nl";
  if (result.steps.length === 0) {
    return [nl
      ? "Status quo: iedere partner draagt zijn eigen investeringen; besparingen landen bij de financier van het domein waar ze optreden."
      : "Status quo: each partner bears its own investments; savings land with the funder of the domain where they occur."];
  }
  const arr = model.arrangements.find((a) => a.id === result.id)!;
  return result.steps.map((step) => {
    const spec = arr.steps.find((s) => s.id === step.id)!.spec;
    const total = sum(step);
    const over = nl ? `over ${years(step)} jaar` : `over ${years(step)} years`;
    const list = (ps: { from: string; to: string; amount: number }[]) =>
      ps.map((p) => (nl ? `${n(p.from)} betaalt ${n(p.to)} ${eur(p.amount)}` : `${n(p.from)} pays ${n(p.to)} ${eur(p.amount)}`)).join("; ");
    switch (spec.type) {
      case "decision-rules":
        return total === 0
          ? (nl ? "Afwegingskader: iedere investering blijft bij wie haar draagt." : "Decision framework: every investment stays with its bearer.")
          : (nl ? `Afwegingskader: ${list(pairs(step))} (${over}).` : `Decision framework: ${list(pairs(step))} (${over}).`);
      case "pot": {
        const pot = result.pots.find((p) => p.id === `pot:${step.id}`)!;
        const y = pot.years;
        const contributed = y.reduce((s, x) => s + x.contributed, 0), spent = y.reduce((s, x) => s + x.spending, 0);
        const deficit = y.reduce((s, x) => s + x.deficit, 0), surplus = y.reduce((s, x) => s + x.surplus, 0);
        const rb = y.reduce((s, x) => s + x.riskBearer, 0);
        const byPartner = new Map<string, number>();
        for (const x of y) for (const [p, a] of Object.entries(x.contributions)) byPartner.set(p, (byPartner.get(p) ?? 0) + a);
        const parts = [...byPartner].filter(([, a]) => a !== 0).map(([p, a]) => `${n(p)} ${eur(a)}`).join(", ");
        return nl
          ? `Gezamenlijke pot "${pot.name}": de partners leggen ${eur(contributed)} in (${parts}); de pot betaalt ${eur(spent)} aan investeringen; overschot ${eur(surplus)}, tekort ${eur(deficit)}${rb > 0 ? `, waarvan ${eur(rb)} voor eindrisicodrager ${n(spec.deficit.riskBearer)}` : ""} (${y.length} jaar).`
          : `Collective pot "${pot.name}": partners put in ${eur(contributed)} (${parts}); the pot pays ${eur(spent)} of investments; surplus ${eur(surplus)}, deficit ${eur(deficit)}${rb > 0 ? `, of which ${eur(rb)} for final risk bearer ${n(spec.deficit.riskBearer)}` : ""} (${y.length} years).`;
      }
      case "shared-savings": {
        const rate = step.facts.rate ?? 0;
        const t = spec.threshold;
        const above = t && "amount" in t
          ? (nl ? ` boven ${eur(step.facts.threshold ?? 0)} per jaar` : ` above ${eur(step.facts.threshold ?? 0)} a year`)
          : t && "share" in t ? (nl ? ` boven ${formatPercent(step.facts.thresholdShare ?? 0, 0, lang)} van de basis (${eur(step.facts.threshold ?? 0)})` : ` above ${formatPercent(step.facts.thresholdShare ?? 0, 0, lang)} of the baseline (${eur(step.facts.threshold ?? 0)})`) : "";
        const paid = sum(step, "shared-savings"), back = sum(step, "loss-sharing");
        return nl
          ? `${n(spec.from)} betaalt ${n(spec.to)} ${formatPercent(rate, 0, lang)} van de besparing${above}: ${eur(paid)} ${over}${back > 0 ? `; bij verlies betaalt ${n(spec.to)} ${eur(back)} terug` : ""}.`
          : `${n(spec.from)} pays ${n(spec.to)} ${formatPercent(rate, 0, lang)} of the savings${above}: ${eur(paid)} ${over}${back > 0 ? `; on losses ${n(spec.to)} pays back ${eur(back)}` : ""}.`;
      }
      case "provider-transition":
        return nl
          ? `Transitievergoeding: ${n(spec.provider)} krijgt ${eur(total)} ${over} voor productie die zij opgeeft (${list(pairs(step))}).`
          : `Transition payment: ${n(spec.provider)} receives ${eur(total)} ${over} for production it gives up (${list(pairs(step))}).`;
      case "settlement": {
        const target = { "proportional-to-investment": nl ? "naar rato van de investering" : "in proportion to investment", "equal-roi": nl ? "gelijk rendement (ROI)" : "equal ROI", "no-worse-off": nl ? "niemand slechter af" : "no one worse off" }[spec.target];
        const ps = pairs(step);
        return ps.length === 0
          ? (nl ? `Verevening (${target}): geen overdrachten nodig.` : `Settlement (${target}): no transfers needed.`)
          : (nl ? `Verevening (${target}): ${list(ps)} (${over}).` : `Settlement (${target}): ${list(ps)} (${over}).`);
      }
    }
  });
}

