/**
 * A fuzz worker: checks the cases its parent (scripts/fuzz.ts) sends, one at a time, and posts
 * what happened. The parent times each case and ends this thread on a hang; the thread's
 * resource limits end it on a memory blow-up.
 */
import { parentPort } from "node:worker_threads";
import { checkInput, FuzzFailure, internalClass, type CheckOptions } from "./check.ts";
import type { FuzzInput } from "./cases.ts";
import { threadCpuMs, threadProcPath } from "./cpu.ts";

export type ToFuzzWorker = { k: number; input: FuzzInput; options: CheckOptions };
/** `ms`: CPU time of this thread for the case (wall time where /proc is missing). */
export type FromFuzzWorker =
  | { k: number; kind: "ok" | "input"; ms: number; heapMb: number }
  | { k: number; kind: "failure"; failureClass: string; detail: string; ms: number; heapMb: number };

const proc = threadProcPath();
const clock = () => threadCpuMs(proc) ?? performance.now();

parentPort!.on("message", async (m: ToFuzzWorker) => {
  const t = clock();
  let reply: FromFuzzWorker;
  try {
    const o = await checkInput(m.input, m.options);
    reply = { k: m.k, kind: o.kind, ms: clock() - t, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
  } catch (e) {
    const f = e instanceof FuzzFailure ? e : new FuzzFailure(internalClass(e), String(e));
    reply = { k: m.k, kind: "failure", failureClass: f.failureClass, detail: f.message.slice(0, 2000), ms: clock() - t, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true, proc });
