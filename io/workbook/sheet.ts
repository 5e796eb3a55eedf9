/** Sheet helpers shared by the case sheets and the result sheets: headers, widths, formats, column letters. */
import type ExcelJS from "exceljs";
import type { Lang } from "../../engine/index.ts";
import type { ColumnKind, Table } from "../results.ts";

export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE7F0" } };

export function styleHeader(ws: ExcelJS.Worksheet, ncols: number): void {
  const row = ws.getRow(1);
  row.font = { bold: true };
  for (let c = 1; c <= ncols; c++) row.getCell(c).fill = HEADER_FILL;
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

/** Column widths from the longest text (formulas by their result). */
export function fitWidths(ws: ExcelJS.Worksheet, ncols: number, min = 8, max = 60): void {
  for (let c = 1; c <= ncols; c++) {
    let w = min;
    ws.getColumn(c).eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value;
      let text: string;
      if (v === null || v === undefined) text = "";
      else if (v instanceof Date) text = "2000-01-01";
      else if (typeof v === "object" && "formula" in v) text = typeof v.result === "number" ? v.result.toFixed(2) : String(v.result ?? "");
      else if (typeof v === "object") text = "#N/A";
      else text = typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v);
      w = Math.max(w, Math.min(max, text.length + 2));
    });
    ws.getColumn(c).width = w;
  }
}

export const columnLetter = (n: number): string => {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

export const EURO_FORMAT = '"€ "#,##0.00;[Red]-"€ "#,##0.00';
export const FORMATS: Partial<Record<ColumnKind, string>> = { euro: EURO_FORMAT, ratio: "0.00", percent: "0.0%", year: "0", int: "0", number: "#,##0.00" };

/** A table of values (money in cents) as a sheet: header, euro formats, widths, a filter. */
export function writeTable(wb: ExcelJS.Workbook, name: string, t: Table, lang: Lang): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow(t.columns.map((c) => c.label[lang]));
  styleHeader(ws, t.columns.length);
  for (const r of t.rows) ws.addRow(r.map((v, i) => (v !== null && t.columns[i]!.kind === "euro" && typeof v === "number" ? v / 100 : v)));
  formatColumns(ws, t.columns.map((c) => c.kind));
  if (t.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  return ws;
}

/** Number formats and widths by column kind (euro columns at least 16 wide). */
export function formatColumns(ws: ExcelJS.Worksheet, kinds: readonly ColumnKind[]): void {
  kinds.forEach((k, i) => {
    const f = FORMATS[k];
    if (f) ws.getColumn(i + 1).numFmt = f;
  });
  fitWidths(ws, kinds.length, 10, 40);
  kinds.forEach((k, i) => { if (k === "euro") ws.getColumn(i + 1).width = Math.max(ws.getColumn(i + 1).width ?? 10, 16); });
  // Printed: landscape A4, every column on the page, the header on every page.
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" };
}
