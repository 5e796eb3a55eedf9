/**
 * The assumptions panel: a slider and a number field next to each key assumption (and, folded
 * away, a number field for every other parameter), as one notebook input.
 *
 * Its `value` is the overrides object for `evaluateModel(model, overrides)`: only parameters
 * the reader changed, so a formula parameter keeps following its inputs until it is itself
 * changed. It fires `input` (bubbling, as Observable Inputs do) on every change, so
 * `const overrides = view(assumptionsPanel(...))` re-evaluates the page.
 *
 * Labels, units and sources come from the case file and are inserted as text (htl).
 */
import { html } from "htl";
import type { Model } from "../../../engine/index.ts";
import { normaliseParameter, parameterValues } from "../../../engine/index.ts";
import { lang as pageLang, smartNum, t, unitLabel, type Lang } from "../i18n/i18n.ts";
import type { ParameterStatus } from "../data/rows.ts";

export interface SliderSpec {
  /** Parameter name in the case. */
  name: string;
  min?: number;
  max?: number;
  step?: number;
  /** Show as a percentage (value 0.25 shown as 25). Default: unitless values in 0..1. */
  percent?: boolean;
  /** Label in place of the case's label: [nl, en]. */
  label?: readonly [string, string];
}

export interface PanelOptions {
  lang?: Lang;
  /** Overrides to start from (e.g. restored from localStorage). */
  initial?: Readonly<Record<string, number>>;
  /** Which other parameters get a number field in a folded section: assumptions only, or all. */
  others?: "assumptions" | "all" | "none";
  /** Title of the folded section. */
  othersTitle?: string;
}

export type Panel = HTMLElement & { value: Record<string, number>; reset(): void };

/** The parameters' values with no overrides, by name. */
export function defaultValues(model: Model): Record<string, number> {
  const values = parameterValues(model.parameters);
  const out: Record<string, number> = {};
  for (const name of model.parameters.order) out[name] = values[model.parameters.slot.get(name)!]!;
  return out;
}

function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/** Slider range for a value: 0..1 for fractions, else 0 .. about three times the value. */
export function sliderRange(value: number, spec: Pick<SliderSpec, "min" | "max" | "step" | "percent"> = {}, unit = ""): { min: number; max: number; step: number; percent: boolean } {
  const percent = spec.percent ?? (unit === "" && value >= 0 && value <= 1);
  if (percent) return { min: spec.min ?? 0, max: spec.max ?? 1, step: spec.step ?? 0.01, percent };
  const abs = Math.abs(value);
  const max = spec.max ?? (abs === 0 ? 10 : niceStep(abs * 3) * Math.ceil((abs * 3) / niceStep(abs * 3)));
  const min = spec.min ?? (value < 0 ? -max : 0);
  const step = spec.step ?? (Number.isInteger(value) && abs >= 10 ? Math.max(1, niceStep((max - min) / 200)) : niceStep((max - min) / 200));
  return { min, max, step, percent };
}

let uid = 0;

interface Field {
  name: string;
  set(value: number): void;
}

