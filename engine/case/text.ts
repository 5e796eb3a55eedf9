/**
 * Texts for people in a case file (labels, names, notes, sources, titles, descriptions) may be
 * written in one language, as a plain string, or in both: `label: {nl: "Wijkteam", en:
 * "District team"}`. The engine runs a case in one language: `validateCase(data, {lang})`
 * first replaces every text written in both languages by the one in `lang` (here), then
 * validates, so the model, every result and every view (CLI, report, workbook, notebooks) see
 * plain strings in the reader's language. A plain string is shown as it is in either language.
 *
 * The case's identity does not depend on the language: the hash (provenance) is taken over the
 * validated case with both languages put back (`restoreTexts`), and an arrangement's
 * `labelContains` matches an investment's label in any of its languages.
 */
import type { Lang } from "../messages/messages.ts";
import type { Path } from "../messages/issues.ts";

/** A text written in both languages. */
export interface Bilingual {
  nl: string;
  en: string;
}

/** A text as a case file may give it: one language, or both. */
export type LocalText = string | Bilingual;

/**
 * The fields whose value may be a `Bilingual` (where the schema says so: LocalText in
 * schema/common.ts). `sources` is a list of them. Nothing else is touched.
 */
const TEXT_FIELDS = new Set(["label", "name", "title", "description", "note", "source"]);
const TEXT_LISTS = new Set(["sources"]);
/**
 * Fields holding a map keyed by ids or years (parameters by name, shares by partner, amounts by
 * year): the keys of such a map are data, so a parameter or partner that happens to be called
 * `label` or `name` is never taken for a text.
 */
const ID_MAPS = new Set(["parameters", "scenarios", "caps", "amounts", "shares", "volumes", "years", "investments", "effects", "contributions", "targets", "actuals", "values"]);

/** Whether a value is exactly `{nl: string, en: string}`. */
export function isBilingual(value: unknown): value is Bilingual {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const v = value as Record<string, unknown>;
  return keys.length === 2 && typeof v.nl === "string" && typeof v.en === "string";
}

/** The text in `lang`: a plain string as it is, a bilingual text's `lang` version. */
export function pickText(text: LocalText, lang: Lang): string;
export function pickText(text: LocalText | undefined, lang: Lang): string | undefined;
export function pickText(text: LocalText | undefined, lang: Lang): string | undefined {
  return text === undefined || typeof text === "string" ? text : text[lang];
}

/** Every language version of a text (one for a plain string). */
export function allTexts(text: LocalText | undefined): string[] {
  return text === undefined ? [] : typeof text === "string" ? [text] : [text.nl, text.en];
}

/** A bilingual text found in a case, with where it was. */
export interface WrittenText {
  path: Path;
  text: Bilingual;
}

/**
 * A copy of case data (parsed YAML or JSON, not yet validated) with every bilingual text at a
 * text field replaced by its `lang` version, and the texts replaced (with their paths). Data
 * without bilingual texts comes back as it is (the same object).
 */
export function localiseTexts(data: unknown, lang: Lang): { data: unknown; texts: WrittenText[] } {
  const texts: WrittenText[] = [];
  const walk = (value: unknown, path: Path, keysAreIds = false): unknown => {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const out = walk(item, [...path, i]);
        if (out !== item) (copy ??= [...value])[i] = out;
      });
      return copy ?? value;
    }
    if (typeof value !== "object" || value === null) return value;
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      let out: unknown;
      if (keysAreIds) out = walk(item, [...path, key]);
      else if (TEXT_FIELDS.has(key) && isBilingual(item)) {
        texts.push({ path: [...path, key], text: { nl: item.nl, en: item.en } });
        out = item[lang];
      } else if (TEXT_LISTS.has(key) && Array.isArray(item)) {
        out = item.map((s, i) => {
          if (!isBilingual(s)) return s;
          texts.push({ path: [...path, key, i], text: { nl: s.nl, en: s.en } });
          return s[lang];
        });
        if ((out as unknown[]).every((s, i) => s === item[i])) out = item;
      } else out = walk(item, [...path, key], ID_MAPS.has(key) && !Array.isArray(item));
      if (out !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = out;
    }
    return copy ?? value;
  };
  const out = walk(data, []);
  return { data: out, texts };
}

/** A copy of `data` with the bilingual texts put back at their paths (the case as written, for its hash). */
export function restoreTexts<T>(data: T, texts: readonly WrittenText[]): T {
  if (texts.length === 0) return data;
  const copy = structuredClone(data) as unknown;
  for (const { path, text } of texts) {
    let node = copy as Record<string | number, unknown>;
    for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
    node[path[path.length - 1]!] = { nl: text.nl, en: text.en };
  }
  return copy as T;
}

/** The texts of one field (every language), from the list `localiseTexts` returned; the field's own value when it had one language. */
export function textsAt(texts: readonly WrittenText[], path: Path, value: string): string[] {
  const key = path.join("\u0000");
  const found = texts.find((t) => t.path.join("\u0000") === key);
  return found ? allTexts(found.text) : [value];
}
