/**
 * The arrangement editor of "Build your business case": one form per step type (the fields of
 * notebooks/lib/pages/steps.ts), a button that adds the step, and the list of steps so far with
 * a button to remove each. One notebook input: its `value` is the list of steps (engine
 * `ArrangementStep`s) and it fires `input` (bubbling) on every change, so
 * `const steps = view(arrangementEditor(ctx))` re-evaluates the page. Text from the case is
 * inserted as text (htl); every input has a label.
 */
import { html } from "htl";
import type { ArrangementStep } from "../../../engine/index.ts";
import { defaultValues, STEP_FIELDS, STEP_TYPES, stepFromForm, stepSummary, type Field, type PayerChoice, type StepContext, type StepType } from "../pages/steps.ts";
import { lang as pageLang, t, type Lang } from "../i18n/i18n.ts";

let uid = 0;

export type ArrangementEditor = HTMLElement & { value: ArrangementStep[] };

export function arrangementEditor(ctx: StepContext, options: { lang?: Lang; initial?: readonly ArrangementStep[] } = {}): ArrangementEditor {
  const l = options.lang ?? pageLang;
  const steps: ArrangementStep[] = [...(options.initial ?? [])];
  let type: StepType = "shared-savings";
  let values: Record<string, unknown> = defaultValues(type, ctx);
  const id = () => `bc-step-${++uid}`;

  const root = html`<div class="bc-panel bc-steps"><style>
    .bc-steps fieldset.bc-checks { border: 0; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
    .bc-steps fieldset.bc-checks legend { font-weight: 600; padding: 0; margin-bottom: 2px; }
    .bc-steps .bc-weights { display: flex; flex-wrap: wrap; gap: 4px 14px; }
    .bc-steps .bc-weights input { width: 5em; }
    .bc-steps h4 { margin: 6px 0; }
    .bc-steps .bc-field { grid-template-columns: minmax(200px, 1fr) minmax(140px, 340px); }
    @media (max-width: 700px) { .bc-steps .bc-field { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
    .bc-steps select, .bc-steps input { font: inherit; max-width: 100%; box-sizing: border-box; }
  </style></div>` as ArrangementEditor;
  const list = html`<ol class="bc-step-list" aria-live="polite"></ol>` as HTMLOListElement;
  const form = html`<div class="bc-step-form"></div>` as HTMLDivElement;
  const changed = () => root.dispatchEvent(new Event("input", { bubbles: true }));

  const field = (label: string, control: HTMLElement, forId: string) =>
    html`<div class="bc-field"><label for=${forId}>${label}</label>${control}</div>`;
  const select = (fid: string, options: readonly (readonly [string, string])[], value: string, on: (v: string) => void, label: string) => {
    const el = html`<select id=${fid} aria-label=${label}>${options.map(([v, text]) => html`<option value=${v} selected=${v === value}>${text}</option>`)}</select>` as HTMLSelectElement;
    el.addEventListener("change", () => on(el.value));
    return el;
  };
  const checkboxes = (legend: string, items: readonly (readonly [string, string])[], chosen: readonly string[], on: (v: string[]) => void) => {
    const boxes = items.map(([v, text]) => {
      const box = html`<input type="checkbox" value=${v} checked=${chosen.includes(v)}>` as HTMLInputElement;
      box.addEventListener("change", () => on(boxes.filter((b) => b.checked).map((b) => b.value)));
      return box;
    });
    return html`<fieldset class="bc-field bc-checks"><legend>${legend}</legend>${items.map(([, text], i) => html`<label>${boxes[i]} ${text}</label>`)}</fieldset>`;
  };
  const number = (fid: string, value: number, on: (v: number) => void, label: string, attrs: { min?: number; max?: number; step?: string } = {}) => {
    const el = html`<input type="number" id=${fid} class="bc-number" min=${attrs.min ?? 0} max=${attrs.max ?? ""} step=${attrs.step ?? "any"} value=${value} aria-label=${label}>` as HTMLInputElement;
    el.addEventListener("input", () => { if (Number.isFinite(el.valueAsNumber)) on(el.valueAsNumber); });
    return el;
  };
  const partners = (f: Field) => ctx.partners.filter((p) => !f.kinds || f.kinds.includes(p.kind)).map((p) => [p.id, p.name] as const);

  const payerControl = (f: Field, label: string): HTMLElement => {
    const p = values[f.name] as PayerChoice;
    const set = (next: PayerChoice) => { values[f.name] = next; render(); };
    const mode = select(id(), [["partner", t("één partner", "one partner", l)], ["equal", t("gelijke delen", "equal shares", l)], ["weights", t("eigen verhouding", "own proportions", l)], ["benefit", t("naar verwacht voordeel (eigen besparing)", "by expected benefit (own saving)", l)]], p.mode, (m) => {
      const ids = ctx.partners.map((x) => x.id);
      set(m === "partner" ? { mode: "partner", partner: ids[0] ?? "" } : m === "weights" ? { mode: "weights", weights: Object.fromEntries(ids.map((x) => [x, 1])) } : { mode: m as "equal" | "benefit", partners: "partners" in p ? p.partners : ids });
    }, `${label}: ${t("hoe", "how", l)}`);
    const modeId = mode.id;
    let detail: HTMLElement;
    if (p.mode === "partner") detail = select(id(), ctx.partners.map((x) => [x.id, x.name] as const), p.partner, (v) => set({ mode: "partner", partner: v }), label);
    else if (p.mode === "weights") detail = html`<div class="bc-weights">${ctx.partners.map((x) => { const wid = id(); return html`<label for=${wid}>${x.name} ${number(wid, p.weights[x.id] ?? 0, (v) => { p.weights[x.id] = v; }, `${label}: ${x.name}`)}</label>`; })}</div>`;
    else detail = checkboxes(t(`Wie: ${label.toLowerCase()}`, `Who: ${label.toLowerCase()}`, l), ctx.partners.map((x) => [x.id, x.name] as const), p.partners, (v) => set({ mode: p.mode, partners: v }));
    return html`<div class="bc-payer">${field(`${label}: ${t("hoe", "how", l)}`, mode, modeId)}${detail}</div>`;
  };

  const control = (f: Field): HTMLElement | null => {
    if (f.when && !f.when.is.includes(String(values[f.when.field]))) return null;
    const label = t(f.label[0], f.label[1], l);
    const fid = id();
    const v = values[f.name];
    switch (f.kind) {
      case "partner": return field(label, select(fid, [...(f.optional ? [["", t("(geen)", "(none)", l)] as const] : []), ...partners(f)], String(v ?? ""), (x) => { values[f.name] = x; }, label), fid);
      case "partners": return checkboxes(label, ctx.partners.map((p) => [p.id, p.name] as const), (v as string[]) ?? [], (x) => { values[f.name] = x; });
      case "investments": return checkboxes(label, ctx.investments.map((i) => [i.id, i.label] as const), (v as string[]) ?? [], (x) => { values[f.name] = x; });
      case "payer": return payerControl(f, label);
      case "money": return field(label, number(fid, Number(v ?? 0), (x) => { values[f.name] = x; }, label, { step: "any" }), fid);
      case "count": return field(label, number(fid, Number(v ?? 0), (x) => { values[f.name] = x; }, label, { min: 0, max: 5, step: "1" }), fid);
      case "fraction": return field(`${label} (%)`, number(fid, Math.round(Number(v ?? 0) * 10000) / 100, (x) => { values[f.name] = x / 100; }, label, { min: 0, max: 100 }), fid);
      case "year": return field(label, select(fid, ctx.years.map((y) => [String(y), String(y)] as const), String(v), (x) => { values[f.name] = Number(x); }, label), fid);
      case "choice": return field(label, select(fid, f.options!.map(([k, nl, en]) => [k, t(nl, en, l)] as const), String(v), (x) => { values[f.name] = x; render(); }, label), fid);
      case "effect": return field(label, select(fid, ctx.effects.map((e) => [e.id, e.label] as const), String(v), (x) => { values[f.name] = x; }, label), fid);
    }
  };

  const render = () => {
    list.replaceChildren(...steps.map((s, i) => {
      const remove = html`<button type="button" class="bc-button" aria-label=${t(`Verwijder stap ${i + 1}`, `Remove step ${i + 1}`, l)}>${t("verwijder", "remove", l)}</button>` as HTMLButtonElement;
      remove.addEventListener("click", () => { steps.splice(i, 1); render(); changed(); });
      return html`<li data-step=${s.type}>${stepSummary(s, ctx, l)} ${remove}</li>` as HTMLLIElement;
    }));
    if (steps.length === 0) list.replaceChildren(html`<li class="bc-muted">${t("Nog geen stappen: de afspraak is de status quo.", "No steps yet: the arrangement is the status quo.", l)}</li>`);
    const typeId = id();
    const typeSelect = select(typeId, STEP_TYPES.map((s) => [s.type, t(s.label[0], s.label[1], l)] as const), type, (x) => { type = x as StepType; values = defaultValues(type, ctx); render(); }, t("Soort stap", "Kind of step", l));
    const info = STEP_TYPES.find((s) => s.type === type)!;
    const add = html`<button type="button" class="bc-button" data-add-step>${t("Stap toevoegen", "Add step", l)}</button>` as HTMLButtonElement;
    add.addEventListener("click", () => { steps.push(stepFromForm(type, values)); render(); changed(); });
    form.replaceChildren(
      field(t("Soort stap", "Kind of step", l), typeSelect, typeId),
      html`<p class="bc-muted bc-small">${t(info.what[0], info.what[1], l)}</p>`,
      ...STEP_FIELDS[type].map(control).filter((x): x is HTMLElement => x !== null),
      html`<div class="bc-panel-actions">${add}</div>`,
    );
  };
  root.append(html`<h4>${t("Stappen van de afspraak", "Steps of the arrangement", l)}</h4>`, list, html`<h4>${t("Nieuwe stap", "New step", l)}</h4>`, form);
  render();
  Object.defineProperty(root, "value", { get: () => [...steps], configurable: true });
  return root;
}
