// The IRR root search's parts (engine/money/irr.ts): the rounding-error bounds it decides with,
// checked against exact arithmetic, and the search's work (intervals, not time). irr.test.ts checks
// the roots it finds; these tests pin down why it finds them: a bound too small drops an interval
// that holds two roots, a bound too large makes the search halve where it need not.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { irrSearch } from "../../engine/money/irr.ts";

const { evaluate, derivativeBounds, settles, partition } = irrSearch;
const EPS = Number.EPSILON;

// Exact arithmetic on doubles: every finite double is n / 2^s for integers n and s >= 0.
type Q = { n: bigint; s: number };
function q(x: number): Q {
  let s = 0;
  while (!Number.isInteger(x)) { x *= 2; s++; }
  return { n: BigInt(x), s };
}
function lift(a: Q, s: number): bigint { return a.n << BigInt(s - a.s); }
function add(a: Q, b: Q): Q { const s = Math.max(a.s, b.s); return { n: lift(a, s) + lift(b, s), s }; }
function sub(a: Q, b: Q): Q { return add(a, { n: -b.n, s: b.s }); }
function mul(a: Q, b: Q): Q { return { n: a.n * b.n, s: a.s + b.s }; }
function abs(a: Q): Q { return { n: a.n < 0n ? -a.n : a.n, s: a.s }; }
/** Sign of a - b. */
function cmp(a: Q, b: Q): number { const s = Math.max(a.s, b.s); const d = lift(a, s) - lift(b, s); return d > 0n ? 1 : d < 0n ? -1 : 0; }
function int(k: number): Q { return { n: BigInt(k), s: 0 }; }

/** sum c_k(k) f_k x^(k - j), exactly: j = 0 gives p(x), j = 1 with c_k = k gives p'(x). */
function exactSum(f: readonly number[], x: number, j: number, coef: (k: number) => number, absolute: boolean): Q {
  let acc: Q = int(0);
  const X = q(x);
  for (let k = j; k < f.length; k++) {
    let term = mul(int(coef(k)), absolute ? abs(q(f[k]!)) : q(f[k]!));
    for (let i = 0; i < k - j; i++) term = mul(term, absolute ? abs(X) : X);
    acc = add(acc, term);
  }
  return acc;
}
const P = (f: readonly number[], x: number) => exactSum(f, x, 0, () => 1, false);
const D = (f: readonly number[], x: number) => exactSum(f, x, 1, (k) => k, false);
const absP = (f: readonly number[], x: number) => exactSum(f, x, 0, () => 1, true);
const absD = (f: readonly number[], x: number) => exactSum(f, x, 1, (k) => k, true);
const absD2 = (f: readonly number[], x: number) => exactSum(f, x, 2, (k) => k * (k - 1), true);
/** |a - b| <= e, exactly. */
function within(a: number, exact: Q, e: number): boolean { return cmp(abs(sub(q(a), exact)), q(e)) <= 0; }
/** lo <= v <= hi with lo = exact * factorLo, hi = exact * factorHi (factors as doubles, exactly). */
function between(v: number, exact: Q, factorLo: number, factorHi: number): boolean {
  return cmp(q(v), mul(exact, q(factorLo))) >= 0 && cmp(q(v), mul(exact, q(factorHi))) <= 0;
}

/** The coefficients of scale * prod (x - r), in increasing powers of x: exact when the roots are short binary fractions. */
function withRoots(roots: readonly number[], scale = 1): number[] {
  let c = [scale];
  for (const r of roots) {
    const next = new Array<number>(c.length + 1).fill(0);
    c.forEach((v, i) => { next[i]! -= r * v; next[i + 1]! += v; });
    c = next;
  }
  return c;
}

// Flows as the search sees them: whole cents up to a billion euros, or doubles with any low bits.
const flowArb = fc.oneof(
  fc.integer({ min: -1e11, max: 1e11 }),
  // (no subnormal amounts: relative error bounds do not hold below 2^-1022, and no amount is that small)
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v)),
);
const xArb = fc.double({ min: 1 / 11, max: 2, noNaN: true });

