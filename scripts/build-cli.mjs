/**
 * Builds the command line as plain JavaScript (esbuild), so `bcase` starts without compiling
 * TypeScript: `npm run build:cli`, and at `npm install` / `npm ci` (the `prepare` script).
 *
 *   dist/cli/bcase.js            the entry (commander, the help texts); ESM
 *   dist/cli/*-[hash].js         chunks loaded when a command runs (the engine, io/, the renderers)
 *   dist/cli/simulate-worker.cjs the Monte Carlo worker thread's script
 *   dist/cli/inputs.json         size, modification time and SHA-1 of every source file the
 *                                bundles were built from: bin/bcase.js uses the bundle in a
 *                                development checkout only while they match (bin/bundle-state.js)
 *
 * The engine's dependencies (zod, yaml, mathjs/number: the expression parser alone, commander)
 * are bundled in; exceljs, jsdom and Observable Plot, which only the workbook and report commands
 * load, stay in node_modules. Usage: node scripts/build-cli.mjs [--outdir DIR] [--quiet]
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf("--outdir");
const outdir = resolve(root, at >= 0 ? args[at + 1] : "dist/cli");
const quiet = args.includes("--quiet");

const t0 = performance.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", logLevel: "warning", metafile: true, legalComments: "none", minifySyntax: true, minifyWhitespace: true };
const WORKER = "simulate-worker.cjs";
const cli = await build({
  ...common,
  entryPoints: { bcase: "cli/bcase.ts" },
  outdir,
  format: "esm",
  splitting: true,
  chunkNames: "[name]-[hash]",
  // Loaded only by import/export/report (and report --format pdf), and not bundleable as-is
  // (jsdom and playwright-core read their own files).
  external: ["exceljs", "jsdom", "@observablehq/plot", "playwright-core", "esbuild", "tsx", "tsx/*"],
  // Bundled CommonJS packages (commander) call require(): give the ESM output one.
  banner: { js: "import { createRequire as __bcaseRequire } from 'node:module'; const require = __bcaseRequire(import.meta.url);" },
  // cli/simulateWorkers.ts reads the prebuilt worker script instead of bundling it at run time.
  define: { __BCASE_WORKER__: JSON.stringify(WORKER) },
});
const worker = await build({ ...common, entryPoints: ["cli/simulate.worker.ts"], outfile: `${outdir}/${WORKER}`, format: "cjs" });

// Every source file outside node_modules, and the package files that pin the dependencies.
const sources = new Set(["package.json", "package-lock.json"]);
for (const m of [cli.metafile, worker.metafile]) for (const p of Object.keys(m.inputs)) if (!p.includes("node_modules/") && !p.startsWith("<")) sources.add(relative(root, resolve(root, p)));
const inputs = [...sources].sort().map((p) => {
  const s = statSync(resolve(root, p));
  return [p, s.size, s.mtimeMs, createHash("sha1").update(readFileSync(resolve(root, p))).digest("hex")];
});
writeFileSync(`${outdir}/inputs.json`, JSON.stringify({ inputs }) + "\n");

// Nothing may pull in more of mathjs than its expression parser (engine/case/formula.ts takes
// only parseDependencies from mathjs/number): no functions, no embedded docs, no evaluator.
const mathjs = new Map();
for (const out of Object.values(cli.metafile.outputs)) for (const [p, i] of Object.entries(out.inputs)) if (p.includes("node_modules/mathjs/") && i.bytesInOutput > 0) mathjs.set(p.replace(/.*mathjs\/lib\/[a-z]+\//, ""), (mathjs.get(p) ?? 0) + i.bytesInOutput);
const beyondParser = [...mathjs.keys()].filter((p) => /^(expression\/(embeddedDocs|function|transform\/(?!utils))|function\/(algebra|arithmetic|statistics|probability|relational|special|string|combinatorics|trigonometry|bitwise|logical|set|geometry|complex|unit|numeric)|entry\/(mainAny|mainNumber|pureFunctions|impureFunctions))/.test(p));
if (beyondParser.length > 0) throw new Error(`the CLI bundle pulls in more of mathjs than its parser: ${beyondParser.join(", ")}`);

if (!quiet) {
  const size = Object.entries(cli.metafile.outputs).reduce((s, [, o]) => s + o.bytes, 0) + Object.values(worker.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
  process.stdout.write(`bcase CLI built in ${relative(root, outdir)}/ (${(size / 1e6).toFixed(1)} MB, mathjs: ${mathjs.size} parser modules) in ${Math.round(performance.now() - t0)} ms\n`);
}
