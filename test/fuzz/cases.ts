/**
 * Hostile and careless case files for the fuzz test: seeded fast-check arbitraries that start
 * from a bundled example or a random valid case and apply a few mutations, in the data (a value
 * replaced by an extreme number or a hostile name, an id renamed everywhere to `toString`, a
 * distribution with a huge spread, a formula of thousands of terms) and in the text (an alias
 * bomb, deep nesting, a cut-off file, stray bytes). Every case stays under 1 MB.
 *
 * Mutations are data (`{ op, at, pick }` of small integers), applied to a copy of the base, so
 * fast-check can shrink a failing case to the fewest, simplest mutations.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import YAML from "yaml";
import { arbCase, arbCaseWithArrangements } from "../arbitraries.ts";

export interface FuzzInput {
  /** Where the case came from and what was done to it, for reports. */
  origin: string;
  text: string;
  format: "yaml" | "json";
}

const EXAMPLES = ["minimal", "regional", "rich", "ruwaard"] as const;
const exampleData: Record<string, unknown> = Object.fromEntries(
  EXAMPLES.map((n) => [n, YAML.parse(readFileSync(new URL(`../../examples/${n}.yaml`, import.meta.url), "utf8"))]),
);

/** Names that break code using plain objects as maps, and names that break renderers. */
export const HOSTILE_NAMES = [
  "toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__",
  "isPrototypeOf", "NaN", "Infinity", "undefined", "null", "e", "pi", "min", "status-quo",
  "a".repeat(300), "x".repeat(20_000),
];
export const HOSTILE_TEXTS = [
  "", " ", "=cmd|'/C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rline", "a\r\nb", "<script>alert(1)</script>",
  "| a | b |", "**bold** _it_ [x](javascript:alert(1))", "é𝄞\u202e\u0000\u200b", "&amp;&lt;", "\"'`", "NaN", "-0",
  "z".repeat(100_000),
];
const longSum = (n: number) => Array.from({ length: n }, (_, i) => (i % 7) + 1).join(" + ");
const deepParens = (n: number) => "(".repeat(n) + "1" + ")".repeat(n);
export const HOSTILE_FORMULAS = [
  "1/0", "0/0", "-1/0", "log(0)", "sqrt(-1)", "exp(1000)", "pow(10, 400)", "10^400", "2^1024", "1e308 * 10",
  "toString(1)", "constructor(1)", "hasOwnProperty(1)", "valueOf", "__proto__", "max()", "min(1)", "log(1, 1)",
  "1 ? 2 : 3", "a.b", "x[1]", "f(x) = x", "[1, 2]", "{a: 1}", "1:3", "1; 2", "\"text\"", "5 cm", "pi", "e",
  "-".repeat(5000) + "1", longSum(3000), longSum(30_000), deepParens(2000), deepParens(20_000),
  "max(" + Array.from({ length: 5000 }, (_, i) => i).join(", ") + ")", "1e-320 / 1e-320", "round(1e300)", "1 % 0",
  "-(-(-(-1)))", "not not not 1", "1 == 1 == 1",
];
export const HOSTILE_NUMBERS = [
  0, -0, 1, -1, 0.5, 1.5, 2, 100, 2024, 1e6, 1e9, 1e12, 1e15, 1e20, -1e20, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE,
  1e-300, 9007199254740993, 2 ** 53, -0.999999, -0.9, 0.999999, 10, 1000, 5000, 1e7, 1e8,
];

