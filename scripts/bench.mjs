/**
 * `npm run bench`: builds bench/run.ts and the engine it imports into one JavaScript file
 * (esbuild; node_modules stay outside) and runs it with the arguments given. The engine is then
 * measured as the command line and the site run it, bundled. Run through tsx, esbuild's
 * `keepNames` wrapped every closure made at run time in a `__name(...)` call (a
 * defineProperty): a Monte Carlo sample of a pot made dozens of them, which cost a third of
 * its time, and no user ever runs that code.
 *
 *   node scripts/bench.mjs [--only a,b] [--quick] [--runs N] [--json]   (as bench/run.ts)
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
// Next to bench/run.ts, so the paths it finds from its own place (the project root) hold.
const out = `${root}bench/.run.bundle.mjs`;
await build({
  absWorkingDir: root, entryPoints: ["bench/run.ts"], outfile: out, bundle: true, platform: "node", target: "node20", format: "esm",
  packages: "external", logLevel: "warning", legalComments: "none",
});
let status = 1;
try {
  status = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" }).status ?? 1;
} finally {
  rmSync(out, { force: true });
}
process.exit(status);
