/**
 * Case files as text: YAML or JSON in, the same out. Pure (text in, values out); reading the
 * file from disk is the caller's job. Problems carry the 1-based line of the path they name,
 * found through the YAML document's source ranges (JSON is parsed by the same YAML 1.2 parser
 * for that, so both formats get line numbers).
 */
import YAML, { LineCounter, isNode, type Document } from "yaml";
import type { Issue, Path } from "../messages/issues.ts";
import { message, type Lang } from "../messages/messages.ts";
import { LIMITS } from "./limits.ts";
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

/** Size in bytes of a text as UTF-8, counted without encoding it when the length decides. */
export function utf8Bytes(text: string, limit = Infinity): number {
  // Every UTF-16 unit is 1 to 3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 units).
  if (text.length > limit || text.length * 3 <= limit) return text.length > limit ? text.length : Math.min(limit, text.length * 3);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return bytes;
}

/**
 * An upper estimate of how deep a YAML or JSON text nests, without parsing it: levels of block
 * indentation, compact entries (`- - x`) and open flow brackets (`[`, `{`), outside quotes,
 * comments and block scalars. It runs before the parser, whose time and stack grow with the
 * nesting, so a text nested thousands deep is refused in milliseconds. An estimate: the data's
 * own depth is checked exactly after parsing (`validateCase`); this only needs to be above it
 * for every real file, and it is: a level adds at most one here.
 */
export function textNesting(text: string): { depth: number; line: number } {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0, quote = "", block = -1, depth = 0, at = 1, line = 1, i = 0;
  const tokenStart = (j: number) => j === 0 || " \t\n\r[{,:-?".includes(text[j - 1]!);
  while (i < n) {
    let col = 0;
    while (i < n && text[i] === " ") { i++; col++; }
    const first = text[i];
    const blank = i >= n || first === "\n" || first === "\r" || first === "#";
    if (block >= 0 && (blank || col > block)) { // a block scalar's content: skip the line
      while (i < n && text[i] !== "\n") i++;
      i++; line++;
      continue;
    }
    block = -1;
    if (!blank && quote === "" && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= col) indents.pop();
      indents.push(col);
    }
    let compact = 0, lastIndicator = -1;
    for (; i < n && text[i] !== "\n"; i++) {
      const ch = text[i]!;
      if (quote !== "") {
        if (ch === "\\" && quote === '"') i++;
        else if (ch === quote) { if (quote === "'" && text[i + 1] === "'") i++; else quote = ""; }
        continue;
      }
      if (ch === "#" && (i === 0 || text[i - 1] === " " || text[i - 1] === "\t")) { while (i + 1 < n && text[i + 1] !== "\n") i++; continue; }
      // Inside a flow collection a closing bracket always closes (`{"a":1}`); other indicators
      // only count where a token starts (`it's` and `a[1]` in plain text are not).
      if ((ch === "]" || ch === "}") && flow > 0) { flow--; continue; }
      if (!tokenStart(i)) continue;
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "[" || ch === "{") flow++;
      else if ((ch === "-" || ch === "?") && flow === 0 && (text[i + 1] === " " || text[i + 1] === "\n") && (lastIndicator === -1 || lastIndicator === i - 2)) { compact++; lastIndicator = i; }
      else if ((ch === "|" || ch === ">") && flow === 0 && /^[|>][-+0-9]*[ \t]*(#[^\n]*)?(\r?\n|$)/.test(text.slice(i, i + 40))) block = col;
      const d = indents.length + compact + flow;
      if (d > depth) { depth = d; at = line; }
    }
    i++; line++;
  }
  return { depth, line: at };
}

