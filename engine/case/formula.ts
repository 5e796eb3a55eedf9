/**
 * The expression language: one module owns it.
 *
 * Formulas are mathjs expressions (`targetGroup * visitsPerPerson * reduction`). They are parsed
 * by one minimal, locked-down mathjs instance (only the parser: no `evaluate`, `createUnit`,
 * `simplify`, `derivative`, ... exist in it, and `import`/`parse` are stubbed out), then checked
 * against a whitelist of node types, operators and functions, and compiled once into plain
 * closures over an array of parameter values. Formulas never reach `eval`, and mathjs's own
 * evaluator is not used either: the closures are what the deterministic run and the Monte Carlo
 * engine call, many times, with no parsing per call.
 *
 * Allowed: numbers, declared parameter names, + - * / ^ % (percent), unary minus, comparisons
 * (< <= > >= == !=, giving 1 or 0), `and`, `or`, `not`, `c ? a : b`, and the functions
 * min, max, abs, round, floor, ceil, sqrt, exp, log, log10, pow.
 */
import type { MathNode } from "mathjs";
import { create, parseDependencies } from "mathjs/number";
import { LIMITS } from "./limits.ts";
import { DIMENSIONLESS, divide, formatUnit, multiply, power, sameUnit, type Unit } from "./units.ts";

// Only the parser and what it needs (node classes, `typed`, `numeric` for number literals), from
// the number-only entry: a bundler keeps ~0.3 MB of mathjs instead of all of it (the worker
// bundle and the browser build). Unbundled, Node still evaluates the whole entry it imports
// (package exports allow no deeper path), but the number entry loads in about half the time of
// the full one.
// Parsing is the same code as in a full instance (`create(all)`), so the trees are identical, and
// with the default config (`number: "number"`) every number literal is a JS number. Constants and
// units (`pi`, `e`, `cm`) are parsed as plain symbols either way: the parser never consults them.
const math = create({ parseDependencies: parseDependencies! }, {});
const parse = math.parse;
const disabled = (name: string) => () => {
  throw new Error(`Function ${name} is disabled in case formulas`);
};
// Defence in depth, as the mathjs security guide advises: even if a node type slipped through
// the whitelist, these functions are not reachable from an expression. In this minimal instance
// most of them never exist (`evaluate`, `simplify`, `createUnit`, ...); `import`, `parse` and
// `create` do (every instance has them) and are replaced by stubs that throw; the others become
// stubs too, so nothing resolves to a working function should the instance grow later.
math.import(
  Object.fromEntries(
    ["import", "create", "createUnit", "evaluate", "parse", "simplify", "derivative", "compile", "resolve", "reviver", "parser", "simplifyConstant", "simplifyCore", "rationalize", "chain"].map((n) => [n, disabled(n)]),
  ),
  { override: true },
);

export type FormulaSource = string | number;

/** A problem found in a formula; the caller adds the path of the formula. */
export interface FormulaProblem {
  code: string;
  params: Record<string, unknown>;
}

export interface ParsedFormula {
  source: string;
  node: MathNode;
  /** Parameter names the formula refers to, each once, in order of first use. */
  symbols: string[];
}

type Op = "add" | "subtract" | "multiply" | "divide" | "pow" | "unaryMinus" | "unaryPlus" | "larger" | "smaller" | "largerEq" | "smallerEq" | "equal" | "unequal" | "and" | "or" | "not" | "mod";
const OPERATORS = new Set<string>(["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus", "larger", "smaller", "largerEq", "smallerEq", "equal", "unequal", "and", "or", "not", "mod"]);
// A Map, not an object: a formula calling `toString(1)` or `constructor(1)` must not find Object's.
const FUNCTIONS = new Map<string, { min: number; max: number }>([
  ["min", { min: 1, max: Infinity }], ["max", { min: 1, max: Infinity }], ["abs", { min: 1, max: 1 }],
  ["round", { min: 1, max: 1 }], ["floor", { min: 1, max: 1 }], ["ceil", { min: 1, max: 1 }],
  ["sqrt", { min: 1, max: 1 }], ["exp", { min: 1, max: 1 }], ["log", { min: 1, max: 2 }], ["log10", { min: 1, max: 1 }],
  ["pow", { min: 2, max: 2 }],
]);

