/**
 * The result sections every study page shows in the same way (the four study notebooks, and the
 * flow and waterfall charts of your own case): each chart with its caption, and the detail
 * sections (all parameters, investments and effects, sources with the provenance stamp,
 * downloads). Written once here, so a caption or a section changes on every page at once; the
 * notebooks keep only what differs per case (facts, sliders, prose).
 */
import { html } from "htl";
import type { Evaluation, Model } from "../../../engine/index.ts";
import { cumulativeChart, flowChart, pocketHeatmap, waterfallChart } from "../charts/charts.ts";
import type { PartnerColors } from "../charts/colors.ts";
import { lang as pageLang, t, type Lang } from "../i18n/i18n.ts";
import { caseDownloads, waterfallLabel } from "./page.ts";
import { provenanceNote } from "./provenance.ts";
import { cumulativeRows, flowRows, lineRows, parameterLabel, parameterRows, pocketRows, societyNetRows, waterfallRows } from "../data/rows.ts";
import { lineTable, outcomeTable, parameterTable, sourceList } from "./view.ts";

export function studyFlowChart(ev: Evaluation, colors: PartnerColors, width: number) {
  return flowChart(flowRows(ev), societyNetRows(ev), colors, {
    width,
    title: t("Kosten en baten per partner per jaar", "Costs and benefits per partner per year"),
    subtitle: t("Onder de nullijn wat een partner betaalt of verliest, erboven wat hij bespaart; het zwarte streepje is het saldo van de maatschappij.", "Below zero what a partner pays or loses, above what it saves; the black tick is society's net."),
  });
}

export function studyCumulativeChart(ev: Evaluation, colors: PartnerColors, width: number) {
  return cumulativeChart(cumulativeRows(ev), colors, {
    width,
    title: t("Cumulatief netto resultaat (contant) per partner", "Cumulative net result (discounted) per partner"),
    subtitle: t("Waar een lijn boven nul komt en blijft, is de investering voor die partner terugverdiend. Gestippeld: de maatschappij.", "Where a line rises above zero and stays there, that partner has paid back. Dashed: society."),
  });
}

export function studyWaterfallChart(ev: Evaluation, partner: string, colors: PartnerColors, width: number) {
  return waterfallChart(waterfallRows(ev.partners.find((p) => p.id === partner) ?? ev.partners[0]!, waterfallLabel), colors.color(partner), {
    width,
    title: `${t("Opbouw van het resultaat", "How the result builds up")}: ${colors.name(partner)}`,
    subtitle: t("Totalen over de looptijd, niet verdisconteerd.", "Totals over the horizon, undiscounted."),
  });
}

export function studyPocketHeatmap(ev: Evaluation, colors: PartnerColors, width: number) {
  return pocketHeatmap(pocketRows(ev), colors, {
    width,
    title: t("Wie betaalt voor wie (contante waarde)", "Who pays for whom (present value)"),
    subtitle: t("Rijen: de partners die investeren. Kolommen: de partners bij wie de effecten terechtkomen.", "Rows: the partners who invest. Columns: the partners whose budgets the effects reach."),
  });
}

/** The heading (and short explanation) of a standard section. */
export function studySection(key: "waterfall" | "pocket", l: Lang = pageLang): HTMLElement {
  if (key === "waterfall") return html`<h2>${t("Opbouw van het resultaat per partner", "How each partner's result builds up", l)}</h2>`;
  return html`<div><h2>${t("Wie betaalt voor wie", "Who pays for whom", l)}</h2>
    <p>${t("De wrong-pocket-matrix: de effecten worden toegerekend aan de partners die investeren, naar de contante waarde van wat elk investeert. Rood is een verlies (omzet van een aanbieder), blauw een besparing.", "The wrong-pocket matrix: the effects are attributed to the partners who invest, in proportion to the present value of what each invests. Red is a loss (a provider's revenue), blue a saving.", l)}</p></div>`;
}

/** All parameters, investments and effects, sources with the provenance stamp, and downloads. */
export function studyDetails(model: Model, ev: Evaluation, overrides: Readonly<Record<string, number>>, colors: PartnerColors, file: string, text: string, l: Lang = pageLang): HTMLElement {
  const badge = (kind: string, label: string) => html`<span class=${`bc-badge bc-badge-${kind}`}>${label}</span>`;
  return html`<div class="bc-study-details">
    <h2>${t("Alle parameters", "All parameters", l)}</h2>
    <p>${t("Met de waarden van dit moment; wat u veranderde, is gemarkeerd als ", "With their current values; what you changed is marked ", l)}${badge("changed", t("aangepast", "changed", l))}. ${t("Elke parameter is een ", "Every parameter is an ", l)}${badge("assumption", t("aanname", "assumption", l))}, ${t("heeft een ", "has a ", l)}${badge("sourced", t("bron", "source", l))} ${t("of is ", "or is ", l)}${badge("derived", t("afgeleid", "derived", l))}${t(" uit andere.", " from others.", l)}</p>
    ${parameterTable(parameterRows(model, ev.parameters), l, new Set(Object.keys(overrides)))}
    <h2>${t("Investeringen en effecten", "Investments and effects", l)}</h2>
    ${lineTable(lineRows(model), colors, l, parameterLabel(model.case))}
    ${outcomeTable(ev.outcomes, l)}
    <h2>${t("Bronnen in het case-bestand", "Sources in the case file", l)}</h2>
    ${sourceList(model.case.sources, l)}${provenanceNote(ev, overrides, l)}
    <h2 id="downloads">${t("Downloads", "Downloads", l)}</h2>
    ${caseDownloads(file, text, ev, overrides, l)}
  </div>`;
}
