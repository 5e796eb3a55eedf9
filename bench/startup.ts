/**
 * Start-up of the `bcase` command as a whole process, side by side with `node -e 0` (the floor:
 * starting Node itself) in the same run. Each command runs `RUNS` times, interleaved (round r runs
 * every command once, so load on a shared machine falls on all of them alike); the median and the
 * fastest wall-clock time are reported. Part of `npm run bench`; `tsx bench/startup.ts [--json]
 * [--runs N]` runs it alone. Not a test: nothing here asserts a duration.
 *
 * Rows: `node -e 0`; `bcase --help` and `bcase evaluate examples/rich.yaml` as installed
 * (bin/bcase.js, which runs the bundle dist/bcase.js); and the same two through tsx (TypeScript
 * compiled at start: what bin/bcase.js did before the bundle, and what it falls back to in a
 * development checkout without a fresh bundle).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const argv = process.argv.slice(2);
const json = argv.includes("--json");
const runsAt = argv.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(argv[runsAt + 1]) : 15;

const node = process.execPath;
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
const rows: { name: string; cmd: string[] }[] = [
  { name: "node -e 0", cmd: [node, "-e", "0"] },
  { name: "bcase --help", cmd: [node, `${root}bin/bcase.js`, "--help"] },
  { name: "bcase evaluate examples/rich.yaml", cmd: [node, `${root}bin/bcase.js`, "evaluate", `${root}examples/rich.yaml`] },
  { name: "tsx cli/bcase.ts --help", cmd: [node, tsx, `${root}cli/bcase.ts`, "--help"] },
  { name: "tsx cli/bcase.ts evaluate examples/rich.yaml", cmd: [node, tsx, `${root}cli/bcase.ts`, "evaluate", `${root}examples/rich.yaml`] },
];
if (!existsSync(`${root}dist/bcase.js`)) process.stderr.write("dist/bcase.js is missing: bin/bcase.js falls back to tsx (npm run build:cli builds it)\n");

const times = rows.map(() => [] as number[]);
const run = (cmd: string[]) => {
  const t = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, BCASE_DEV: "" } });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
};
rows.forEach((r) => run(r.cmd)); // warm the file cache
for (let k = 0; k < RUNS; k++) rows.forEach((r, i) => times[i]!.push(run(r.cmd)));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = rows.map((r, i) => ({ name: r.name, medianMs: Math.round(median(times[i]!)), fastestMs: Math.round(Math.min(...times[i]!)) }));
const floor = result[0]!.medianMs;
if (json) process.stdout.write(JSON.stringify({ runs: RUNS, startup: result }, null, 2) + "\n");
else {
  process.stdout.write(`\nStart-up, whole process (${RUNS} runs each, interleaved; median, fastest):\n`);
  for (const r of result) process.stdout.write(`  ${r.name.padEnd(46)} ${String(r.medianMs).padStart(5)} ms ${String(r.fastestMs).padStart(5)} ms   ${r === result[0] ? "" : `+${r.medianMs - floor} ms over node`}\n`);
}
