/**
 * The reference model in Squiggle (@quri/squiggle-lang), written as one would in Squiggle:
 * each input a distribution, each effect's full-strength yearly saving a product of sample
 * sets, its time profile (ramp-up, drop-off, discounting) a plain number, each partner's NPV a
 * sum of those, and society the sum of the partners. Squiggle works in floating-point euros
 * (no per-line rounding to cents) and samples betas its own way.
 */
import { run } from "@quri/squiggle-lang";
import { DOMAINS, EFFECTS, INVESTMENTS, PARTNERS, RATE, YEARS, timeFactor } from "./reference.ts";

export function squiggleCode(): string {
  const df = (k: number) => 1 / Math.pow(1 + RATE, k);
  const pvInvestment = Array.from({ length: YEARS }, (_, k) => df(k)).reduce((s, v) => s + v, 0);
  const lines: string[] = [];
  const terms = new Map<string, string[]>(PARTNERS.map((p) => [p, []]));
  for (const inv of INVESTMENTS) {
    lines.push(`${inv.id} = normal(${inv.cost.mean}, ${inv.cost.sd})`);
    terms.get(inv.bearer)!.push(`-${inv.id} * ${pvInvestment}`);
  }
  for (const e of EFFECTS) {
    const pv = Array.from({ length: YEARS }, (_, k) => timeFactor(e, k) * df(k)).reduce((s, v) => s + v, 0);
    lines.push(`${e.id} = normal(${e.q.mean}, ${e.q.sd}) * uniform(${e.p.min}, ${e.p.max}) * beta(${e.a.a}, ${e.a.b}) * ${1 - e.deadweight} * ${pv}`);
    const d = DOMAINS[e.domain];
    terms.get(d.funder)!.push(e.id);
    if (d.provider) terms.get(d.provider)!.push(`-${e.id} * ${1 - d.vcs}`);
  }
  for (const p of PARTNERS) lines.push(`npv_${p} = ${terms.get(p)!.join(" + ")}`);
  lines.push(`npv_society = ${PARTNERS.map((p) => `npv_${p}`).join(" + ")}`);
  const stats = (x: string) => `[mean(${x}), quantile(${x}, 0.05), quantile(${x}, 0.5), quantile(${x}, 0.95)]`;
  lines.push(`[${[...PARTNERS.map((p) => `npv_${p}`), "npv_society"].map(stats).join(", ")}]`);
  return lines.join("\n");
}

/** Runs the model; returns [mean, p5, p50, p95] in euros per partner and society. */
export async function squiggle(n: number, seed: number): Promise<number[][]> {
  const out = await run(squiggleCode(), { environment: { sampleCount: n, xyPointLength: 1000, seed: String(seed) } });
  if (!out.result.ok) throw new Error(`Squiggle: ${out.result.value.toString()}`);
  return out.result.value.result.asJS() as number[][];
}
