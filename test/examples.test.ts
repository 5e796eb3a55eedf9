import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateModel, formatIssue, loadCase } from "../engine/index.ts";

const dirs = ["examples", "notebooks/cases"];
const files = dirs.flatMap((d) => { try { return readdirSync(d).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(d, f)); } catch { return []; } });

describe("bundled case files", () => {
  it("there are at least the minimal, rich, Ruwaard and regional examples", () => {
    for (const f of ["examples/minimal.yaml", "examples/rich.yaml", "examples/ruwaard.yaml", "examples/regional.yaml"]) expect(files).toContain(f);
  });
  for (const file of files) {
    it(`${file} validates and evaluates, with society identical under every arrangement`, () => {
      const v = loadCase(readFileSync(file, "utf8"), /\.json$/.test(file) ? "json" : "yaml", { lang: "en" });
      if (!v.ok) throw new Error(v.issues.map((i) => formatIssue(i, file)).join("\n"));
      const ev = evaluateModel(v.model);
      for (const a of ev.arrangements) expect(a.society).toEqual(ev.society);
      expect(ev.partners.reduce((s, p) => s + p.npv, 0)).toBe(ev.society.npv);
    });
  }
  it("no case says an arrangement kind is not modelled while it uses it (issue 14: rich.yaml said pooled budgets are not modelled)", () => {
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const claims = /(does not|doesn't) (yet )?model[^.]*(pooled|pot|shared.savings|outcome)/i.test(text.replace(/\s+/g, " "));
      expect(claims, file).toBe(false);
    }
  });
});
