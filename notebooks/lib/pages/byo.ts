/**
 * "Bring your own case": open a case file from disk (file picker or drag and drop), paste its
 * text, or open a workbook (.xlsx, read by the same importer as `bcase import`, loaded only when
 * a workbook is chosen); keep it in localStorage so work in progress survives a reload. Nothing
 * leaves the browser: the file is read in the page and only ever handed to the engine.
 *
 * `caseSource()` is a notebook input whose value is `{ name, text }` (or null before a file is
 * chosen, or `{ name, text: "", issues }` for a workbook that cannot be imported); it fires
 * `input` when a new case is read.
 */
import { html } from "htl";
import type { Issue, Model } from "../../../engine/index.ts";
import { normaliseParameter, serializeCase } from "../../../engine/index.ts";
import templateUrl from "../../../examples/template.xlsx?url";
import { lang as pageLang, t, type Lang } from "../i18n/i18n.ts";
import type { SliderSpec } from "../parts/panel.ts";
import { OWN_CASE_KEY } from "../parts/page.ts";

export interface CaseSource {
  name: string;
  text: string;
  /** Problems found before the text stage (a workbook that cannot be imported). */
  issues?: Issue[];
}

/**
 * A syntax error makes the rest of the file unreadable, so it is one problem, at its line: the
 * first syntax problem stands for all (the parser's own words only on the English page, where
 * they fit the sentence). Other problems are returned as they are.
 */
export function firstSyntaxProblem(issues: readonly Issue[], l: Lang = pageLang): Issue[] {
  const syntax = issues.filter((i) => i.code === "yamlSyntax" || i.code === "jsonSyntax");
  if (syntax.length === 0) return [...issues];
  const first = [...syntax].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))[0]!;
  const kind = first.code === "jsonSyntax" ? "JSON" : "YAML";
  const where = first.line ? t(` op regel ${first.line}`, ` at line ${first.line}`, l) : "";
  const message = l === "en"
    ? `${kind} cannot be read${where}: ${String(first.params?.detail ?? first.message.replace(/^.*?: /, ""))}. Check the indentation, colons and quotes there (or just above it).`
    : `${kind} is niet te lezen${where}. Controleer daar (of vlak erboven) de inspringing, dubbele punten en aanhalingstekens.`;
  return [{ ...first, path: [], message }];
}

/** Reads a workbook with the command line's importer (io/workbook), loaded on first use. */
export async function workbookSource(name: string, buffer: Uint8Array, l: Lang = pageLang): Promise<CaseSource> {
  const { importWorkbook } = await import("../../../io/workbook/xlsx.ts");
  const result = await importWorkbook(buffer, { lang: l });
  const yamlName = name.replace(/\.xlsx$/i, "") + ".yaml";
  if (!result.ok) return { name, text: "", issues: result.issues };
  return { name: yamlName, text: serializeCase(result.data, "yaml") };
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
 * `examples`: name -> text (or a loader of the text) of bundled case files the reader can start from.
 */
export function caseSource(examples: Readonly<Record<string, string | (() => Promise<string>)>>, options: { lang?: Lang; key?: string } = {}): SourceInput {
  const l = options.lang ?? pageLang;
  const key = options.key ?? OWN_CASE_KEY;
  const stored = loadStored(key);
  let value: CaseSource | null = stored ? { name: stored.name, text: stored.text } : null;

  const file = html`<input type="file" accept=".yaml,.yml,.json,.xlsx,application/json,text/yaml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label=${t("Case-bestand kiezen (YAML, JSON of Excel)", "Choose a case file (YAML, JSON or Excel)", l)}>` as HTMLInputElement;
  const pasteId = `bc-paste-${Math.random().toString(36).slice(2, 8)}`;
  const paste = html`<textarea id=${pasteId} spellcheck="false" placeholder=${"id: mijn-case\ntitle: …"}></textarea>` as HTMLTextAreaElement;
  const usePaste = html`<button type="button" class="bc-button" data-byo="paste">${t("Gebruik deze tekst", "Use this text", l)}</button>`;
  usePaste.addEventListener("click", () => {
    const text = paste.value;
    if (text.trim() === "") { status.textContent = t("Het tekstveld is leeg.", "The text field is empty.", l); return; }
    set({ name: text.trimStart().startsWith("{") ? t("geplakt.json", "pasted.json", l) : t("geplakt.yaml", "pasted.yaml", l), text });
  });
  paste.addEventListener("input", (e) => e.stopPropagation());
  const status = html`<p class="bc-small bc-muted" aria-live="polite"></p>`;
  const drop = html`<div class="bc-drop">
    <p><strong>${t("Sleep een case-bestand (YAML of JSON) hierheen", "Drop a case file (YAML or JSON) here", l)}</strong> ${t("of kies er een:", "or choose one:", l)} ${file}</p>
    <p class="bc-small">${t("Excel-werkmappen volgen het sjabloon: ", "Excel workbooks follow the template: ", l)}<a href=${templateUrl} download="bcase-sjabloon.xlsx">${t("download het sjabloon (.xlsx)", "download the template (.xlsx)", l)}</a>. ${t("Het bestand wordt alleen in uw browser gelezen en bewaard (localStorage); er gaat niets naar een server.", "The file is only read and kept in your browser (localStorage); nothing is sent to a server.", l)}</p>
  </div>`;
  const pasteBox = html`<details class="bc-paste bc-more"><summary>${t("Of plak de tekst van een case (YAML of JSON)", "Or paste the text of a case (YAML or JSON)", l)}</summary>
    <p><label for=${pasteId}>${t("Tekst van de case", "Text of the case", l)}</label></p>${paste}<p>${usePaste}</p></details>`;
  const root = html`<div>${drop}${pasteBox}
    <p class="bc-small">${t("Of begin met een voorbeeld:", "Or start from an example:", l)} ${Object.keys(examples).map((name) => {
      const b = html`<button type="button" class="bc-button">${name}</button>`;
      b.addEventListener("click", async () => {
        const text = examples[name]!;
        set({ name, text: typeof text === "string" ? text : await text() });
      });
      return b;
    })} ${(() => {
      const b = html`<button type="button" class="bc-button">${t("Vergeet de case", "Forget the case", l)}</button>`;
      b.addEventListener("click", () => set(null));
      return b;
    })()}</p>
    ${status}
  </div>` as SourceInput;

  const show = () => {
    status.textContent = !value ? t("Nog geen case geopend.", "No case open yet.", l)
      : value.issues ? t(`${value.name} is niet in te lezen.`, `${value.name} cannot be imported.`, l)
      : t(`Geopend: ${value.name} (${value.text.length} tekens).`, `Open: ${value.name} (${value.text.length} characters).`, l);
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
      if (/\.xlsx$/i.test(f.name)) {
        status.textContent = t(`Werkmap ${f.name} wordt gelezen…`, `Reading workbook ${f.name}…`, l);
        const source = await workbookSource(f.name, new Uint8Array(await f.arrayBuffer()), l);
        if (source.issues) {
          value = source;
          show();
          root.dispatchEvent(new Event("input", { bubbles: true }));
        } else set(source);
        return;
      }
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
