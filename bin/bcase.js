#!/usr/bin/env node
// The `bcase` command. Runs the bundled JavaScript (dist/cli/, built by `npm run build:cli` and
// at `npm install`), which starts in a fraction of a second. Only in a development checkout whose
// bundle is missing or older than its sources does it run the TypeScript sources through tsx
// instead (a few seconds to start; `npm run build:cli` makes the bundle again).
import module from "node:module";
import { bundleState } from "./bundle-state.js";

// Node 22 and later keep compiled code on disk between runs (a no-op on Node 20).
module.enableCompileCache?.();

const root = new URL("../", import.meta.url);
let cli;
if (bundleState(root) === "fresh") {
  // A command that reads a case runs the command line as one script compiled from V8's code
  // cache (dist/cli/bcase-boot.cjs: about 0.1 s less to compile); --help, --version, help and
  // completion, which need only the grammar and texts, the small ES module entry.
  const args = process.argv.slice(2);
  const word = args.find((a) => !a.startsWith("-"));
  if (word !== undefined && word !== "help" && word !== "completion") {
    try {
      cli = module.createRequire(import.meta.url)("../dist/cli/bcase-boot.cjs");
    } catch (e) {
      // A bundle built before the boot script existed: the ES modules.
      if (e?.code !== "MODULE_NOT_FOUND") throw e;
    }
  }
  cli ??= await import("../dist/cli/bcase.js");
} else {
  try {
    const { register } = await import("tsx/esm/api");
    register();
  } catch {
    process.stderr.write("bcase: the command line is not built and tsx is not installed: run `npm run build:cli` (or `npm install`) in " + decodeURIComponent(root.pathname) + "\n");
    process.exit(3);
  }
  cli = await import("../cli/bcase.ts");
}
await cli.runProcess(process.argv.slice(2));
