/**
 * The monitoring page (monitoring.html): plan versus actual per partner and year, the true-up
 * per financing arrangement, the indicators with their status, and a panel to edit the realised
 * figures of the case (`actuals`) and see everything follow.
 *
 * Editing does not re-validate the case: `withActuals(model, edits)` swaps the compiled figure
 * of each edited actual for the new number (a realised figure is a number or a formula; an edited
 * one is a number), so a slider move costs one `evaluateMonitoring`. Money in cents (the engine's)
 * unless a row says euros. Text from the case is inserted as text (htl).
 */
import { html } from "htl";
import type { Evaluation, Model, Monitoring } from "../../../engine/index.ts";
import { parameterValues } from "../../../engine/index.ts";
import type { PartnerColors } from "../charts/colors.ts";
import { eur, lang as pageLang, num, smartNum, t, type Lang } from "../i18n/i18n.ts";

/** One realised figure of the case that the reader may edit. */
export interface ActualField {
  /** Stable key: kind/id/year[/partner]. */
  key: string;
  kind: "investment" | "effect-amount" | "effect-quantity" | "contribution";
  /** Investment or effect id, or the pot key (`arrangement` or `arrangement/step`). */
  id: string;
  year: number;
  partner?: string;
  /** The figure as in the case (EUR, or a volume for `effect-quantity`). */
  value: number;
  /** What the plan has for that line and year (cents), where it can be told. */
  plan: number | null;
  label: string;
}

const keyOf = (kind: ActualField["kind"], id: string, year: number, partner?: string) => `${kind}/${id}/${year}${partner ? `/${partner}` : ""}`;

/** Every realised figure of the case, with its current value and the plan next to it. */
export function actualFields(model: Model, plan: Evaluation, l: Lang = pageLang): ActualField[] {
  const values = parameterValues(model.parameters);
  const out: ActualField[] = [];
  const lineLabel = (id: string) => [...model.case.investments, ...model.case.effects].find((x) => x.id === id)?.label ?? id;
  const planOf = (line: string, year: number) => {
    const rows = plan.ledger.rows.filter((r) => r.line === line && r.year === year && (r.kind === "investment" || r.kind === "saving"));
    return rows.length ? rows.reduce((s, r) => s + Math.abs(r.amount), 0) : null;
  };
  for (const [id, byYear] of model.actuals.investments) {
    for (const [year, f] of byYear) out.push({ key: keyOf("investment", id, year), kind: "investment", id, year, value: f(values), plan: planOf(id, year), label: `${lineLabel(id)}, ${year}: ${t("uitgegeven (EUR)", "spent (EUR)", l)}` });
  }
  for (const [id, byYear] of model.actuals.effects) {
    for (const [year, a] of byYear) {
      if (a.amount) out.push({ key: keyOf("effect-amount", id, year), kind: "effect-amount", id, year, value: a.amount(values), plan: planOf(id, year), label: `${lineLabel(id)}, ${year}: ${t("gerealiseerde besparing (EUR)", "realised saving (EUR)", l)}` });
      if (a.quantity) out.push({ key: keyOf("effect-quantity", id, year), kind: "effect-quantity", id, year, value: a.quantity(values), plan: planOf(id, year), label: `${lineLabel(id)}, ${year}: ${t("gerealiseerd volume", "realised volume", l)}` });
    }
  }
  const partnerName = (id: string) => model.case.partners.find((p) => p.id === id)?.name ?? id;
  for (const [pot, byYear] of model.actuals.contributions) {
    const [arrangementId] = pot.split("/");
    const arr = plan.arrangements.find((a) => a.id === arrangementId);
    for (const [year, entries] of byYear) {
      for (const [partner, f] of entries) {
        const planned = arr?.pots.flatMap((p) => p.years.filter((y) => y.year === year)).reduce((s, y) => s + (y.contributions[partner] ?? 0), 0) ?? null;
        out.push({ key: keyOf("contribution", pot, year, partner), kind: "contribution", id: pot, year, partner, value: f(values), plan: planned, label: `${arr?.name ?? pot}, ${year}: ${t("inleg", "contribution", l)} ${partnerName(partner)} (EUR)` });
      }
    }
  }
  return out;
}

