/**
 * Case files and results out of the browser: the case text with the reader's changes written
 * back (YAML keeps its comments and layout: only the changed values are replaced, each with a
 * comment saying what it was), the ledger as CSV and the JSON contract.
 */
import YAML, { isMap, isScalar } from "yaml";
import type { CaseFormat, Evaluation } from "../../../engine/index.ts";
import { toJsonContract } from "../../../engine/index.ts";
import { ledgerCsv, withOverrides } from "./rows.ts";

const round = (v: number) => Number(v.toPrecision(12));

/** The case text with `overrides` written into its parameters. */
export function caseTextWithOverrides(text: string, format: CaseFormat, overrides: Readonly<Record<string, number>>, note = "changed in the notebook; was"): string {
  const names = Object.keys(overrides);
  if (names.length === 0) return text;
  if (format === "json") {
    const data = JSON.parse(text) as { parameters?: Record<string, unknown> };
    const rounded = Object.fromEntries(names.map((n) => [n, round(overrides[n]!)]));
    return JSON.stringify(withOverrides(data, rounded, note), null, 2) + "\n";
  }
  const doc = YAML.parseDocument(text);
  for (const name of names) {
    const value = round(overrides[name]!);
    const node = doc.getIn(["parameters", name], true);
    const path = isMap(node) ? ["parameters", name, "value"] : ["parameters", name];
    const old = doc.getIn(path, true);
    if (old === undefined) continue;
    const fresh = doc.createNode(value);
    fresh.comment = ` ${note} ${isScalar(old) ? String(old.source ?? old.value) : String(old)}`;
    doc.setIn(path, fresh);
  }
  return doc.toString({ lineWidth: 0 });
}

/** The evaluation's JSON contract, as `bcase evaluate --format json` writes it. */
export function contractJson(ev: Evaluation): string {
  return JSON.stringify(toJsonContract(ev), null, 2) + "\n";
}

export { ledgerCsv };

/** A file name for downloads from a case id: `ruwaard-ledger.csv`. */
export function fileName(id: string, suffix: string): string {
  return `${id.replace(/[^A-Za-z0-9_-]+/g, "-") || "case"}${suffix}`;
}
