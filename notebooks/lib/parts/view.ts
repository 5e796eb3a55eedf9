/**
 * DOM pieces of a business-case page: key figures, the per-partner table, parameters with
 * their labels (assumption / source / derived), investments and effects, sources, and
 * validation problems.
 *
 * Every text that comes from a case file (names, labels, sources, notes, messages) goes through
 * htl's `html` as an interpolated value, which htl inserts as text: a partner called
 * `<img src=x onerror=alert(1)>` is shown as those characters, never parsed as HTML.
 * Figures that tests read carry `data-kpi` attributes.
 */
import { html } from "htl";
import type { Evaluation, Issue, Metrics, OutcomeTotal } from "../../../engine/index.ts";
import { formatPath } from "../../../engine/index.ts";
import type { PartnerColors } from "../charts/colors.ts";
import { SOCIETY_ID } from "../charts/colors.ts";
import { eur, kindLabel, lang as pageLang, num, pct, ratio, smartNum, t, unitLabel, type Lang } from "../i18n/i18n.ts";
import type { LineRow, ParameterRow } from "../data/rows.ts";

const dash = "–";

function payback(year: number | null, l: Lang): string {
  return year === null ? t("niet binnen de looptijd", "not within the horizon", l) : String(year);
}

/** The headline figures for society (data-kpi="npv" is the NPV the browser test watches). */
export function kpiCards(ev: Evaluation, l: Lang = pageLang): HTMLElement {
  const s = ev.society;
  const card = (label: string, value: string, kpi: string, hint: string) =>
    html`<div class="bc-kpi"><div class="bc-kpi-label">${label}</div><div class="bc-kpi-value" data-kpi=${kpi}>${value}</div><div class="bc-kpi-hint">${hint}</div></div>`;
  return html`<div class="bc-kpis">
    ${card(t("Netto contante waarde, maatschappij", "Net present value, society", l), eur(s.npv, l), "npv", t("alle partners samen", "all partners together", l))}
    ${card(t("Kosten (contant)", "Costs (present value)", l), eur(s.pvCosts + s.pvTransfersOut, l), "pv-costs", t("investeringen en verlies, netto per regel", "investments and losses, netted per line", l))}
    ${card(t("Baten (contant)", "Benefits (present value)", l), eur(s.pvSavings + s.pvTransfersIn, l), "pv-benefits", t("besparingen, netto per regel", "savings, netted per line", l))}
    ${card(t("Baten per euro kosten", "Benefit-cost ratio", l), ratio(s.bcr, l), "bcr", t("maatschappij", "society", l))}
    ${card(t("Terugverdiend in", "Pays back in", l), s.paybackYear === null ? dash : String(s.paybackYear), "payback", s.paybackYear === null ? payback(null, l) : t("cumulatief contant ≥ 0", "cumulative discounted ≥ 0", l))}
  </div>`;
}

function swatch(color: string): HTMLElement {
  return html`<span class="bc-swatch" style=${{ background: color }}></span>`;
}

function figuresCells(m: Metrics, l: Lang, id: string): HTMLElement[] {
  return [
    html`<td class="bc-num">${eur(-(m.pvCosts + m.pvTransfersOut), l)}</td>`,
    html`<td class="bc-num">${eur(m.pvSavings + m.pvTransfersIn, l)}</td>`,
    html`<td class="bc-num bc-strong ${m.npv < 0 ? "bc-neg" : "bc-pos"}" data-kpi=${`npv:${id}`}>${eur(m.npv, l)}</td>`,
    html`<td class="bc-num">${eur(m.npvCashable, l)}</td>`,
    html`<td class="bc-num">${ratio(m.bcr, l)}</td>`,
    html`<td class="bc-num">${m.paybackYear ?? dash}</td>`,
    html`<td class="bc-num">${m.irr.status === "ok" ? pct(m.irr.rate, 1, l) : dash}</td>`,
  ];
}

/** Per partner (and society): present value of costs and benefits, NPV, BCR, payback, IRR. */
export function partnerTable(ev: Evaluation, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  return html`<div class="bc-table-wrap"><table class="bc-table">
    <thead><tr>
      <th>${t("Partner", "Partner", l)}</th>
      <th class="bc-num">${t("Kosten (contant)", "Costs (PV)", l)}</th>
      <th class="bc-num">${t("Baten (contant)", "Benefits (PV)", l)}</th>
      <th class="bc-num">${t("NCW", "NPV", l)}</th>
      <th class="bc-num" title=${t("alleen besparingen die een budget echt verlagen", "only savings that actually lower a budget", l)}>${t("NCW verzilverbaar", "NPV cashable", l)}</th>
      <th class="bc-num">${t("B/K", "BCR", l)}</th>
      <th class="bc-num">${t("Terugverdiend", "Payback", l)}</th>
      <th class="bc-num">IRR</th>
    </tr></thead>
    <tbody>
      ${ev.partners.map((p) => html`<tr>
        <td>${swatch(colors.color(p.id))}<span class="bc-name">${p.name}</span> <span class="bc-muted">${kindLabel(p.kind, l)}</span></td>
        ${figuresCells(p, l, p.id)}
      </tr>`)}
    </tbody>
    <tfoot><tr>
      <td>${swatch(colors.color(SOCIETY_ID))}<strong>${colors.name(SOCIETY_ID)}</strong></td>
      ${figuresCells(ev.society, l, "society")}
    </tr></tfoot>
  </table></div>`;
}

