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
    const ws = wb.getWorksheet("Effects")!;
    const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => head.indexOf(name) + 1;
    ws.getRow(2).getCell(col("cashable")).value = false;
    ws.getRow(2).getCell(col("deadweight")).value = 0;
    ws.getRow(3).getCell(col("attribution")).value = "0,75";
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
  }, 300_000);

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
