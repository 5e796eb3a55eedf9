/**
 * The one largest-remainder split of money. Every time the engine divides an amount of cents
 * among parts (providers, investors, a variable/fixed cost share, later allocation keys), it
 * goes through `allocateInto` here, so the parts always sum exactly to the whole: `allocate`
 * (validated, arrays in and out) for the ledger, `allocateInto` itself (typed arrays, nothing
 * allocated) for the Monte Carlo kernel.
 *
 * Algorithm (as dinero.js `allocate`): each part gets the floor of its exact share of |amount|;
 * the cents left over go one by one to the parts with the largest remainders. Ties are broken by
 * `tieKeys` (ascending, e.g. partner ids) when given, else by position, so the result does not
 * depend on the order in which callers list the parts when keys are given. With integer weights
 * (and |amount| x weight within MAX_CENTS) the floors and remainders are computed exactly in
 * integers, so equal exact remainders always tie; with fractional weights they are floats, and
 * two remainders equal in exact arithmetic may differ by rounding, which then picks the part.
 *
 * Conventions: a negative amount is split as its absolute value and negated part by part, so
 * a cost splits exactly like the same saving. A part with weight 0 gets 0. Weights must be finite,
 * non-negative, not all zero and with a finite sum: anything else is a bug in the caller
 * (validated input never gets here), so `allocate` throws.
 *
 * Bounded: every loop runs at most a fixed number of times per part, whatever the amount (the
 * leftover cents are handed out in whole rounds, not one by one), and the parts sum exactly to
 * the whole for any amount up to MAX_CENTS, also when float error makes the floors sum above it.
 */
import { MAX_CENTS, type Cents } from "./money.ts";

export function allocate(amount: Cents, weights: readonly number[], tieKeys?: readonly string[]): Cents[] {
  if (!Number.isSafeInteger(amount)) throw new Error(`allocate: amount must be an integer number of cents, got ${amount}`);
  if (weights.length === 0) throw new Error("allocate: no parts to allocate to");
  let total = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new Error(`allocate: weights must be finite and non-negative, got ${w}`);
    total += w;
  }
  if (total <= 0) throw new Error("allocate: weights are all zero");
  if (!Number.isFinite(total)) throw new Error("allocate: the weights' sum is not finite");
  if (tieKeys && tieKeys.length !== weights.length) throw new Error("allocate: tieKeys must match weights");
  const n = weights.length;
  // One work space for every call, grown when a longer list comes (allocate is not re-entered).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a new work space when the old one was long enough gives the same parts
  if (shared.out.length < n) shared = { out: new Float64Array(n), weights: new Float64Array(n), scratch: allocationScratch(n) };
  const out = shared.out;
  // allocateInto reads weights from a Float64Array only (every caller's): one kind of array
  // there, not a mix whose loads V8 boxes (most of a slider move's garbage on a regional case).
  for (let i = 0; i < n; i++) shared.weights[i] = weights[i]!;
  allocateInto(amount, shared.weights, n, tieKeys ? keyRanks(tieKeys) : null, out, shared.scratch);
  // Stryker disable next-line ArrayDeclaration: equivalent: the array is filled by index 0..n-1 either way
  const parts = new Array<number>(n);
  for (let i = 0; i < n; i++) parts[i] = out[i]!;
  return parts;
}
let shared = { out: new Float64Array(8), weights: new Float64Array(8), scratch: allocationScratch(8) };

/** Work space of `allocateInto` for up to `parts` parts (allocate once, reuse). */
export interface AllocationScratch {
  remainders: Float64Array;
  order: Int32Array;
}

export function allocationScratch(parts: number): AllocationScratch {
  return { remainders: new Float64Array(parts), order: new Int32Array(parts) };
}

/**
 * The split itself: `amount` (integer cents) by `weights[0..n-1]` into `out[0..n-1]`, with no
 * checks and no allocation. `keyRank[i]` orders the tie keys (equal keys, equal rank; see
 * `keyRanks`), or null for ties by position. Callers pass valid weights.
 */
