/**
 * The Monte Carlo kernel: every partner's NPV, undiscounted net and (optionally) net per year,
 * for a block of samples at once, column by column, in floating-point cents.
 *
 * Why it is fast: a line of the status quo (an effect, an investment) pays, in year k, an
 * amount s * g_k to each partner p times a coefficient c_p, where
 *   s    is what varies per sample: quantity x price x (1 - deadweight) x attribution x ...,
 *   g_k  is the time profile (ramp-up x drop-off for an effect, indexation for an investment),
 *   c_p  is the partner's role: a funder's share, -1 for a counterparty, -(1 - vcs) x share for
 *        a provider that loses revenue but keeps its variable cost.
 * So the line adds c_p x s x H to p's NPV, with H = sum_k g_k d_k (d_k the discount factor),
 * and c_p x s x N to its net, N = sum_k g_k. H and N are worked out once per line when the
 * profile does not depend on a sampled value (the usual case), so a sample costs a few
 * multiplications per line instead of a ledger row per line, year and partner. A profile that
 * does vary (a sampled drop-off rate) is summed per sample; a realised figure (monitoring) is
 * a line of its own for its year.
 *
 * What it does not do is round each ledger row to cents: that rounding is not linear. The
 * chunk (chunk.ts) therefore anchors the result on the exact ledger: each sample's NPV is
 * exact(theta_ref) + (linear(theta) - linear(theta_ref)), with theta_ref the base values (the
 * point value for a parameter whose distribution is a point). At theta = theta_ref the
 * difference is exactly zero, so a run with point distributions gives exactly the
 * deterministic ledger; elsewhere a sample differs from its own exact ledger by at most the
 * rounding of the rows at theta and at theta_ref (half a cent per row and rounding, a
 * property test measures it). `exact: true` in the options runs the per-sample ledger instead.
 *
 * Operands: a formula that is one parameter reads that parameter's column; a formula that
 * reads no sampled parameter is a constant (evaluated once); any other formula is evaluated
 * per sample by the chunk into a column of its own (`closures`).
 */
import { discountFactor } from "../money/discount.ts";
import { formulaShape, type Compiled } from "../case/formula.ts";
import type { Path } from "../messages/issues.ts";
import type { Model } from "../case/model.ts";
import { MAX_CENTS } from "../money/money.ts";
import { SimulationInputError } from "./kernel.ts";

/** A value per sample: a constant, or column `col` of the block's columns. */
interface Operand {
  col: number;
  value: number;
}

interface Factor {
  col: number;
  /** Multiply by 1 - x instead of x. */
  oneMinus: boolean;
  /** A fraction: checked to lie in 0..1, else an input error at this path. */
  fraction: Path | null;
}

interface Role {
  partner: number;
  /** Coefficient k0 + k1 x vcs. */
  k0: number;
  k1: number;
}

interface Line {
  /** The effect or investment (for input errors). */
  path: Path;
  /** s = constant x product of the factors' columns. */
  constant: number;
  factors: Factor[];
  /** Year index (from the start) and time weight g of each year the line pays in. */
  years: Int32Array;
  g: Float64Array;
  /** sum g d and sum g, when the profile is constant. */
  H: number;
  N: number;
  /**
   * The largest |s| whose rows all stay within MAX_CENTS: MAX_CENTS / max_k g_k max(1, d_k)
   * (a coefficient is at most 1 in size; a sampled drop-off only lowers g).
   */
  limit: number;
  /** A sampled drop-off rate: g_j = ramp_j x (1 - rate)^power_j per sample (col -1: constant profile). */
  rate: Operand;
  ratePath: Path;
  ramp: Float64Array;
  power: Float64Array;
  roles: Role[];
  /** Variable-cost share (constant or sampled); only read when a role has k1 != 0. */
  vcs: Operand;
  vcsPath: Path;
  /** The common shape in one loop (see `fusedLine`), or null. */
  fused: Fused | null;
  /**
   * Per role, the accumulator of its partner and this line's time profile, for the net per
   * year (see `evaluate`); null when the profile or a coefficient varies per sample.
   */
  yearSlots: Int32Array | null;
}

