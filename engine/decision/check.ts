/**
 * Checks of a case's negotiations that need the compiled model (the schema checked their
 * shape): the arrangement exists and has steps; partners are known; a parameter lever exists,
 * has no distribution and changes only arrangements (not the investments and effects, so the
 * status-quo ledger stays what it is while the terms move); a path lever points at a number in
 * the arrangement. Called by validation (engine/case/validate.ts), so `bcase validate` reports
 * them with every other problem.
 */
import { formulaShape, suggest, type Compiled } from "../case/formula.ts";
import type { Model } from "../case/model.ts";
import type { Issue, Path } from "../messages/issues.ts";
import { message, type Lang } from "../messages/messages.ts";
import { parsePath } from "../simulate/issues.ts";

/** Names of the parameters the status-quo ledger reads, directly or through other parameters. */
export function statusQuoParameters(model: Model): Set<string> {
  const slots = new Set<number>();
  const use = (f: Compiled | undefined) => { if (f) for (const s of formulaShape(f)?.slots ?? []) slots.add(s); };
  for (const inv of model.investments) for (const y of inv.years) use(y.amount);
  for (const e of model.effects) {
    [e.quantity, e.unitPrice, e.deadweight, e.attribution, e.displacement, e.optimismBias, e.dropOffRate, e.variableCostShare].forEach(use);
    for (const y of e.years) { use(y.actualQuantity); use(y.actualAmount); }
  }
  const todo = [...slots];
  while (todo.length > 0) {
    const s = todo.pop()!;
    for (const d of formulaShape(model.parameters.formulas[s]!)?.slots ?? []) if (!slots.has(d)) { slots.add(d); todo.push(d); }
  }
  const names = new Set<string>();
  for (const [name, slot] of model.parameters.slot) if (slots.has(slot)) names.add(name);
  return names;
}

/** The value at a path inside an object (numeric segments index arrays; `steps.0` and `steps[0]` alike). */
export function valueAt(root: unknown, path: Path): { found: boolean; value?: unknown } {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur)) {
      const i = typeof seg === "number" ? seg : /^\d+$/.test(seg) ? Number(seg) : NaN;
      if (!(i >= 0 && i < cur.length)) return { found: false };
      cur = cur[i];
    } else if (typeof cur === "object" && cur !== null && Object.prototype.hasOwnProperty.call(cur, String(seg))) cur = (cur as Record<string, unknown>)[String(seg)];
    else return { found: false };
  }
  return { found: true, value: cur };
}

export function checkNegotiations(model: Model, lang: Lang): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, code: string, params: Record<string, unknown> = {}) => issues.push({ path, code, message: message(code, params, lang), params });
  const c = model.case;
  const partnerIds = c.partners.map((p) => p.id);
  const sq = statusQuoParameters(model);
  for (const [id, n] of Object.entries(c.negotiations ?? {})) {
    const at: Path = ["negotiations", id];
    const arr = c.arrangements.find((a) => a.id === n.arrangement);
    if (!arr) add([...at, "arrangement"], "unknownArrangement", { name: n.arrangement, suggestion: suggest(n.arrangement, c.arrangements.map((a) => a.id)), known: c.arrangements.map((a) => a.id).join(", ") });
    else if (arr.steps.length === 0) add([...at, "arrangement"], "negotiationNoSteps", { name: n.arrangement });
    const checkPartners = (list: readonly string[] | undefined, path: Path) => list?.forEach((p, i) => {
      if (!partnerIds.includes(p)) add([...path, i], "unknownPartner", { name: p, suggestion: suggest(p, partnerIds) });
    });
    checkPartners(n.partners, [...at, "partners"]);
    n.conditions.forEach((cond, i) => checkPartners(cond.partners, [...at, "conditions", i, "partners"]));
    const seen = new Map<string, number>();
    n.levers.forEach((l, i) => {
      const lp: Path = [...at, "levers", i];
      const key = l.parameter ?? `path:${l.path}`;
      if (seen.has(key)) add(lp, "leverTwice", { other: `levers[${seen.get(key)}]` });
      else seen.set(key, i);
      if (l.parameter !== undefined) {
        const raw = c.parameters[l.parameter];
        if (raw === undefined) add([...lp, "parameter"], "unknownParameter", { name: l.parameter, suggestion: suggest(l.parameter, Object.keys(c.parameters)) });
        else if (typeof raw === "object" && raw.distribution !== undefined) add([...lp, "parameter"], "leverHasDistribution", { name: l.parameter });
        else if (sq.has(l.parameter)) add([...lp, "parameter"], "leverChangesStatusQuo", { name: l.parameter });
      } else if (arr && l.path !== undefined) {
        const found = valueAt(arr, parsePath(l.path));
        if (!found.found) add([...lp, "path"], "leverPathMissing", { path: l.path, arrangement: arr.id });
        else if (typeof found.value !== "number") add([...lp, "path"], "leverPathNotNumber", { path: l.path, found: typeof found.value === "string" ? found.value : JSON.stringify(found.value) });
      }
    });
  }
  return issues;
}