/** The model with the edited realised figures (by field key) in place of the case's. */
export function withActuals(model: Model, edits: Readonly<Record<string, number>>): Model {
  if (Object.keys(edits).length === 0) return model;
  const A = model.actuals;
  const constant = (v: number) => () => v;
  const investments = new Map([...A.investments].map(([id, byYear]) => [id, new Map([...byYear].map(([year, f]) => {
    const e = edits[keyOf("investment", id, year)];
    return [year, e === undefined ? f : constant(e)];
  }))]));
  const effects = new Map([...A.effects].map(([id, byYear]) => [id, new Map([...byYear].map(([year, a]) => {
    const amount = edits[keyOf("effect-amount", id, year)], quantity = edits[keyOf("effect-quantity", id, year)];
    return [year, { ...a, ...(amount !== undefined && a.amount ? { amount: constant(amount) } : {}), ...(quantity !== undefined && a.quantity ? { quantity: constant(quantity) } : {}) }];
  }))]));
  const contributions = new Map([...A.contributions].map(([pot, byYear]) => [pot, new Map([...byYear].map(([year, entries]) => [year, entries.map(([p, f]): [string, typeof f] => {
    const e = edits[keyOf("contribution", pot, year, p)];
    return [p, e === undefined ? f : constant(e)];
  })]))]));
  return { ...model, actuals: { ...A, investments, effects, contributions } };
}

function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  return p >= 10 ? p / 10 : 1;
}

/**
 * The realised figures, each with a slider and a number field, as one notebook input: `value`
 * is the edits by field key (only the figures the reader changed); `input` fires on each change.
 */
export function actualsPanel(fields: readonly ActualField[], l: Lang = pageLang, initial: Readonly<Record<string, number>> = {}): HTMLElement & { value: Record<string, number> } {
  const edits: Record<string, number> = {};
  for (const f of fields) {
    const v = initial[f.key];
    if (v !== undefined && Number.isFinite(v) && v >= 0 && v !== f.value) edits[f.key] = v;
  }
  const root = html`<div class="bc-panel" data-monitoring="actuals"></div>` as HTMLElement & { value: Record<string, number> };
  root.value = { ...edits };
  const emit = () => {
    root.value = { ...edits };
    root.dispatchEvent(new Event("input", { bubbles: true }));
  };
  for (const f of fields) {
    // Range: 0 to twice the larger of the figure and the plan (a volume has no plan in the same unit).
    const ref = f.kind === "effect-quantity" ? f.value : Math.max(f.value, (f.plan ?? 0) / 100);
    const step = niceStep(ref);
    const max = Math.max(10, Math.ceil((ref * 2) / step) * step);
    const now = edits[f.key] ?? f.value;
    const range = html`<input type="range" min="0" max=${String(Math.max(max, now))} step=${String(step)} value=${String(now)} aria-label=${f.label}>` as HTMLInputElement;
    const field = html`<input type="number" class="bc-number" min="0" step=${String(step)} value=${String(now)} aria-label=${f.label} data-actual=${f.key}>` as HTMLInputElement;
    const shown = html`<span class="bc-shown">${f.kind === "effect-quantity" ? smartNum(now, l) : `EUR ${num(now, 0, l)}`}</span>`;
    const hint = html`<span class="bc-unit">${f.plan === null ? "" : `${t("plan", "plan", l)}${f.kind === "effect-quantity" ? t(" (besparing)", " (saving)", l) : ""}: ${eur(f.plan, l)}`}</span>`;
    const set = (v: number, from: HTMLInputElement) => {
      if (!Number.isFinite(v) || v < 0) return;
      if (from !== range) range.value = String(v);
      if (from !== field) field.value = String(v);
      shown.textContent = f.kind === "effect-quantity" ? smartNum(v, l) : `EUR ${num(v, 0, l)}`;
      if (v === f.value) delete edits[f.key]; else edits[f.key] = v;
      emit();
    };
    range.addEventListener("input", (e) => { e.stopPropagation(); set(Number(range.value), range); });
    field.addEventListener("input", (e) => { e.stopPropagation(); set(Number(field.value), field); });
    range.id = `bc-actual-${Math.random().toString(36).slice(2, 8)}`;
    root.append(html`<div class="bc-slider"><label for=${range.id}>${f.label}</label>${range}${field}${shown}${hint}</div>`);
  }
  const reset = html`<button type="button" class="bc-button">${t("Terug naar de cijfers uit de case", "Back to the case's figures", l)}</button>`;
  reset.addEventListener("click", () => {
    for (const k of Object.keys(edits)) delete edits[k];
    root.querySelectorAll<HTMLInputElement>("input[data-actual]").forEach((input, i) => {
      const f = fields[i]!;
      input.value = String(f.value);
      (input.previousElementSibling as HTMLInputElement).value = String(f.value);
      (input.nextElementSibling as HTMLElement).textContent = f.kind === "effect-quantity" ? smartNum(f.value, l) : `EUR ${num(f.value, 0, l)}`;
    });
    emit();
  });
  root.append(html`<div class="bc-panel-actions">${reset}</div>`);
  return root;
}

