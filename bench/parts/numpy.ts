/**
 * The engine against a vectorised NumPy implementation of the reference model
 * (bench/numpy_reference.py, Debian's python3-numpy at /usr/bin/python3), whole process: `bcase
 * simulate` on the reference case (every core, the default) against the script, at 100,000
 * samples, plus each one's own compute without its start (the engine's simulate() in this
 * process; the script's `computeMs`). NumPy is installed with apt-get when it is missing and
 * this runs as root; otherwise the part is skipped with a message.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simulate, validateCase } from "../../engine/index.ts";
import { DOMAINS, EFFECTS, INVESTMENTS, PARTNERS, RATE, YEARS, referenceCase, timeFactor } from "../reference.ts";
import { median, ms, show, timeChild, timeRuns, type Timing } from "../timing.ts";
import type { BenchPart } from "./context.ts";

const PYTHON = "/usr/bin/python3";
const hasNumpy = () => existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import numpy"], { stdio: "ignore" }).status === 0;

/** NumPy present, or installed now (root with apt-get); else the reason it is not. */
function ensureNumpy(log: (s: string) => void): string | null {
  if (hasNumpy()) return null;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) return "python3-numpy is not installed and this is not root with apt-get: install it with `apt-get install python3-numpy`";
  log("installing python3-numpy with apt-get ...");
  spawnSync("apt-get", ["update"], { stdio: "ignore" });
  spawnSync("apt-get", ["install", "-y", "python3-numpy"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return hasNumpy() ? null : "apt-get could not install python3-numpy";
}

export const numpyPart: BenchPart = {
  name: "numpy",
  about: "`bcase simulate` whole process vs a vectorised NumPy script of the reference model at 100,000 samples",
  async run({ quick, runs, tmp, root, log }) {
    const N = quick ? 10_000 : 100_000, SEED = 1;
    const why = ensureNumpy(log);
    if (why !== null) { log(`numpy: skipped (${why})`); return { skipped: why }; }
    const caseFile = join(tmp, "reference.json"), specFile = join(tmp, "reference-spec.json");
    writeFileSync(caseFile, JSON.stringify(referenceCase()));
    writeFileSync(specFile, JSON.stringify({
      partners: PARTNERS, years: YEARS, rate: RATE, investments: INVESTMENTS,
      domains: DOMAINS, effects: EFFECTS.map((e) => ({ ...e, profile: Array.from({ length: YEARS }, (_, k) => timeFactor(e, k)) })),
    }));
    // OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (set on some machines for old OpenBLAS builds) slow a current NumPy: not for this command.
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE; delete env.OPENBLAS_L2_SIZE;
    const bcase = [join(root, "bin/bcase.js"), "simulate", caseFile, "-n", String(N), "--seed", String(SEED)];
    const py = [join(root, "bench/numpy_reference.py"), specFile, String(N), String(SEED)];
    timeChild(process.execPath, bcase, { cwd: root });
    timeChild(PYTHON, py, { env });
    const cli: Timing[] = [], np: Timing[] = [], npCompute: number[] = [];
    let society = NaN;
    for (let r = 0; r < runs; r++) {
      cli.push(timeChild(process.execPath, bcase, { cwd: root }));
      const t = timeChild(PYTHON, py, { env }, true);
      np.push(t);
      const out = JSON.parse(t.stdout) as { computeMs: number; entities: { id: string; mean: number }[] };
      npCompute.push(out.computeMs);
      society = out.entities.at(-1)!.mean;
    }
    const v = validateCase(referenceCase());
    if (!v.ok) throw new Error("reference model invalid");
    const opts = { samples: N, seed: SEED, yearly: false, cdfPoints: 0 };
    simulate(v.model, opts);
    const engine = await timeRuns(runs, () => simulate(v.model, opts));
    const engineMean = simulate(v.model, opts).statusQuo.society.npv.mean / 100;
    const cliT = median(cli), npT = median(np);
    const npC = [...npCompute].sort((a, b) => a - b)[Math.floor(npCompute.length / 2)]!;
    const ratio = { wall: +(cliT.wall / npT.wall).toFixed(2), cpu: +(cliT.cpu / npT.cpu).toFixed(2) };
    log(`${N.toLocaleString("en")} samples, whole process: bcase simulate ${show(cliT)}; NumPy script ${show(npT)} -> bcase / NumPy = ${ratio.wall}x wall, ${ratio.cpu}x cpu (target <= 0.5x)`);
    log(`  compute alone: engine simulate() on one thread ${show(engine)}; NumPy from drawing to summaries ${Math.round(npC)} ms (wall) -> ${(engine.wall / npC).toFixed(2)}x`);
    log(`  society mean NPV (EUR): engine ${Math.round(engineMean)}, NumPy ${Math.round(society)}`);
    return { samples: N, bcaseSimulate: ms(cliT), numpy: ms(npT), ratio, engineCompute: ms(engine), numpyComputeMs: Math.round(npC), societyMeanNpvEur: { engine: Math.round(engineMean), numpy: Math.round(society) } };
  },
};