/** A compact line of NPV per partner (for the live results at each step of the builder). */
export function partnerStrip(ev: Evaluation, colors: PartnerColors, l: Lang = pageLang, label?: string): HTMLElement {
  return html`<div class="bc-strip">
    ${label ? html`<span class="bc-strip-label">${label}</span>` : ""}
    ${ev.partners.map((p) => html`<span class="bc-chip">${swatch(colors.color(p.id))}${p.name}: <b class=${p.npv < 0 ? "bc-neg" : "bc-pos"} data-kpi=${`npv:${p.id}`}>${eur(p.npv, l)}</b></span>`)}
    <span class="bc-chip">${swatch(colors.color(SOCIETY_ID))}${colors.name(SOCIETY_ID)}: <b class=${ev.society.npv < 0 ? "bc-neg" : "bc-pos"} data-kpi="npv">${eur(ev.society.npv, l)}</b></span>
  </div>`;
}

const STATUS: Record<ParameterRow["status"], [string, string]> = {
  assumption: ["aanname", "assumption"],
  sourced: ["bron", "sourced"],
  derived: ["afgeleid", "derived"],
  unlabelled: ["zonder bron", "no source"],
};

export function badge(status: ParameterRow["status"], l: Lang = pageLang): HTMLElement {
  const [nl, en] = STATUS[status];
  return html`<span class=${`bc-badge bc-badge-${status}`}>${t(nl, en, l)}</span>`;
}

