/**
 * The first check of a case, before its schema: its size and shape stay within the limits
 * (engine/case/limits.ts), so nothing after it (the schema, references, formulas, evaluation)
 * can be made to run long, use much memory or recurse deeply by the input alone. One pass over
 * the data with an explicit stack (no recursion, so no depth can exhaust it; a cyclic object
 * from an API caller ends at the depth limit). It also refuses `__proto__` as a key: JavaScript
 * treats that name specially, so a map with it would silently lose the entry.
 */
import type { Issue, Path } from "../messages/issues.ts";
import { message, type Lang } from "../messages/messages.ts";
import { LABEL_KEYS, LIMITS } from "./limits.ts";

const COUNTS: [key: string, limit: number, what: string][] = [
  ["partners", LIMITS.partners, "partners"], ["domains", LIMITS.partners, "domains"], ["arrangements", LIMITS.arrangements, "arrangements"],
];

export function shapeIssues(input: unknown, lang: Lang): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, code: string, params: Record<string, unknown>) => issues.push({ path, code, message: message(code, params, lang), params });
  let values = 0;
  const stack: [value: unknown, path: Path, key: string][] = [[input, [], ""]];
  while (stack.length > 0) {
    const [v, path, key] = stack.pop()!;
    if (++values > LIMITS.values) {
      add([], "tooManyValues", { limit: LIMITS.values });
      return issues;
    }
    if (typeof v === "string") {
      const limit = LABEL_KEYS.has(key) ? LIMITS.labelLength : LIMITS.textLength;
      if (v.length > limit) add(path, "textTooLong", { length: v.length, limit });
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (path.length >= LIMITS.depth) {
      add(path, "nestingTooDeep", { limit: LIMITS.depth });
      continue;
    }
    if (Array.isArray(v)) {
      if (v.length > LIMITS.elements) { add(path, "tooManyElements", { count: v.length, limit: LIMITS.elements, what: "elements" }); continue; }
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], [...path, i], key]);
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > LIMITS.elements) { add(path, "tooManyElements", { count: keys.length, limit: LIMITS.elements, what: "elements" }); continue; }
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (k === "__proto__") { add([...path, k], "reservedName", { name: k }); continue; }
      if (k.length > LIMITS.nameLength) { add([...path, k.slice(0, LIMITS.nameLength) + "…"], "nameTooLong", { length: k.length, limit: LIMITS.nameLength }); continue; }
      stack.push([(v as Record<string, unknown>)[k], [...path, k], k]);
    }
  }
  if (issues.length > 0) return issues;
  // Counts of the case's own lists (the generic limit above is for any list).
  if (input !== null && typeof input === "object" && !Array.isArray(input)) {
    const c = input as Record<string, unknown>;
    const len = (x: unknown) => (Array.isArray(x) ? x.length : 0);
    for (const [key, limit, what] of COUNTS) if (len(c[key]) > limit) add([key], "tooManyElements", { count: len(c[key]), limit, what });
    const lines = len(c.investments) + len(c.effects);
    if (lines > LIMITS.lines) add([len(c.effects) > len(c.investments) ? "effects" : "investments"], "tooManyElements", { count: lines, limit: LIMITS.lines, what: "lines" });
    const params = c.parameters !== null && typeof c.parameters === "object" && !Array.isArray(c.parameters) ? Object.values(c.parameters as object) : [];
    if (params.length > LIMITS.parameters) add(["parameters"], "tooManyElements", { count: params.length, limit: LIMITS.parameters, what: "parameters" });
    const uncertain = params.filter((p) => p !== null && typeof p === "object" && (p as { distribution?: unknown }).distribution !== undefined).length;
    if (uncertain > LIMITS.uncertain) add(["parameters"], "tooManyElements", { count: uncertain, limit: LIMITS.uncertain, what: "uncertain" });
    if (Array.isArray(c.arrangements)) {
      c.arrangements.forEach((a, i) => {
        const steps = a !== null && typeof a === "object" ? len((a as { steps?: unknown }).steps) : 0;
        if (steps > LIMITS.steps) add(["arrangements", i, "steps"], "tooManyElements", { count: steps, limit: LIMITS.steps, what: "steps" });
      });
    }
  }
  return issues;
}
