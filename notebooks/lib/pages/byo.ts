/**
 * "Bring your own case": open a case file from disk (file picker or drag and drop), keep it in
 * localStorage so work in progress survives a reload. Nothing leaves the browser: the file is
 * read with `File.text()` and only ever handed to the engine.
 *
 * `caseSource()` is a notebook input whose value is `{ name, text }` (or null before a file is
 * chosen); it fires `input` when a new file is read.
 */
import { html } from "htl";
import type { Model } from "../../../engine/index.ts";
import { normaliseParameter } from "../../../engine/index.ts";
import { lang as pageLang, t, type Lang } from "../i18n/i18n.ts";
import type { SliderSpec } from "../parts/panel.ts";
import { OWN_CASE_KEY } from "../parts/page.ts";

export interface CaseSource {
  name: string;
  text: string;
}

interface Stored extends CaseSource {
  overrides?: Record<string, number>;
}

/** localStorage, or null where it is blocked (private mode, file://). */
function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadStored(key = OWN_CASE_KEY): Stored | null {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Stored>;
    if (typeof v.name !== "string" || typeof v.text !== "string") return null;
    const overrides: Record<string, number> = {};
    for (const [k, x] of Object.entries(v.overrides ?? {})) if (typeof x === "number" && Number.isFinite(x)) overrides[k] = x;
    return { name: v.name, text: v.text, overrides };
  } catch {
    return null;
  }
}

function save(value: Stored | null, key = OWN_CASE_KEY): void {
  try {
    const s = storage();
    if (!s) return;
    if (value === null) s.removeItem(key);
    else s.setItem(key, JSON.stringify(value));
  } catch { /* quota or blocked: work is not kept, nothing else breaks */ }
}

/** The overrides stored for this very text (none if the stored case is another file). */
export function storedOverrides(source: CaseSource | null, key = OWN_CASE_KEY): Record<string, number> {
  const s = loadStored(key);
  return source && s && s.text === source.text ? s.overrides ?? {} : {};
}

/** Keeps the reader's changes with the stored case. */
export function saveOverrides(source: CaseSource | null, overrides: Readonly<Record<string, number>>, key = OWN_CASE_KEY): void {
  if (!source) return;
  save({ name: source.name, text: source.text, overrides: { ...overrides } }, key);
}

export type SourceInput = HTMLElement & { value: CaseSource | null };

/**
 * The file picker with a drop zone, example buttons and a button to forget the case.
 * `examples`: name -> text of bundled case files the reader can start from.
 */
export function caseSource(examples: Readonly<Record<string, string>>, options: { lang?: Lang; key?: string } = {}): SourceInput {
  const l = options.lang ?? pageLang;
  const key = options.key ?? OWN_CASE_KEY;
  const stored = loadStored(key);
  let value: CaseSource | null = stored ? { name: stored.name, text: stored.text } : null;

  const file = html`<input type="file" accept=".yaml,.yml,.json,application/json,text/yaml" aria-label=${t("Case-bestand kiezen", "Choose a case file", l)}>` as HTMLInputElement;
  const status = html`<p class="bc-small bc-muted" aria-live="polite"></p>`;
  const drop = html`<div class="bc-drop">
    <p><strong>${t("Sleep een case-bestand (YAML of JSON) hierheen", "Drop a case file (YAML or JSON) here", l)}</strong> ${t("of kies er een:", "or choose one:", l)} ${file}</p>
    <p class="bc-small">${t("Het bestand wordt alleen in uw browser gelezen en bewaard (localStorage); er gaat niets naar een server.", "The file is only read and kept in your browser (localStorage); nothing is sent to a server.", l)}</p>
  </div>`;
  const root = html`<div>${drop}
    <p class="bc-small">${t("Of begin met een voorbeeld:", "Or start from an example:", l)} ${Object.keys(examples).map((name) => {
      const b = html`<button type="button" class="bc-button">${name}</button>`;
      b.addEventListener("click", () => set({ name, text: examples[name]! }));
      return b;
    })} ${(() => {
      const b = html`<button type="button" class="bc-button">${t("Vergeet de case", "Forget the case", l)}</button>`;
      b.addEventListener("click", () => set(null));
      return b;
    })()}</p>
    ${status}
  </div>` as SourceInput;

  const show = () => {
    status.textContent = value ? t(`Geopend: ${value.name} (${value.text.length} tekens).`, `Open: ${value.name} (${value.text.length} characters).`, l) : t("Nog geen case geopend.", "No case open yet.", l);
  };
  function set(v: CaseSource | null) {
    value = v;
    save(v ? { ...v, overrides: {} } : null, key);
    show();
    root.dispatchEvent(new Event("input", { bubbles: true }));
  }
  async function read(f: File | undefined) {
    if (!f) return;
    try {
      set({ name: f.name, text: await f.text() });
    } catch (e) {
      status.textContent = t(`Kon ${f.name} niet lezen: ${String(e)}`, `Could not read ${f.name}: ${String(e)}`, l);
    }
  }
  file.addEventListener("change", (e) => {
    e.stopPropagation(); // the file input's own events are not this input's value
    void read(file.files?.[0]);
  });
  file.addEventListener("input", (e) => e.stopPropagation());
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("bc-over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("bc-over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("bc-over");
    void read((e as DragEvent).dataTransfer?.files?.[0]);
  });
  show();
  Object.defineProperty(root, "value", { get: () => value, configurable: true });
  return root;
}

/**
 * Sliders for a case nobody prepared: its assumption parameters with a number as value (up to
 * `max`), else its first numeric parameters. Every other parameter gets a number field.
 */
export function sliderSpecsFor(model: Model, max = 10): SliderSpec[] {
  const entries = Object.entries(model.case.parameters).map(([name, p]) => ({ name, p: normaliseParameter(p) }));
  const numeric = entries.filter((e) => typeof e.p.value === "number");
  const flagged = numeric.filter((e) => e.p.assumption);
  return (flagged.length ? flagged : numeric).slice(0, max).map((e) => ({ name: e.name }));
}
