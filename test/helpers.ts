import { evaluateModel, validateCase, type CaseInput, type Evaluation, type Lang, type Model } from "../engine/index.ts";

/** Validates (texts in both languages: the English ones, unless `lang` says otherwise) or fails the test with every issue listed. */
export function model(input: unknown, lang: Lang = "en"): Model {
  const v = validateCase(input, { lang });
  if (!v.ok) throw new Error("invalid case:\n" + v.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  return v.model;
}

export function evaluate(input: CaseInput | unknown, overrides?: Record<string, number>): Evaluation {
  return evaluateModel(model(input), overrides);
}

/** Per-partner figures keyed by id (so listing order does not matter). */
export function byId(ev: Evaluation) {
  return Object.fromEntries(ev.partners.map((p) => [p.id, p]));
}

/** A deep copy through JSON (case inputs are plain data). */
export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
