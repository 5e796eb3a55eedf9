/**
 * The provenance stamp under a page's results: which engine computed them, from exactly which
 * case (the SHA-256 of the validated case), with which discount rates, and the vintage and source
 * of every reference price (the same stamp the CLI JSON, the workbook and the report carry).
 */
import { html } from "htl";
import { DISCOUNT_PRESETS, type Evaluation } from "../../../engine/index.ts";
import { lang as pageLang, num, pct, t, type Lang } from "../i18n/i18n.ts";

/** The discount rate's source in the page's language (the engine words the presets' sources in Dutch). */
const DISCOUNT_SOURCES_EN: Record<string, string> = {
  [DISCOUNT_PRESETS.mkba.source]: "Werkgroep discontovoet 2020 (social cost-benefit analysis, MKBA), 2.25 % real",
  [DISCOUNT_PRESETS.zin2024.source]: "Zorginstituut Nederland, guideline for economic evaluations in health care (2024): 3 % costs, 1.5 % effects",
};

export function discountSource(source: string, l: Lang = pageLang): string {
  if (source === "case") return t("opgegeven in de case", "set in the case", l);
  return l === "en" ? DISCOUNT_SOURCES_EN[source] ?? source : source;
}

export function provenanceNote(ev: Evaluation, overrides: Readonly<Record<string, number>> = {}, l: Lang = pageLang): HTMLElement {
  const p = ev.provenance;
  const changed = Object.keys(overrides).length;
  const rates = p.discount.effectRate !== p.discount.rate ? `${pct(p.discount.rate, 2, l)} / ${pct(p.discount.effectRate, 2, l)}` : pct(p.discount.rate, 2, l);
  return html`<div class="bc-muted bc-provenance" data-provenance=${p.case.hash}>
    <p>${t("Herkomst", "Provenance", l)}: ${p.engine.name} ${p.engine.version}; ${t("case", "case", l)} <code>${p.case.hash.slice(0, 23)}…</code>${changed > 0 ? t(` met ${changed} aangepaste aanname(s) op deze pagina`, ` with ${changed} assumption(s) changed on this page`, l) : ""}; ${t("discontovoet", "discount rate", l)} ${rates} (${discountSource(p.discount.source, l)}).</p>
    ${p.references.length > 0 ? html`<p>${t("Referentieprijzen", "Reference prices", l)}: ${p.references.map((r, i) => html`${i > 0 ? "; " : ""}${r.parameter} = ${l === "nl" ? r.labelNl : r.labelEn}, EUR ${num(r.eur, 2, l)} (${r.priceYear}) × ${num(r.factor, 3, l)} (${r.source})`)}</p>` : ""}
  </div>`;
}
