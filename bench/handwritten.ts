/**
 * The reference model as a plain hand-written loop over Float64Array columns: what someone
 * would write for this one model, the practical speed limit. It samples its inputs the same
 * way as the engine (same streams, same samplers) and computes what the engine's column kernel
 * computes (engine/simulate/linear.ts), in floating-point cents: each effect's yearly profile
 * (ramp-up, drop-off, discounting) summed once, so a sample costs a few multiplications per
 * effect; the provider loses the saving and keeps its variable-cost part. Everything is known
 * at compile time: no formulas, no parameter columns, no anchoring on the exact ledger. It
 * returns what the engine returns for the status quo (the summary of NPV and of the
 * undiscounted net per partner and society).
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
  // Each effect's time profile summed once: H = sum over years of ramp-up x drop-off x discount
  // factor (N without discounting); an investment's H is the sum of the discount factors.
  const H = Float64Array.from(EFFECTS, (e) => { let h = 0; for (let k = 0; k < YEARS; k++) h += timeFactor(e, k) * df[k]!; return h; });
  const N = Float64Array.from(EFFECTS, (e) => { let h = 0; for (let k = 0; k < YEARS; k++) h += timeFactor(e, k); return h; });
  const invH = df.reduce((a, b) => a + b, 0);
  const funder = Int32Array.from(EFFECTS, (e) => idx(DOMAINS[e.domain].funder));
  const provider = Int32Array.from(EFFECTS, (e) => (DOMAINS[e.domain].provider ? idx(DOMAINS[e.domain].provider!) : -1));
  const lost = Float64Array.from(EFFECTS, (e) => DOMAINS[e.domain].vcs - 1);
  const keep = Float64Array.from(EFFECTS, (e) => (1 - e.deadweight) * 100);
  const bearer = Int32Array.from(INVESTMENTS, (inv) => idx(inv.bearer));
  const npv = Array.from({ length: P + 1 }, () => new Float64Array(n));
  const nets = Array.from({ length: P + 1 }, () => new Float64Array(n));
  const row = new Float64Array(P), net = new Float64Array(P);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    net.fill(0);
    for (let j = 0; j < NI; j++) {
      const c = cost[j]![i]! * 100, b = bearer[j]!;
      row[b] = row[b]! - c * invH;
      net[b] = net[b]! - c * Y;
    }
    for (let e = 0; e < E; e++) {
      const s = q[e]![i]! * p[e]![i]! * a[e]![i]! * keep[e]!;
      const f = funder[e]!, pr = provider[e]!, h = s * H[e]!, m = s * N[e]!;
      row[f] = row[f]! + h;
      net[f] = net[f]! + m;
      if (pr >= 0) { row[pr] = row[pr]! + lost[e]! * h; net[pr] = net[pr]! + lost[e]! * m; }
    }
    let sn = 0, snet = 0;
    for (let j = 0; j < P; j++) { npv[j]![i] = row[j]!; sn += row[j]!; nets[j]![i] = net[j]!; snet += net[j]!; }
    npv[P]![i] = sn;
    nets[P]![i] = snet;
  }
  const all = npv.map((c) => summarize(c));
  return { partners: all.slice(0, P), society: all[P]!, net: nets.map((c) => summarize(c)) };
}
