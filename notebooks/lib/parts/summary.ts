/**
 * What a lay reader (and a council member with the printout) needs first: the one-sentence
 * conclusion, what the figures mean (NCW, B/K, IRR, terugverdientijd, verzilverbaar), and, on
 * paper only, a header with the date, the case, its hash and every value changed from the
 * published case, followed by the key figures per partner under the chosen financing form.
 */
import { html } from "htl";
import type { ArrangementResult, Evaluation, Model } from "../../../engine/index.ts";
import type { PartnerColors } from "../charts/colors.ts";
import { conclusion } from "../data/conclusion.ts";
import { parameterLabel } from "../data/rows.ts";
import { lang as pageLang, smartNum, t, type Lang } from "../i18n/i18n.ts";
import { defaultValues } from "./panel.ts";
import { kpiCards, partnerTable } from "./view.ts";

/** The name of a financing form as it reads in a sentence. */
export function formName(form: Pick<ArrangementResult, "name" | "implicit"> | null, l: Lang = pageLang): string {
  return !form || form.implicit ? t("de huidige situatie (status quo)", "the status quo", l) : `“${form.name}”`;
}

/** The conclusion in a box (`data-conclusion`), computed from the results under the chosen form. */
export function conclusionBox(ev: Evaluation & { form?: ArrangementResult | null }, l: Lang = pageLang): HTMLElement {
  const text = conclusion({ partners: ev.partners, society: ev.society, form: formName(ev.form ?? null, l) }, l);
  return html`<p class="bc-conclusion" data-conclusion><strong>${t("Conclusie", "Conclusion", l)}:</strong> ${text}</p>`;
}

/** What the figures of the partner table mean, in plain words, right next to them. */
export function glossary(l: Lang = pageLang, open = false): HTMLElement {
  const items: [string, string][] = l === "en"
    ? [
      ["NPV (net present value)", "Everything a partner saves minus everything it pays, over all years, with later euros counting a little less (discounted at the case's rate). Above zero: the partner gains."],
      ["BCR (benefit-cost ratio)", "How many euros of benefit come back for each euro of cost. Above 1: the benefits outweigh the costs."],
      ["IRR (internal rate of return)", "The discount rate at which the NPV is exactly zero: the yield of the investment per year. A dash means it does not exist (no costs, or no benefits)."],
      ["Payback", "The year in which the cumulative discounted result turns positive and stays there. A dash: not within the horizon."],
      ["Cashable", "Only the savings that actually lower a budget (a contract ends, fewer purchases), not freed-up time of staff who stay. The NPV cashable counts only these."],
    ]
    : [
      ["NCW (netto contante waarde)", "Alles wat een partner bespaart min alles wat hij betaalt, over alle jaren, waarbij latere euro's iets minder meetellen (verdisconteerd tegen de discontovoet van de case). Boven nul: de partner wint."],
      ["B/K (baten per euro kosten)", "Hoeveel euro aan baten er terugkomt voor elke euro kosten. Boven 1: de baten wegen zwaarder dan de kosten."],
      ["IRR (interne opbrengstvoet)", "De discontovoet waarbij de NCW precies nul is: het rendement van de investering per jaar. Een streepje betekent dat die niet bestaat (geen kosten of geen baten)."],
      ["Terugverdientijd", "Het jaar waarin het cumulatieve verdisconteerde resultaat positief wordt en blijft. Een streepje: niet binnen de looptijd."],
      ["Verzilverbaar", "Alleen besparingen die een budget echt verlagen (een contract loopt af, er wordt minder ingekocht), niet vrijgekomen tijd van medewerkers die blijven. De NCW verzilverbaar telt alleen die."],
    ];
  return html`<details class="bc-explain" open=${open}><summary>${t("Wat betekenen NCW, B/K, IRR, terugverdientijd en verzilverbaar?", "What do NPV, BCR, IRR, payback and cashable mean?", l)}</summary>
    <dl>${items.map(([term, text]) => html`<dt>${term}</dt><dd>${text}</dd>`)}</dl>
  </details>`;
}

/** The values changed from the published case: label, published value, value now. */
export function changedValues(model: Model, overrides: Readonly<Record<string, number>>): { name: string; label: string; was: number; now: number }[] {
  const defaults = defaultValues(model);
  const label = parameterLabel(model.case);
  return Object.entries(overrides).map(([name, now]) => ({ name, label: label(name), was: defaults[name] ?? NaN, now }));
}

/**
 * Printed first (hidden on screen): a header with the date, the case's title and hash, the
 * chosen financing form and every value changed from the published case; then the conclusion,
 * the key figures and the partner table under that form.
 */
export function printSummary(model: Model, ev: Evaluation & { form?: ArrangementResult | null }, overrides: Readonly<Record<string, number>>, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const changed = changedValues(model, overrides);
  const section = html`<section class="bc-print-only" data-print-summary aria-hidden="true">
    ${printHeader(ev, [
      html`${t("Financieringsvorm", "Financing form", l)}: ${formName(ev.form ?? null, l)}`,
      changed.length === 0
        ? t("Alle waarden zijn die van de gepubliceerde case.", "Every value is the published case's.", l)
        : html`${t("Gewijzigd ten opzichte van de gepubliceerde case", "Changed from the published case", l)}: ${changed.map((c, i) => html`${i > 0 ? "; " : ""}${c.label}: ${Number.isFinite(c.was) ? smartNum(c.was, l) : "–"} → ${smartNum(c.now, l)}`)}.`,
    ], l)}
    ${conclusionBox(ev, l)}
    ${kpiCards(ev, l)}
    ${partnerTable(ev, colors, l)}
  </section>`;
  // The figures on screen carry the data-kpi marks; this copy for paper does not.
  section.querySelectorAll("[data-kpi]").forEach((e) => e.removeAttribute("data-kpi"));
  section.querySelectorAll("[data-conclusion]").forEach((e) => e.removeAttribute("data-conclusion"));
  return section;
}

/**
 * The header of a printout (hidden on screen): the case's title, the date, the case's hash, then
 * one line each for what the reader chose (a financing form, changed values, a negotiation's
 * conditions).
 */
export function printHeader(ev: Pick<Evaluation, "case" | "provenance">, lines: readonly (string | Node)[], l: Lang = pageLang): HTMLElement {
  const date = new Date().toLocaleDateString(l === "en" ? "en-GB" : "nl-NL", { day: "numeric", month: "long", year: "numeric" });
  return html`<div class="bc-print-header">
    <p><strong>${ev.case.title}</strong> · ${t("afgedrukt op", "printed on", l)} ${date} · ${t("case", "case", l)} <code>${ev.provenance.case.hash.slice(0, 19)}</code></p>
    ${lines.map((line) => html`<p>${line}</p>`)}
  </div>`;
}
