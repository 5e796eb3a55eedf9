/**
 * Hostile and careless workbooks: a zip bomb (honest about its 800 MB, or claiming 1 MB), a
 * 100,000-row sheet, an .ods, something that is no zip, and formula cells whose stored value the
 * file cannot prove. Each is refused with one clear message before exceljs inflates anything
 * (the gate, io/workbook/guard.ts, reads the zip's directory and streams its parts).
 */
import { describe, expect, it } from "vitest";
import { deflateRawSync, constants } from "node:zlib";
import { unzipSync, zipSync, strToU8, strFromU8 } from "fflate";
import ExcelJS from "exceljs";
import { inspectWorkbookZip } from "../../io/workbook/guard.ts";
import { importWorkbook, templateWorkbook } from "../../io/workbook/xlsx.ts";

/** A zip with one stored-as-deflate part whose raw deflate bytes and claimed size are given (the CRC is not checked before the refusal). */
function zipWith(parts: { name: string; deflated: Uint8Array; size: number }[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 14); local.writeUInt32LE(p.deflated.length, 18); local.writeUInt32LE(p.size, 22); local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0); cd.writeUInt16LE(20, 4); cd.writeUInt16LE(20, 6); cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(0, 16); cd.writeUInt32LE(p.deflated.length, 20); cd.writeUInt32LE(p.size, 24); cd.writeUInt16LE(name.length, 28); cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(p.deflated));
    central.push(cd, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10); end.writeUInt32LE(cdSize, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/** Raw deflate of `mb` megabytes of spaces, built from one compressed megabyte repeated (full-flush blocks are independent). */
function deflatedSpaces(mb: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1 << 20, 0x20), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => block), Buffer.from([0x03, 0x00])]);
}

const small = (name: string, text: string) => ({ name, deflated: deflateRawSync(Buffer.from(text)), size: Buffer.byteLength(text) });
const WORKBOOK_XML = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Effects" sheetId="1" r:id="rId1"/></sheets></workbook>';

describe("the workbook gate", () => {
  it("an 800 MB zip bomb is refused from its directory, naming its size and the limit", async () => {
    const bomb = zipWith([small("xl/workbook.xml", WORKBOOK_XML), { name: "xl/worksheets/sheet1.xml", deflated: deflatedSpaces(800), size: 800 * (1 << 20) }]);
    expect(bomb.length).toBeLessThan(1 << 20); // under a megabyte on disk
    const r = await importWorkbook(bomb, { lang: "en" });
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual(["workbook unzips to 800 MB, more than the limit of 64 MB; a case fits well within less (is this a case workbook?)"]);
    const nl = await importWorkbook(bomb, { lang: "nl" });
    expect(!nl.ok && nl.issues[0]!.message).toMatch(/^werkmap is uitgepakt 800 MB, meer dan de grens van 64 MB/);
  });

  it("a bomb that claims 1 MB is stopped at the first byte past its claim", () => {
    const liar = zipWith([small("xl/workbook.xml", WORKBOOK_XML), { name: "xl/worksheets/sheet1.xml", deflated: deflatedSpaces(800), size: 1 << 20 }]);
    expect(inspectWorkbookZip(liar)).toEqual({ ok: false, code: "zipSizeLies", params: { part: "xl/worksheets/sheet1.xml", size: "1 MB" } });
  });

  it("a 100,000-row sheet is refused, naming the sheet and the limit", async () => {
    // The (Dutch) template with its Effecten sheet replaced by 100,000 rows (about 5 MB of XML, 100 KB zipped).
    const parts = unzipSync(await templateWorkbook());
    const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"]!);
    const rid = /<sheet [^>]*name="Effecten"[^>]*r:id="([^"]+)"/.exec(strFromU8(parts["xl/workbook.xml"]!))![1]!;
    const target = "xl/" + new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!.slice(1).find(Boolean)!.replace(/^\/?xl\//, "");
    const rows = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>e${i}</t></is></c></row>`).join("");
    parts[target] = strToU8(strFromU8(parts[target]!).replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>${rows}</sheetData>`));
    const big = zipSync(parts);
    const r = await importWorkbook(big, { lang: "en" });
    expect(!r.ok && r.issues.map((i) => [i.sheet, i.code])).toEqual([["Effecten", "sheetTooManyRows"]]);
    expect(!r.ok && r.issues[0]!.message).toBe("more than 50000 rows, the limit; a case has far fewer (delete empty formatted rows or the result sheets)");
  });

  it("an .ods says how to save it as .xlsx; a file that is no zip is not a workbook", async () => {
    const ods = zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": strToU8("<office:document-content/>") });
    const r = await importWorkbook(ods, { lang: "nl" });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["odsWorkbook"]);
    expect(!r.ok && r.issues[0]!.message).toContain('Opslaan als > Bestandstype "Excel 2007-365 (.xlsx)"');
    const en = await importWorkbook(ods, { lang: "en" });
    expect(!en.ok && en.issues[0]!.message).toContain("soffice --headless --convert-to xlsx FILE.ods");
    const yaml = await importWorkbook(Buffer.from("id: x\ntitle: y\n"), { lang: "en" });
    expect(!yaml.ok && yaml.issues.map((i) => i.code)).toEqual(["notWorkbook"]);
  });
});

