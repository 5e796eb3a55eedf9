/**
 * The reference model as a plain hand-written loop over Float64Array columns: what someone
 * would write for this one model, the practical speed limit. It samples its inputs the same
 * way as the engine (same streams, same samplers) and keeps the same per-line money
 * conventions (each line rounded to cents, each discounted row rounded, the provider's
 * variable-cost part split off), but with everything known at compile time: no formulas, no
 * parameter vector, no allocation rules beyond one rounding. It returns what the engine returns
 * for the status quo (the summary of NPV and of the undiscounted net per partner and society),
 * and rounds with Math.floor(x + 0.5), as fast as the engine's rounding (Math.round costs a
 * mispredicted branch per call in V8), so the comparison is of the same work.
 */
import { compileSampler } from "../engine/index.ts";
import { createRng, summarize, type Summary } from "../engine/uncertainty/index.ts";
import { DOMAINS, EFFECTS, INVESTMENTS, PARTNERS, RATE, YEARS, timeFactor } from "./reference.ts";

export function handwritten(n: number, seed: number): { partners: Summary[]; society: Summary; net: Summary[] } {
  const P = PARTNERS.length, Y = YEARS, NI = INVESTMENTS.length;
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
  const nets = Array.from({ length: P + 1 }, () => new Float64Array(n));
  const row = new Float64Array(P), net = new Float64Array(P);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    net.fill(0);
    for (let j = 0; j < NI; j++) {
      const amount = -Math.floor(cost[j]![i]! * 100 + 0.5), b = bearer[j]!;
      for (let k = 0; k < Y; k++) { row[b] = row[b]! + Math.floor(amount * df[k]! + 0.5); net[b] = net[b]! + amount; }
    }
    for (let e = 0; e < E; e++) {
      const base = q[e]![i]! * p[e]![i]! * (keep[e]! * a[e]![i]!) * 100;
      const f = funder[e]!, pr = provider[e]!, t = tf[e]!, v = vcs[e]!;
      for (let k = 0; k < Y; k++) {
        const saving = Math.floor(base * t[k]! + 0.5);
        const d = Math.floor(saving * df[k]! + 0.5);
        row[f] = row[f]! + d;
        net[f] = net[f]! + saving;
        if (pr >= 0) {
          // The provider's two rows (lost revenue, variable-cost saving), each rounded like a ledger row.
          const variable = Math.floor(saving * v + 0.5);
          row[pr] = row[pr]! - d + Math.floor(variable * df[k]! + 0.5);
          net[pr] = net[pr]! - saving + variable;
        }
      }
    }
    let s = 0, sn = 0;
    for (let j = 0; j < P; j++) { npv[j]![i] = row[j]!; s += row[j]!; nets[j]![i] = net[j]!; sn += net[j]!; }
    npv[P]![i] = s;
    nets[P]![i] = sn;
  }
  const all = npv.map((c) => summarize(c));
  return { partners: all.slice(0, P), society: all[P]!, net: nets.map((c) => summarize(c)) };
}
