/**
 * Builds the command line as plain JavaScript (esbuild), so `bcase` starts without compiling
 * TypeScript: `npm run build:cli`, and at `npm install` / `npm ci` (the `prepare` script).
 *
 *   dist/cli/bcase.js            the entry (commander, the help texts); ESM
 *   dist/cli/*-[hash].js         chunks loaded when a command runs (the engine, io/, the renderers)
 *   dist/cli/simulate-worker.cjs the Monte Carlo worker thread's script
 *   dist/cli/simulate-worker-boot.cjs, simulate-worker.v8cache  what a worker thread starts
 *                                from: the script compiled with V8's code cache (made here)
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
import { Script } from "node:vm";
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
const WORKER = "simulate-worker.cjs", WORKER_BOOT = "simulate-worker-boot.cjs", WORKER_CACHE = "simulate-worker.v8cache";
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
  define: { __BCASE_WORKER__: JSON.stringify(WORKER_BOOT) },
});
const worker = await build({ ...common, entryPoints: ["cli/simulate.worker.ts"], outfile: `${outdir}/${WORKER}`, format: "cjs" });

// The worker thread starts from a small script that compiles the worker's code with V8's code
// cache, made here: a fresh thread then skips parsing and compiling 1.3 MB (about 40 ms, more
// under load). The cache is used only for the code it was made from, and only when intact
// (SHA-1s); V8 itself rejects it under another Node or V8 flags (the code is then compiled as
// usual). Nothing is written at run time.
const WRAP = ["(function (exports, require, module, __filename, __dirname) {", "\n})"];
const workerSource = readFileSync(`${outdir}/${WORKER}`, "utf8");
const workerScript = new Script(WRAP[0] + workerSource + WRAP[1], { filename: resolve(outdir, WORKER) });
// V8 checks a cache's version, flags and source length, but not its contents (a damaged cache can
// crash the process): the file starts with the SHA-1 of the code and the SHA-1 of the cache.
const workerCache = workerScript.createCachedData();
writeFileSync(`${outdir}/${WORKER_CACHE}`, Buffer.concat([createHash("sha1").update(workerSource).digest(), createHash("sha1").update(workerCache).digest(), workerCache]));
writeFileSync(`${outdir}/${WORKER_BOOT}`, `"use strict";
// The Monte Carlo worker thread (${WORKER}), compiled with the code cache ${WORKER_CACHE} when the
// cache was made from this very code and is intact (the SHA-1s it starts with; V8 checks its own
// version and flags); written by scripts/build-cli.mjs.
const { readFileSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { join } = require("node:path");
const { Script } = require("node:vm");
const file = join(__dirname, ${JSON.stringify(WORKER)});
const source = readFileSync(file, "utf8");
let cachedData;
try {
  const cache = readFileSync(join(__dirname, ${JSON.stringify(WORKER_CACHE)}));
  const data = cache.subarray(40);
  if (cache.subarray(0, 20).equals(createHash("sha1").update(source).digest()) && cache.subarray(20, 40).equals(createHash("sha1").update(data).digest())) cachedData = data;
} catch {
  // No cache: compile as usual.
}
new Script(${JSON.stringify(WRAP[0])} + source + ${JSON.stringify(WRAP[1])}, { filename: file, cachedData }).runInThisContext()(exports, require, module, file, __dirname);
`);

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
