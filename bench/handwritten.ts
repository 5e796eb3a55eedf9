/**
 * The reference model as a plain hand-written loop over Float64Array columns: what someone
 * would write for this one model, the practical speed limit (blocks of 1,024 samples, one loop
 * per effect). It samples its inputs the same
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
  // One stream and sampler per input column; sampled 1,024 values at a time so a block's columns
  // stay in cache (the engine's chunks do the same).
  const streams = createRng(seed).fork(0).fork(0);
  const B = 1024;
  let col = 0;
  const input = (spec: Parameters<typeof compileSampler>[0]) => ({ rng: streams.fork(col++), sample: compileSampler(spec), x: new Float64Array(B) });
  const E = EFFECTS.length;
  const q = EFFECTS.map((e) => input({ type: "normal", ...e.q }));
  const p = EFFECTS.map((e) => input({ type: "uniform", ...e.p }));
  const a = EFFECTS.map((e) => input({ type: "beta", ...e.a }));
  const cost = INVESTMENTS.map((inv) => input({ type: "normal", ...inv.cost }));
  const inputs = [...q, ...p, ...a, ...cost];
  // Each effect's time profile summed once: H = sum over years of ramp-up x drop-off x discount
  // factor (N without discounting); an investment's H is the sum of the discount factors.
  const H = Float64Array.from(EFFECTS, (e) => { let h = 0; for (let k = 0; k < YEARS; k++) h += timeFactor(e, k) * df[k]!; return h; });
  const N = Float64Array.from(EFFECTS, (e) => { let h = 0; for (let k = 0; k < YEARS; k++) h += timeFactor(e, k); return h; });
  const invH = df.reduce((x, y) => x + y, 0);
  const funder = Int32Array.from(EFFECTS, (e) => idx(DOMAINS[e.domain].funder));
  const provider = Int32Array.from(EFFECTS, (e) => (DOMAINS[e.domain].provider ? idx(DOMAINS[e.domain].provider!) : -1));
  const lost = Float64Array.from(EFFECTS, (e) => DOMAINS[e.domain].vcs - 1);
  const keep = Float64Array.from(EFFECTS, (e) => (1 - e.deadweight) * 100);
  const bearer = Int32Array.from(INVESTMENTS, (inv) => idx(inv.bearer));
  const npv = Array.from({ length: P + 1 }, () => new Float64Array(n));
  const nets = Array.from({ length: P + 1 }, () => new Float64Array(n));
  for (let start = 0; start < n; start += B) {
    const L = Math.min(B, n - start);
    for (const c of inputs) { const u = L === B ? c.x : c.x.subarray(0, L); c.sample(c.rng.fill(u), u); }
    for (let j = 0; j < NI; j++) {
      const x = cost[j]!.x, row = npv[bearer[j]!]!, net = nets[bearer[j]!]!;
      for (let i = 0; i < L; i++) { const c = x[i]! * 100; row[start + i] = row[start + i]! - c * invH; net[start + i] = net[start + i]! - c * Y; }
    }
    for (let e = 0; e < E; e++) {
      const xq = q[e]!.x, xp = p[e]!.x, xa = a[e]!.x, k = keep[e]!, h = H[e]!, m = N[e]!;
      const fRow = npv[funder[e]!]!, fNet = nets[funder[e]!]!;
      if (provider[e]! < 0) {
        for (let i = 0; i < L; i++) { const s = xq[i]! * xp[i]! * xa[i]! * k; fRow[start + i] = fRow[start + i]! + s * h; fNet[start + i] = fNet[start + i]! + s * m; }
      } else {
        const pRow = npv[provider[e]!]!, pNet = nets[provider[e]!]!, v = lost[e]!;
        for (let i = 0; i < L; i++) {
          const s = xq[i]! * xp[i]! * xa[i]! * k, sh = s * h, sm = s * m;
          fRow[start + i] = fRow[start + i]! + sh; fNet[start + i] = fNet[start + i]! + sm;
          pRow[start + i] = pRow[start + i]! + v * sh; pNet[start + i] = pNet[start + i]! + v * sm;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) {
    let sn = 0, snet = 0;
    for (let j = 0; j < P; j++) { sn += npv[j]![i]!; snet += nets[j]![i]!; }
    npv[P]![i] = sn;
    nets[P]![i] = snet;
  }
  const all = npv.map((c) => summarize(c));
  return { partners: all.slice(0, P), society: all[P]!, net: nets.map((c) => summarize(c)) };
}