describe("evaluate: p and p' with a bound on each one's rounding error", () => {
  it("the computed p and p' lie within their bounds of the exact values, and the bounds are the documented ones", () => {
    fc.assert(fc.property(fc.array(flowArb, { minLength: 1, maxLength: 40 }), xArb, (f, x) => {
      const e = evaluate(f, x);
      const n = f.length - 1;
      const gamma = (4 * n + 4) * EPS;
      expect(within(e.p, P(f, x), e.ep)).toBe(true);
      expect(within(e.d, D(f, x), e.ed)).toBe(true);
      // ep = gamma |p|(x), ed = gamma max(1, n) |p'|(x): the sums of |terms| computed in doubles, so within 4(n+1) eps of exact.
      const slack = 4 * (n + 2) * EPS;
      expect(between(e.ep, absP(f, x), gamma * (1 - slack), gamma * (1 + slack))).toBe(true);
      expect(between(e.ed, absD(f, x), gamma * Math.max(1, n) * (1 - slack), gamma * Math.max(1, n) * (1 + slack))).toBe(true);
    }), { numRuns: 300 });
  });

  it("computes p itself, with its sign (not -p): p(x) = 3 - x at 1 and 1/2 and 2", () => {
    expect(evaluate([3, -1], 1).p).toBe(2);
    expect(evaluate([3, -1], 0.5).p).toBe(2.5);
    expect(evaluate([3, -1], 2).p).toBe(1);
    expect(evaluate([3, -1], 2).d).toBe(-1);
    expect(evaluate([1, 2, 3], 2).d).toBe(2 + 2 * 3 * 2);
  });

  it("a constant has no derivative: d = 0 and ed = 0, ep = 4 eps |f_0|", () => {
    const e = evaluate([-7], 0.75);
    expect(e).toEqual({ p: -7, ep: 4 * EPS * 7, d: 0, ed: 0 });
  });
});

describe("derivativeBounds: |p'| and |p''| bounded over (0, b]", () => {
  it("each bound is at least the exact sum of k |f_k| b^(k-1) (of k (k-1) |f_k| b^(k-2)) and at most 8 (n + 1) eps above it", () => {
    fc.assert(fc.property(fc.array(flowArb, { minLength: 1, maxLength: 40 }), fc.double({ min: 1 / 11, max: 2, noNaN: true }), (f, b) => {
      const [d1, d2] = derivativeBounds(f, b);
      const slack = 8 * f.length * EPS;
      expect(between(d1, absD(f, b), 1, 1 + slack)).toBe(true);
      expect(between(d2, absD2(f, b), 1, 1 + slack)).toBe(true);
    }), { numRuns: 300 });
  });

  it("bounds |p'| and |p''| at every point of (0, b] (the sums grow with x)", () => {
    const f = [5, -3, 0.5, -2, 1];
    const [d1, d2] = derivativeBounds(f, 1.5);
    for (let x = 0.01; x <= 1.5; x += 0.01) {
      expect(Math.abs(evaluate(f, x).d)).toBeLessThanOrEqual(d1);
      const second = f.reduce((s, v, k) => s + (k >= 2 ? k * (k - 1) * v * x ** (k - 2) : 0), 0);
      expect(Math.abs(second)).toBeLessThanOrEqual(d2);
    }
  });
});

// Roots as short binary fractions in the search's range (1/11 .. 2), so withRoots is exact.
const rootArb = fc.integer({ min: 12, max: 256 }).map((k) => k / 128);

