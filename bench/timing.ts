/**
 * Timing helpers of `npm run bench`: wall-clock and CPU time of a function in this process, of
 * a child process (its CPU from /proc/self/stat's cutime and cstime, where there is one), the
 * median of several runs and the machine's load. Nothing here asserts a duration.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";

export interface Timing { wall: number; cpu: number }

/** Wall-clock and CPU milliseconds (CPU of the whole process, all threads: less sensitive to other load on the machine). */
export async function time(f: () => unknown | Promise<unknown>): Promise<Timing> {
  const c = process.cpuUsage();
  const t = performance.now();
  await f();
  const d = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (d.user + d.system) / 1000 };
}

/** `runs` timings of `f` (after `warm` untimed runs), their median. */
export async function timeRuns(runs: number, f: () => unknown | Promise<unknown>, warm = 0): Promise<Timing & { runs: number[] }> {
  for (let i = 0; i < warm; i++) await f();
  const all: Timing[] = [];
  for (let i = 0; i < runs; i++) all.push(await time(f));
  return { ...median(all), runs: all.map((t) => Math.round(t.wall)) };
}

export const median = (xs: Timing[]): Timing => {
  const by = (k: "wall" | "cpu") => [...xs].map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: by("wall"), cpu: by("cpu") };
};
export const fastest = (xs: Timing[]): Timing => ({ wall: Math.min(...xs.map((x) => x.wall)), cpu: Math.min(...xs.map((x) => x.cpu)) });
export const ms = (t: Timing) => ({ wall: Math.round(t.wall), cpu: Math.round(t.cpu) });
export const show = (t: Timing) => `${fmt(t.wall)} (cpu ${fmt(t.cpu)})`;
/** Milliseconds as "850 ms" or "12.3 s". */
export const fmt = (m: number) => (m < 10 ? `${m.toFixed(2)} ms` : m < 1000 ? `${Math.round(m)} ms` : `${(m / 1000).toFixed(m < 10_000 ? 2 : 1)} s`);

/** The machine's load average over the last minute. */
export const load = () => +(loadavg()[0] ?? 0).toFixed(2);

const TICKS = (() => { const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }); return Number(r.stdout) > 0 ? Number(r.stdout) : 100; })();
/** CPU milliseconds of this process's finished children (Linux), else NaN. */
function childrenCpu(): number {
  if (!existsSync("/proc/self/stat")) return NaN;
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS;
}

/** Runs a command to its end (output discarded unless `keep`), its wall-clock and CPU milliseconds. */
export function timeChild(cmd: string, args: string[], options: SpawnSyncOptions = {}, keep = false): Timing & { stdout: string; status: number | null } {
  const c = childrenCpu();
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", keep ? "pipe" : "ignore", "pipe"], ...options });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  return { wall, cpu: childrenCpu() - c, stdout: String(r.stdout ?? ""), status: r.status };
}

/** `runs` runs of a command, the median. */
export function timeChildRuns(runs: number, cmd: string, args: string[], options: SpawnSyncOptions = {}): Timing & { runs: number[] } {
  const all: Timing[] = [];
  for (let i = 0; i < runs; i++) all.push(timeChild(cmd, args, options));
  return { ...median(all), runs: all.map((t) => Math.round(t.wall)) };
}
