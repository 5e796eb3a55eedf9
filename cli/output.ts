/**
 * Outputs that never destroy inputs. Every output path of a command is checked before anything
 * is computed or written (`checkOutputs`: the folder exists and is writable, the target is not a
 * folder, not an input of the command, not given twice, and not an existing file unless
 * --force), and all problems are reported together. Files are then written as temporary files
 * in the target's folder and renamed into place (`writeOutputs`: first every temporary file,
 * then every rename), so a failed write (a full disk) leaves no truncated file and no half of a
 * two-file output; without --force a file that appeared meanwhile is not replaced (a hard link
 * refuses an existing name).
 */
import * as fs from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError, UsageError } from "./errors.ts";
import { TEXTS, type Lang } from "./texts.ts";

/** The file operations writes go through; tests replace members to inject failures (a full disk). */
export const fsOps = {
  openSync: fs.openSync,
  writeSync: fs.writeSync as (fd: number, buffer: Uint8Array, offset: number, length: number) => number,
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  linkSync: fs.linkSync,
  unlinkSync: fs.unlinkSync,
  chmodSync: fs.chmodSync,
};

const isStdout = (p: string | undefined) => p === undefined || p === "-";
const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? "";
const statOrUndefined = (p: string) => { try { return fs.statSync(p); } catch { return undefined; } };
const lstatOrUndefined = (p: string) => { try { return fs.lstatSync(p); } catch { return undefined; } };

/**
 * Checks the outputs of one command (undefined or "-" is standard output) against each other
 * and against its inputs; throws one UsageError naming every problem, so nothing is written.
 */
export function checkOutputs(outputs: (string | undefined)[], inputs: string[], force: boolean, lang: Lang): void {
  const M = TEXTS[lang].msg;
  const problems: string[] = [];
  const files = outputs.filter((p): p is string => !isStdout(p));
  if (outputs.filter((p) => p === "-").length > 1) problems.push(M.twoStdout);
  const inputStats = inputs.filter((i) => i !== "-").map((i) => ({ i, s: statOrUndefined(i) })).filter((x) => x.s !== undefined);
  const seen = new Set<string>();
  for (const path of files) {
    const full = resolve(path);
    if (seen.has(full)) { problems.push(M.sameOutput(path)); continue; }
    seen.add(full);
    const dir = dirname(full);
    const d = statOrUndefined(dir);
    if (d === undefined) { problems.push(M.noFolder(path, dirname(path))); continue; }
    if (!d.isDirectory()) { problems.push(M.notFolder(path, dirname(path))); continue; }
    try { fs.accessSync(dir, fs.constants.W_OK); } catch { problems.push(M.notWritable(path, dirname(path))); continue; }
    const t = statOrUndefined(full);
    if (t?.isDirectory()) { problems.push(M.isFolder(path)); continue; }
    const input = t && inputStats.find(({ s }) => s!.dev === t.dev && s!.ino === t.ino);
    if (input) { problems.push(M.sameAsInput(path, input.i)); continue; }
    if (!force && lstatOrUndefined(full) !== undefined) problems.push(M.exists(path));
  }
  if (problems.length > 0) throw new UsageError(problems.join("\n"));
}

/** Why a write failed, in words (the error code when there is no word for it). */
const why = (e: unknown, lang: Lang) => { const c = codeOf(e); return TEXTS[lang].msg.why[c] ?? (c || (e as Error).message); };

/**
 * Writes files safely: each to a temporary file in its folder (written, flushed to disk), then
 * all renamed into place. On any failure every temporary file is removed and nothing is
 * replaced; the error names the file (an InputError: exit 1).
 */
export function writeOutputs(files: { path: string; data: string | Uint8Array }[], force: boolean, lang: Lang): void {
  const M = TEXTS[lang].msg;
  const temps: { path: string; temp: string }[] = [];
  const cleanUp = () => { for (const t of temps) { try { fsOps.unlinkSync(t.temp); } catch { /* already gone */ } } };
  for (const { path, data } of files) {
    const full = resolve(path);
    const temp = join(dirname(full), `.${basename(full)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
    let fd: number | undefined;
    try {
      fd = fsOps.openSync(temp, "wx", 0o666);
      temps.push({ path, temp });
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      for (let off = 0; off < bytes.length;) off += fsOps.writeSync(fd, bytes, off, bytes.length - off);
      fsOps.fsyncSync(fd);
      const old = statOrUndefined(full);
      if (old) fsOps.chmodSync(temp, old.mode & 0o7777);
    } catch (e) {
      if (fd !== undefined) { try { fsOps.closeSync(fd); } catch { /* reported below */ } }
      cleanUp();
      throw new InputError(M.writeFailed(path, why(e, lang)));
    }
    try { fsOps.closeSync(fd); } catch (e) { cleanUp(); throw new InputError(M.writeFailed(path, why(e, lang))); }
  }
  for (let k = 0; k < temps.length; k++) {
    const { path, temp } = temps[k]!;
    const full = resolve(path);
    try {
      if (force) fsOps.renameSync(temp, full);
      else {
        try {
          fsOps.linkSync(temp, full);
          fsOps.unlinkSync(temp);
        } catch (e) {
          if (codeOf(e) === "EEXIST") throw new UsageError(M.exists(path));
          // A file system without hard links: the name was checked free a moment ago.
          if (lstatOrUndefined(full) !== undefined) throw new UsageError(M.exists(path));
          fsOps.renameSync(temp, full);
        }
      }
    } catch (e) {
      for (const t of temps.slice(k)) { try { fsOps.unlinkSync(t.temp); } catch { /* gone */ } }
      if (e instanceof UsageError) throw e;
      throw new InputError(M.writeFailed(path, why(e, lang)));
    }
  }
}
