/**
 * Validation outcome: either a value or *every* problem found, each with the
 * path of the offending input (e.g. `distribution.weights[2]`,
 * `correlation[1][2]`), so a user can fix a case file in one pass. Bad input
 * data is reported this way, never thrown. (Numerical functions that receive
 * already-validated data throw RangeError only for programming errors such as
 * mismatched array lengths.)
 */

export interface Problem {
  /** Where the problem is, in JavaScript accessor notation: `a.b[2].c`. */
  readonly path: string;
  readonly message: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** `base` extended by property names (`.name`) and array indices (`[i]`). */
export function joinPath(base: string, segments: readonly PropertyKey[]): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += path === "" ? String(segment) : `.${String(segment)}`;
  }
  return path;
}
