/**
 * Internal rate of return: the rate r at which the NPV of the yearly flows is zero (flow 0 at
 * t0, undiscounted, as in `npv`). It need not exist, or be unique, so the result is a value the
 * type shows, never NaN:
 * - `{ status: "ok", rate }`: exactly one root in the searched range (-50 % .. 1,000 %);
 * - `{ status: "no-sign-change" }`: all flows have one sign (or are zero): no IRR exists;
 * - `{ status: "none-in-range" }`: the flows change sign but NPV has no root in the range;
 * - `{ status: "multiple", rates }`: several roots (flows that change sign more than once).
 *
 * Why not below -50 %: near -100 % the discount factors (1 + r)^-k explode, and a double cannot
 * place the root finely enough for NPV to be zero within a cent; such a rate says "most of the
 * money is lost" and is reported as none-in-range rather than as a falsely precise number.
 *
 * Method: NPV is evaluated on a grid of rates; every sign change is bracketed and refined by
 * bisection until the bracket no longer shrinks in floating point, so the root is as exact as a
 * double allows.
 */
import { npv } from "./discount.ts";

export type Irr =
  | { status: "ok"; rate: number }
  | { status: "no-sign-change" }
  | { status: "none-in-range" }
  | { status: "multiple"; rates: number[] };

const LOW = -0.5;
const HIGH = 10;

/** The range the search covers (-50 % .. 1,000 %). */
export const IRR_RANGE = { low: LOW, high: HIGH } as const;

/**
 * Whether a found IRR lies next to an end of the search range: within 5 percentage points of
 * -50 % or above 900 %. Such a rate is a root, but a slightly worse (or better) set of flows
 * would have none in range: read it as "below about -45 %" (most of the money is lost) or
 * "above 900 %", not as a precise figure. Reports flag it (issue 14).
 */
export function irrNearBound(r: Irr): boolean {
  return r.status === "ok" && (r.rate < LOW + 0.05 || r.rate > HIGH * 0.9);
}

export function irr(flows: readonly number[]): Irr {
  let pos = false, neg = false, changes = 0, last = 0;
  for (const f of flows) {
    if (f > 0) pos = true; else if (f < 0) neg = true;
    if (f !== 0) { if (last !== 0 && Math.sign(f) !== Math.sign(last)) changes++; last = f; }
  }
  if (!pos || !neg) return { status: "no-sign-change" };

  // One sign change in the flows: by Descartes' rule of signs NPV has exactly one root for
  // r > -1 (one positive root in x = 1 / (1 + r)), so bracketing the range ends is enough.
  // This is the common case (invest, then save) and costs ~60 NPV evaluations, not a grid scan.
  if (changes === 1) {
    const vLow = npv(LOW, flows), vHigh = npv(HIGH, flows);
    if (vLow === 0) return { status: "ok", rate: LOW };
    if (vHigh === 0) return { status: "ok", rate: HIGH };
    if (Math.sign(vLow) === Math.sign(vHigh)) return { status: "none-in-range" };
    return { status: "ok", rate: bisect(flows, LOW, HIGH, vLow) };
  }

  // Grid dense near zero where realistic rates are, coarser further out.
  const grid: number[] = [];
  for (let r = LOW; r < -0.2; r += 0.005) grid.push(r);
  for (let r = -0.2; r < 1; r += 0.0025) grid.push(r);
  for (let r = 1; r <= HIGH; r += 0.05) grid.push(r);

  const roots: number[] = [];
  let prevR = grid[0]!, prevV = npv(prevR, flows);
  if (prevV === 0) roots.push(prevR);
  for (let i = 1; i < grid.length; i++) {
    const r = grid[i]!, v = npv(r, flows);
    if (v === 0) roots.push(r);
    else if (prevV !== 0 && Math.sign(v) !== Math.sign(prevV)) roots.push(bisect(flows, prevR, r, prevV));
    prevR = r; prevV = v;
  }
  if (roots.length === 0) return { status: "none-in-range" };
  if (roots.length > 1) return { status: "multiple", rates: roots };
  return { status: "ok", rate: roots[0]! };
}

function bisect(flows: readonly number[], lo: number, hi: number, vLo: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    const v = npv(mid, flows);
    if (v === 0) return mid;
    if (Math.sign(v) === Math.sign(vLo)) { lo = mid; vLo = v; } else hi = mid;
  }
  // Return the end of the bracket with the smaller |NPV|.
  return Math.abs(npv(lo, flows)) <= Math.abs(npv(hi, flows)) ? lo : hi;
}
