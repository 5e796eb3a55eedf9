/**
 * Case files as text: YAML or JSON in, the same out. Pure (text in, values out); reading the
 * file from disk is the caller's job. Problems carry the 1-based line of the path they name,
 * found through the YAML document's source ranges (JSON is parsed by the same YAML 1.2 parser
 * for that, so both formats get line numbers).
 */
import YAML, { LineCounter, isNode, type Document } from "yaml";
import type { Issue, Path } from "../messages/issues.ts";
import { message, type Lang } from "../messages/messages.ts";
import { validateCase, type Validation } from "./validate.ts";

export type CaseFormat = "yaml" | "json";

export function formatFromName(name: string): CaseFormat {
  return /\.json$/i.test(name) ? "json" : "yaml";
}

export interface ParsedText {
  ok: true;
  data: unknown;
  /** The 1-based line of a path, or of its nearest ancestor that exists in the file. */
  lineOf: (path: Path) => number | undefined;
}

export function parseCaseText(text: string, format: CaseFormat, lang: Lang = "nl"): ParsedText | { ok: false; issues: Issue[] } {
  const lc = new LineCounter();
  const doc: Document = YAML.parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, version: "1.2" });
  if (doc.errors.length > 0) {
    const code = format === "json" ? "jsonSyntax" : "yamlSyntax";
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        path: [], code, message: message(code, { detail: e.message.split("\n")[0] }, lang),
        line: lc.linePos(e.pos[0]).line,
      })),
    };
  }
  if (format === "json") {
    try { JSON.parse(text); } catch (e) {
      return { ok: false, issues: [{ path: [], code: "jsonSyntax", message: message("jsonSyntax", { detail: (e as Error).message }, lang) }] };
    }
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const lineOf = (path: Path): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
      // A scalar value in a map comes back as the plain value; fall back to its key's pair.
      if (n > 0) {
        const parent = doc.getIn(path.slice(0, n - 1) as unknown[], true) as { items?: { key: unknown; value: unknown }[] } | undefined;
        const pair = parent?.items?.find((it) => isNode(it.key) && (it.key as { value?: unknown }).value == path[n - 1]);
        if (pair && isNode(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]).line;
      }
    }
    return undefined;
  };
  return { ok: true, data, lineOf };
}

/** Text -> validated model, or every problem with its path and line. */
export function loadCase(text: string, format: CaseFormat, options: { lang?: Lang } = {}): Validation {
  const parsed = parseCaseText(text, format, options.lang);
  if (!parsed.ok) return parsed;
  return validateParsed(parsed, options);
}

/** A parsed case file -> validated model, or every problem with its path and line (for callers that also keep the data). */
export function validateParsed(parsed: ParsedText, options: { lang?: Lang } = {}): Validation {
  const v = validateCase(parsed.data, options);
  if (v.ok) return v;
  return { ok: false, issues: v.issues.map((i) => ({ ...i, ...(parsed.lineOf(i.path) !== undefined ? { line: parsed.lineOf(i.path)! } : {}) })) };
}

/** A case (as data) to text. YAML keeps key order; JSON is indented by two spaces. */
export function serializeCase(data: unknown, format: CaseFormat): string {
  return format === "json" ? JSON.stringify(data, null, 2) + "\n" : YAML.stringify(data, { lineWidth: 100 });
}