export function allocateInto(amount: Cents, weights: Float64Array, n: number, keyRank: Int32Array | null, out: Float64Array, s: AllocationScratch): void {
  let total = 0, largest = 0, integers = true;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    total += w;
    largest = Math.max(largest, w);
    integers &&= Number.isInteger(w);
  }
  const whole = Math.abs(amount);
  const rem = s.remainders;
  let given = 0;
  // Stryker disable next-line EqualityOperator: equivalent: at whole x largest = MAX_CENTS exactly the float path gives the same split (it differs only on exact ties)
  if (integers && whole * largest <= MAX_CENTS) {
    // Integer weights (inhabitants, counts, cents) and whole x weight a safe integer: the floor
    // and the remainder of whole x w / total in integers, exactly, so parts whose exact
    // remainders are equal tie, and the tie rule (key, then position) decides, not float noise
    // (7 by 1 : 7 : 13 is 1/3 over for each part; the float remainders gave the cent to the
    // second). The remainders compared are then whole x w mod total (one denominator). A total
    // beyond MAX_CENTS (rounded) needs no test: then every whole x w is below it, so each floor
    // is 0 and each remainder whole x w, as in exact arithmetic.
    //
    // The floor q and remainder p - q x total without `%` (a call into C per part, most of a
    // 342-way split): the float quotient's floor is the exact floor Q (rounding is monotone and
    // Q a double, so not below it; reaching Q + 1 would take p / total within half an ulp of
    // Q + 1, i.e. 1 / total <= (Q + 1) 2^-53, so p >= 2^53 - 1 with total a power of two, whose
    // quotient is exact), and Q x total <= p is an integer within MAX_CENTS, so the remainder is
    // exact: the floor and remainder `%` gives (test/money/allocate.properties.test.ts holds the
    // parts and their order equal). A total beyond MAX_CENTS keeps `%` (every floor is 0 there).
    if (total <= MAX_CENTS) {
      for (let i = 0; i < n; i++) {
        const p = whole * weights[i]!;
        let q = Math.floor(p / total), r = p - q * total;
        // A guard the argument above says never fires (Q + 1 taken back).
        // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement,AssignmentOperator,ArithmeticOperator: equivalent: unreachable for p <= MAX_CENTS (see above)
        if (r < 0) { q -= 1; r = p - q * total; }
        out[i] = q;
        rem[i] = r;
        given += q;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const p = whole * weights[i]!;
        const r = p % total;
        out[i] = (p - r) / total;
        rem[i] = r;
        given += out[i]!;
      }
    }
  } else {
    // Weights so large that whole x weight would overflow to Infinity (a share of 1e308) are
    // taken as fractions of their total first; other weights keep (whole x w) / total.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: the two forms of the share differ by rounding only, which changes a split only on exact ties (not exact on this path); none other in 2 million random fractional splits
    const huge = total > HUGE_WEIGHTS;
    for (let i = 0; i < n; i++) {
      const exact = huge ? whole * (weights[i]! / total) : (whole * weights[i]!) / total;
      const floor = Math.floor(exact);
      out[i] = floor;
      rem[i] = exact - floor;
      given += floor;
    }
  }
  // Positive-weight parts by remainder (desc), tie key (asc), position (asc): insertion sort for
  // the usual few parts, a comparison sort for many (342 funders by inhabitants; a list of 2,000
  // made the insertion sort quadratic). `compare` is a strict total order: the same result. (No
  // test of left = 0 first: nothing is then handed out or taken back.)
  const order = s.order;
  let m = 0;
  // Stryker disable next-line EqualityOperator: equivalent: i = n reads weights[n], undefined, which is not > 0
  for (let i = 0; i < n; i++) if (weights[i]! > 0) order[m++] = i;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: both sorts give the same order (compare is a strict total order); the choice is speed only
  if (m <= 32) {
    for (let k = 1; k < m; k++) {
      const i = order[k]!;
      let j = k;
      // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent: j = 0 compares with order[-1], undefined, whose remainder NaN stops the loop
      while (j > 0 && compare(i, order[j - 1]!, rem, keyRank) < 0) { order[j] = order[j - 1]!; j--; }
      order[j] = i;
    }
  } else if (whole - given > 0 && whole - given < m) {
    // Many parts, fewer cents left than parts: each of the first `left` in the order gets one
    // cent, so only which parts come first matters, not their order among themselves: a
    // selection (linear on average) instead of a sort (342 funders: a fifth of a slider move).
    selectFirst(order, m, whole - given, rem, keyRank);
  } else {
    order.subarray(0, m).sort((a, b) => compare(a, b, rem, keyRank));
  }
  // One cent each in that order, round and round (left > 0): `left` is below m, up to float
  // error in the floors (a few cents for amounts near MAX_CENTS), so this runs fewer than
  // m + a few times. Or (left < 0: float error made the floors sum above the whole, amounts near
  // MAX_CENTS) a cent taken back at a time, smallest remainder first, round and round, from
  // parts that have one (the floors sum above the whole, so some part has one).
  const left = whole - given;
  for (let k = 0; k < left; k++) out[order[k % m]!] = out[order[k % m]!]! + 1;
  for (let k = m - 1, excess = -left; excess > 0; k = k > 0 ? k - 1 : m - 1) {
    const i = order[k]!;
    if (out[i]! > 0) { out[i] = out[i]! - 1; excess--; }
  }
  // The sign of the amount on every part; + 0 turns the -0 of a zero part into 0.
  const sign = Math.sign(amount);
  // Stryker disable next-line EqualityOperator: equivalent: i = n writes out[n], past the typed array's end (ignored)
  for (let i = 0; i < n; i++) out[i] = out[i]! * sign + 0;
}

/**
 * Rearranges order[0..m-1] so that its first k entries are the k first in `compare`'s order (in
 * some order among themselves): Hoare's selection with the middle entry as pivot (deterministic),
 * and a sort when the partitions stop shrinking fast (bounded work for any input).
 */
