/** The generated cases, validated once per bench run (validating the 342-municipality case takes tens of seconds). */
import { validateCase, type Model } from "../../engine/index.ts";
import { regionalCase } from "../cases.ts";

let regional: { model: Model; ms: number } | undefined;

/** The 342-municipality case's model, and how long its validation took (the first time). */
export function regionalModel(): { model: Model; ms: number } {
  if (regional) return regional;
  const t = performance.now();
  const v = validateCase(regionalCase());
  if (!v.ok) throw new Error("the regional case is invalid: " + v.issues.map((i) => i.message).join("; "));
  regional = { model: v.model, ms: performance.now() - t };
  return regional;
}
