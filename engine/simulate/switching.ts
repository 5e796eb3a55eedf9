/**
 * Switching values (break-even): the value of one parameter, others at base, at which an
 * entity's NPV is zero. Searched in the parameter's 0.1 % .. 99.9 % range (or a range given),
 * on a grid of 32 points plus the base value; of the sign changes found, the one nearest the
 * base value is refined by bisection down to neighbouring floating-point numbers.
 *
 * NPV is a sum of rows each rounded to the cent, so as a function of a parameter it is a fine
 * staircase, not a smooth curve: the reported value is the end of the final bracket with the
 * smaller |NPV|, and `npv` says what the NPV is there (within a cent of zero unless several rows
 * round at that same point). "No sign change in the range" is a value (`none-in-range`), never
 * NaN; so is a parameter on which the NPV does not depend (`no-effect`).
 */
import type { Model } from "../case/model.ts";
import { quantile } from "../uncertainty/index.ts";
import { PROBE_HIGH, PROBE_LOW } from "./check.ts";
import { distributionOf } from "./plan.ts";
import { pointEvaluator, type PointEvaluator } from "./point.ts";

export type SwitchingValue =
  | { status: "ok"; value: number; npv: number; range: [number, number]; /** More than one sign change in the range. */ multiple: boolean }
  | { status: "none-in-range"; range: [number, number]; npvLow: number; npvHigh: number }
  | { status: "no-effect"; range: [number, number]; npv: number };

export interface SwitchingRow {
  parameter: string;
  base: number;
  /** Per entity (partners in the case's order, then society). */
  values: SwitchingValue[];
}

export interface SwitchingValues {
  perspective: string;
  entities: { id: string; name: string }[];
  rows: SwitchingRow[];
}

const GRID = 32;

/** The switching value of `parameter` for entity `e` of `ev`, in [lo, hi]. */
export function switchingValue(ev: PointEvaluator, parameter: string, e: number, range: [number, number], base: number): SwitchingValue {
  const f = (v: number) => ev.npv({ [parameter]: v })[e]!;
  const [lo, hi] = range;
  const xs: number[] = [];
  for (let i = 0; i <= GRID; i++) xs.push(i === GRID ? hi : lo + ((hi - lo) * i) / GRID);
  if (base > lo && base < hi) xs.push(base);
  xs.sort((a, b) => a - b);
  const fs = xs.map(f);
  const zero = xs.filter((_, i) => fs[i] === 0);
  const brackets: [number, number][] = [];
  for (let i = 0; i + 1 < xs.length; i++) if ((fs[i]! < 0 && fs[i + 1]! > 0) || (fs[i]! > 0 && fs[i + 1]! < 0)) brackets.push([i, i + 1]);
  if (fs.every((v) => v === fs[0])) return { status: "no-effect", range, npv: fs[0]! };
  const dist = (x: number) => Math.abs(x - base);
  if (zero.length > 0 && (brackets.length === 0 || Math.min(...zero.map(dist)) <= Math.min(...brackets.map(([i]) => dist(xs[i]!))))) {
    const v = zero.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    return { status: "ok", value: v, npv: 0, range, multiple: zero.length + brackets.length > 1 };
  }
  if (brackets.length === 0) return { status: "none-in-range", range, npvLow: fs[0]!, npvHigh: fs[fs.length - 1]! };
  const [i0, i1] = brackets.reduce((a, b) => (Math.min(dist(xs[b[0]]!), dist(xs[b[1]]!)) < Math.min(dist(xs[a[0]]!), dist(xs[a[1]]!)) ? b : a));
  let a = xs[i0]!, b = xs[i1]!, fa = fs[i0]!, fb = fs[i1]!;
  for (let it = 0; it < 200; it++) {
    const m = a + (b - a) / 2;
    if (!(m > Math.min(a, b) && m < Math.max(a, b))) break; // neighbouring doubles
    const fm = f(m);
    if (fm === 0) return { status: "ok", value: m, npv: 0, range, multiple: brackets.length + zero.length > 1 };
    if ((fm < 0) === (fa < 0)) { a = m; fa = fm; } else { b = m; fb = fm; }
  }
  const [value, npv] = Math.abs(fa) <= Math.abs(fb) ? [a, fa] : [b, fb];
  return { status: "ok", value, npv, range, multiple: brackets.length + zero.length > 1 };
}

/**
 * Switching values of every uncertain parameter (or those in `ranges`, with their range) for
 * every entity. `ranges` may also name parameters without a distribution.
 */
export function switchingValues(model: Model, options: { arrangement?: string; ranges?: Readonly<Record<string, [number, number]>> } = {}): SwitchingValues {
  const ev = pointEvaluator(model, options.arrangement);
  const names = options.ranges ? Object.keys(options.ranges) : Object.keys(model.case.parameters).filter((n) => { const d = distributionOf(model, n); return d !== undefined && d.type !== "point"; }).sort();
  const rows = names.map((name) => {
    const d = distributionOf(model, name);
    const range: [number, number] = options.ranges?.[name] ?? [quantile(d!, PROBE_LOW), quantile(d!, PROBE_HIGH)];
    const b = ev.baseValue(name);
    // One evaluation gives every entity's NPV: the grid is the same for all of them, and entities
    // whose brackets coincide bisect through the same points.
    const once = remembered(ev, name);
    return { parameter: name, base: b, values: ev.entities.map((_, e) => switchingValue(once, name, e, range, b)) };
  });
  return { perspective: options.arrangement ?? "status-quo", entities: ev.entities, rows };
}

/** Most values of one parameter remembered (a pure function of it); the memory is bounded. */
const REMEMBERED = 4096;

/**
 * `ev` with `parameter`'s evaluations remembered by value, for the searches of every entity: on
 * the 342-municipality case (366 entities, 2 parameters) 115 evaluations instead of 24,935.
 */
export function remembered(ev: PointEvaluator, parameter: string): PointEvaluator {
  const seen = new Map<number, Float64Array>();
  return {
    entities: ev.entities,
    baseValue: (name) => ev.baseValue(name),
    npv(overrides) {
      const keys = Object.keys(overrides);
      if (keys.length !== 1 || keys[0] !== parameter) return ev.npv(overrides);
      const v = overrides[parameter]!;
      let r = seen.get(v);
      if (r === undefined) {
        if (seen.size >= REMEMBERED) seen.clear();
        r = ev.npv(overrides);
        seen.set(v, r);
      }
      return r;
    },
  };
}