function selectFirst(order: Int32Array, m: number, k: number, rem: Float64Array, keyRank: Int32Array | null): void {
  let lo = 0, hi = m - 1, rounds = 0;
  // Stryker disable next-line EqualityOperator: equivalent: a range of one entry is already in place (the round leaves it and ends)
  while (hi > lo) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator,BlockStatement,MethodExpression,ArithmeticOperator,ArrowFunction: equivalent in result: sorting the rest of the range at any round (or never) leaves the same first k; the bound is on work only
    if (++rounds > 64) { order.subarray(lo, hi + 1).sort((a, b) => compare(a, b, rem, keyRank)); return; }
    const pivot = order[(lo + hi) >> 1]!;
    let i = lo, j = hi;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent in result: a round that partitions nothing makes no progress, and after 64 rounds the sort above finishes the range
    while (i <= j) {
      // Stryker disable next-line EqualityOperator: equivalent in result: scanning past the pivot itself (the only entry equal to it) still leaves smaller entries left of j and larger right of i (thousands of splits in test/money/allocate.test.ts agree with the rule)
      while (compare(order[i]!, pivot, rem, keyRank) < 0) i++;
      // Stryker disable next-line EqualityOperator: equivalent in result: as the scan above
      while (compare(pivot, order[j]!, rem, keyRank) < 0) j--;
      if (i <= j) { const t = order[i]!; order[i] = order[j]!; order[j] = t; i++; j--; }
    }
    // Now order[lo..j] <= pivot <= order[i..hi], and j < i.
    // Stryker disable next-line EqualityOperator: equivalent: with k - 1 = j the first k are order[0..j], already in place (returning there is as right as going on)
    if (k - 1 <= j) hi = j;
    // Stryker disable next-line ConditionalExpression,ArithmeticOperator: equivalent: going on to the right of the pivot when k - 1 is the pivot's place changes nothing left of it
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

/** Above this total of weights, whole x weight could pass the largest double (MAX_CENTS x 1e276 is still finite). */
const HUGE_WEIGHTS = 1e276;

/** Below 0 when part a goes before part b in the order the leftover cents are handed out (never 0 for a !== b). */
function compare(a: number, b: number, rem: Float64Array, keyRank: Int32Array | null): number {
  return rem[b]! - rem[a]! || (keyRank === null ? 0 : keyRank[a]! - keyRank[b]!) || a - b;
}

/** Ranks of string keys (ascending, equal keys share a rank), for `allocateInto`. */
export function keyRanks(keys: readonly string[]): Int32Array {
  // The same few lists of partner ids come back for every row and sample: remember them.
  // JSON names every list apart (a joined list did not: "a\0" "b" and "a" "\0b" shared ranks).
  // A list seen before as this very array (a key's partners are the same array while they do
  // not change) costs one lookup; another array with the same keys one JSON text.
  const same = rankByList.get(keys);
  if (same !== undefined) return same;
  const id = JSON.stringify(keys);
  const known = rankCache.get(id);
  if (known !== undefined) { if (Object.isFrozen(keys)) rankByList.set(keys, known); return known; }
  // Distinct keys ascending (no two equal: the comparator needs no equal case), ranked by a map (linear, not indexOf).
  // Stryker disable next-line EqualityOperator: equivalent: the keys are distinct (a Set), so the comparator never sees two equal ones
  const rank = new Map([...new Set(keys)].sort((x, y) => (x < y ? -1 : 1)).map((k, r) => [k, r]));
  const ranks = Int32Array.from(keys, (k) => rank.get(k)!);
  if (rankCache.size >= 512) rankCache.clear();
  rankCache.set(id, ranks);
  // Only a frozen list can be remembered by identity: no one can change it afterwards.
  if (Object.isFrozen(keys)) rankByList.set(keys, ranks);
  return ranks;
}
const rankByList = new WeakMap<readonly string[], Int32Array>();
/** Ranks by key list, as JSON (callers only read the arrays allocateInto gets). */
const rankCache = new Map<string, Int32Array>();

/**
 * `allocate(lost, [vcs, 1 - vcs])[0]` for a fraction vcs in 0..1 (the variable-cost part of a
 * provider's lost revenue; a shared-savings rate's part), without arrays: the same floors,
 * remainders and tie rule (larger remainder first, then the first part), and the same cycling
 * when float error leaves more than one cent over (a property test holds them equal).
 */
export function variablePart(lost: number, vcs: number): number {
  // allocate's (whole x w) / total with total = vcs + (1 - vcs), which is exactly 1 in floating
  // point for every vcs in 0..1 (1 - vcs is exact from 1/2 up; below, its rounding error is at
  // most 2^-54, which the sum rounds away): the shares are whole x w.
  const w1 = 1 - vcs;
  const whole = Math.abs(lost);
  const e0 = whole * vcs, e1 = whole * w1;
  let f0 = Math.floor(e0);
  const f1 = Math.floor(e1);
  const left = whole - (f0 + f1);
  // A cent left means both shares have a fraction (a zero weight's share is 0 and the other's
  // whole), so both weights are positive: larger remainder first, the first part on a tie.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: with left = 0 the step adds ceil(0) or floor(0)
  if (left > 0) f0 += e0 - f0 >= e1 - f1 ? Math.ceil(left / 2) : Math.floor(left / 2);
  return f0 * Math.sign(lost) + 0;
}