/** Every parameter: label, current value with unit, status badge, source and note. */
export function parameterTable(rows: readonly ParameterRow[], l: Lang = pageLang, changed: ReadonlySet<string> = new Set()): HTMLElement {
  return html`<div class="bc-table-wrap"><table class="bc-table bc-params">
    <thead><tr>
      <th>${t("Parameter", "Parameter", l)}</th>
      <th class="bc-num">${t("Waarde", "Value", l)}</th>
      <th>${t("Status", "Status", l)}</th>
      <th>${t("Bron of toelichting", "Source or note", l)}</th>
    </tr></thead>
    <tbody>${rows.map((r) => html`<tr>
      <td>${r.label}<br><code class="bc-muted">${r.name}</code></td>
      <td class="bc-num">${Number.isFinite(r.value) ? smartNum(r.value, l) : dash}${r.unit ? html` <span class="bc-muted">${unitLabel(r.unit, l)}</span>` : ""}${changed.has(r.name) ? html` <span class="bc-badge bc-badge-changed">${t("aangepast", "changed", l)}</span>` : ""}${r.formula ? html`<br><code class="bc-muted">= ${r.formula}</code>` : ""}</td>
      <td>${badge(r.status, l)}</td>
      <td class="bc-small">${r.source}${r.source && r.note ? html`<br>` : ""}${r.note ? html`<span class="bc-muted">${r.note}</span>` : ""}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

/**
 * Investments and effects. A line is marked as an assumption when the file says so or when its
 * formulas rest on assumption parameters (listed by label).
 */
export function lineTable(rows: readonly LineRow[], colors: PartnerColors, l: Lang = pageLang, paramLabel: (name: string) => string = (n) => n): HTMLElement {
  return html`<div class="bc-table-wrap"><table class="bc-table">
    <thead><tr>
      <th>${t("Investering of effect", "Investment or effect", l)}</th>
      <th>${t("Betaald door / domein", "Paid by / domain", l)}</th>
      <th>${t("Status", "Status", l)}</th>
      <th>${t("Bron of toelichting", "Source or note", l)}</th>
    </tr></thead>
    <tbody>${rows.map((r) => html`<tr>
      <td><span class="bc-muted">${r.type === "investment" ? t("investering", "investment", l) : t("effect", "effect", l)}</span><br>${r.label}</td>
      <td>${r.who ? html`${swatch(colors.color(r.who))}${colors.name(r.who)}<br>` : ""}<code class="bc-muted">${r.domain}</code></td>
      <td>${r.assumption || r.dependsOn.length > 0 ? badge("assumption", l) : r.source ? badge("sourced", l) : badge("unlabelled", l)}</td>
      <td class="bc-small">${r.dependsOn.length > 0 ? html`<span>${t("Rust op de aannames", "Rests on the assumptions", l)}: ${r.dependsOn.map(paramLabel).join("; ")}.</span><br>` : ""}${r.source}${r.source && r.note ? html`<br>` : ""}${r.note ? html`<span class="bc-muted">${r.note}</span>` : ""}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

/** The case's own list of sources. */
export function sourceList(sources: readonly string[] | undefined, l: Lang = pageLang): HTMLElement {
  if (!sources || sources.length === 0) return html`<p class="bc-muted">${t("Het case-bestand noemt geen bronnen.", "The case file lists no sources.", l)}</p>`;
  return html`<ol class="bc-sources">${sources.map((s) => html`<li>${s}</li>`)}</ol>`;
}

/** Non-monetary outcomes per unit (quantity over the horizon, discounted, and money value if any). */
export function outcomeTable(outcomes: readonly OutcomeTotal[], l: Lang = pageLang): HTMLElement {
  if (outcomes.length === 0) return html`<p class="bc-muted">${t("Geen niet-geldelijke effecten in deze case.", "No non-monetary outcomes in this case.", l)}</p>`;
  return html`<table class="bc-table">
    <thead><tr><th>${t("Eenheid", "Unit", l)}</th><th class="bc-num">${t("Hoeveelheid (looptijd)", "Quantity (horizon)", l)}</th><th class="bc-num">${t("Contant", "Discounted", l)}</th><th class="bc-num">${t("Waarde", "Value", l)}</th></tr></thead>
    <tbody>${outcomes.map((o) => html`<tr><td>${unitLabel(o.unit, l)}</td><td class="bc-num">${num(o.quantity, 1, l)}</td><td class="bc-num">${num(o.discounted, 1, l)}</td><td class="bc-num">${o.value === undefined ? dash : eur(o.value, l)}</td></tr>`)}</tbody>
  </table>`;
}

/** How many problems the list shows before "and N more". */
export const MAX_ISSUES_SHOWN = 20;

/**
 * Validation problems, each with its line and path, as the CLI prints them: at most
 * `MAX_ISSUES_SHOWN`, then "en N meer" (the first ones in file order are the ones to fix first).
 */
export function issueList(issues: readonly Issue[], l: Lang = pageLang, file?: string): HTMLElement {
  // In file order (problems without a line last), as a reader goes through the file.
  issues = [...issues].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const shown = issues.slice(0, MAX_ISSUES_SHOWN);
  const more = issues.length - shown.length;
  return html`<div class="bc-issues" role="alert" data-issues=${String(issues.length)}>
    <p><strong>${t(`Het bestand${file ? " " : ""}`, `The file${file ? " " : ""}`, l)}${file ? html`<code>${file}</code> ` : ""}${t(`heeft ${issues.length} ${issues.length === 1 ? "probleem" : "problemen"}:`, `has ${issues.length} ${issues.length === 1 ? "problem" : "problems"}:`, l)}</strong></p>
    <ol>${shown.map((i) => html`<li>${i.line ? html`<span class="bc-muted">${t("regel", "line", l)} ${i.line}:</span> ` : ""}${i.path.length ? html`<code class="bc-path">${formatPath(i.path)}</code>: ` : ""}${i.message}</li>`)}</ol>
    ${more > 0 ? html`<p data-issues-more>${t(`… en ${more} meer. Los eerst de bovenste op: vaak verdwijnen de volgende dan vanzelf.`, `… and ${more} more. Fix the first ones first: the others often disappear with them.`, l)}</p>` : ""}
  </div>`;
}

/** The case's title, years and description, as text. */
export function caseHeader(ev: Evaluation, l: Lang = pageLang): HTMLElement {
  const c = ev.case;
  const last = c.startYear + c.horizon - 1;
  return html`<div class="bc-case">
    <h2>${c.title}</h2>
    <p class="bc-muted">${t(`Looptijd ${c.startYear}-${last}, prijspeil ${c.priceYear}, discontovoet ${pct(c.discountRate, 2, l)}`, `Horizon ${c.startYear}-${last}, price year ${c.priceYear}, discount rate ${pct(c.discountRate, 2, l)}`, l)}</p>
    ${c.description ? html`<p>${c.description}</p>` : ""}
  </div>`;
}

/** A download link for text made in the browser (nothing is sent anywhere). */
export function downloadButton(label: string, filename: string, type: string, content: () => string): HTMLElement {
  const button = html`<button type="button" class="bc-button">${label}</button>`;
  button.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([content()], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}