/** The deepest nesting of brackets in a formula's text (mathjs's parser recurses through every level). */
function bracketDepth(text: string): number {
  let depth = 0, max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) { if (++depth > max) max = depth; } // ( [ {
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/** The height of a parsed tree, walked with an explicit stack (no recursion); stops counting past `limit`. */
function treeHeight(root: MathNode, limit: number): number {
  let max = 0;
  const stack: [MathNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    n.forEach((child) => stack.push([child, d + 1]));
  }
  return max;
}

/**
 * Parses and checks a formula's structure. Symbols are not resolved here (see `checkSymbols`).
 * Length and nesting are bounded first (engine/case/limits.ts), so neither mathjs's recursive
 * parser nor the recursive walks below (the whitelist, units, compiling) can run out of stack.
 */
export function parseFormula(source: FormulaSource): { ok: true; formula: ParsedFormula } | { ok: false; problems: FormulaProblem[] } {
  const text = typeof source === "number" ? String(source) : source;
  if (typeof source === "number" && !Number.isFinite(source)) return { ok: false, problems: [{ code: "formulaNotFinite", params: { value: source } }] };
  if (text.length > LIMITS.formulaLength) return { ok: false, problems: [{ code: "formulaTooLong", params: { length: text.length, limit: LIMITS.formulaLength } }] };
  if (bracketDepth(text) > LIMITS.formulaDepth) return { ok: false, problems: [{ code: "formulaTooDeep", params: { depth: bracketDepth(text), limit: LIMITS.formulaDepth } }] };
  let node: MathNode;
  try {
    node = parse(text);
  } catch (e) {
    return { ok: false, problems: [{ code: "formulaSyntax", params: { detail: (e as Error).message } }] };
  }
  const height = treeHeight(node, LIMITS.formulaDepth);
  if (height > LIMITS.formulaDepth) return { ok: false, problems: [{ code: "formulaTooDeep", params: { limit: LIMITS.formulaDepth } }] };
  const problems: FormulaProblem[] = [];
  const symbols: string[] = [];
  const visit = (n: MathNode): void => {
    switch (n.type) {
      case "ConstantNode": {
        const v = (n as unknown as { value: unknown }).value;
        // A blank formula or one of only a comment parses to a constant without a value.
        if (v === undefined) problems.push({ code: "formulaEmpty", params: {} });
        else if (typeof v !== "number") problems.push({ code: "formulaForbidden", params: { what: `constant ${JSON.stringify(v) ?? String(v)}` } });
        return;
      }
      case "SymbolNode": {
        const name = (n as unknown as { name: string }).name;
        if (!symbols.includes(name)) symbols.push(name);
        return;
      }
      case "ParenthesisNode":
        return visit((n as unknown as { content: MathNode }).content);
      case "OperatorNode": {
        const op = n as unknown as { fn: string; op: string; args: MathNode[] };
        if (!OPERATORS.has(op.fn)) problems.push({ code: "formulaForbidden", params: { what: `operator ${op.op}` } });
        op.args.forEach(visit);
        return;
      }
      case "ConditionalNode": {
        const c = n as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        visit(c.condition); visit(c.trueExpr); visit(c.falseExpr);
        return;
      }
      case "FunctionNode": {
        const f = n as unknown as { fn: MathNode & { name?: string }; args: MathNode[] };
        const name = f.fn.type === "SymbolNode" ? f.fn.name! : undefined;
        const spec = name !== undefined ? FUNCTIONS.get(name) : undefined;
        if (!spec) problems.push({ code: "formulaForbidden", params: { what: `function ${name ?? "(expression)"}` } });
        else if (f.args.length < spec.min || f.args.length > spec.max) problems.push({ code: "formulaSyntax", params: { detail: `${name} takes ${spec.min === spec.max ? spec.min : `${spec.min} or more`} argument(s), got ${f.args.length}` } });
        f.args.forEach(visit);
        return;
      }
      default:
        problems.push({ code: "formulaForbidden", params: { what: describeNode(n.type) } });
    }
  };
  visit(node);
  if (problems.length) return { ok: false, problems };
  return { ok: true, formula: { source: text, node, symbols } };
}

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AssignmentNode: "assignment (=)", FunctionAssignmentNode: "function definition", AccessorNode: "property access",
    IndexNode: "indexing", ObjectNode: "object", ArrayNode: "matrix or list", RangeNode: "range (:)", BlockNode: "several statements (; or newline)", RelationalNode: "chained comparison",
  };
  return names[type] ?? type;
}

