/**
 * Shared test helpers: independent reference computations (numeric
 * integration, series and bisection, written without any engine code) and
 * small fixtures. No fast-check here: importing it is slow (see properties.test.ts).
 */
import { createRng } from "../../engine/uncertainty/index.ts";

/** Composite Simpson rule with an even number of intervals. */
export function simpson(f: (x: number) => number, a: number, b: number, intervals = 4000): number {
  const h = (b - a) / intervals;
  let s = f(a) + f(b);
  for (let i = 1; i < intervals; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/**
 * Incomplete beta integral B_x(a, b) = integral of t^(a-1) (1-t)^(b-1) over [0, x]
 * by term-wise integration of the binomial series of (1-t)^(b-1):
 * sum over n of [(1-b)(2-b)...(n-b) / n!] x^(a+n) / (a+n). Used for x <= 1/2,
 * where it converges at least like 2^-n. Independent of the engine's continued fraction.
 */
function incompleteBetaSeries(a: number, b: number, x: number): number {
  let coefficient = 1;
  let power = Math.pow(x, a);
  let sum = power / a;
  for (let n = 1; n < 2000; n++) {
    coefficient *= (n - b) / n;
    power *= x;
    const term = (coefficient * power) / (a + n);
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
  }
  return sum;
}

/** I_x(a, b) from the series, using B_x(a, b) + B_{1-x}(b, a) = B(a, b) to stay at arguments <= 1/2. */
export function betaCdfBySeries(a: number, b: number, x: number): number {
  const total = incompleteBetaSeries(a, b, 0.5) + incompleteBetaSeries(b, a, 0.5);
  if (x <= 0.5) return incompleteBetaSeries(a, b, x) / total;
  return 1 - incompleteBetaSeries(b, a, 1 - x) / total;
}

/** I_x(a, b) for integer a, b: P(Binomial(a + b - 1, x) >= a). */
export function betaCdfInteger(a: number, b: number, x: number): number {
  const n = a + b - 1;
  let sum = 0;
  let binom = 1;
  for (let j = 0; j <= n; j++) {
    if (j >= a) sum += binom * Math.pow(x, j) * Math.pow(1 - x, n - j);
    binom = (binom * (n - j)) / (j + 1);
  }
  return sum;
}

/** The first `count` raw outputs of createRng(seed), forked along `path`. */
export function draw(seed: number | string, count: number, path: number[] = []): number[] {
  let rng = createRng(seed);
  for (const k of path) rng = rng.fork(k);
  return Array.from({ length: count }, () => rng.nextUint32());
}

/** A valid 3 x 3 rank-correlation target used by the correlation tests. */
export const correlationTarget = [
  [1, 0.6, -0.3],
  [0.6, 1, 0.2],
  [-0.3, 0.2, 1],
];

/** Root of a non-decreasing function by plain bisection on [lo, hi]. */
export function bisect(f: (x: number) => number, target: number, lo: number, hi: number, iterations = 200): number {
  for (let i = 0; i < iterations; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Standard normal CDF by integrating the density (Simpson from 0, symmetric). */
export function normalCdfByIntegration(z: number): number {
  const half = simpson((t) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI), 0, Math.abs(z), 20000);
  return z >= 0 ? 0.5 + half : 0.5 - half;
}

/** Sample mean, variance (divisor n - 1) and fourth central moment. */
export function moments(xs: Float64Array): { mean: number; variance: number; m4: number } {
  const n = xs.length;
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / n;
  let s2 = 0;
  let s4 = 0;
  for (const x of xs) {
    const d = x - mean;
    s2 += d * d;
    s4 += d * d * d * d;
  }
  return { mean, variance: s2 / (n - 1), m4: s4 / n };
}
