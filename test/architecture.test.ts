/**
 * The layout is the architecture (ARCHITECTURE.md): no module imports itself through others,
 * every engine concept has its folder, and only the case schema's own folder touches the schema
 * library's internals.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const MADGE = join("node_modules", "madge", "bin", "cli.js");
const FOLDERS = ["engine", "io", "cli", "notebooks/lib", "bench", "scripts", "test"];

/** madge's cycle check (type-only imports count too), as `npm test` runs it. */
function cycles(paths: string[], cwd = process.cwd()): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(process.cwd(), MADGE), "--circular", "--no-spinner", "--no-color", "--extensions", "ts", "--ts-config", join(process.cwd(), "tsconfig.json"), ...paths], { cwd, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe("architecture", () => {
  it("no import cycles in engine, io, cli, notebooks, bench, scripts and tests", () => {
    const r = cycles(FOLDERS);
    expect(r.out, r.out).toContain("No circular dependency found");
    expect(r.status).toBe(0);
  });

  it("the cycle check finds a cycle (a two-file cycle through a type-only import)", () => {
    const dir = mkdtempSync(join(tmpdir(), "bcase-cycle-"));
    try {
      writeFileSync(join(dir, "a.ts"), 'import type { B } from "./b.ts";\nexport interface A { b?: B }\n');
      writeFileSync(join(dir, "b.ts"), 'import type { A } from "./a.ts";\nexport interface B { a?: A }\n');
      const r = cycles(["."], dir);
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/a\.ts > b\.ts|b\.ts > a\.ts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("every engine concept has its folder: only the public face and the version stand loose", () => {
    const loose = readdirSync("engine", { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
    expect(loose).toEqual(["index.ts", "version.ts"]);
  });

  it("only engine/case/schema/ reads the schema library's internals (_zod)", () => {
    const offenders = FOLDERS.flatMap(files)
      .filter((f) => /\.ts$/.test(f) && !f.startsWith(join("engine", "case", "schema")) && f !== join("test", "architecture.test.ts"))
      .filter((f) => readFileSync(f, "utf8").includes("._zod"));
    expect(offenders.map((f) => relative(".", f))).toEqual([]);
  });
  it("no test sets its own, shorter time limit: the suite's ceilings (vitest.config.ts) hold, so a busy machine fails nothing", () => {
    // A test's own timeout (`}, 60_000);`) or a wait under ten minutes is a duration check in disguise.
    const short = (ms: string) => Number(ms.replace(/_/g, "")) < 10 * 60_000;
    const offenders = files("test")
      .filter((f) => /\.ts$/.test(f) && f !== join("test", "architecture.test.ts"))
      .flatMap((f) => readFileSync(f, "utf8").split("\n").map((line, i) => ({ f, i, line })))
      .filter(({ line }) => /^\s*\}, [0-9_ *]+\);\s*(\/\/.*)?$/.test(line) || [...line.matchAll(/timeout: ([0-9_]+)\b(?! \*)/g)].some((m) => short(m[1]!)))
      .map(({ f, i, line }) => `${relative(".", f)}:${i + 1}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });
});
