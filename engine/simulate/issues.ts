/**
 * Problems found by the uncertainty helpers (engine/uncertainty: distribution specs and
 * correlation matrices) become the engine's `Issue`s: a path as segments, a code, and the
 * message in Dutch or English from messages.ts. The helpers word their problems in English
 * only; each wording is recognised here and given a code with its parameters (a test goes
 * through every one, so a changed wording shows up as a failing test, not as English in a
 * Dutch report). An unrecognised problem keeps its English text under `uncertaintyProblem`.
 */
import type { Issue, Path } from "../messages/issues.ts";
import { message, type Lang } from "../messages/messages.ts";
import type { Problem } from "../uncertainty/index.ts";

/** `a.b[2].c` -> ["a", "b", 2, "c"]. */
export function parsePath(path: string): Path {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

const PATTERNS: [RegExp, string, (m: RegExpMatchArray) => Record<string, unknown>][] = [
  [/^(\w+) must be a finite number$/, "distNotFinite", (m) => ({ field: m[1] })],
  [/^(\w+) must be greater than 0 \(use type "point" for a fixed value\)$/, "distSdPositive", (m) => ({ field: m[1] })],
  [/^(\w+) must be greater than 0 \(a lognormal variable is positive\)$/, "distLognormalPositive", (m) => ({ field: m[1] })],
  [/^(\w+) must be greater than 0$/, "distPositive", (m) => ({ field: m[1] })],
  [/^min \((.+)\) must not be greater than max \((.+)\)$/, "distMinMax", (m) => ({ min: m[1], max: m[2] })],
  [/^mode \((.+)\) must lie between min \((.+)\) and max \((.+)\)$/, "distMode", (m) => ({ mode: m[1], min: m[2], max: m[3] })],
  [/^(\w+): give either \{(\w+), (\w+)\} \(.*\) or \{(\w+), (\w+)\} \(.*\), not both$/, "distPairBoth", (m) => ({ kind: m[1], a: m[2], b: m[3], c: m[4], d: m[5] })],
  [/^(\w+) needs either \{(\w+), (\w+)\} \(.*\) or \{(\w+), (\w+)\} \(.*\)$/, "distPairNone", (m) => ({ kind: m[1], a: m[2], b: m[3], c: m[4], d: m[5] })],
  [/^(\w+) is required together with (\w+)$/, "distPairIncomplete", (m) => ({ field: m[1], other: m[2] })],
  [/^p95 \((.+)\) must be greater than p5 \((.+)\)$/, "distP95", (m) => ({ p95: m[1], p5: m[2] })],
  [/^max must be greater than min; the range is (\[[^\]]*\])/, "distRange", (m) => ({ range: m[1] })],
  [/^mean \((.+)\) must lie strictly between min \((.+)\) and max \((.+)\)$/, "distMeanRange", (m) => ({ mean: m[1], min: m[2], max: m[3] })],
  [/^sd \((.+)\) is impossible for a beta with mean (.+) on \[(.+), (.+)\]: it must be below ([^ ]+) /, "distBetaSd", (m) => ({ sd: m[1], mean: m[2], min: m[3], max: m[4], limit: m[5] })],
  [/^values must not be empty$/, "distValuesEmpty", () => ({})],
  [/^weight must not be negative$/, "distWeightNegative", () => ({})],
  [/^weights has (\d+) entries but values has (\d+)/, "distWeightsLength", (m) => ({ weights: m[1], values: m[2] })],
  [/^weights must not all be zero$/, "distWeightsZero", () => ({})],
  [/^weights are too large/, "distWeightsOverflow", () => ({})],
  [/^type must be one of: (.+)$/, "distType", (m) => ({ types: m[1] })],
  [/^a distribution must be an object/, "distObject", () => ({})],
  [/^unknown field "(.+)"$/, "distUnknownField", (m) => ({ field: m[1] })],
  [/^must be a square matrix/, "corrNotMatrix", () => ({})],
  [/^must be a finite number$/, "corrEntry", () => ({})],
  [/^must be a row of (\d+) numbers$/, "corrRow", (m) => ({ n: m[1] })],
  [/^has (\d+) entries but the matrix has (\d+) rows/, "corrSquare", (m) => ({ entries: m[1], rows: m[2] })],
  [/^(.+) is outside \[-1, 1\]$/, "corrRange", (m) => ({ value: m[1] })],
  [/^diagonal entries must be 1, got (.+)$/, "corrDiagonal", (m) => ({ value: m[1] })],
  [/^(.+) differs from (.+) = (.+); the matrix must be symmetric$/, "corrSymmetric", (m) => ({ value: m[1], other: m[2], otherValue: m[3] })],
  [/^is not positive semi-definite/, "corrNotPsd", () => ({})],
];

/** Code and parameters for a helper's English wording. */
export function classify(text: string): { code: string; params: Record<string, unknown> } {
  for (const [re, code, params] of PATTERNS) {
    const m = text.match(re);
    if (m) return { code, params: params(m) };
  }
  return { code: "uncertaintyProblem", params: { detail: text } };
}

export function problemToIssue(p: Problem, lang: Lang): Issue {
  const { code, params } = classify(p.message);
  return { path: parsePath(p.path), code, message: message(code, params, lang) };
}

/**
 * Re-words an issue zod reported inside a parameter's `distribution` (the helper's schema is
 * part of the case schema, with English texts); other issues pass unchanged.
 */
export function localiseDistributionIssue(issue: Issue, lang: Lang): Issue {
  const i = issue.path.indexOf("distribution");
  if (i < 0 || issue.path[0] !== "parameters") return issue;
  const { code, params } = classify(issue.message);
  if (code === "uncertaintyProblem") return issue;
  return { ...issue, code, message: message(code, params, lang) };
}
