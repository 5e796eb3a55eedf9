/**
 * Builds the command line as plain JavaScript (esbuild), so `bcase` starts without compiling
 * TypeScript: `npm run build:cli`, and at `npm install` / `npm ci` (the `prepare` script).
 *
 *   dist/cli/bcase.js            the entry (commander, the help texts); ESM
 *   dist/cli/*-[hash].js         chunks loaded when a command runs (the engine, io/, the renderers)
 *   dist/cli/simulate-worker.cjs the Monte Carlo worker thread's script
 *   dist/cli/simulate-worker-boot.cjs, simulate-worker.v8cache  what a worker thread starts
 *                                from: the script compiled with V8's code cache (made here)
 *   dist/cli/bcase.cjs, bcase-boot.cjs, bcase.v8cache
 *                                the whole command line again as one CommonJS script, and what
 *                                bin/bcase.js starts a command that reads a case from: the script
 *                                compiled with V8's code cache, made here after a warm-up run
 *                                (--help and --version keep the small ESM entry above)
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
import { spawnSync } from "node:child_process";
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

// The same command line as one CommonJS script, which V8 can start from a code cache (an ES module
// cannot, on Node 20). Its own imports are made static: esbuild wraps a module that import()
// reaches in a lazily run closure, with everything it imports, and then cannot leave out the
// parts of mathjs/number beyond the expression parser (0.4 MB more to compile and run). exceljs,
// then imported from the start, is required only when a workbook is made (a proxy); jsdom,
// Observable Plot and playwright-core stay import()s, made by the boot script (a script that V8
// compiles from a code cache loses its own import(), and vm's USE_MAIN_CONTEXT_DEFAULT_LOADER
// warns on stderr).
const MAIN = "bcase.cjs", MAIN_BOOT = "bcase-boot.cjs", MAIN_CACHE = "bcase.v8cache";
const staticImports = {
  name: "bcase-static-imports",
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, (a) => (a.kind === "import-statement" ? { path: "exceljs", namespace: "bcase-lazy" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "bcase-lazy" }, () => ({ contents: 'let m; export default new Proxy({}, { get: (_, k) => (m ??= require("exceljs"))[k] });', loader: "js" }));
    b.onLoad({ filter: /[\\/](cli|io)[\\/].*\.ts$/ }, (a) => {
      const head = [];
      const contents = readFileSync(a.path, "utf8").replace(/(?<!typeof )\bimport\(("[^".][^"]*")\)/g, "__bcaseLoad($1)").replace(/\bawait import\(("\.{1,2}\/[^"]+\.ts")\)/g, (_, spec) => {
        head.push(`import * as __bcaseStatic${head.length} from ${spec};`);
        return `__bcaseStatic${head.length - 1}`;
      });
      return { contents: head.length > 0 ? head.join(" ") + "\n" + contents : contents, loader: "ts" };
    });
  },
};
const main = await build({
  ...common,
  entryPoints: ["cli/bcase.ts"],
  outfile: `${outdir}/${MAIN}`,
  format: "cjs",
  plugins: [staticImports],
  external: ["exceljs", "jsdom", "@observablehq/plot", "playwright-core", "esbuild", "tsx", "tsx/*"],
  define: { __BCASE_WORKER__: JSON.stringify(WORKER_BOOT), "import.meta.url": "__bcaseUrl", "import.meta.resolve": "require.resolve" },
  // Run by its boot script, import() comes from there; run by Node itself (node dist/cli/bcase.cjs), it is Node's own.
  banner: { js: '"use strict"; const __bcaseUrl = require("node:url").pathToFileURL(__filename).href, __bcaseLoad = typeof __bcaseImport === "function" ? __bcaseImport : (specifier) => import(specifier);' },
});

// The worker thread starts from a small script that compiles the worker's code with V8's code
// cache, made here: a fresh thread then skips parsing and compiling 1.3 MB (about 40 ms, more
// under load). The cache is used only for the code it was made from, and only when intact
// (SHA-1s); V8 itself rejects it under another Node or V8 flags (the code is then compiled as
// usual). Nothing is written at run time.
const WRAP = ["(function (exports, require, module, __filename, __dirname) {", "\n})"];
const MAIN_WRAP = ["(function (exports, require, module, __filename, __dirname, __bcaseImport) {", "\n})"];
// V8 checks a cache's version, flags and source length, but not its contents (a damaged cache can
// crash the process): the file starts with the SHA-1 of the code and the SHA-1 of the cache.
const cacheFile = (source, cache) => Buffer.concat([createHash("sha1").update(source).digest(), createHash("sha1").update(cache).digest(), cache]);
/** The boot script of `script` (CommonJS, in outdir): `script` compiled with the code cache `cache`. */
const bootScript = (what, script, cache, wrap, run) => `"use strict";
// ${what} (${script}), compiled with the code cache ${cache} when the
// cache was made from this very code and is intact (the SHA-1s it starts with; V8 checks its own
// version and flags); written by scripts/build-cli.mjs.
const { readFileSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { join } = require("node:path");
const { Script } = require("node:vm");
const file = join(__dirname, ${JSON.stringify(script)});
// ASCII (the build checks): read as Latin-1, quicker than UTF-8 and the same text.
const bytes = readFileSync(file);
const source = bytes.toString("latin1");
let cachedData;
try {
  const cache = readFileSync(join(__dirname, ${JSON.stringify(cache)}));
  const data = cache.subarray(40);
  if (cache.subarray(0, 20).equals(createHash("sha1").update(bytes).digest()) && cache.subarray(20, 40).equals(createHash("sha1").update(data).digest())) cachedData = data;
} catch {
  // No cache: compile as usual.
}
${run(`new Script(${JSON.stringify(wrap[0])} + source + ${JSON.stringify(wrap[1])}, { filename: file, cachedData }).runInThisContext()`)}
`;
/** A script's text, which the boot scripts read as Latin-1: it must be ASCII (esbuild escapes the rest). */
const asciiSource = (file) => {
  const source = readFileSync(file, "utf8");
  const at = source.search(/[^\x00-\x7f]/);
  if (at >= 0) throw new Error(`${file} has a character beyond ASCII at ${at}: ${JSON.stringify(source.slice(Math.max(0, at - 40), at + 10))} (write it as \\u.... in the source)`);
  return source;
};
asciiSource(`${outdir}/${MAIN}`);
const workerSource = asciiSource(`${outdir}/${WORKER}`);
const workerScript = new Script(WRAP[0] + workerSource + WRAP[1], { filename: resolve(outdir, WORKER) });
writeFileSync(`${outdir}/${WORKER_CACHE}`, cacheFile(workerSource, workerScript.createCachedData()));
writeFileSync(`${outdir}/${WORKER_BOOT}`, bootScript("The Monte Carlo worker thread", WORKER, WORKER_CACHE, WRAP, (s) => `${s}(exports, require, module, file, __dirname);`));