/**
 * Levenshtein distance (case-insensitive), for "did you mean" suggestions; `bound` stops early
 * once every alignment is farther than it (the result is then some number above `bound`).
 */
export function editDistance(a: string, b: string, bound = Infinity): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const x = a.toLowerCase(), y = b.toLowerCase();
  const prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (prev[j]! < rowMin) rowMin = prev[j]!;
      diag = tmp;
    }
    if (rowMin > bound) return bound + 1;
  }
  return prev[y.length]!;
}

/** Names longer than this get no suggestion (a long unknown name is not a typo of a short one). */
const SUGGEST_LENGTH = 64;
/** Known names compared per suggestion at most (a case has far fewer partners or parameters). */
const SUGGEST_CANDIDATES = 5_000;

/**
 * The closest known name within a distance that makes sense for its length, if any. Bounded:
 * names over 64 characters get none, at most 5,000 candidates are compared, and each
 * comparison stops once it is past the distance that could still count, so a huge unknown name
 * or a huge list of names costs little.
 */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  if (name.length > SUGGEST_LENGTH) return undefined;
  const allowed = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined, bestD = Infinity, compared = 0;
  for (const k of known) {
    if (++compared > SUGGEST_CANDIDATES) break;
    if (k.length > SUGGEST_LENGTH + allowed) continue;
    const d = editDistance(name, k, Math.min(allowed, bestD));
    if (d < bestD || (d === bestD && best !== undefined && k < best)) { best = k; bestD = d; }
  }
  return best !== undefined && bestD <= allowed ? best : undefined;
}

/** A compiled formula: reads parameter values from a dense array by slot. */
export type Compiled = (values: ArrayLike<number>) => number;

/**
 * Compiles a checked formula into closures. `slot(name)` gives the index of a parameter's value
 * in the array passed at evaluation; every symbol must have one (checked before compiling),
 * except those `constants` fixes (`year` in an investment amount compiled per year).
 */
export function compileFormula(f: ParsedFormula, slot: (name: string) => number, constants?: Readonly<Record<string, number>>): Compiled {
  const fn = compileNode(f, slot, constants);
  let top = f.node as MathNode & { content?: MathNode; fn?: unknown; args?: MathNode[] };
  while (top.type === "ParenthesisNode" || (top.type === "OperatorNode" && top.fn === "unaryPlus")) top = (top.content ?? top.args![0]!) as typeof top;
  shapes.set(fn, {
    slots: f.symbols.filter((s) => constants?.[s] === undefined).map(slot),
    ...(top.type === "SymbolNode" && constants?.[(top as unknown as { name: string }).name] === undefined ? { slot: slot((top as unknown as { name: string }).name) } : {}),
    ...(top.type === "ConstantNode" ? { constant: (top as unknown as { value: number }).value } : {}),
  });
  return fn;
}

/**
 * What a compiled formula reads: the slots of its parameters, and whether it is just one
 * parameter (`slot`) or a number (`constant`). The Monte Carlo kernel uses it to read a plain
 * parameter straight from its sampled column and to evaluate once what no sample changes.
 */
export interface FormulaShape {
  slots: readonly number[];
  slot?: number;
  constant?: number;
}
const shapes = new WeakMap<Compiled, FormulaShape>();

/** The shape of a closure made by `compileFormula` (undefined for any other function). */
export function formulaShape(fn: Compiled): FormulaShape | undefined {
  return shapes.get(fn);
}

/** A formula that is the number `v` (with its shape recorded like a compiled one). */
export function constantFormula(v: number): Compiled {
  const fn: Compiled = () => v;
  shapes.set(fn, { slots: [], constant: v });
  return fn;
}

