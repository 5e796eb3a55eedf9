/**
 * The provenance stamp under a page's results: which engine computed them, from exactly which
 * case (the SHA-256 of the validated case), with which discount rates, and the vintage and source
 * of every reference price (the same stamp the CLI JSON, the workbook and the report carry).
 */
import { html } from "htl";
import type { Evaluation } from "../../../engine/index.ts";
import { lang as pageLang, num, pct, t, type Lang } from "../i18n/i18n.ts";

export function provenanceNote(ev: Evaluation, overrides: Readonly<Record<string, number>> = {}, l: Lang = pageLang): HTMLElement {
  const p = ev.provenance;
  const changed = Object.keys(overrides).length;
  const rates = p.discount.effectRate !== p.discount.rate ? `${pct(p.discount.rate, 2, l)} / ${pct(p.discount.effectRate, 2, l)}` : pct(p.discount.rate, 2, l);
  return html`<div class="bc-muted bc-provenance" data-provenance=${p.case.hash}>
    <p>${t("Herkomst", "Provenance", l)}: ${p.engine.name} ${p.engine.version}; ${t("case", "case", l)} <code>${p.case.hash.slice(0, 23)}…</code>${changed > 0 ? t(` met ${changed} aangepaste aanname(s) op deze pagina`, ` with ${changed} assumption(s) changed on this page`, l) : ""}; ${t("discontovoet", "discount rate", l)} ${rates} (${p.discount.source}).</p>
    ${p.references.length > 0 ? html`<p>${t("Referentieprijzen", "Reference prices", l)}: ${p.references.map((r, i) => html`${i > 0 ? "; " : ""}${r.parameter} = ${l === "nl" ? r.labelNl : r.labelEn}, EUR ${num(r.eur, 2, l)} (${r.priceYear}) × ${num(r.factor, 3, l)} (${r.source})`)}</p>` : ""}
  </div>`;
}
