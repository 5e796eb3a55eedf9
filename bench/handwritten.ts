/**
 * The reference model as a plain hand-written loop over Float64Array columns: what someone
 * would write for this one model, the practical speed limit. It samples its inputs the same
 * way as the engine (same streams, same samplers) and keeps the same per-line money
 * conventions (each line rounded to cents, each discounted row rounded, the provider's
 * variable-cost part split off), but with everything known at compile time: no formulas, no
 * parameter vector, no allocation rules beyond one rounding.
 */
import { compileSampler } from "../engine/index.ts";
import { createRng, summarize, type Summary } from "../engine/uncertainty/index.ts";
import { DOMAINS, EFFECTS, INVESTMENTS, PARTNERS, RATE, YEARS, timeFactor } from "./reference.ts";

export function handwritten(n: number, seed: number): { partners: Summary[]; society: Summary } {
  const P = PARTNERS.length;
  const idx = (id: string) => PARTNERS.indexOf(id as (typeof PARTNERS)[number]);
  const df = Float64Array.from({ length: YEARS }, (_, k) => 1 / Math.pow(1 + RATE, k));
  const streams = createRng(seed).fork(0).fork(0);
  let col = 0;
  const column = (spec: Parameters<typeof compileSampler>[0]) => compileSampler(spec)(streams.fork(col++).fill(new Float64Array(n)), new Float64Array(n));
  const E = EFFECTS.length;
  const q: Float64Array[] = [], p: Float64Array[] = [], a: Float64Array[] = [];
  for (const e of EFFECTS) {
    q.push(column({ type: "normal", ...e.q }));
    p.push(column({ type: "uniform", ...e.p }));
    a.push(column({ type: "beta", ...e.a }));
  }
  const cost = INVESTMENTS.map((inv) => column({ type: "normal", ...inv.cost }));
  const tf = EFFECTS.map((e) => Float64Array.from({ length: YEARS }, (_, k) => timeFactor(e, k)));
  const funder = Int32Array.from(EFFECTS, (e) => idx(DOMAINS[e.domain].funder));
  const provider = Int32Array.from(EFFECTS, (e) => (DOMAINS[e.domain].provider ? idx(DOMAINS[e.domain].provider!) : -1));
  const vcs = Float64Array.from(EFFECTS, (e) => DOMAINS[e.domain].vcs);
  const keep = Float64Array.from(EFFECTS, (e) => 1 - e.deadweight);
  const bearer = Int32Array.from(INVESTMENTS, (inv) => idx(inv.bearer));
  const npv = Array.from({ length: P + 1 }, () => new Float64Array(n));
  const row = new Float64Array(P);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    for (let j = 0; j < INVESTMENTS.length; j++) {
      const amount = -Math.round(cost[j]![i]! * 100);
      for (let k = 0; k < YEARS; k++) row[bearer[j]!] = row[bearer[j]!]! + Math.round(amount * df[k]!);
    }
    for (let e = 0; e < E; e++) {
      const base = q[e]![i]! * p[e]![i]! * (keep[e]! * a[e]![i]!) * 100;
      const f = funder[e]!, pr = provider[e]!, t = tf[e]!;
      for (let k = 0; k < YEARS; k++) {
        const saving = Math.round(base * t[k]!);
        row[f] = row[f]! + Math.round(saving * df[k]!);
        if (pr >= 0) {
          // The provider's two rows (lost revenue, variable-cost saving), each rounded like a ledger row.
          const variable = Math.floor(saving * vcs[e]! + 0.5);
          row[pr] = row[pr]! + Math.round(-saving * df[k]!) + Math.round(variable * df[k]!);
        }
      }
    }
    let s = 0;
    for (let j = 0; j < P; j++) { npv[j]![i] = row[j]!; s += row[j]!; }
    npv[P]![i] = s;
  }
  const all = npv.map((c) => summarize(c));
  return { partners: all.slice(0, P), society: all[P]! };
}