function compileNode(f: ParsedFormula, slot: (name: string) => number, constants?: Readonly<Record<string, number>>): Compiled {
  const build = (n: MathNode): Compiled => {
    switch (n.type) {
      case "ConstantNode": {
        const v = (n as unknown as { value: number }).value;
        return () => v;
      }
      case "SymbolNode": {
        const name = (n as unknown as { name: string }).name;
        const k = constants?.[name];
        if (k !== undefined) return () => k;
        const i = slot(name);
        return (vals) => vals[i]!;
      }
      case "ParenthesisNode":
        return build((n as unknown as { content: MathNode }).content);
      case "ConditionalNode": {
        const c = n as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        const cond = build(c.condition), t = build(c.trueExpr), e = build(c.falseExpr);
        return (vals) => (cond(vals) !== 0 ? t(vals) : e(vals));
      }
      case "OperatorNode": {
        const o = n as unknown as { fn: Op; args: MathNode[] };
        const a = build(o.args[0]!);
        if (o.args.length === 1) {
          switch (o.fn) {
            case "unaryMinus": return (v) => -a(v);
            case "unaryPlus": return a;
            case "not": return (v) => (a(v) === 0 ? 1 : 0);
            default: throw new Error(`compileFormula: unary ${o.fn}`);
          }
        }
        const b = build(o.args[1]!);
        switch (o.fn) {
          case "add": return (v) => a(v) + b(v);
          case "subtract": return (v) => a(v) - b(v);
          case "multiply": return (v) => a(v) * b(v);
          case "divide": return (v) => a(v) / b(v);
          case "pow": return (v) => Math.pow(a(v), b(v));
          case "mod": return (v) => { const x = a(v), y = b(v); return x - y * Math.floor(x / y); };
          case "larger": return (v) => (a(v) > b(v) ? 1 : 0);
          case "smaller": return (v) => (a(v) < b(v) ? 1 : 0);
          case "largerEq": return (v) => (a(v) >= b(v) ? 1 : 0);
          case "smallerEq": return (v) => (a(v) <= b(v) ? 1 : 0);
          case "equal": return (v) => (a(v) === b(v) ? 1 : 0);
          case "unequal": return (v) => (a(v) !== b(v) ? 1 : 0);
          case "and": return (v) => (a(v) !== 0 && b(v) !== 0 ? 1 : 0);
          case "or": return (v) => (a(v) !== 0 || b(v) !== 0 ? 1 : 0);
          default: throw new Error(`compileFormula: operator ${o.fn}`);
        }
      }
      case "FunctionNode": {
        const f2 = n as unknown as { fn: { name: string }; args: MathNode[] };
        const args = f2.args.map(build);
        const [a, b] = args as [Compiled, Compiled | undefined];
        switch (f2.fn.name) {
          case "min": return (v) => { let m = Infinity; for (const g of args) m = Math.min(m, g(v)); return m; };
          case "max": return (v) => { let m = -Infinity; for (const g of args) m = Math.max(m, g(v)); return m; };
          case "abs": return (v) => Math.abs(a(v));
          // mathjs rounds half away from zero; Math.round rounds half up. Follow mathjs.
          case "round": return (v) => { const x = a(v); return Math.sign(x) * Math.round(Math.abs(x)); };
          case "floor": return (v) => Math.floor(a(v));
          case "ceil": return (v) => Math.ceil(a(v));
          case "sqrt": return (v) => Math.sqrt(a(v));
          case "exp": return (v) => Math.exp(a(v));
          case "log": return b ? (v) => Math.log(a(v)) / Math.log(b(v)) : (v) => Math.log(a(v));
          case "log10": return (v) => Math.log10(a(v));
          case "pow": return (v) => Math.pow(a(v), b!(v));
          default: throw new Error(`compileFormula: function ${f2.fn.name}`);
        }
      }
      default:
        throw new Error(`compileFormula: node ${n.type}`);
    }
  };
  return build(f.node);
}

/** Unit of a numeric literal: dimensionless when multiplied, but it takes the other side's unit when added. */
const LITERAL = Symbol("literal");
type Inferred = Unit | null | typeof LITERAL;

/**
 * Infers the unit of a formula from its parameters' units (`null` = the parameter has no unit,
 * so nothing about the result is known). Returns the unit, `null`, or problems (adding persons
 * to euros, exp of euros, ...).
 */
