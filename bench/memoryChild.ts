/**
 * Run by `npm run bench` (the memory part) in a child process of its own, so its peak resident
 * memory is this run's alone: a Monte Carlo run of the 50-partner case (bench/cases.ts) as
 * `bcase simulate -f json` does it (every core, per-year bands, a 101-point CDF; `--no-bands`:
 * without the bands). Prints {samples, bands, wallMs, cpuMs (all threads), maxRssMb} as JSON. Usage:
 * `tsx bench/memoryChild.ts SAMPLES [--no-bands]`.
 */
import { simulateOnCores } from "../cli/simulateWorkers.ts";
import { validateCase } from "../engine/index.ts";
import { bandsCase } from "./cases.ts";

const samples = Number(process.argv[2] ?? 1_000_000);
const bands = !process.argv.includes("--no-bands");
const data = bandsCase();
const v = validateCase(data);
if (!v.ok) throw new Error("the bands case is invalid");
const t = performance.now(), c = process.cpuUsage();
const r = await simulateOnCores(v.model, data, { samples, seed: 3, yearly: bands, cdfPoints: 101 }, {});
const wallMs = performance.now() - t, used = process.cpuUsage(c);
// Touch the result so nothing of it can be dropped early.
if (!(r.statusQuo.partners.length === 50)) throw new Error("unexpected result");
process.stdout.write(JSON.stringify({ samples, bands, wallMs: Math.round(wallMs), cpuMs: Math.round((used.user + used.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), firstBand: r.yearly[0]?.bands[0] ?? null }) + "\n");