describe("settles: an interval is settled only when p provably has no root in it or is monotone on it", () => {
  it("never on an interval that holds two roots (or a double root): the search would count no sign change there", () => {
    fc.assert(fc.property(fc.array(rootArb, { minLength: 2, maxLength: 8 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (roots, i, widthSteps, shift) => {
      const sorted = [...roots].sort((a, b) => a - b);
      const lo = sorted[i % (sorted.length - 1)]!, hi = sorted[(i % (sorted.length - 1)) + 1]!;
      // An interval [c - h, c + h] holding lo and hi, reaching at most widthSteps/128 beyond them.
      const slackLeft = (shift * widthSteps) / 128, slackRight = ((1 - shift) * widthSteps) / 128;
      const a = Math.max(1 / 256, lo - slackLeft), b = hi + slackRight;
      const c = (a + b) / 2, h = (b - a) / 2;
      fc.pre(c - h <= lo && c + h >= hi);
      expect(settles(withRoots(sorted, 1000), c + h, c, h)).toBe(false);
    }), { numRuns: 500 });
  });

  it("never on a cluster 2^-30 wide (the Taylor test's bounds hold at the scale of rounding)", () => {
    const r = 0.75, d = 2 ** -30;
    const f = withRoots([r, r + d, 1.5], 1);
    for (const h of [d, 2 * d, 1e-6, 1e-3, 0.1]) expect(settles(f, r + h, r + h / 2, h)).toBe(false);
  });

  it("always on a small interval away from every root (at most 1/1000 of the distance to the nearest root)", () => {
    fc.assert(fc.property(fc.array(rootArb, { minLength: 1, maxLength: 8 }), fc.double({ min: 1 / 11, max: 2, noNaN: true }), (roots, c) => {
      const dist = Math.min(...roots.map((r) => Math.abs(r - c)));
      fc.pre(dist > 1e-3);
      const h = dist / 1000;
      expect(settles(withRoots(roots, 1000), c + h, c, h)).toBe(true);
    }), { numRuns: 300 });
  });

  it("on an interval around one simple root, where p is monotone: 1/1000 wide around 1/2 of (x - 1/2)(x - 3/2)", () => {
    const f = withRoots([0.5, 1.5], 100);
    expect(settles(f, 0.5005, 0.5, 0.0005)).toBe(true);
    // The global bounds alone do not settle it (p(1/2) = 0): the Taylor test at c does.
    expect(evaluate(f, 0.5).p).toBe(0);
  });

  it("on an interval around a root of a line, for every width up to the range (p' never 0)", () => {
    const f = [-3, 2];
    for (const h of [1e-12, 1e-6, 0.01, 0.5]) expect(settles(f, 1.5 + h, 1.5, h)).toBe(true);
  });

  it("on an interval far from a tight cluster, where the global bounds would not (the Taylor terms carry the cancellation)", () => {
    // (x - 1)^5 scaled: |f_k| sum to 32 at x = 1, but p is tiny near 1 and 1e-5 at 1.1.
    const f = withRoots([1, 1, 1, 1, 1], 1);
    const c = 1.1, h = 0.01;
    const [d1] = derivativeBounds(f, c + h);
    const at = evaluate(f, c);
    expect(Math.abs(at.p) - at.ep > h * d1).toBe(false);
    expect(settles(f, c + h, c, h)).toBe(true);
  });
});

describe("partition: the search's work, in intervals (never in time)", () => {
  it("one interval for one simple root (p is monotone on the whole range), and few for several", () => {
    expect(partition(withRoots([0.5], 1000))).toHaveLength(1);
    const several = partition(withRoots([0.25, 0.5, 1, 1.5], 1000)).length;
    expect(several).toBeGreaterThanOrEqual(4);
    expect(several).toBeLessThanOrEqual(24);
    const ten = partition(withRoots([0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 1.125, 1.25], 1024)).length;
    expect(ten).toBeGreaterThanOrEqual(10);
    expect(ten).toBeLessThanOrEqual(70);
  });

  it("covers the range from 1/11 to 2 without gaps or overlaps, left to right", () => {
    for (const f of [withRoots([0.3, 0.30001, 1.7], 1e6), withRoots([1, 1, 1], 100), [-100, 10, 10, 10, 10, 110]]) {
      const parts = partition(f);
      expect(parts[0]![0]).toBe(1 / 11);
      expect(parts.at(-1)![1]).toBe(2);
      for (let i = 1; i < parts.length; i++) expect(parts[i]![0]).toBe(parts[i - 1]![1]);
      for (const [a, b] of parts) expect(a).toBeLessThan(b);
    }
  });

  it("stops at the budget of 2,048 examined intervals around a triple root (rounding noise never settles)", () => {
    const parts = partition(withRoots([1, 1, 1], 1));
    expect(parts.length).toBeGreaterThan(100);
    expect(parts.length).toBeLessThanOrEqual(2049);
  });
});
