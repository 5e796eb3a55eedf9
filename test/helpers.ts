import { expect } from "vitest";
import { evaluateModel, validateCase, type CaseInput, type Evaluation, type Lang, type Model } from "../engine/index.ts";

/** Validates (texts in both languages: the English ones, unless `lang` says otherwise) or fails the test with every issue listed. */
export function model(input: unknown, lang: Lang = "en"): Model {
  const v = validateCase(input, { lang });
  if (!v.ok) throw new Error("invalid case:\n" + v.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  return v.model;
}

/**
 * The model of a random case with arrangements (test/arbitraries.ts), or undefined when the case
 * is invalid; the only issues a random case may have are a settlement with nothing to share by
 * and a key whose weights are all zero (the test fails on any other).
 */
export function validRandomCase(c: CaseInput): Model | undefined {
  const v = validateCase(c, { lang: "en" });
  if (!v.ok) {
    expect(v.issues.every((i) => ["settlementNoBasis", "weightsZero"].includes(i.code))).toBe(true);
    return undefined;
  }
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
