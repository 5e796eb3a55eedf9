// A JSON case file is read by JSON.parse (engine/case/caseFile.ts), with its lines looked up by
// the YAML parser only when a problem needs one. It must read every file exactly as the YAML way
// does: the same data, the same problems with the same lines, and a key twice in one object
// refused, which JSON.parse alone would let through (it keeps the last).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import YAML from "yaml";
import { loadCase, parseCaseText, formatIssue } from "../../engine/index.ts";
import { jsonHasDuplicateKey } from "../../engine/case/caseFile.ts";

const examples = join(import.meta.dirname, "../../examples");

/** The same text read the YAML way: YAML is a superset of JSON, so the YAML path is the reference. */
function viaYaml(text: string) {
  const parsed = parseCaseText(text, "yaml", "en");
  return parsed.ok ? parsed.data : undefined;
}

// JSON values with keys that collide on purpose (a small alphabet), escapes and nesting.
const keyArb = fc.oneof(fc.constantFrom("a", "b", "id", "__proto__", "constructor", "toString", "é", "a\"b", "a\\b", "\u0000"), fc.string({ maxLength: 3 }));
/** A JSON object as written: its [key, value] pairs in order, so a key can come twice. */
class Obj { constructor(readonly pairs: [string, unknown][]) {} }
const jsonArb = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 6 })),
    fc.array(tie("value"), { maxLength: 4 }),
    tie("object")),
  object: fc.array(fc.tuple(keyArb, tie("value")), { maxLength: 5 }).map((pairs) => new Obj(pairs)),
}));

/** The text of a generated value; with `escapeKeys`, every a-z in a key written as a \u escape. */
function textOf(v: unknown, escapeKeys: boolean): string {
  const key = (k: string) => (escapeKeys ? JSON.stringify(k).replace(/[a-z]/g, (c) => "\\u00" + c.charCodeAt(0).toString(16)) : JSON.stringify(k));
  if (v instanceof Obj) return "{" + v.pairs.map(([k, x]) => `${key(k)}: ${textOf(x, escapeKeys)}`).join(", ") + "}";
  if (Array.isArray(v)) return "[" + v.map((x) => textOf(x, escapeKeys)).join(", ") + "]";
  return JSON.stringify(v);
}
/**
 * Deep equality by own keys in order, prototypes and Object.is (vitest's toStrictEqual reads an
 * object's own `constructor` key as its type, and ids such as "constructor" are data here).
 */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
/** Whether some object has a key twice: the statement of the rule, on the generated structure. */
function hasDuplicate(v: unknown): boolean {
  if (v instanceof Obj) {
    const keys = v.pairs.map(([k]) => k);
    return new Set(keys).size < keys.length || v.pairs.some(([, x]) => hasDuplicate(x));
  }
  return Array.isArray(v) && v.some((x) => hasDuplicate(x));
}

describe("jsonHasDuplicateKey", () => {
  test.prop([jsonArb.object, fc.boolean()], { numRuns: 400 })(
    "finds a key twice in some object exactly when there is one, keys written plainly or with \\u escapes",
    (v, escapeKeys) => {
      const text = textOf(v, escapeKeys);
      JSON.parse(text); // the scan is for text JSON.parse accepts
      expect(jsonHasDuplicateKey(text)).toBe(hasDuplicate(v));
    },
  );

  it("reads keys after escapes and skips strings that look like structure", () => {
    expect(jsonHasDuplicateKey('{"a": 1, "\\u0061": 2}')).toBe(true);
    expect(jsonHasDuplicateKey('{"a": "{\\"a\\": 1, ", "b": "}]["}')).toBe(false);
    expect(jsonHasDuplicateKey('[{"a": 1}, {"a": 2}]')).toBe(false);
    expect(jsonHasDuplicateKey('{"a": {}, "b": [], "a": 3}')).toBe(true);
    expect(jsonHasDuplicateKey('{"x": [{"a": 1, "a": 1}]}')).toBe(true);
    expect(jsonHasDuplicateKey('{"a": ["a", "a"], "b": {"a": "a"}}')).toBe(false);
  });
});

describe("a JSON case file read by JSON.parse", () => {
  test.prop([jsonArb.object], { numRuns: 300 })("gives the data the YAML way gives, or refuses what it refuses", (v) => {
    const text = textOf(v, false);
    const fast = parseCaseText(text, "json", "en");
    const yaml = parseCaseText(text, "yaml", "en");
    // The YAML way also refuses keys over 1,024 characters and the like; then JSON is the reference.
    if (yaml.ok) {
      expect(fast.ok).toBe(true);
      if (fast.ok) expect(same(fast.data, yaml.data)).toBe(true);
    } else if (hasDuplicate(v)) {
      expect(fast.ok).toBe(false);
    }
  });

  it("reads every bundled example as the YAML way reads its JSON text", () => {
    for (const f of readdirSync(examples).filter((n) => n.endsWith(".yaml"))) {
      const text = JSON.stringify(YAML.parse(readFileSync(join(examples, f), "utf8")), null, 2);
      const fast = parseCaseText(text, "json", "en");
      expect(fast.ok, f).toBe(true);
      if (fast.ok) expect(same(fast.data, viaYaml(text)), f).toBe(true);
    }
  });

  it("names each problem with its line, as the YAML way does", () => {
    const data = JSON.parse(JSON.stringify(YAML.parse(readFileSync(join(examples, "rich.yaml"), "utf8"))));
    data.effects[1].attribution = 3;
    data.domains[0].funder = "nobody";
    const text = JSON.stringify(data, null, 2);
    const fast = loadCase(text, "json", { lang: "en" });
    const yaml = loadCase(text, "yaml", { lang: "en" });
    expect(fast.ok).toBe(false);
    if (fast.ok || yaml.ok) return;
    const lines = fast.issues.map((i) => formatIssue(i, "case.json"));
    expect(lines).toEqual(yaml.issues.map((i) => formatIssue(i, "case.json")));
    expect(lines.join("\n")).toMatch(/case\.json:\d+: effects\[1\]\.attribution/);
    expect(lines.every((l) => /^case\.json:\d+: /.test(l))).toBe(true);
  });

  it("refuses a key twice with the YAML parser's message and line, and a syntax error as before", () => {
    const v = loadCase('{\n  "id": "t",\n  "id": "u"\n}', "json", { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) { expect(v.issues[0]!.code).toBe("jsonSyntax"); expect(v.issues[0]!.line).toBe(3); }
    const w = loadCase('{"id": "t",}', "json", { lang: "en" });
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.issues[0]!.code).toBe("jsonSyntax");
  });
});
