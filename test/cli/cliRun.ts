import { vi } from "vitest";
import { main } from "../../cli/bcase.ts";

/** Runs the CLI in-process: exit code, stdout and stderr as text (standard input from `stdin`). */
export async function run(args: string[], opts: { stdin?: string | Buffer } = {}): Promise<{ code: number; out: string; err: string; bytes: Buffer }> {
  const chunks: Buffer[] = [];
  let err = "";
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => { err += typeof s === "string" ? s : Buffer.from(s).toString("utf8"); return true; });
  try {
    const code = await main(args, (s) => { chunks.push(typeof s === "string" ? Buffer.from(s, "utf8") : Buffer.from(s)); }, { stdin: () => Buffer.from(opts.stdin ?? ""), stdoutIsTTY: false });
    const bytes = Buffer.concat(chunks);
    return { code, out: bytes.toString("utf8"), err, bytes };
  } finally {
    spy.mockRestore();
  }
}