/** Distributions with spreads that overflow sums, tails that reach infinity, shapes at their edges. */
export const HOSTILE_DISTRIBUTIONS: unknown[] = [
  { type: "lognormal", median: 100, sd: 1e10 }, { type: "lognormal", mean: 1, sd: 1e6 }, { type: "lognormal", p5: 1, p95: 1e300 },
  { type: "lognormal", mean: 1e300, sd: 1e300 }, { type: "normal", mean: 0, sd: 1e300 }, { type: "normal", mean: 1e300, sd: 1e299 },
  { type: "normal", mean: 0.5, sd: 10 }, { type: "uniform", min: -1e300, max: 1e300 }, { type: "uniform", min: 0, max: 1e20 },
  { type: "triangular", min: 0, mode: 0, max: 1e300 }, { type: "pert", min: -1e300, mode: 0, max: 1e300 },
  { type: "beta", mean: 0.5, sd: 0.288 }, { type: "beta", alpha: 1e-9, beta: 1e-9 }, { type: "beta", alpha: 1e9, beta: 1e9 },
  { type: "discrete", values: [0, 1e300], weights: [1, 1] }, { type: "discrete", values: [1], weights: [1e308, 1e308] },
  { type: "point", value: 1e300 }, { type: "uniform", min: 0, max: 1 }, { type: "normal", mean: 1, sd: 0.1 },
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a node of the tree (objects' keys and arrays' indices), depth first. */
function paths(tree: Json, out: (string | number)[][] = [], at: (string | number)[] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(tree)) tree.forEach((v, i) => paths(v, out, [...at, i]));
  else if (tree !== null && typeof tree === "object") for (const k of Object.keys(tree)) paths(tree[k]!, out, [...at, k]);
  return out;
}
function get(tree: Json, path: readonly (string | number)[]): Json {
  let x: Json = tree;
  for (const p of path) x = (x as Record<string, Json>)[p as string]!;
  return x;
}
function setAt(tree: Json, path: readonly (string | number)[], value: Json | undefined): void {
  if (path.length === 0) return;
  const parent = get(tree, path.slice(0, -1)) as Record<string, Json> | Json[];
  const key = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, Json>)[key];
  } else if (Array.isArray(parent)) parent[key as number] = value;
  // defineProperty: `__proto__` must become an own key, not the prototype.
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}
const wordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
/** Every occurrence of `from` in `s` not inside a longer word, left to right, replaced by `to` (what /(?<!\w)from(?!\w)/g does). */
export function replaceWord(s: string, from: string, to: string): string {
  if (from === "") {
    // The empty name matches between any two characters that are not word characters.
    let out = "";
    for (let p = 0; p <= s.length; p++) { if (!wordChar(s[p - 1]) && !wordChar(s[p])) out += to; if (p < s.length) out += s[p]; }
    return out;
  }
  let out = "", i = 0;
  for (;;) {
    const j = s.indexOf(from, i);
    if (j < 0) return out + s.slice(i);
    if (!wordChar(s[j - 1]) && !wordChar(s[j + from.length])) { out += s.slice(i, j) + to; i = j + from.length; }
    else { out += s.slice(i, j + 1); i = j + 1; }
  }
}
/** Renames a name everywhere: ids, references, keys of maps and words in formulas. */
function renameEverywhere(tree: Json, from: string, to: string): Json {
  // A plain search, not a pattern built from the name: a name renamed before may be hostile
  // (`**bold**`), or so long that a pattern of it is too large (seed 20261203 near case 96,600:
  // a name of thousands of brackets crashed the generator, not the engine).
  const walk = (x: Json): Json => {
    if (typeof x === "string") return x === from ? to : /[-+*/^(]/.test(x) && !/\s{2,}/.test(x) ? replaceWord(x, from, to) : x;
    if (Array.isArray(x)) return x.map(walk);
    if (x !== null && typeof x === "object") {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(x)) Object.defineProperty(out, k === from ? to : k, { value: walk(v), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return x;
  };
  return walk(tree);
}

/** Names a case defines (ids of partners, domains, lines, arrangements; parameter names). */
function definedNames(tree: Json): string[] {
  const t = tree as Record<string, Json>;
  const ids = (k: string) => (Array.isArray(t?.[k]) ? (t[k] as Json[]).map((x) => (x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, Json>).id : undefined)).filter((x): x is string => typeof x === "string") : []);
  const params = t?.parameters && typeof t.parameters === "object" && !Array.isArray(t.parameters) ? Object.keys(t.parameters) : [];
  return [...ids("partners"), ...ids("domains"), ...ids("investments"), ...ids("effects"), ...ids("arrangements"), ...params];
}

const NUMERIC_FIELDS = ["indexation", "quantity", "unitPrice", "amount", "discountRate", "effectDiscountRate", "horizon", "rampUpYears", "share", "weight", "rate", "cap", "inhabitants", "value", "deadweight", "attribution", "variableCostShare", "startYear", "priceYear"];

export interface Mutation {
  op: number;
  at: number;
  pick: number;
}
const OPS = 12;
const arbMutation: fc.Arbitrary<Mutation> = fc.record({ op: fc.nat(OPS - 1), at: fc.nat(), pick: fc.nat() });

const pickOf = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

/** Applies one data mutation; returns what it did, for the report. */
function mutate(tree: Json, m: Mutation): { tree: Json; what: string } {
  const all = paths(tree);
  const target = pickOf(all, m.at);
  switch (m.op) {
    case 0: { // a leaf number becomes an extreme number
      const nums = all.filter((p) => typeof get(tree, p) === "number");
      if (nums.length === 0) return { tree, what: "none" };
      const p = pickOf(nums, m.at), v = pickOf(HOSTILE_NUMBERS, m.pick);
      setAt(tree, p, v);
      return { tree, what: `${p.join(".")}=${v}` };
    }
    case 1: { // a known numeric field (anywhere) becomes an extreme number or formula
      const named = all.filter((p) => NUMERIC_FIELDS.includes(String(p[p.length - 1])));
      if (named.length === 0) return { tree, what: "none" };
      const p = pickOf(named, m.at);
      const v: Json = m.pick % 3 === 0 ? pickOf(HOSTILE_FORMULAS, m.pick >> 2) : pickOf(HOSTILE_NUMBERS, m.pick >> 2);
      setAt(tree, p, v);
      return { tree, what: `${p.join(".")}=${String(v).slice(0, 40)}` };
    }
    case 2: { // a leaf string becomes a hostile text or formula
      const strs = all.filter((p) => typeof get(tree, p) === "string");
      if (strs.length === 0) return { tree, what: "none" };
      const p = pickOf(strs, m.at);
      const pool = [...HOSTILE_TEXTS, ...HOSTILE_FORMULAS, ...HOSTILE_NAMES];
      const v = pickOf(pool, m.pick);
      setAt(tree, p, v);
      return { tree, what: `${p.join(".")}=${v.slice(0, 40)}` };
    }
    case 3: { // a defined name renamed everywhere to a hostile name
      const names = definedNames(tree);
      if (names.length === 0) return { tree, what: "none" };
      const from = pickOf(names, m.at), to = pickOf(HOSTILE_NAMES, m.pick);
      return { tree: renameEverywhere(tree, from, to), what: `rename ${from}->${to.slice(0, 20)}` };
    }
    case 4: { // a node deleted
      if (target.length === 0) return { tree, what: "none" };
      setAt(tree, target, undefined);
      return { tree, what: `delete ${target.join(".")}` };
    }
    case 5: { // an array element duplicated (duplicate ids, a second status quo, ...)
      const arrays = all.filter((p) => Array.isArray(get(tree, p)) && (get(tree, p) as Json[]).length > 0);
      if (arrays.length === 0) return { tree, what: "none" };
      const p = pickOf(arrays, m.at);
      const arr = get(tree, p) as Json[];
      arr.push(structuredClone(pickOf(arr, m.pick)));
      return { tree, what: `duplicate in ${p.join(".")}` };
    }
    case 6: { // a parameter gets a hostile distribution
      const params = (tree as Record<string, Json>)?.parameters;
      if (!params || typeof params !== "object" || Array.isArray(params) || Object.keys(params).length === 0) return { tree, what: "none" };
      const name = pickOf(Object.keys(params), m.at);
      const old = params[name]!;
      const dist = structuredClone(pickOf(HOSTILE_DISTRIBUTIONS, m.pick)) as Json;
      const obj: Record<string, Json> = old && typeof old === "object" && !Array.isArray(old) ? { ...old } : { value: old };
      if (m.pick % 4 === 0) delete obj.value;
      setAt(params, [name], { ...obj, distribution: dist });
      return { tree, what: `distribution ${name}=${JSON.stringify(dist).slice(0, 60)}` };
    }
    case 7: { // a new parameter with a hostile name, used by a formula somewhere
      const t = tree as Record<string, Json>;
      if (!t || typeof t !== "object" || Array.isArray(t)) return { tree, what: "none" };
      const params = (t.parameters && typeof t.parameters === "object" && !Array.isArray(t.parameters) ? t.parameters : {}) as Record<string, Json>;
      const name = pickOf(HOSTILE_NAMES, m.pick);
      setAt(params, [name], pickOf(HOSTILE_NUMBERS, m.at));
      if (!("parameters" in t)) t.parameters = params;
      const formulas = all.filter((p) => ["quantity", "unitPrice", "amount"].includes(String(p[p.length - 1])));
      if (formulas.length > 0) {
        const p = pickOf(formulas, m.at);
        setAt(tree, p, `${typeof get(tree, p) === "string" || typeof get(tree, p) === "number" ? `(${String(get(tree, p))}) * ` : ""}${name}`);
      }
      return { tree, what: `parameter ${name.slice(0, 20)}` };
    }
    case 8: { // the whole case's horizon, rates or price index pushed to an edge
      const t = tree as Record<string, Json>;
      if (!t || typeof t !== "object" || Array.isArray(t)) return { tree, what: "none" };
      const edits: [string, Json][] = [
        ["horizon", 100], ["horizon", 101], ["horizon", 1], ["discountRate", -0.999999], ["discountRate", 1], ["discountRate", -0.9],
        ["effectDiscountRate", -0.999999], ["startYear", 1e15], ["startYear", -5000], ["priceYear", 1900], ["priceYear", 2200],
        ["priceIndex", { values: { "1900": 1e-300, "2200": 1e300 }, source: "x" }], ["simulation", { samples: 10_000_000 }],
      ];
      const [k, v] = pickOf(edits, m.pick);
      t[k] = v;
      return { tree, what: `${k}=${JSON.stringify(v)}` };
    }
    case 9: { // a subtree replaced by something of another shape
      if (target.length === 0) return { tree, what: "none" };
      const shapes: Json[] = [null, true, [], {}, [[[[]]]], "x", 0, { type: "fixed", shares: {} }, { key: { type: "benefit" } }];
      setAt(tree, target, structuredClone(pickOf(shapes, m.pick)));
      return { tree, what: `${target.join(".")} reshaped` };
    }
    case 10: { // many elements: a list or map blown up
      const arrays = all.filter((p) => Array.isArray(get(tree, p)) && (get(tree, p) as Json[]).length > 0);
      if (arrays.length === 0) return { tree, what: "none" };
      const p = pickOf(arrays, m.at);
      const arr = get(tree, p) as Json[];
      const n = pickOf([50, 500, 2000], m.pick);
      const proto = arr[0]!;
      // The array's JSON length, kept up to date per element (stringifying the whole array again
      // for each of 2,000 elements made the generator a third of the fuzz run's time).
      let length = JSON.stringify(arr).length;
      for (let i = 0; i < n && length < 400_000; i++) {
        const c = structuredClone(proto);
        if (c && typeof c === "object" && !Array.isArray(c) && typeof c.id === "string") c.id = `${c.id}_${i}`;
        arr.push(c);
        length += 1 + (JSON.stringify(c) ?? "null").length;
      }
      return { tree, what: `grow ${p.join(".")} by ${n}` };
    }
    default: { // a string inside a formula field gets a long or deep formula
      const f = all.filter((p) => ["quantity", "unitPrice", "amount", "value"].includes(String(p[p.length - 1])));
      if (f.length === 0) return { tree, what: "none" };
      const p = pickOf(f, m.at);
      const v = pickOf([longSum(3000), deepParens(3000), longSum(40_000), deepParens(40_000), "-".repeat(40_000) + "1", "1" + "^1".repeat(5000)], m.pick);
      setAt(tree, p, v);
      return { tree, what: `${p.join(".")}=long formula (${v.length})` };
    }
  }
}

/** Text-level mutations, applied to the serialised case. */
function mutateText(text: string, format: "yaml" | "json", kind: number, at: number): { text: string; what: string } {
  const cut = text.length === 0 ? 0 : at % text.length;
  switch (kind % 9) {
    case 0: { // billion laughs: nine levels of ten aliases, attached to the description
      const lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
      for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
      return { text: `${lines.map((l) => `x-${l}`).join("\n")}\n${text}\nnote: *a8\n`, what: "alias bomb" };
    }
    case 1: { // deep nesting
      const n = pickOf([1000, 10_000, 100_000], at);
      return { text: `${text}\nnote: ${"[".repeat(n)}${"]".repeat(n)}\n`, what: `nesting ${n}` };
    }
    case 2: return { text: text.slice(0, cut), what: `cut at ${cut}` };
    case 3: return { text: text.slice(0, cut) + String.fromCharCode(at % 128) + text.slice(cut + 1), what: `byte at ${cut}` };
    case 4: return { text: "\uFEFF" + text, what: "BOM" };
    case 5: return { text: format === "yaml" ? text.replace(/\n/g, "\r\n") : text, what: "CRLF" };
    case 6: return { text: text + text.slice(0, cut), what: "tail repeated" };
    case 7: { // a huge but bounded description
      const size = pickOf([100_000, 500_000, 900_000], at);
      return { text: `${text}\nnote: "${"y".repeat(Math.max(0, size - text.length - 20))}"\n`, what: `padded to ${size}` };
    }
    default: { // many anchors and aliases, but few expansions
      return { text: `x-anchor: &big { a: 1 }\n${text}\nsources: [${Array.from({ length: 1000 }, () => "*big").join(", ")}]\n`, what: "aliases" };
    }
  }
}

function serialise(tree: Json, format: "yaml" | "json"): string {
  try {
    return format === "json" ? JSON.stringify(tree, null, 1) : YAML.stringify(tree, { lineWidth: 0, aliasDuplicateObjects: false });
  } catch {
    return JSON.stringify(tree);
  }
}

const MAX_BYTES = 1_000_000;

/** A mutated case: a base (example or random), 1..4 data mutations, sometimes a text mutation. */
export const arbFuzzInput: fc.Arbitrary<FuzzInput> = fc
  .record({
    base: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...EXAMPLES).map((n) => ({ name: n, data: structuredClone(exampleData[n]) as Json })) },
      { weight: 1, arbitrary: arbCase.map((c) => ({ name: "random", data: JSON.parse(JSON.stringify(c)) as Json })) },
      { weight: 1, arbitrary: arbCaseWithArrangements.map((c) => ({ name: "random+arr", data: JSON.parse(JSON.stringify(c)) as Json })) },
    ),
    mutations: fc.array(arbMutation, { minLength: 0, maxLength: 4 }),
    format: fc.constantFrom("yaml" as const, "yaml" as const, "json" as const),
    text: fc.option(fc.record({ kind: fc.nat(), at: fc.nat() }), { freq: 6, nil: undefined }),
  })
  .map(({ base, mutations, format, text: textMutation }) => {
    let tree = base.data;
    const done: string[] = [];
    for (const m of mutations) {
      const r = mutate(tree, m);
      tree = r.tree;
      done.push(r.what);
    }
    let text = serialise(tree, format);
    if (textMutation) {
      const r = mutateText(text, format, textMutation.kind, textMutation.at);
      text = r.text;
      done.push(r.what);
    }
    if (Buffer.byteLength(text) > MAX_BYTES) text = text.slice(0, MAX_BYTES / 4);
    return { origin: `${base.name}: ${done.join("; ") || "unchanged"}`, text, format };
  });