export function assumptionsPanel(model: Model, specs: readonly SliderSpec[], options: PanelOptions = {}): Panel {
  const l = options.lang ?? pageLang;
  const defaults = defaultValues(model);
  const overrides: Record<string, number> = {};
  for (const [k, v] of Object.entries(options.initial ?? {})) if (k in defaults && Number.isFinite(v)) overrides[k] = v;
  const current = (name: string) => overrides[name] ?? defaults[name]!;
  const info = (name: string) => normaliseParameter(model.case.parameters[name]!);
  const statusOf = (name: string): ParameterStatus => {
    const p = info(name);
    return p.assumption ? "assumption" : p.source ? "sourced" : typeof p.value === "string" ? "derived" : "unlabelled";
  };
  const fields: Field[] = [];

  const set = (name: string, value: number) => {
    if (!Number.isFinite(value)) return;
    if (Math.abs(value - defaults[name]!) <= 1e-12 * Math.max(1, Math.abs(value))) delete overrides[name];
    else overrides[name] = value;
  };

  const badgeFor = (name: string) => {
    const s = statusOf(name);
    const text = s === "assumption" ? t("aanname", "assumption", l) : s === "sourced" ? t("bron", "sourced", l) : s === "derived" ? t("afgeleid", "derived", l) : t("zonder bron", "no source", l);
    return html`<span class=${`bc-badge bc-badge-${s}`}>${text}</span>`;
  };

  const slider = (spec: SliderSpec) => {
    const p = info(spec.name);
    const unit = p.unit ?? "";
    const r = sliderRange(defaults[spec.name]!, spec, unit);
    const k = r.percent ? 100 : 1;
    const id = `bc-param-${++uid}`;
    const label = spec.label ? t(spec.label[0], spec.label[1], l) : p.label ?? spec.name;
    const range = html`<input type="range" id=${id} min=${r.min * k} max=${r.max * k} step=${r.step * k} aria-label=${label}>` as HTMLInputElement;
    const number = html`<input type="number" class="bc-number" min=${r.min * k} max=${r.max * k} step="any" aria-label=${label}>` as HTMLInputElement;
    const shown = html`<output class="bc-shown"></output>` as HTMLOutputElement;
    const show = (v: number) => {
      shown.textContent = r.percent ? `${smartNum(v * 100, l, 1)}%` : `${smartNum(v, l)}${unit ? " " + unitLabel(unit, l) : ""}`;
    };
    const put = (v: number) => {
      range.value = String(v * k);
      number.value = String(Math.round(v * k * 1e6) / 1e6);
      show(v);
    };
    put(current(spec.name));
    range.addEventListener("input", () => {
      const v = range.valueAsNumber / k;
      number.value = String(Math.round(v * k * 1e6) / 1e6);
      show(v);
      set(spec.name, v);
    });
    number.addEventListener("input", () => {
      const v = number.valueAsNumber / k;
      if (!Number.isFinite(v)) return;
      range.value = String(v * k);
      show(v);
      set(spec.name, v);
    });
    fields.push({ name: spec.name, set: put });
    const title = [p.source, p.note].filter(Boolean).join(" · ");
    return html`<div class="bc-slider" data-param=${spec.name}>
      <label for=${id} title=${title}>${label} ${badgeFor(spec.name)}</label>
      ${range}${number}${shown}
    </div>`;
  };

  const others = options.others ?? "assumptions";
  const sliderNames = new Set(specs.map((s) => s.name));
  const otherNames = others === "none" ? [] : Object.keys(model.case.parameters).filter((n) => !sliderNames.has(n) && (others === "all" || info(n).assumption));

  const numberField = (name: string) => {
    const p = info(name);
    const id = `bc-param-${++uid}`;
    const input = html`<input type="number" id=${id} class="bc-number" step="any" aria-label=${p.label ?? name}>` as HTMLInputElement;
    const put = (v: number) => { input.value = String(Math.round(v * 1e9) / 1e9); };
    put(current(name));
    input.addEventListener("input", () => set(name, input.valueAsNumber));
    fields.push({ name, set: put });
    const title = [p.source, p.note].filter(Boolean).join(" · ");
    return html`<div class="bc-field" data-param=${name}>
      <label for=${id} title=${title}>${p.label ?? name} ${badgeFor(name)}${typeof p.value === "string" ? html` <code class="bc-muted">= ${p.value}</code>` : ""}</label>
      ${input}<span class="bc-unit">${unitLabel(p.unit ?? "", l)}</span>
    </div>`;
  };

  const resetButton = html`<button type="button" class="bc-button">${t("Terug naar de waarden uit het case-bestand", "Back to the values in the case file", l)}</button>`;
  const panel = html`<div class="bc-panel">
    ${specs.map(slider)}
    ${otherNames.length > 0 ? html`<details class="bc-more"><summary>${options.othersTitle ?? t(`Alle andere aannames (${otherNames.length})`, `All other assumptions (${otherNames.length})`, l)}</summary>${otherNames.map(numberField)}</details>` : ""}
    <div class="bc-panel-actions">${resetButton}</div>
  </div>` as Panel;

  const reset = () => {
    for (const k of Object.keys(overrides)) delete overrides[k];
    for (const f of fields) f.set(defaults[f.name]!);
    panel.dispatchEvent(new Event("input", { bubbles: true }));
  };
  resetButton.addEventListener("click", reset);
  Object.defineProperty(panel, "value", { get: () => ({ ...overrides }), configurable: true });
  panel.reset = reset;
  return panel;
}
