/**
 * CPU time of one thread, from Linux's /proc (utime + stime of the thread, in ms), so the fuzz
 * runner can tell a case that works for 5 s from one that waits 5 s for a core on a busy
 * machine. Undefined where /proc is not there (the runner then falls back to wall time).
 */
import { readFileSync, readlinkSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** This thread's /proc path (`<pid>/task/<tid>`), or undefined. */
export function threadProcPath(): string | undefined {
  try {
    return readlinkSync("/proc/thread-self");
  } catch {
    return undefined;
  }
}

/** CPU time (ms) a thread has used, by its /proc path. */
export function threadCpuMs(procPath: string | undefined): number | undefined {
  if (procPath === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${procPath}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, in parentheses): state is field 3.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}