export function inferUnit(f: ParsedFormula, unitOf: (name: string) => Unit | null): { unit: Unit | null; problems: FormulaProblem[] } {
  const problems: FormulaProblem[] = [];
  const asUnit = (u: Inferred): Unit | null => (u === LITERAL ? DIMENSIONLESS : u);
  const same = (a: Inferred, b: Inferred): Inferred => {
    if (a === null || b === null) return null;
    if (a === LITERAL) return b;
    if (b === LITERAL) return a;
    if (!sameUnit(a, b)) { problems.push({ code: "unitAdd", params: { left: formatUnit(a), right: formatUnit(b) } }); return null; }
    return a;
  };
  const needDimensionless = (u: Inferred, what: string) => {
    if (u !== null && u !== LITERAL && u.size > 0) problems.push({ code: "unitAdd", params: { left: formatUnit(u), right: `1 (${what})` } });
  };
  const constValue = (n: MathNode): number | undefined => {
    if (n.type === "ConstantNode") return (n as unknown as { value: number }).value;
    if (n.type === "ParenthesisNode") return constValue((n as unknown as { content: MathNode }).content);
    if (n.type === "OperatorNode" && (n as unknown as { fn: string }).fn === "unaryMinus") { const c = constValue((n as unknown as { args: MathNode[] }).args[0]!); return c === undefined ? undefined : -c; }
    return undefined;
  };
  const visit = (n: MathNode): Inferred => {
    switch (n.type) {
      case "ConstantNode": return LITERAL;
      case "SymbolNode": return unitOf((n as unknown as { name: string }).name);
      case "ParenthesisNode": return visit((n as unknown as { content: MathNode }).content);
      case "ConditionalNode": {
        const c = n as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        visit(c.condition);
        return same(visit(c.trueExpr), visit(c.falseExpr));
      }
      case "OperatorNode": {
        const o = n as unknown as { fn: Op; args: MathNode[] };
        const us = o.args.map(visit);
        const [a, b] = us as [Inferred, Inferred];
        switch (o.fn) {
          case "unaryMinus": case "unaryPlus": return a;
          case "not": return LITERAL;
          case "add": case "subtract": case "mod": return same(a, b);
          case "larger": case "smaller": case "largerEq": case "smallerEq": case "equal": case "unequal": same(a, b); return LITERAL;
          case "and": case "or": return LITERAL;
          case "multiply": if (a === LITERAL) return b; if (b === LITERAL) return a; return a === null || b === null ? null : multiply(a, b);
          case "divide": if (b === LITERAL) return a; if (a === null || b === null) return null; return divide(asUnit(a)!, b);
          case "pow": {
            needDimensionless(b, "exponent");
            if (a === LITERAL || a === null) return a;
            if (a.size === 0) return a;
            const e = constValue(o.args[1]!);
            if (e === undefined || !Number.isInteger(e)) { problems.push({ code: "unitAdd", params: { left: formatUnit(a), right: "1 (a unit raised to a non-integer or variable power)" } }); return null; }
            return power(a, e);
          }
        }
        return null;
      }
      case "FunctionNode": {
        const f2 = n as unknown as { fn: { name: string }; args: MathNode[] };
        const us = f2.args.map(visit);
        switch (f2.fn.name) {
          case "min": case "max": return us.reduce((acc, u) => same(acc, u));
          case "abs": case "round": case "floor": case "ceil": return us[0]!;
          case "sqrt": {
            const u = us[0]!;
            if (u === LITERAL || u === null) return u;
            for (const e of u.values()) if (e % 2 !== 0) { problems.push({ code: "unitAdd", params: { left: formatUnit(u), right: "1 (sqrt of an odd power)" } }); return null; }
            const out = new Map<string, number>(); for (const [k, e] of u) out.set(k, e / 2); return out;
          }
          case "pow": {
            needDimensionless(us[1]!, "exponent");
            const a = us[0]!;
            if (a === LITERAL || a === null || a.size === 0) return a;
            const e = constValue(f2.args[1]!);
            if (e === undefined || !Number.isInteger(e)) { problems.push({ code: "unitAdd", params: { left: formatUnit(a), right: "1 (a unit raised to a non-integer or variable power)" } }); return null; }
            return power(a, e);
          }
          default: us.forEach((u) => needDimensionless(u, f2.fn.name)); return LITERAL;
        }
      }
    }
    return null;
  };
  const u = visit(f.node);
  // A formula of literals only says nothing about units: treat it as unknown, like a unitless parameter.
  return { unit: u === LITERAL ? null : u, problems };
}
