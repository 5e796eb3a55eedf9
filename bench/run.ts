/**
 * `npm run bench`: speed and memory, side by side with named peers in the same run. Not a test:
 * timings depend on the machine and its load (printed with every run); nothing here asserts a
 * target. Results and how to read them: docs/benchmarks.md.
 *
 *   npm run bench                      every part, each timing `runs` times (the median)
 *   npm run bench -- --only slider,memory   some parts (`--list` names them)
 *   npm run bench -- --quick           fewer samples, one run per timing: a smoke run
 *   npm run bench -- --runs 5          runs per timing (default 3; 1 with --quick)
 *   npm run bench -- --json            the figures as JSON on stdout (the lines go to stderr)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { arrangementsPart } from "./parts/arrangements.ts";
import type { BenchContext, BenchPart } from "./parts/context.ts";
import { memoryPart } from "./parts/memory.ts";
import { numpyPart } from "./parts/numpy.ts";
import { referencePart } from "./parts/reference.ts";
import { sitePart } from "./parts/site.ts";
import { evaluatePart, sliderPart, validationPart } from "./parts/scale.ts";
import { startupPart } from "./parts/startup.ts";
import { load } from "./timing.ts";

const PARTS: BenchPart[] = [referencePart, numpyPart, sliderPart, evaluatePart, validationPart, arrangementsPart, memoryPart, startupPart, sitePart];

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
if (flag("--list") || flag("--help")) {
  process.stdout.write("npm run bench -- [--only a,b] [--quick] [--runs N] [--json]\nparts:\n" + PARTS.map((p) => `  ${p.name.padEnd(13)} ${p.about}`).join("\n") + "\n");
  process.exit(0);
}
const json = flag("--json"), quick = flag("--quick");
const only = value("--only")?.split(",").map((s) => s.trim()).filter(Boolean);
const unknown = (only ?? []).filter((n) => !PARTS.some((p) => p.name === n));
if (unknown.length > 0) {
  process.stderr.write(`unknown part(s): ${unknown.join(", ")} (known: ${PARTS.map((p) => p.name).join(", ")})\n`);
  process.exit(2);
}
const runs = Number(value("--runs") ?? (quick ? 1 : 3));
if (!(Number.isSafeInteger(runs) && runs >= 1)) { process.stderr.write("--runs: give a whole number of at least 1\n"); process.exit(2); }

const tmp = mkdtempSync(join(tmpdir(), "bcase-bench-"));
const out = json ? process.stderr : process.stdout;
const ctx: BenchContext = { quick, runs, tmp, root: join(dirname(fileURLToPath(import.meta.url)), ".."), log: (s) => out.write(s + "\n") };
const result: Record<string, unknown> = { machine: { cpu: cpus()[0]?.model ?? "cpu", cores: availableParallelism(), node: process.version }, quick, runs, parts: {} };
ctx.log(`bcase bench${quick ? " (quick)" : ""}: ${cpus()[0]?.model ?? "cpu"} x ${availableParallelism()}, node ${process.version}, ${runs} run${runs === 1 ? "" : "s"} per timing (median); load average ${load()}`);
try {
  for (const part of PARTS.filter((p) => only === undefined || only.includes(p.name))) {
    ctx.log(`\n== ${part.name}: ${part.about} (load average ${load()})`);
    const before = load();
    const r = await part.run(ctx);
    (result.parts as Record<string, unknown>)[part.name] = { ...r, loadAverage: { before, after: load() } };
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