/**
 * The common line in one pass: at most three factor columns, none taken as 1 - x, a constant
 * profile and one or two partners with constant coefficients (a funder; a provider).
 */
interface Fused {
  c0: number;
  c1: number;
  c2: number;
  /** Fraction bounds per factor: [0, 1] for a fraction, (-inf, inf) otherwise. */
  lo0: number; hi0: number; lo1: number; hi1: number; lo2: number; hi2: number;
  p0: number;
  k0: number;
  /** Second partner, or -1. */
  p1: number;
  k1: number;
}

/**
 * Reports the first sample whose amount is not a finite number (a formula divided by zero, say)
 * or makes a row pass MAX_CENTS: input data, with the line's path.
 */
function notFinite(s: Float64Array, L: number, limit: number, path: Path): never {
  for (let i = 0; i < L; i++) {
    if (!(Math.abs(s[i]!) < Infinity)) throw new SimulationInputError(path, "notFiniteSampled", { value: s[i]! });
    if (!(Math.abs(s[i]!) <= limit)) throw new SimulationInputError(path, "amountOverflow", { what: "line", value: s[i]! / 100 });
  }
  throw new Error("unreachable");
}

/** A column of ones, for the absent factors of a fused line (grown as blocks need). */
let ONES = new Float64Array(0);

/**
 * One line of the fused shape: s = constant x c0 x c1 x c2 per sample, then s H and s N times
 * each partner's coefficient, in one loop. Returns false (having written nothing) when a
 * fraction column holds a value outside 0..1, so the general path reports it.
 */
function fusedLine(line: Line, f: Fused, cols: readonly Float64Array[], L: number, npv: Float64Array, net: Float64Array, stride: number, offset: number, acc: Float64Array | null, sOut: Float64Array): boolean {
  if (ONES.length < L) ONES = new Float64Array(L).fill(1);
  const x0 = f.c0 >= 0 ? cols[f.c0]! : ONES, x1 = f.c1 >= 0 ? cols[f.c1]! : ONES, x2 = f.c2 >= 0 ? cols[f.c2]! : ONES;
  const { lo0, hi0, lo1, hi1, lo2, hi2 } = f;
  let bad = 0;
  for (let i = 0; i < L; i++) {
    const a = x0[i]!, b = x1[i]!, c = x2[i]!;
    bad += Number(!(a >= lo0 && a <= hi0 && b >= lo1 && b <= hi1 && c >= lo2 && c <= hi2));
  }
  if (bad > 0) return false;
  // The general path's arithmetic in its order (((k x0) x1) x2, then x H and x N, then x the
  // coefficient), so both paths give the same bits and the anchor holds for either.
  const k = line.constant, H = line.H, N = line.N, limit = line.limit;
  const a0 = f.p0 * stride + offset, m0 = f.k0;
  let infinite = 0;
  if (f.p1 < 0) {
    for (let i = 0; i < L; i++) {
      const s = k * x0[i]! * x1[i]! * x2[i]!;
      sOut[i] = s;
      infinite += Number(!(Math.abs(s) <= limit));
      npv[a0 + i] = npv[a0 + i]! + m0 * (s * H);
      net[a0 + i] = net[a0 + i]! + m0 * (s * N);
    }
  } else {
    const a1 = f.p1 * stride + offset, m1 = f.k1;
    for (let i = 0; i < L; i++) {
      const s = k * x0[i]! * x1[i]! * x2[i]!, h = s * H, n = s * N;
      sOut[i] = s;
      infinite += Number(!(Math.abs(s) <= limit));
      npv[a0 + i] = npv[a0 + i]! + m0 * h;
      net[a0 + i] = net[a0 + i]! + m0 * n;
      npv[a1 + i] = npv[a1 + i]! + m1 * h;
      net[a1 + i] = net[a1 + i]! + m1 * n;
    }
  }
  if (infinite > 0) notFinite(sOut, L, limit, line.path);
  if (acc !== null) {
    // As the general path: coefficient x s into the role's accumulator.
    for (let r = 0; r < (f.p1 < 0 ? 1 : 2); r++) {
      const m = r === 0 ? f.k0 : f.k1, at = line.yearSlots![r]! * L;
      for (let i = 0; i < L; i++) acc[at + i] = acc[at + i]! + m * sOut[i]!;
    }
  }
  return true;
}