export function parseCaseText(text: string, format: CaseFormat, lang: Lang = "nl"): ParsedText | { ok: false; issues: Issue[] } {
  // Limits before any parsing: the parser's time and memory grow with size and nesting.
  const bytes = utf8Bytes(text, LIMITS.fileBytes);
  if (bytes > LIMITS.fileBytes) {
    return { ok: false, issues: [{ path: [], code: "fileTooLarge", message: message("fileTooLarge", { limit: LIMITS.fileBytes }, lang), params: { limit: LIMITS.fileBytes } }] };
  }
  const nesting = textNesting(text);
  if (nesting.depth > 2 * LIMITS.depth) {
    const params = { depth: nesting.depth, limit: LIMITS.depth };
    return { ok: false, issues: [{ path: [], code: "nestingTooDeep", message: message("nestingTooDeep", params, lang), params, line: nesting.line }] };
  }
  // A JSON file that JSON.parse reads and that has no key twice in one object (JSON.parse keeps
  // the last silently; the YAML parser reports it) is read by JSON.parse: the YAML parser took a
  // seventh of `bcase evaluate` on a 134 kB regional case. Its lines are looked up only when a
  // problem needs one. Any other file, and the errors, go the YAML parser's way below.
  if (format === "json") {
    let data: unknown, read = true;
    try { data = JSON.parse(text); } catch { read = false; }
    if (read && !jsonHasDuplicateKey(text)) {
      let lookup: ((path: Path) => number | undefined) | undefined;
      return { ok: true, data, lineOf: (path) => (lookup ??= yamlLines(text))(path) };
    }
  }
  const lc = new LineCounter();
  let doc: Document;
  try {
    doc = parseYaml(text, lc);
  } catch (e) {
    // yaml's parser recovers from an error by nesting a level deeper for every element that
    // follows: an indentation slip early in a list of thousands runs it out of stack (fuzz seed
    // 20261203 case 11933). An input error with the hint, never an internal one.
    if (!(e instanceof RangeError)) throw e;
    const code = format === "json" ? "jsonTooComplex" : "yamlTooComplex";
    return { ok: false, issues: [{ path: [], code, message: message(code, {}, lang) }] };
  }
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
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.aliasExpansion });
  } catch (e) {
    // yaml's documented signal for an alias expansion over maxAliasCount (a "billion laughs").
    if (!(e instanceof ReferenceError) || !/alias/i.test(e.message)) throw e;
    const params = { limit: LIMITS.aliasExpansion };
    return { ok: false, issues: [{ path: [], code: "aliasLimit", message: message("aliasLimit", params, lang), params }] };
  }
  return { ok: true, data, lineOf: linesIn(doc, lc) };
}

/** The YAML parser as a case file is read with (JSON too: YAML 1.2 reads it, keys unique). */
const parseYaml = (text: string, lc: LineCounter): Document => YAML.parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, version: "1.2" });

/** A text's lines by path, from the YAML parser's document (for JSON that JSON.parse read: no line where that parser fails). */
function yamlLines(text: string): (path: Path) => number | undefined {
  const lc = new LineCounter();
  try {
    const doc = parseYaml(text, lc);
    if (doc.errors.length === 0) return linesIn(doc, lc);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return () => undefined;
}

/** The line of the node at a path, or of its nearest ancestor that has one. */
function linesIn(doc: Document, lc: LineCounter): (path: Path) => number | undefined {
  return (path: Path): number | undefined => {
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
}

/**
 * Whether a JSON text that JSON.parse accepts has some object with the same key twice (after
 * escapes: "a" and "\u0061" are one key). A scan of the text: strings skipped, a stack of the
 * keys seen per open object (null for an array).
 */
export function jsonHasDuplicateKey(text: string): boolean {
  const open: (Set<string> | null)[] = [];
  let atKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      let j = i + 1, escaped = false;
      for (;;) {
        const c = text.charCodeAt(j);
        if (c === 0x5c) { escaped = true; j += 2; } else if (c === 0x22) break; else j++;
      }
      const keys = open[open.length - 1];
      if (keys && atKey) {
        const key: string = escaped ? JSON.parse(text.slice(i, j + 1)) : text.slice(i + 1, j);
        if (keys.has(key)) return true;
        keys.add(key);
        atKey = false;
      }
      i = j;
    } else if (ch === 0x7b) { open.push(new Set()); atKey = true; }
    else if (ch === 0x5b) open.push(null);
    else if (ch === 0x7d || ch === 0x5d) open.pop();
    else if (ch === 0x2c) atKey = open[open.length - 1] != null;
  }
  return false;
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
