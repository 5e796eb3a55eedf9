/**
 * The command line as a process, as a user runs it: the bundled JavaScript (scripts/build-cli.mjs,
 * built here into a scratch folder), bin/bcase.js, a closed pipe, an internal error, standard
 * input, the progress bar on a terminal (a pseudo-terminal through util-linux's `script`) and
 * cleared on Ctrl-C, and the completion scripts in bash and zsh. No test here asserts a duration
 * (start-up times are measured by `npm run bench`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleState } from "../../bin/bundle-state.js";

const root = process.cwd();
// Inside the project, so the bundle finds the packages it leaves in node_modules (exceljs, jsdom).
const outdir = join(root, "node_modules", ".cache", "bcase", `test-dist-${process.pid}`);
const bundle = join(outdir, "bcase.js");
const node = process.execPath;

function bcase(args: string[], opts: SpawnSyncOptions = {}, start: string[] = [bundle]) {
  const r = spawnSync(node, [...start, ...args], { encoding: "utf8", timeout: 10 * 60_000, ...opts, env: { ...process.env, BCASE_LANG: "", BCASE_DEBUG: "", ...(opts.env ?? {}) } });
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}

/** The same command line through its one-script boot (dist/cli/bcase-boot.cjs), as bin/bcase.js runs a command that reads a case. */
function bcaseBoot(args: string[], opts: SpawnSyncOptions = {}) {
  const start = join(outdir, "run-boot.cjs");
  writeFileSync(start, 'require("./bcase-boot.cjs").runProcess(process.argv.slice(2));\n');
  return bcase(args, opts, [start]);
}

