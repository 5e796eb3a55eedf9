/**
 * Start-up of the `bcase` command as a whole process, side by side with `node -e 0` (the floor:
 * starting Node itself) in the same run. Each command runs `runs` times, interleaved (round r
 * runs every command once, so load on a shared machine falls on all of them alike); the median
 * and fastest wall-clock times are reported, and the median CPU time (user + system, from the
 * kernel's account of finished children on Linux). Part of `npm run bench`; `tsx bench/startup.ts
 * [--json] [--runs N]` runs it alone. Not a test: nothing here asserts a duration.
 *
 * Rows: `node -e 0`; `bcase --help` and `bcase evaluate examples/rich.yaml` as installed
 * (bin/bcase.js, which runs the bundle dist/cli/ when it is fresh); and the same two through tsx
 * (the TypeScript compiled at every start: what bin/bcase.js did before the bundle, and what it
 * falls back to in a development checkout whose bundle is stale).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleState } from "../bin/bundle-state.js";

const root = fileURLToPath(new URL("..", import.meta.url));

export interface StartupRow { name: string; medianMs: number; fastestMs: number; cpuMs: number | null }

/** CPU time (ms) of this process's finished children so far, or null where /proc is missing. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /, "").split(" ");
    // After "pid (comm) ", field 3 is the state; cutime and cstime are fields 16 and 17 of the line.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

export function measureStartup(runs = 15): { bundle: string; rows: StartupRow[] } {
  const node = process.execPath;
  const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
  const rich = `${root}examples/rich.yaml`;
  const commands: { name: string; cmd: string[] }[] = [
    { name: "node -e 0", cmd: [node, "-e", "0"] },
    { name: "bcase --help", cmd: [node, `${root}bin/bcase.js`, "--help"] },
    { name: "bcase evaluate examples/rich.yaml", cmd: [node, `${root}bin/bcase.js`, "evaluate", rich] },
    { name: "through tsx: --help", cmd: [node, tsx, `${root}cli/bcase.ts`, "--help"] },
    { name: "through tsx: evaluate examples/rich.yaml", cmd: [node, tsx, `${root}cli/bcase.ts`, "evaluate", rich] },
  ];
  const wall = commands.map(() => [] as number[]);
  const cpu = commands.map(() => [] as number[]);
  const once = (i: number) => {
    const c0 = childrenCpuMs();
    const t = performance.now();
    const r = spawnSync(commands[i]!.cmd[0]!, commands[i]!.cmd.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
    wall[i]!.push(performance.now() - t);
    const c1 = childrenCpuMs();
    if (c0 !== null && c1 !== null) cpu[i]!.push(c1 - c0);
    if (r.status !== 0) throw new Error(`${commands[i]!.name} exited ${r.status}: ${r.stderr}`);
  };
  commands.forEach((_, i) => once(i)); // warm the file cache
  commands.forEach((_, i) => { wall[i] = []; cpu[i] = []; });
  for (let k = 0; k < runs; k++) commands.forEach((_, i) => once(i));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    bundle: bundleState(pathToFileURL(root)),
    rows: commands.map((c, i) => ({ name: c.name, medianMs: Math.round(median(wall[i]!)), fastestMs: Math.round(Math.min(...wall[i]!)), cpuMs: cpu[i]!.length > 0 ? Math.round(median(cpu[i]!)) : null })),
  };
}

export function startupText(r: { bundle: string; rows: StartupRow[] }, runs: number): string {
  const floor = r.rows[0]!;
  const lines = [`start-up, whole process (${runs} runs each, interleaved; bin/bcase.js runs the bundle: ${r.bundle === "fresh" ? "yes" : `no, it is ${r.bundle}: npm run build:cli`}):`, `  ${"".padEnd(42)} ${"median".padStart(8)} ${"fastest".padStart(8)} ${"cpu".padStart(8)}   over node -e 0 (median)`];
  for (const x of r.rows) lines.push(`  ${x.name.padEnd(42)} ${`${x.medianMs} ms`.padStart(8)} ${`${x.fastestMs} ms`.padStart(8)} ${x.cpuMs === null ? "       -" : `${x.cpuMs} ms`.padStart(8)}   ${x === floor ? "" : `+${x.medianMs - floor.medianMs} ms`}`);
  return lines.join("\n");
}

// Run as a script of its own (not when `npm run bench` bundles it into bench/run.ts's file).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && /startup\.ts$/.test(process.argv[1] ?? "")) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--runs");
  const runs = at >= 0 ? Number(argv[at + 1]) : 15;
  const r = measureStartup(runs);
  process.stdout.write(argv.includes("--json") ? JSON.stringify({ runs, ...r }, null, 2) + "\n" : startupText(r, runs) + "\n");
}
