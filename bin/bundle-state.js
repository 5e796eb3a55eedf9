/**
 * Whether bin/bcase.js may run the bundled command line (dist/cli/, built by
 * scripts/build-cli.mjs): "missing", "stale" or "fresh". Outside a development checkout (no
 * .git next to package.json: an installed package) a present bundle is fresh. In a checkout the
 * bundle is fresh while every source file it was built from is unchanged: same size and
 * modification time, or, when only the time differs (a git checkout touches files), the same
 * content (SHA-1).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";

/** @param {URL} root the package folder (ends in /) @returns {"missing" | "stale" | "fresh"} */
export function bundleState(root) {
  if (!existsSync(new URL("dist/cli/bcase.js", root))) return "missing";
  if (!existsSync(new URL(".git", root))) return "fresh";
  try {
    const { inputs } = JSON.parse(readFileSync(new URL("dist/cli/inputs.json", root), "utf8"));
    for (const [path, size, mtimeMs, sha1] of inputs) {
      const file = new URL(path, root);
      const s = statSync(file);
      if (s.size !== size) return "stale";
      if (s.mtimeMs !== mtimeMs && createHash("sha1").update(readFileSync(file)).digest("hex") !== sha1) return "stale";
    }
    return "fresh";
  } catch {
    return "stale";
  }
}
