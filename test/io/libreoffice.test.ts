/**
 * Workbooks that LibreOffice saved: the exported results workbook of every bundled example, and a
 * case workbook an analyst edited (a boolean, a zero, a decimal comma typed as text), re-saved by
 * LibreOffice headless as .xlsx, import to the same case with the same results. (LibreOffice
 * writes booleans as formulas, `<f>FALSE()</f><v>0</v>`, and keeps no exceljs quirks.)
 */
import { describe, expect, it, beforeAll } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import YAML from "yaml";
import { evaluateModel, toJsonContract } from "../../engine/index.ts";
import { caseWorkbook, importWorkbook, resultsWorkbook } from "../../io/workbook/xlsx.ts";
import { model } from "../helpers.ts";
import { soffice } from "./libreoffice.ts";

const EXAMPLES = ["minimal", "rich", "regional", "ruwaard"];
const read = (f: string) => YAML.parse(readFileSync(`examples/${f}.yaml`, "utf8")) as Record<string, unknown>;
const contract = (data: unknown) => toJsonContract(evaluateModel(model(data)), { lang: "nl" });

describe("workbooks re-saved by LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "bcase-lo-"));
  const saved = new Map<string, string>();
  let edited: Record<string, unknown>;

  beforeAll(async () => {
    const inputs: string[] = [];
    for (const f of EXAMPLES) {
      const data = read(f);
      const file = join(dir, `${f}.xlsx`);
      writeFileSync(file, await resultsWorkbook(data, evaluateModel(model(data)), f === "regional" ? "en" : "nl"));
      inputs.push(file);
    }
    // An analyst's edits in the case sheets of rich.xlsx: cashable off, deadweight 0, an attribution typed as text with a decimal comma.
    const data = read("rich");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await caseWorkbook(data) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Effecten")!; // a Dutch workbook: Dutch headers and choices
    const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => head.indexOf(name) + 1;
    ws.getRow(2).getCell(col("kasbaar")).value = false;
    ws.getRow(2).getCell(col("deadweight")).value = 0;
    ws.getRow(3).getCell(col("attributie")).value = "0,75";
    const file = join(dir, "edited.xlsx");
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    inputs.push(file);
    const effects = structuredClone(data.effects) as Record<string, unknown>[];
    effects[0]!.cashable = false;
    effects[0]!.deadweight = 0;
    effects[1]!.attribution = 0.75;
    edited = { ...data, effects };
    const outdir = join(dir, "lo");
    soffice(inputs, "xlsx", outdir).forEach((out, i) => saved.set(EXAMPLES[i] ?? "edited", out));
  });

  for (const f of EXAMPLES) {
    it(`${f}: the results workbook LibreOffice saved imports to the same case and the same results`, async () => {
      const r = await importWorkbook(readFileSync(saved.get(f)!), { lang: "en" });
      expect(r.ok ? [] : r.issues.map((i) => `${i.sheet}!${i.cell}: ${i.message}`)).toEqual([]);
      expect(r.ok && r.data).toStrictEqual(read(f));
      expect(r.ok && toJsonContract(evaluateModel(r.model), { lang: "nl" })).toStrictEqual(contract(read(f)));
    });
  }

  it("an edited case workbook (FALSE, 0, \"0,75\") saved by LibreOffice imports with the edits", async () => {
    const r = await importWorkbook(readFileSync(saved.get("edited")!), { lang: "en" });
    expect(r.ok ? [] : r.issues.map((i) => `${i.sheet}!${i.cell}: ${i.message}`)).toEqual([]);
    expect(r.ok && r.data).toStrictEqual(edited);
    expect(r.ok && toJsonContract(evaluateModel(r.model), { lang: "nl" })).toStrictEqual(contract(edited));
    // The edits matter: the results differ from the unedited case.
    expect(contract(edited).society).not.toStrictEqual(contract(read("rich")).society);
  });
});

describe("the results workbook's formulas, recalculated by LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "bcase-lo-recalc-"));
  const files = new Map<string, { stored: ExcelJS.Workbook; recalculated: ExcelJS.Workbook; tampered: ExcelJS.Workbook }>();
  const cases = ["rich", "regional"];
  const load = async (bytes: Uint8Array) => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(bytes as unknown as ArrayBuffer); return wb; };

  beforeAll(async () => {
    const inputs: string[] = [];
    for (const f of cases) {
      const data = read(f);
      const bytes = await resultsWorkbook(data, evaluateModel(model(data)), "nl");
      writeFileSync(join(dir, `${f}.xlsx`), bytes);
      // The same workbook with every stored formula result set to 0: only a real recalculation gives the figures back.
      const wb = await load(bytes);
      for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => { if (cell.type === ExcelJS.ValueType.Formula) cell.value = { formula: cell.formula, result: 0 } as ExcelJS.CellValue; }));
      writeFileSync(join(dir, `${f}-zeroed.xlsx`), Buffer.from(await wb.xlsx.writeBuffer()));
      inputs.push(join(dir, `${f}.xlsx`), join(dir, `${f}-zeroed.xlsx`));
    }
    const out = soffice(inputs, "xlsx", join(dir, "recalculated"), { recalculate: true });
    for (const [i, f] of cases.entries()) {
      files.set(f, { stored: await load(readFileSync(inputs[2 * i]!)), recalculated: await load(readFileSync(out[2 * i]!)), tampered: await load(readFileSync(out[2 * i + 1]!)) });
    }
  });

  const result = (c: ExcelJS.Cell) => (c.model as { result?: unknown }).result;

  for (const f of cases) {
    it(`${f}: the summary's stored values are the engine's figures to the cent, and every formula recalculates to its stored value`, () => {
      const { stored, recalculated, tampered } = files.get(f)!;
      const ev = evaluateModel(model(read(f)));
      // Stored values: the summary rows against the engine, arrangement by arrangement.
      const sum = stored.getWorksheet("Samenvatting")!;
      const head = (sum.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (h: string) => head.indexOf(h) + 1;
      let r = 2;
      for (const a of ev.arrangements) {
        for (const m of [...a.partners, a.society]) {
          const row = sum.getRow(r++);
          expect(result(row.getCell(col("NCW")))).toBe(m.npv / 100);
          expect(result(row.getCell(col("netto")))).toBe(m.net / 100);
          expect(result(row.getCell(col("kosten")))).toBe(m.costs / 100);
          expect(result(row.getCell(col("B/K")))).toBe(m.bcr ?? "–");
        }
      }
      // Recalculated: every formula of every sheet (summary, per year, ledger, pots) to the cent, also from zeroed stored values.
      let formulas = 0;
      for (const ws of stored.worksheets) {
        ws.eachRow((row, rn) => row.eachCell((cell, cn) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          formulas++;
          const want = result(cell);
          for (const wb of [recalculated, tampered]) {
            const got = result(wb.getWorksheet(ws.name)!.getRow(rn).getCell(cn));
            if (typeof want === "number") expect(Math.abs((got as number) - want), `${ws.name}!${cell.address} ${cell.formula}`).toBeLessThan(0.005);
            else expect(got, `${ws.name}!${cell.address}`).toBe(want);
          }
        }));
      }
      expect(formulas).toBeGreaterThan(500);
    });
  }
});
