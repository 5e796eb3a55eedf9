/**
 * The gate in front of exceljs: a workbook is a zip, and exceljs inflates every part of it into
 * memory and builds an object per cell before anyone can say "too big". So before exceljs sees a
 * file, this module reads the zip's central directory (the sizes every part claims, without
 * inflating anything: fflate's `unzipSync` with a filter that keeps nothing), refuses a file
 * whose parts claim more than the limits, then inflates each part once as a stream, counting its
 * bytes (a part that inflates to more than it claimed is refused at that byte) and the rows of
 * each worksheet (a sheet over the row limit is refused at that row). An 800 MB zip bomb or a
 * 100,000-row sheet is refused after reading its directory or its first rows, not after
 * exceljs has built them.
 *
 * It also tells an OpenDocument spreadsheet (.ods, LibreOffice's own format) from an Office
 * Open XML workbook (.xlsx), so an .ods gets a message that says how to save it as .xlsx.
 *
 * Limits (generous for real cases: the bundled rich.xlsx results workbook unzips to 0.5 MB with
 * 315 ledger rows): 64 MB unzipped, 2,000 parts, 50,000 rows per sheet.
 */
import { Unzip, UnzipInflate, unzipSync, type UnzipFileInfo } from "fflate";

export interface ZipLimits {
  /** Total size of all parts once inflated, in bytes. */
  maxUnzipped: number;
  /** Number of parts (files) in the zip. */
  maxEntries: number;
  /** Rows (`<row>` elements, empty ones written by a spreadsheet program included) per worksheet. */
  maxRows: number;
}

export const ZIP_LIMITS: ZipLimits = { maxUnzipped: 64 * 1024 * 1024, maxEntries: 2000, maxRows: 50_000 };

export type ZipCheck =
  | { ok: true; kind: "xlsx" }
  | { ok: false; code: "notWorkbook" | "odsWorkbook" | "zipTooLarge" | "zipTooManyParts" | "zipSizeLies" | "sheetTooManyRows"; params: Record<string, string> };

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

const ROW = new TextEncoder().encode("<row");
const MB = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;

/** Counts `<row` in a stream of chunks (a match may straddle two chunks). */
function rowCounter(): (chunk: Uint8Array) => number {
  let carry = 0; // how many bytes of ROW the previous chunk ended with
  let count = 0;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === ROW[carry]) {
        carry++;
        if (carry === ROW.length) { count++; carry = 0; }
      } else carry = b === ROW[0] ? 1 : 0;
    }
    return count;
  };
}

/** `xl/worksheets/sheet3.xml` -> its tab name, from workbook.xml and its relationships (when they can be read). */
function sheetNames(workbookXml: string | undefined, relsXml: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!workbookXml || !relsXml) return out;
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1], target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, "xl/"));
  }
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1], id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) out.set(target, name.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
  }
  return out;
}

/**
 * Whether `bytes` is a workbook exceljs may open within `limits`. Reads the central directory,
 * then inflates each part once as a stream (the work exceljs would do, stopped at the first
 * limit crossed).
 */
export function inspectWorkbookZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipCheck {
  if (!isZip(bytes)) return { ok: false, code: "notWorkbook", params: { detail: "geen zip / not a zip" } };
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, { filter: (f) => { entries.push(f); return false; } });
  } catch (e) {
    return { ok: false, code: "notWorkbook", params: { detail: (e as Error).message } };
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has("content.xml") && !names.has("xl/workbook.xml")) return { ok: false, code: "odsWorkbook", params: {} };
  if (!names.has("xl/workbook.xml")) return { ok: false, code: "notWorkbook", params: { detail: "xl/workbook.xml ontbreekt / missing" } };
  if (entries.length > limits.maxEntries) return { ok: false, code: "zipTooManyParts", params: { count: String(entries.length), limit: String(limits.maxEntries) } };
  const claimed = entries.reduce((s, e) => s + e.originalSize, 0);
  if (claimed > limits.maxUnzipped) return { ok: false, code: "zipTooLarge", params: { size: MB(claimed), limit: MB(limits.maxUnzipped) } };

  // The tab names of the sheet parts, from the two small parts that list them (claimed at most
  // 1 MB each; fflate inflates them into buffers of the claimed size).
  let tabs = new Map<string, string>();
  try {
    const WB = "xl/workbook.xml", RELS = "xl/_rels/workbook.xml.rels";
    const got = unzipSync(bytes, { filter: (f) => (f.name === WB || f.name === RELS) && f.originalSize <= 1 << 20 });
    const dec = new TextDecoder();
    tabs = sheetNames(got[WB] && dec.decode(got[WB]), got[RELS] && dec.decode(got[RELS]));
  } catch {
    // Unreadable: the sheet is then named by its part; exceljs will say what is wrong.
  }

  // Inflate as a stream: count bytes against what each part claimed and the total, and rows per sheet.
  const declared = new Map(entries.map((e) => [e.name, e.originalSize]));
  const rowsOf = new Map<string, number>();
  let total = 0;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  // The first limit crossed; fflate catches what a data callback throws, so it is kept here and
  // the part is terminated, and the loop below stops pushing.
  let refused: Extract<ZipCheck, { ok: false }> | undefined;
  unzip.onfile = (file) => {
    const limit = declared.get(file.name) ?? 0;
    const count = /^xl\/worksheets\/[^/]+\.xml$/.test(file.name) ? rowCounter() : undefined;
    let size = 0;
    const refuse = (r: Extract<ZipCheck, { ok: false }>) => { refused ??= r; file.terminate(); };
    file.ondata = (err, chunk) => {
      if (refused) return;
      if (err) return refuse({ ok: false, code: "notWorkbook", params: { detail: err.message } });
      size += chunk.length;
      total += chunk.length;
      if (size > limit || total > limits.maxUnzipped) return refuse({ ok: false, code: "zipSizeLies", params: { part: file.name, size: MB(limit) } });
      const rows = count?.(chunk) ?? 0;
      if (rows > limits.maxRows) return refuse({ ok: false, code: "sheetTooManyRows", params: { part: file.name, sheet: tabs.get(file.name) ?? file.name, rows: String(rows), limit: String(limits.maxRows) } });
    };
    file.start();
  };
  try {
    // In 4 KB pieces: a piece inflates to at most about 4 MB (deflate's ratio is at most 1032:1),
    // and a refusal stops the work at the next piece.
    const step = 4096;
    for (let i = 0; i < bytes.length && !refused; i += step) unzip.push(bytes.subarray(i, Math.min(bytes.length, i + step)), i + step >= bytes.length);
  } catch (e) {
    refused ??= { ok: false, code: "notWorkbook", params: { detail: (e as Error).message } };
  }
  if (refused) return refused;
  return { ok: true, kind: "xlsx" };
}
