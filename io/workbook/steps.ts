/**
 * Financing arrangements' steps on a sheet of their own (`Steps`, also read as `Stappen`): one
 * row per step, the arrangement it belongs to in the column `arrangement`, its `type` from a
 * drop-down list and every field in a column of its own, spread the way every sheet is (from
 * the schema: `from`, `rate`, `threshold.amount`, `cap.perYear`, `gate.indicator`,
 * `surplus.action`, ...), so an analyst fills in a step like a form instead of writing JSON.
 *
 * Keys (a payer's, a pot's contributions, ...) take a short text where they can: a size or
 * benefit key is its name (`inhabitants`, `insured`, `income`, `budget`, `benefit`), fixed shares
 * are `gemeente: 1, zorgverzekeraar: 3`. Other keys (a blend, by year, usage, shares as
 * formulas) stay JSON or YAML flow text, as do a step's lists of rules and outcomes.
 *
 * An arrangement with no steps keeps `steps: []` in its own sheet's `steps` column (so the round
 * trip stays exact); a workbook that still has the steps as JSON there reads as before.
 */
import type { KeySpec } from "../../engine/index.ts";
import { caseSchema, elementOf, schemaAt, type Schema } from "./schemaShape.ts";
import { isPlainObject } from "./flatten.ts";

export const STEPS_KEY = "steps";
export const ARRANGEMENT_COLUMN = "arrangement";

let step: { schema: Schema | undefined } | undefined;
/** The schema of one step (the union of every step type). */
export const stepSchema = (): Schema | undefined => (step ??= { schema: elementOf(schemaAt(caseSchema(), ["arrangements", 0, "steps"])) }).schema;

const SIZE_KEYS = new Set(["inhabitants", "insured", "budget", "income", "benefit"]);
const SHARE = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Whether a field of a step holds a key (so takes the short text). */
export const isKeyField = (name: string) => name === "key" || name === "investor" || name === "payer";

/** A key as short text, or undefined when it has no short form. */
export function keyText(k: unknown): string | undefined {
  if (!isPlainObject(k)) return undefined;
  const spec = k as KeySpec & Record<string, unknown>;
  if (SIZE_KEYS.has(spec.type) && Object.keys(spec).length === 1) return spec.type;
  if (spec.type === "fixed" && Object.keys(spec).length === 2 && isPlainObject(spec.shares)) {
    const entries = Object.entries(spec.shares);
    if (entries.length > 0 && entries.every(([p, w]) => typeof w === "number" && Number.isFinite(w) && SHARE.test(`${p}: ${w}`))) return entries.map(([p, w]) => `${p}: ${w}`).join(", ");
  }
  return undefined;
}

/** Short text back to a key; undefined when the text is not one. */
export function parseKeyText(text: string): KeySpec | undefined {
  const s = text.trim();
  if (SIZE_KEYS.has(s)) return { type: s } as KeySpec;
  const parts = s.split(",");
  const shares: Record<string, number> = {};
  for (const p of parts) {
    const m = SHARE.exec(p);
    if (!m || m[1]! in shares) return undefined;
    shares[m[1]!] = Number(m[2]);
  }
  return parts.length > 0 ? { type: "fixed", shares } : undefined;
}

/** Every key inside a step (a payer's `{ key }`, `contributions.key`, `surplus.key`, `deficit.key`, a settlement's `key`), with how to set it. */
function keySlots(step: Record<string, unknown>): { get: () => unknown; set: (v: unknown) => void }[] {
  const out: { get: () => unknown; set: (v: unknown) => void }[] = [];
  const at = (o: unknown, k: string) => {
    if (isPlainObject(o) && o[k] !== undefined) out.push({ get: () => o[k], set: (v) => { o[k] = v; } });
  };
  for (const f of ["payer", "investor"]) at(step[f], "key");
  at(step, "key");
  for (const f of ["contributions", "surplus", "deficit"]) at(step[f], "key");
  return out;
}

const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * The case for writing: arrangements without their (non-empty) steps, and `steps` as rows
 * (`{ arrangement, ...step }`, keys in short text where they have one).
 */
export function withStepRows(data: Record<string, unknown>): Record<string, unknown> {
  const arrs = data.arrangements;
  if (!Array.isArray(arrs) || !arrs.every((a) => isPlainObject(a) && typeof a.id === "string")) return data;
  const rows: unknown[] = [];
  const arrangements = arrs.map((a: Record<string, unknown>) => {
    if (!Array.isArray(a.steps) || a.steps.length === 0 || !a.steps.every(isPlainObject)) return a;
    for (const s of a.steps as Record<string, unknown>[]) {
      const step = copy(s);
      for (const slot of keySlots(step)) { const text = keyText(slot.get()); if (text !== undefined) slot.set(text); }
      rows.push({ [ARRANGEMENT_COLUMN]: a.id, ...step });
    }
    const { steps: _s, ...rest } = a;
    void _s;
    return rest;
  });
  return rows.length === 0 ? data : { ...data, arrangements, [STEPS_KEY]: rows };
}

export type StepsProblem = { index: number; code: "stepArrangementMissing" | "stepArrangementUnknown" | "stepsTwice"; params: Record<string, string> };

/**
 * After reading: the rows of the Steps sheet into their arrangements' `steps`, in row order,
 * keys from their short text. Returns where each row went (for naming cells) and what was wrong.
 */
export function joinStepRows(data: Record<string, unknown>): { moved: Map<number, (string | number)[]>; problems: StepsProblem[] } {
  const moved = new Map<number, (string | number)[]>();
  const problems: StepsProblem[] = [];
  const rows = data[STEPS_KEY];
  delete data[STEPS_KEY];
  if (!Array.isArray(rows)) return { moved, problems };
  const arrs = Array.isArray(data.arrangements) ? (data.arrangements as unknown[]) : [];
  const filled = new Set<number>();
  rows.forEach((row, index) => {
    const r = isPlainObject(row) ? { ...row } : {};
    const id = r[ARRANGEMENT_COLUMN];
    delete r[ARRANGEMENT_COLUMN];
    if (typeof id !== "string" || id.trim() === "") { problems.push({ index, code: "stepArrangementMissing", params: {} }); return; }
    const i = arrs.findIndex((a) => isPlainObject(a) && a.id === id);
    if (i < 0) { problems.push({ index, code: "stepArrangementUnknown", params: { name: id, known: arrs.filter(isPlainObject).map((a) => String(a.id)).join(", ") || "-" } }); return; }
    const arr = arrs[i] as Record<string, unknown>;
    if (!filled.has(i)) {
      if (arr.steps !== undefined && !(Array.isArray(arr.steps) && arr.steps.length === 0)) { problems.push({ index, code: "stepsTwice", params: { name: id } }); return; }
      arr.steps = [];
      filled.add(i);
    }
    for (const slot of keySlots(r)) { const v = slot.get(); if (typeof v === "string") { const k = parseKeyText(v); if (k) slot.set(k); } }
    const steps = arr.steps as unknown[];
    moved.set(index, ["arrangements", i, "steps", steps.length]);
    steps.push(r);
  });
  return { moved, problems };
}