describe("formula cells", () => {
  /** The minimal case by hand with one cell of the Effects sheet given. */
  async function withEffectCell(column: string, value: ExcelJS.CellValue): Promise<Awaited<ReturnType<typeof importWorkbook>>> {
    const wb = new ExcelJS.Workbook();
    const add = (name: string, rows: unknown[][]) => { const ws = wb.addWorksheet(name); rows.forEach((r) => ws.addRow(r)); return ws; };
    add("Case", [["field", "value"], ["id", "f"], ["title", "F"], ["priceYear", 2024], ["startYear", 2025], ["horizon", 3]]);
    add("Partners", [["id", "name", "kind"], ["g", "Gemeente", "municipality"]]);
    add("Domains", [["id", "name", "funder"], ["wmo", "Wmo", "g"]]);
    const ws = add("Effects", [["id", "label", "domain", "quantity", "unitPrice", column], ["e", "E", "wmo", 10, 100]]);
    ws.getCell("F2").value = value;
    return importWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { lang: "en" });
  }

  it("a formula whose stored result it proves counts by that result (TRUE()/FALSE() as LibreOffice writes booleans, 0 included; constant arithmetic)", async () => {
    const f = await withEffectCell("cashable", { formula: "FALSE()", result: false });
    expect(f.ok && (f.data.effects as { cashable: boolean }[])[0]!.cashable).toBe(false);
    const z = await withEffectCell("deadweight", { formula: "0*1", result: 0 });
    expect(z.ok && (z.data.effects as { deadweight: number }[])[0]!.deadweight).toBe(0);
    const a = await withEffectCell("attribution", { formula: "3/4", result: 0.75 });
    expect(a.ok && (a.data.effects as { attribution: number }[])[0]!.attribution).toBe(0.75);
  });

  it("a formula over cells is refused, echoing the formula and its stored result; a wrong stored result is named", async () => {
    const r = await withEffectCell("attribution", { formula: "B7*2", result: 0.8 });
    expect(!r.ok && r.issues.map((i) => `${i.sheet}!${i.cell} (${i.column}): ${i.message}`)).toEqual([
      "Effects!F2 (attribution): formula =B7*2 (stored result 0.8): the import takes values, not spreadsheet formulas, because the stored result cannot be checked; paste the value (Paste Special > Values) or put the calculation in the case as a formula (e.g. clients * 2)",
    ]);
    const w = await withEffectCell("attribution", { formula: "1/2", result: 0.9 });
    expect(!w.ok && w.issues.map((i) => i.code)).toEqual(["formulaMismatch"]);
    const none = await withEffectCell("attribution", { formula: "SUM(A1:A3)" } as ExcelJS.CellValue);
    expect(!none.ok && none.issues[0]!.message).toBe("formula =SUM(A1:A3) without a stored result; type the value itself (or open and save the file in Excel or LibreOffice)");
  });

  it("dates: a year typed into a date-formatted cell is the year; a real date in a text field is the day as text; elsewhere it is named", async () => {
    const wb = new ExcelJS.Workbook();
    const add = (name: string, rows: unknown[][]) => { const ws = wb.addWorksheet(name); rows.forEach((r) => ws.addRow(r)); return ws; };
    const c = add("Case", [["field", "value"], ["id", "f"], ["title", "F"], ["priceYear", 2024], ["startYear", 2025], ["horizon", 3], ["note", new Date(Date.UTC(2024, 2, 1))]]);
    c.getCell("B5").value = 2025; c.getCell("B5").numFmt = "dd-mm-yyyy"; // shows as 17-7-1905
    add("Partners", [["id", "name", "kind"], ["g", "Gemeente", "municipality"]]);
    add("Domains", [["id", "name", "funder"], ["wmo", "Wmo", "g"]]);
    add("Effects", [["id", "label", "domain", "quantity", "unitPrice", "attribution", "deadweight"], ["e", "E", "wmo", "1.234,5", 100, "0,8", new Date(Date.UTC(2026, 0, 1))]]);
    const r = await importWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { lang: "en" });
    expect(!r.ok && r.issues.map((i) => `${i.sheet}!${i.cell}: ${i.message}`)).toEqual(["Effects!G2: a date (2026-01-01) is not allowed here; give a year as a number (2026) or text"]);
    expect(r.data?.startYear).toBe(2025);
    expect(r.data?.note).toBe("2024-03-01");
    // Text numbers with a decimal comma are numbers, also where a formula could go.
    expect((r.data?.effects as Record<string, unknown>[])[0]).toMatchObject({ quantity: 1234.5, attribution: 0.8 });
  });
});