export interface LinearKernel {
  readonly partners: readonly string[];
  readonly years: number;
  /** Formulas the chunk evaluates per sample, into columns `firstClosureColumn`, `firstClosureColumn + 1`, ... */
  readonly closures: readonly Compiled[];
  /**
   * Adds the lines of samples [0, L) of the block's columns to `npv[p * stride + offset + i]`,
   * `net[...]` and, when given, `yearly[(p * Y + k) * stride + offset + i]` (the caller zeroes them).
   */
  evaluate(cols: readonly Float64Array[], L: number, npv: Float64Array, net: Float64Array, yearly: Float64Array | null, stride: number, offset: number): void;
}

/**
 * `columnOfSlot[slot]` is the column holding a sampled or derived parameter (-1 for the others,
 * whose value in `base` is a constant); closure columns follow from `firstClosureColumn`.
 */
export function compileLinearKernel(model: Model, columnOfSlot: Int32Array, base: Float64Array, firstClosureColumn: number, options: { fuse?: boolean } = {}): LinearKernel {
  const c = model.case;
  const partners = c.partners.map((p) => p.id);
  const pIndex = new Map(partners.map((p, i) => [p, i]));
  const Y = model.years.length;
  const df = Float64Array.from({ length: Y }, (_, k) => discountFactor(c.discountRate, k));
  const closures: Compiled[] = [];

  const operand = (fn: Compiled): Operand => {
    const shape = formulaShape(fn);
    if (shape !== undefined) {
      if (shape.constant !== undefined) return { col: -1, value: shape.constant };
      if (shape.slot !== undefined && columnOfSlot[shape.slot]! >= 0) return { col: columnOfSlot[shape.slot]!, value: NaN };
      if (shape.slots.every((s) => columnOfSlot[s]! < 0)) return { col: -1, value: fn(base) };
    }
    let j = closures.indexOf(fn);
    if (j < 0) { j = closures.length; closures.push(fn); }
    return { col: firstClosureColumn + j, value: NaN };
  };
  const CONST_ZERO: Operand = { col: -1, value: 0 };

  const lines: Line[] = [];
  /** A line from its factors (operands: constants fold into one number) and time profile. */
  const addLine = (path: Path, parts: { op: Operand; oneMinus: boolean; fraction: Path | null }[], years: number[], g: number[], roles: Role[], vcs: Operand, vcsPath: Path,
    drop?: { rate: Operand; path: Path; ramp: number[]; power: number[] }): void => {
    let constant = 100; // cents
    const factors: Factor[] = [];
    for (const p of parts) {
      if (p.op.col < 0) {
        if (p.fraction && !(p.op.value >= 0 && p.op.value <= 1)) throw new SimulationInputError(p.fraction, "fractionSampled", { value: p.op.value });
        constant *= p.oneMinus ? 1 - p.op.value : p.op.value;
      } else factors.push({ col: p.op.col, oneMinus: p.oneMinus, fraction: p.fraction });
    }
    const merged: Role[] = [];
    for (const r of roles) {
      const m = merged.find((x) => x.partner === r.partner);
      if (m) { m.k0 += r.k0; m.k1 += r.k1; } else merged.push({ ...r });
    }
    const varying = drop !== undefined && drop.rate.col >= 0;
    const gArr = Float64Array.from(g);
    let H = 0, N = 0, gMax = 0;
    for (let j = 0; j < years.length; j++) {
      H += gArr[j]! * df[years[j]!]!; N += gArr[j]!;
      gMax = Math.max(gMax, (varying ? drop.ramp[j]! : Math.abs(gArr[j]!)) * Math.max(1, df[years[j]!]!));
    }
    const kept = merged.filter((r) => r.k0 !== 0 || r.k1 !== 0);
    const coefficient = (r: Role) => (r.k1 === 0 ? r.k0 : r.k0 + r.k1 * vcs.value);
    const fusable = options.fuse !== false && !varying && factors.length <= 3 && factors.every((f) => !f.oneMinus) && kept.length >= 1 && kept.length <= 2
      && kept.every((r) => r.k1 === 0 || vcs.col < 0);
    const bounds = (j: number) => (factors[j]?.fraction ? [0, 1] : [-Infinity, Infinity]) as [number, number];
    const [lo0, hi0] = bounds(0), [lo1, hi1] = bounds(1), [lo2, hi2] = bounds(2);
    lines.push({
      path, constant, factors, years: Int32Array.from(years), g: gArr, H, N, limit: gMax > 0 ? MAX_CENTS / gMax : Number.MAX_VALUE,
      rate: varying ? drop.rate : CONST_ZERO, ratePath: drop?.path ?? [], ramp: Float64Array.from(drop?.ramp ?? []), power: Float64Array.from(drop?.power ?? []),
      roles: kept, vcs, vcsPath, yearSlots: null,
      fused: !fusable ? null : {
        c0: factors[0]?.col ?? -1, c1: factors[1]?.col ?? -1, c2: factors[2]?.col ?? -1, lo0, hi0, lo1, hi1, lo2, hi2,
        p0: kept[0]!.partner, k0: coefficient(kept[0]!), p1: kept[1]?.partner ?? -1, k1: kept[1] ? coefficient(kept[1]) : 0,
      },
    });
  };

  // Investments: a line per distinct amount formula and bearer; g = the indexation factor.
  model.investments.forEach((inv, index) => {
    const groups = new Map<Compiled, { years: number[]; g: number[] }>();
    for (const y of inv.years) {
      const grp = groups.get(y.amount) ?? { years: [], g: [] };
      groups.set(y.amount, grp);
      grp.years.push(y.year - c.startYear);
      grp.g.push(y.factor);
    }
    for (const [fn, grp] of groups) {
      addLine(["investments", index], [{ op: operand(fn), oneMinus: false, fraction: null }], grp.years, grp.g, [{ partner: pIndex.get(inv.line.bearer)!, k0: -1, k1: 0 }], CONST_ZERO, []);
    }
  });

  // Effects with a price (outcomes are not money).
  model.effects.forEach((e, index) => {
    if (e.line.type === "outcome" || !e.unitPrice || !e.funders) return;
    const at = (...field: (string | number)[]): Path => ["effects", index, ...field];
    const total = (list: readonly { share: number }[]) => list.reduce((s, x) => s + x.share, 0);
    const fTotal = total(e.funders), pTotal = total(e.providers);
    const roles: Role[] = [
      ...e.funders.map((f) => ({ partner: pIndex.get(f.partner)!, k0: f.share / fTotal, k1: 0 })),
      ...(e.counterparty !== undefined ? [{ partner: pIndex.get(e.counterparty)!, k0: -1, k1: 0 }] : []),
      ...e.providers.map((p) => ({ partner: pIndex.get(p.partner)!, k0: -p.share / pTotal, k1: p.share / pTotal })),
    ];
    const vcs = e.variableCostShare && e.providers.length > 0 ? operand(e.variableCostShare) : CONST_ZERO;
    const vcsPath = at("production", "variableCostShare");
    const price = operand(e.unitPrice);
    const fraction = (fn: Compiled, field: string) => ({ op: operand(fn), oneMinus: field !== "attribution", fraction: at(field) });
    const planned = [
      { op: operand(e.quantity), oneMinus: false, fraction: null }, { op: price, oneMinus: false, fraction: null },
      fraction(e.deadweight, "deadweight"), fraction(e.attribution, "attribution"), fraction(e.displacement, "displacement"), fraction(e.optimismBias, "optimismBias"),
    ];
    const years: number[] = [], ramp: number[] = [], power: number[] = [];
    for (const y of e.years) {
      const k = y.year - c.startYear;
      // A realised figure replaces the plan that year: a line of its own (amount, or quantity x price).
      if (y.actualAmount) addLine(at(), [{ op: operand(y.actualAmount), oneMinus: false, fraction: null }], [k], [1], roles, vcs, vcsPath);
      else if (y.actualQuantity) addLine(at(), [{ op: operand(y.actualQuantity), oneMinus: false, fraction: null }, { op: price, oneMinus: false, fraction: null }], [k], [1], roles, vcs, vcsPath);
      else { years.push(k); ramp.push(y.ramp); power.push(y.dropOffPower); }
    }
    if (years.length === 0) return;
    const rate = e.dropOffRate ? operand(e.dropOffRate) : CONST_ZERO;
    if (rate.col < 0 && !(rate.value >= 0 && rate.value <= 1)) throw new SimulationInputError(at("dropOff", "rate"), "fractionSampled", { value: rate.value });
    const g = ramp.map((r, j) => (e.dropOffRate ? r * Math.pow(1 - rate.value, power[j]!) : r));
    addLine(at(), planned, years, g, roles, vcs, vcsPath, e.dropOffRate ? { rate, path: at("dropOff", "rate"), ramp, power } : undefined);
  });

  // Lines with a constant profile and constant coefficients add to the net per year through one
  // accumulator per partner and profile: coefficient x s per line and sample, then each
  // profile's weights once per accumulator, instead of Y additions per line and partner.
  const profiles: { years: Int32Array; g: Float64Array }[] = [], profileKey = new Map<string, number>();
  const slotPartner: number[] = [], slotProfile: number[] = [], slotKey = new Map<string, number>();
  for (const line of lines) {
    if (line.rate.col >= 0 || !line.roles.every((r) => r.k1 === 0 || line.vcs.col < 0)) continue;
    const key = `${Array.from(line.years).join(",")}|${Array.from(line.g).join(",")}`;
    let pr = profileKey.get(key);
    if (pr === undefined) { pr = profiles.length; profiles.push({ years: line.years, g: line.g }); profileKey.set(key, pr); }
    line.yearSlots = Int32Array.from(line.roles, (r) => {
      const k = `${r.partner}|${pr}`;
      let slot = slotKey.get(k);
      if (slot === undefined) { slot = slotPartner.length; slotPartner.push(r.partner); slotProfile.push(pr!); slotKey.set(k, slot); }
      return slot;
    });
  }
  const SLOTS = slotPartner.length;
  let scratchAcc = new Float64Array(0);

  let scratchS = new Float64Array(0), scratchH = new Float64Array(0), scratchN = new Float64Array(0), scratchC = new Float64Array(0);
  const fractionError = (col: Float64Array, L: number, path: Path): never => {
    for (let i = 0; i < L; i++) if (!(col[i]! >= 0 && col[i]! <= 1)) throw new SimulationInputError(path, "fractionSampled", { value: col[i]! });
    throw new Error("unreachable");
  };
  /** True when every value is a fraction (one comparison pass, no branch per value). */
  const allFractions = (col: Float64Array, L: number): boolean => {
    let bad = 0;
    for (let i = 0; i < L; i++) { const x = col[i]!; bad += Number(!(x >= 0 && x <= 1)); }
    return bad === 0;
  };

  return {
    partners, years: Y, closures,
    evaluate(cols, L, npv, net, yearly, stride, offset) {
      if (scratchS.length < L) { scratchS = new Float64Array(L); scratchH = new Float64Array(L); scratchN = new Float64Array(L); scratchC = new Float64Array(L); }
      const s = scratchS, h = scratchH, n = scratchN, coef = scratchC;
      if (yearly !== null && scratchAcc.length < SLOTS * L) scratchAcc = new Float64Array(SLOTS * L);
      const acc = yearly !== null && SLOTS > 0 ? scratchAcc : null;
      if (acc !== null) acc.fill(0, 0, SLOTS * L);
      for (let l = 0; l < lines.length; l++) {
        const line = lines[l]!;
        if (line.fused !== null && fusedLine(line, line.fused, cols, L, npv, net, stride, offset, acc, s)) continue;
        // s = constant x factors.
        const fs = line.factors, k = line.constant;
        if (fs.length === 0) s.fill(k, 0, L);
        for (let f = 0; f < fs.length; f++) {
          const x = cols[fs[f]!.col]!;
          if (fs[f]!.fraction !== null && !allFractions(x, L)) fractionError(x, L, fs[f]!.fraction!);
          if (f === 0) {
            if (fs[0]!.oneMinus) for (let i = 0; i < L; i++) s[i] = k * (1 - x[i]!);
            else for (let i = 0; i < L; i++) s[i] = k * x[i]!;
          } else if (fs[f]!.oneMinus) for (let i = 0; i < L; i++) s[i] = s[i]! * (1 - x[i]!);
          else for (let i = 0; i < L; i++) s[i] = s[i]! * x[i]!;
        }
        let infinite = 0;
        const limit = line.limit;
        for (let i = 0; i < L; i++) infinite += Number(!(Math.abs(s[i]!) <= limit));
        if (infinite > 0) notFinite(s, L, limit, line.path);
        // The time profile: constant (H, N) or summed per sample (a sampled drop-off rate).
        const years = line.years, g = line.g;
        const rateCol = line.rate.col >= 0 ? cols[line.rate.col]! : null;
        if (rateCol !== null) {
          if (!allFractions(rateCol, L)) fractionError(rateCol, L, line.ratePath);
          const ramp = line.ramp, power = line.power;
          for (let i = 0; i < L; i++) {
            const keep = 1 - rateCol[i]!;
            let hs = 0, ns = 0;
            for (let j = 0; j < years.length; j++) { const w = ramp[j]! * Math.pow(keep, power[j]!); hs += w * df[years[j]!]!; ns += w; }
            h[i] = s[i]! * hs; n[i] = s[i]! * ns;
          }
        } else {
          const H = line.H, N = line.N;
          for (let i = 0; i < L; i++) { const x = s[i]!; h[i] = x * H; n[i] = x * N; }
        }
        // Each partner's share of the line.
        const vcsCol = line.vcs.col >= 0 ? cols[line.vcs.col]! : null;
        const vcsValue = line.vcs.value;
        if (vcsCol !== null && line.roles.some((r) => r.k1 !== 0) && !allFractions(vcsCol, L)) fractionError(vcsCol, L, line.vcsPath);
        for (let r = 0; r < line.roles.length; r++) {
          const { partner, k0, k1 } = line.roles[r]!;
          const at = partner * stride + offset;
          if (k1 === 0 || vcsCol === null) {
            const cst = k1 === 0 ? k0 : k0 + k1 * vcsValue;
            for (let i = 0; i < L; i++) { npv[at + i] = npv[at + i]! + cst * h[i]!; net[at + i] = net[at + i]! + cst * n[i]!; }
            if (acc !== null && line.yearSlots !== null) {
              const at = line.yearSlots[r]! * L;
              for (let i = 0; i < L; i++) acc[at + i] = acc[at + i]! + cst * s[i]!;
            } else if (yearly !== null) {
              for (let j = 0; j < years.length; j++) {
                const base = (partner * Y + years[j]!) * stride + offset;
                if (rateCol === null) { const w = cst * g[j]!; for (let i = 0; i < L; i++) yearly[base + i] = yearly[base + i]! + w * s[i]!; }
                else for (let i = 0; i < L; i++) yearly[base + i] = yearly[base + i]! + cst * s[i]! * line.ramp[j]! * Math.pow(1 - rateCol[i]!, line.power[j]!);
              }
            }
          } else {
            for (let i = 0; i < L; i++) coef[i] = k0 + k1 * vcsCol[i]!;
            for (let i = 0; i < L; i++) { npv[at + i] = npv[at + i]! + coef[i]! * h[i]!; net[at + i] = net[at + i]! + coef[i]! * n[i]!; }
            if (yearly !== null) {
              for (let j = 0; j < years.length; j++) {
                const base = (partner * Y + years[j]!) * stride + offset;
                for (let i = 0; i < L; i++) {
                  const w = rateCol === null ? g[j]! : line.ramp[j]! * Math.pow(1 - rateCol[i]!, line.power[j]!);
                  yearly[base + i] = yearly[base + i]! + coef[i]! * s[i]! * w;
                }
              }
            }
          }
        }
      }
      if (acc !== null) {
        // Each accumulator's profile, once: weight g_k x (sum of coefficient x s) into year k.
        for (let slot = 0; slot < SLOTS; slot++) {
          const partner = slotPartner[slot]!, { years, g } = profiles[slotProfile[slot]!]!, at = slot * L;
          for (let j = 0; j < years.length; j++) {
            const base = (partner * Y + years[j]!) * stride + offset, w = g[j]!;
            for (let i = 0; i < L; i++) yearly![base + i] = yearly![base + i]! + w * acc[at + i]!;
          }
        }
      }
    },
  };
}