// The command line's boot script exports the command line (runProcess, main). Its cache is made
// after a warm-up (a child process: the same Node, no flags), so that it holds the functions
// a command compiles as it runs (the case's validation, planning, the renderers), not only the
// top level: the warm-up evaluates, validates, simulates on this thread and analyses the example.
writeFileSync(`${outdir}/${MAIN_BOOT}`, bootScript("The command line", MAIN, MAIN_CACHE, MAIN_WRAP, (s) => `${s}(exports, require, module, file, __dirname, (specifier) => import(specifier));`));
const warmUp = `"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { Script } = require("node:vm");
const [file, cacheFile, example] = JSON.parse(process.env.BCASE_WARM_UP);
const source = readFileSync(file, "utf8");
const script = new Script(${JSON.stringify(MAIN_WRAP[0])} + source + ${JSON.stringify(MAIN_WRAP[1])}, { filename: file });
const m = { exports: {} };
script.runInThisContext()(m.exports, require("node:module").createRequire(file), m, file, require("node:path").dirname(file), (specifier) => import(specifier));
(async () => {
  for (const args of [["validate", example], ["evaluate", example], ["evaluate", example, "-f", "json"], ["simulate", example, "-n", "2000", "-w", "1"], ["simulate", example, "-n", "2000", "-w", "1", "-f", "json"], ["sensitivity", example]]) {
    const code = await m.exports.main(args, () => {}, { stdoutIsTTY: false });
    if (code !== 0) throw new Error("the warm-up's bcase " + args.join(" ") + " exited " + code);
  }
  const cache = script.createCachedData();
  writeFileSync(cacheFile, Buffer.concat([createHash("sha1").update(source).digest(), createHash("sha1").update(cache).digest(), cache]));
})().catch((e) => { process.stderr.write(String(e && e.stack || e) + "\\n"); process.exit(1); });
`;
const warm = spawnSync(process.execPath, ["-e", warmUp], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "", BCASE_WARM_UP: JSON.stringify([resolve(outdir, MAIN), resolve(outdir, MAIN_CACHE), resolve(root, "examples/rich.yaml")]) } });
if (warm.status !== 0) throw new Error(`the code cache's warm-up failed: ${warm.stderr}`);

// Every source file outside node_modules, and the package files that pin the dependencies.
const sources = new Set(["package.json", "package-lock.json"]);
for (const m of [cli.metafile, worker.metafile, main.metafile]) for (const p of Object.keys(m.inputs)) if (!p.includes("node_modules/") && !p.startsWith("<") && !p.startsWith("bcase-lazy:")) sources.add(relative(root, resolve(root, p)));
const inputs = [...sources].sort().map((p) => {
  const s = statSync(resolve(root, p));
  return [p, s.size, s.mtimeMs, createHash("sha1").update(readFileSync(resolve(root, p))).digest("hex")];
});
writeFileSync(`${outdir}/inputs.json`, JSON.stringify({ inputs }) + "\n");

// Nothing may pull in more of mathjs than its expression parser (engine/case/formula.ts takes
// only parseDependencies from mathjs/number): no functions, no embedded docs, no evaluator.
const mathjs = new Map();
for (const out of [...Object.values(cli.metafile.outputs), ...Object.values(main.metafile.outputs)]) for (const [p, i] of Object.entries(out.inputs)) if (p.includes("node_modules/mathjs/") && i.bytesInOutput > 0) mathjs.set(p.replace(/.*mathjs\/lib\/[a-z]+\//, ""), (mathjs.get(p) ?? 0) + i.bytesInOutput);
const beyondParser = [...mathjs.keys()].filter((p) => /^(expression\/(embeddedDocs|function|transform\/(?!utils))|function\/(algebra|arithmetic|statistics|probability|relational|special|string|combinatorics|trigonometry|bitwise|logical|set|geometry|complex|unit|numeric)|entry\/(mainAny|mainNumber|pureFunctions|impureFunctions))/.test(p));
if (beyondParser.length > 0) throw new Error(`the CLI bundle pulls in more of mathjs than its parser: ${beyondParser.join(", ")}`);

if (!quiet) {
  const size = Object.entries(cli.metafile.outputs).reduce((s, [, o]) => s + o.bytes, 0) + Object.values(worker.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
  process.stdout.write(`bcase CLI built in ${relative(root, outdir)}/ (${(size / 1e6).toFixed(1)} MB, mathjs: ${mathjs.size} parser modules) in ${Math.round(performance.now() - t0)} ms\n`);
}
