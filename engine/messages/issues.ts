/**
 * Invalid input is reported as data: every problem with its path, never just the first. The
 * wording lives in `messages.ts` so it can be Dutch and English; here only codes and paths.
 */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Issue {
  /** Where in the case the problem is, e.g. ["effects", 2, "attribution"]. */
  path: Path;
  /** Machine-readable code; see `messages.ts` for the texts. */
  code: string;
  /** The message in the language asked for. */
  message: string;
  /** 1-based line in the source file, when the case came from text and the path can be found. */
  line?: number;
  /** The parameters of the message (names, values), for tools that want more than the text. */
  params?: Record<string, unknown>;
}

/** `["effects", 2, "attribution"]` -> `effects[2].attribution`. */
export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === "" ? "(case)" : out;
}

/** `effects[2].attribution: must be between 0 and 1` (with the line when known). */
export function formatIssue(issue: Issue, file?: string): string {
  const where = formatPath(issue.path);
  const loc = file ? `${file}${issue.line ? `:${issue.line}` : ""}: ` : issue.line ? `line ${issue.line}: ` : "";
  return `${loc}${where}: ${issue.message}`;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * Input the engine cannot evaluate, found while evaluating: an amount beyond the cents the
 * ledger keeps exact, a key whose weights are all zero, a sampled fraction outside 0..1. It
 * carries the path, code and parameters of an issue. Validation dry-runs the case at its base
 * values and at the ends of every uncertainty range, so a validated case evaluated there never
 * throws it; evaluating at other values (a slider, a Monte Carlo sample) can, and the caller
 * reports it like any other input error.
 */
export class InputError extends Error {
  constructor(readonly path: Path, readonly code: string, readonly params: Record<string, unknown> = {}) {
    super(`${formatPath(path)}: ${code}`);
    this.name = "InputError";
  }
}
