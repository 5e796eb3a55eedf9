/**
 * Where a slider move's time goes: a CPU profile of one `evaluateModel` (one override) on the
 * 342-municipality case (bench/cases.ts), written to a .cpuprofile file (open it in Chrome's
 * DevTools or VS Code) and summed here by function, self and inclusive, as a share of the run.
 * Proportions hold on a loaded machine; the absolute times do not (the profile samples wall time).
 *
 *   npx tsx bench/profile.ts [out.cpuprofile]   (default: regio-342.cpuprofile in the temp directory)
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateModel } from "../engine/index.ts";
import { regionalModel } from "./parts/models.ts";
import { fmt } from "./timing.ts";

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const out = process.argv[2] ?? join(tmpdir(), "regio-342.cpuprofile");
const { model } = regionalModel();
// Once to warm up; the profiled move hands it back, as the notebook's slider does (`replaces`).
const warm = evaluateModel(model, { effectJeugd: 1.05 });
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 500 });
await session.post("Profiler.start");
const c = process.cpuUsage(), t = performance.now();
evaluateModel(model, { effectJeugd: 1.1 }, { replaces: warm });
const wall = performance.now() - t, used = process.cpuUsage(c);
const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
writeFileSync(out, JSON.stringify(profile));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
const name = (n: Node) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop() ?? ""}`;
const self = new Map<string, number>(), inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const n = byId.get(id)!;
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
    const nm = name(byId.get(x)!);
    if (!seen.has(nm)) { seen.add(nm); inclusive.set(nm, (inclusive.get(nm) ?? 0) + dt); }
  }
});
const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([nm, v]) => `  ${(100 * v / total).toFixed(1).padStart(5)} %  ${nm}`).join("\n");
process.stdout.write(`one slider move: ${fmt(wall)} wall, ${fmt((used.user + used.system) / 1000)} CPU; profile in ${out}\nself time:\n${top(self, 15)}\ninclusive time:\n${top(inclusive, 20)}\n`);