/** Plan and actual net of one partner in one year with realised figures (euros). */
export interface PlanActualRow {
  partner: string;
  year: number;
  plan: number;
  actual: number;
  variance: number;
}

export function planActualRows(m: Monitoring): PlanActualRow[] {
  const years = new Set(m.years);
  return m.partners.flatMap((p) => p.yearly.filter((y) => years.has(y.year)).map((y) => ({ partner: p.id, year: y.year, plan: y.plan / 100, actual: y.actual / 100, variance: y.variance / 100 })));
}

function swatch(color: string): HTMLElement {
  return html`<span class="bc-swatch" style=${{ background: color }}></span>`;
}

const signed = (cents: number, l: Lang) => (cents > 0 ? `+${eur(cents, l)}` : eur(cents, l));
const tone = (cents: number) => (cents < 0 ? "bc-neg" : cents > 0 ? "bc-pos" : "");

/**
 * Per partner, per year with realised figures: plan, actual and variance of the net (actual -
 * plan; positive is good news for that partner); and the NPV over the horizon on plan and on
 * actuals. Variance cells carry `data-variance` (partner id and year) for the browser test.
 */
export function planActualTable(m: Monitoring, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const years = m.years;
  return html`<div class="bc-table-wrap"><table class="bc-table" data-monitoring="partners">
    <thead>
      <tr><th rowspan="2">${t("Partner", "Partner", l)}</th>${years.map((y) => html`<th class="bc-num" colspan="3" style="text-align:center">${y}</th>`)}<th class="bc-num" colspan="2" style="text-align:center">${t("NCW over de looptijd", "NPV over the horizon", l)}</th></tr>
      <tr>${years.flatMap(() => [html`<th class="bc-num">${t("plan", "plan", l)}</th>`, html`<th class="bc-num">${t("werkelijk", "actual", l)}</th>`, html`<th class="bc-num">${t("verschil", "variance", l)}</th>`])}<th class="bc-num">${t("plan", "plan", l)}</th><th class="bc-num">${t("met realisatie", "with actuals", l)}</th></tr>
    </thead>
    <tbody>${m.partners.map((p) => html`<tr>
      <td>${swatch(colors.color(p.id))}${p.name}</td>
      ${years.flatMap((year) => {
        const y = p.yearly.find((x) => x.year === year)!;
        return [html`<td class="bc-num">${eur(y.plan, l)}</td>`, html`<td class="bc-num">${eur(y.actual, l)}</td>`, html`<td class="bc-num bc-strong ${tone(y.variance)}" data-variance=${`${p.id}:${year}`}>${signed(y.variance, l)}</td>`];
      })}
      <td class="bc-num">${eur(p.npvPlan, l)}</td><td class="bc-num ${tone(p.npvActual - p.npvPlan)}">${eur(p.npvActual, l)}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

/**
 * The true-up per arrangement: for each partner (and pot) the transfers over the horizon as
 * planned, as they fall due on the actuals, and the difference. Arrangements that move nothing
 * (the status quo) are left out.
 */
export function trueUpTable(m: Monitoring, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const arrangements = m.arrangements.filter((a) => a.partners.some((p) => p.plan !== 0 || p.actual !== 0));
  const potName = (a: Monitoring["arrangements"][number], id: string) => a.pots.find((p) => p.id === id)?.name ?? id;
  return html`<div class="bc-table-wrap"><table class="bc-table" data-monitoring="trueup">
    <thead><tr>
      <th>${t("Financieringsvorm", "Financing form", l)}</th><th>${t("Partner of pot", "Partner or pot", l)}</th>
      <th class="bc-num">${t("Overdrachten volgens plan", "Transfers as planned", l)}</th>
      <th class="bc-num">${t("Op de realisatie", "On the actuals", l)}</th>
      <th class="bc-num">${t("Verrekening (true-up)", "True-up", l)}</th>
    </tr></thead>
    <tbody>${arrangements.flatMap((a) => a.partners.filter((p) => p.plan !== 0 || p.actual !== 0).map((p, i) => html`<tr>
      <td class="bc-strong">${i === 0 ? a.name : ""}</td>
      <td>${p.id.startsWith("pot:") ? html`<em>${potName(a, p.id)}</em>` : html`<span>${swatch(colors.color(p.id))}${colors.name(p.id)}</span>`}</td>
      <td class="bc-num">${eur(p.plan, l)}</td><td class="bc-num">${eur(p.actual, l)}</td>
      <td class="bc-num bc-strong ${tone(p.trueUp)}" data-trueup=${`${a.id}:${p.id}`}>${signed(p.trueUp, l)}</td>
    </tr>`))}</tbody>
  </table>
  <p class="bc-small bc-muted">${t("Totalen over de looptijd, niet verdisconteerd. Een positieve verrekening is geld dat die partner méér ontvangt (of minder betaalt) dan gepland.", "Totals over the horizon, undiscounted. A positive true-up is money that partner receives (or does not pay) beyond the plan.", l)}</p></div>`;
}

const STATUS: Record<string, [string, string, string]> = {
  "on-track": ["op koers", "on track", "bc-badge-sourced"],
  "off-track": ["niet op koers", "off track", "bc-badge-unlabelled"],
  "no-data": ["geen meting", "no data", "bc-badge-derived"],
};

export function statusLabel(status: string, l: Lang = pageLang): string {
  const s = STATUS[status];
  return s ? (l === "en" ? s[1] : s[0]) : status;
}

/** The agreed indicators: per year the target, the measurement and the status. */
export function indicatorTable(m: Monitoring, l: Lang = pageLang): HTMLElement {
  const value = (v: number | null) => (v === null ? "–" : smartNum(v, l));
  return html`<div class="bc-table-wrap"><table class="bc-table" data-monitoring="indicators">
    <thead><tr><th>${t("Indicator", "Indicator", l)}</th><th>${t("Richting", "Direction", l)}</th><th class="bc-num">${t("Jaar", "Year", l)}</th><th class="bc-num">${t("Doel", "Target", l)}</th><th class="bc-num">${t("Gemeten", "Measured", l)}</th><th>${t("Status", "Status", l)}</th></tr></thead>
    <tbody>${m.indicators.flatMap((ind) => ind.years.map((y, i) => html`<tr>
      <td>${i === 0 ? html`<strong>${ind.label}</strong>` : ""}${i === 0 && ind.unit ? html` <span class="bc-muted bc-small">(${ind.unit})</span>` : ""}</td>
      <td class="bc-small">${i === 0 ? (ind.direction === "lower-is-better" ? t("lager is beter", "lower is better", l) : t("hoger is beter", "higher is better", l)) : ""}</td>
      <td class="bc-num">${y.year}</td><td class="bc-num">${value(y.target)}</td><td class="bc-num" data-indicator=${`${ind.id}:${y.year}`}>${value(y.actual)}</td>
      <td><span class="bc-badge ${STATUS[y.status]?.[2] ?? ""}" data-status=${y.status}>${statusLabel(y.status, l)}</span></td>
    </tr>`))}</tbody>
  </table></div>`;
}