beforeAll(() => {
  const r = spawnSync(node, ["scripts/build-cli.mjs", "--outdir", outdir, "--quiet"], { encoding: "utf8", timeout: 10 * 60_000 });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the bundled command line", () => {
  it("builds into one entry with the parser-only mathjs (the build refuses more), and runs --version and --help without TypeScript", () => {
    const v = bcase(["--version"]);
    expect(v.code).toBe(0);
    expect(v.out).toBe(`${(JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version}\n`);
    const h = bcase(["--help"]);
    expect(h.code).toBe(0);
    expect(h.out).toContain("Gebruik: bcase");
    expect(h.err).toBe("");
    const e = bcase(["--help"], { env: { BCASE_LANG: "en" } });
    expect(e.out).toContain("Usage: bcase");
  });

  it("evaluates, simulates on worker threads (the prebuilt worker script) and writes a workbook from the bundle", () => {
    const j = JSON.parse(bcase(["evaluate", "examples/rich.yaml", "-f", "json"]).out) as { contract: string };
    expect(j.contract).toBe("bcase/evaluate@1");
    const s = bcase(["simulate", "examples/rich.yaml", "-n", "20000", "-w", "2", "-f", "json", "--cdf", "3"]);
    expect(s.code, s.err).toBe(0);
    expect((JSON.parse(s.out) as { samples: number }).samples).toBe(20000);
    const dir = mkdtempSync(join(tmpdir(), "bcase-proc-"));
    const x = bcase(["export", "examples/minimal.yaml", "--xlsx", join(dir, "m.xlsx")]);
    expect(x.code, x.err).toBe(0);
    expect(x.out).toBe("");
    expect(x.err).toBe(`${join(dir, "m.xlsx")}: geschreven\n`);
  });

  /**
   * The boot script `bootName` with a line that reports whether V8 took the cache (`probeName`,
   * run by `runProbe`); then the cache `cacheName` intact, damaged, foreign, half, empty and
   * missing in turn: the probe says whether it was taken, and `run` gives the intact cache's
   * output every time. The cache is put back after.
   */
  function everyCache(bootName: string, cacheName: string, probeName: string, runProbe: (probe: string) => string, run: () => { code: number | null; out: string; err: string }): void {
    const cacheFile = join(outdir, cacheName);
    const good = readFileSync(cacheFile);
    const boot = readFileSync(join(outdir, bootName), "utf8");
    const probe = join(outdir, probeName);
    writeFileSync(probe, boot.replace(/new Script\((.*)\)\.runInThisContext\(\)\(.*\);\n$/s, "const s = new Script($1); process.stdout.write(String(cachedData !== undefined && !s.cachedDataRejected));\n"));
    try {
      expect(runProbe(probe)).toBe("true");
      const expected = run();
      expect(expected.code, expected.err).toBe(0);
      const damaged = Buffer.from(good);
      for (let i = 100; i < damaged.length; i += 7) damaged[i]! ^= 0x5a;
      const foreign = Buffer.from(good);
      foreign[0]! ^= 0xff;
      for (const cache of [damaged, foreign, good.subarray(0, good.length >> 1), Buffer.alloc(0), null]) {
        if (cache === null) rmSync(cacheFile); else writeFileSync(cacheFile, cache);
        expect(runProbe(probe)).toBe("false");
        const r = run();
        expect(r.code, r.err).toBe(0);
        expect(r.out).toBe(expected.out);
      }
    } finally {
      writeFileSync(cacheFile, good);
      rmSync(probe, { force: true });
    }
  }

  it("the worker threads start from the build's V8 code cache when it is intact and made from their code; damaged, foreign, empty or missing, the same result", () => {
    // (The probe runs as a worker thread.)
    everyCache("simulate-worker-boot.cjs", "simulate-worker.v8cache", "probe-boot.cjs",
      (probe) => spawnSync(node, ["-e", `new (require("node:worker_threads").Worker)(${JSON.stringify(probe)})`], { encoding: "utf8" }).stdout,
      () => bcase(["simulate", "examples/rich.yaml", "-n", "20000", "-w", "2", "-f", "json", "--cdf", "3"]));
  });

  it("the command line as one script (bcase-boot.cjs, what bin/bcase.js runs a case through) writes what the ES modules write: tables, JSON, a simulation on worker threads, a report with charts (jsdom through import()), a workbook (exceljs when needed)", () => {
    const dir = mkdtempSync(join(tmpdir(), "bcase-boot-"));
    try {
      for (const args of [["evaluate", "examples/rich.yaml"], ["evaluate", "examples/rich.yaml", "-f", "json"], ["simulate", "examples/rich.yaml", "-n", "20000", "-w", "2", "-f", "json", "--cdf", "3"], ["sensitivity", "examples/impact-bond.yaml"], ["validate", "examples/nothing.yaml"], ["report", "examples/minimal.yaml", "-f", "html"], ["--help"], ["simulate", "--help"]]) {
        const esm = bcase(args), boot = bcaseBoot(args);
        expect(boot.code, args.join(" ")).toBe(esm.code);
        expect(boot.out, args.join(" ")).toBe(esm.out);
        expect(boot.err, args.join(" ")).toBe(esm.err);
      }
      const x = bcaseBoot(["export", "examples/minimal.yaml", "--xlsx", join(dir, "boot.xlsx")]);
      expect(x.code, x.err).toBe(0);
      expect(bcase(["export", "examples/minimal.yaml", "--xlsx", join(dir, "esm.xlsx")]).code).toBe(0);
      expect(readFileSync(join(dir, "boot.xlsx")).equals(readFileSync(join(dir, "esm.xlsx")))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the command line's script starts from the build's V8 code cache (made after a warm-up) when it is intact and made from its code; damaged, foreign, empty or missing, the same result", () => {
    everyCache("bcase-boot.cjs", "bcase.v8cache", "probe-bcase-boot.cjs",
      (probe) => spawnSync(node, [probe], { encoding: "utf8" }).stdout,
      () => bcaseBoot(["simulate", "examples/rich.yaml", "-n", "5000", "-f", "json", "--cdf", "3"]));
  });

  it("bin/bcase.js runs the command line (the bundle when fresh, else the sources through tsx)", () => {
    const r = spawnSync(node, ["bin/bcase.js", "validate", "examples/minimal.yaml"], { encoding: "utf8", timeout: 10 * 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("examples/minimal.yaml: geldig\n");
  });

  it("reads standard input for -", () => {
    const r = bcase(["evaluate", "-", "-f", "csv", "--csv-dialect", "rfc4180"], { input: readFileSync("examples/minimal.yaml") });
    expect(r.code).toBe(0);
    expect(r.out).toBe(bcase(["evaluate", "examples/minimal.yaml", "-f", "csv", "--csv-dialect", "rfc4180"]).out);
  });

  it("a closed pipe (bcase ... | head -1) ends quietly: exit 0, nothing on stderr", async () => {
    const child = spawn(node, [bundle, "evaluate", "examples/rich.yaml", "-f", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let err = "";
    child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(err).toBe("");
    expect(code).toBe(0);
    const shell = spawnSync("bash", ["-c", `set -o pipefail; "${node}" "${bundle}" export examples/rich.yaml --csv - | head -c 10 >/dev/null`], { encoding: "utf8", timeout: 10 * 60_000 });
    expect(shell.stderr).toBe("");
    expect(shell.status).toBe(0);
  });

  it("an internal error (a fault injected into the process) exits 3 with what to report and no stack trace; --debug shows it", () => {
    const fault = `data:text/javascript,${encodeURIComponent("const s = JSON.stringify; JSON.stringify = (v, ...r) => { if (v && v.contract) throw new RangeError('injected fault'); return s(v, ...r); };")}`;
    const r = spawnSync(node, ["--import", fault, bundle, "evaluate", "examples/minimal.yaml", "-f", "json"], { encoding: "utf8", timeout: 10 * 60_000 });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^bcase: interne fout: injected fault\nDit is een fout in bcase, niet in uw invoer\. Meld het/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const d = spawnSync(node, ["--import", fault, bundle, "--debug", "evaluate", "examples/minimal.yaml", "-f", "json"], { encoding: "utf8", timeout: 10 * 60_000 });
    expect(d.status).toBe(3);
    expect(d.stderr).toMatch(/RangeError: injected fault\n\s+at /);
  });

  it("simulate: no progress bar when stderr is not a terminal; a warning when nothing varies", () => {
    const r = bcase(["simulate", "examples/rich.yaml", "-n", "30000", "-w", "1"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const m = bcase(["simulate", "examples/minimal.yaml", "-n", "100"]);
    expect(m.code).toBe(0);
    expect(m.err).toBe("waarschuwing: geen enkele parameter heeft een verdeling (distribution), dus niets varieert: elke trekking is de gewone doorrekening (sd 0). Zie docs/uncertainty.md.\n");
    expect(m.out).toContain("Monte Carlo: 100 trekkingen");
  });

  it("on a terminal the progress bar shows the time left, and Ctrl-C clears it and exits 130", async () => {
    // util-linux `script` runs the command on a pseudo-terminal; \x03 on its input is Ctrl-C.
    const cmd = `"${node}" "${bundle}" simulate examples/rich.yaml -n 20000000 -w 1`;
    const child = spawn("script", ["-qfec", cmd, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
    let seen = "";
    child.stdout.on("data", (d: Buffer) => { seen += d.toString("utf8"); });
    const deadline = Date.now() + 120_000;
    while (!/nog \d+:\d\d/.test(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(seen).toMatch(/\[#*-*\] +\d+% [\d.]+\/20\.000\.000 nog \d+:\d\d/);
    child.stdin.write("\x03");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(130);
    // The last thing written erases the bar's line (the terminal may echo ^C); no table follows.
    expect(seen.slice(seen.lastIndexOf("nog "))).toMatch(/^nog \d+:\d\d(\^C|\r|\n)*\r\x1b\[2K(\^C|\r|\n)*$/);
  });
});

describe("bin/bundle-state.js", () => {
  it("missing, fresh, stale: a changed source makes a checkout's bundle stale; a touched but unchanged one does not; an installed package trusts its bundle", () => {
    const dir = mkdtempSync(join(tmpdir(), "bcase-state-"));
    const rootUrl = pathToFileURL(dir + "/");
    expect(bundleState(rootUrl)).toBe("missing");
    mkdirSync(join(dir, "dist", "cli"), { recursive: true });
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "dist", "cli", "bcase.js"), "");
    writeFileSync(join(dir, "a.ts"), "export const a = 1;\n");
    const spawnBuildLike = () => {
      const r = spawnSync(node, ["-e", `
        const fs = require("fs"), c = require("crypto"), s = fs.statSync("a.ts");
        fs.writeFileSync("dist/cli/inputs.json", JSON.stringify({ inputs: [["a.ts", s.size, s.mtimeMs, c.createHash("sha1").update(fs.readFileSync("a.ts")).digest("hex")]] }));
      `], { cwd: dir });
      expect(r.status).toBe(0);
    };
    spawnBuildLike();
    expect(bundleState(rootUrl)).toBe("fresh");
    utimesSync(join(dir, "a.ts"), new Date(2000, 1, 1), new Date(2000, 1, 1));
    expect(bundleState(rootUrl)).toBe("fresh");
    writeFileSync(join(dir, "a.ts"), "export const a = 2;\n");
    expect(bundleState(rootUrl)).toBe("stale");
    rmSync(join(dir, ".git"), { recursive: true });
    expect(bundleState(rootUrl)).toBe("fresh");
  });
});

describe("bcase completion", () => {
  const script = (shell: string) => bcase(["completion", shell]).out;

  it("bash: the script parses (bash -n) and completes commands, options, option values and files", () => {
    const text = script("bash");
    expect(spawnSync("bash", ["-n"], { input: text }).status).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), "bcase-bash-")), "bcase.bash");
    writeFileSync(file, text);
    const complete = (line: string) => {
      const words = line.split(" ");
      const r = spawnSync("bash", ["-c", `source "${file}"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _bcase; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: "utf8", cwd: root });
      expect(r.stderr).toBe("");
      return r.stdout.split("\n").filter(Boolean).sort();
    };
    expect(complete("bcase ev")).toEqual(["evaluate"]);
    expect(complete("bcase --lang en ex")).toEqual(["export", "export-template"]);
    expect(complete("bcase evaluate -f ")).toEqual(["csv", "json", "md", "table"]);
    expect(complete("bcase --csv-dialect ")).toEqual(["excel-nl", "rfc4180"]);
    expect(complete("bcase simulate --ex")).toEqual(["--exact"]);
    expect(complete("bcase completion ")).toEqual(["bash", "zsh"]);
    expect(complete("bcase evaluate examples/ri")).toEqual(["examples/rich.yaml"]);
    expect(complete("bcase report examples/rich.yaml --fo")).toEqual(["--force", "--format"]);
  });

  it("zsh: the script parses (zsh -n) and defines _bcase under compinit", () => {
    const text = script("zsh");
    expect(text.startsWith("#compdef bcase\n")).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "bcase-zsh-"));
    writeFileSync(join(dir, "_bcase"), text);
    const n = spawnSync("zsh", ["-n", join(dir, "_bcase")], { encoding: "utf8" });
    expect(n.status, n.stderr).toBe(0);
    const r = spawnSync("zsh", ["-f", "-c", `autoload -U compinit && compinit -u -d ${dir}/.zcompdump && source ${dir}/_bcase && whence -w _bcase && print -r -- $_comps[bcase]`], { encoding: "utf8", env: { ...process.env, HOME: dir } });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("_bcase: function\n_bcase\n");
  });
});
