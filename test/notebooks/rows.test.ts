/**
 * The view logic of the notebooks (notebooks/lib/data/rows.ts, export.ts): the rows charts and
 * tables draw must add up to the engine's own figures, for every bundled case.
 */
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { evaluateModel, loadCase } from "../../engine/index.ts";
import { caseTextWithOverrides } from "../../notebooks/lib/data/export.ts";
import { SOCIETY_ID } from "../../notebooks/lib/charts/colors.ts";
import {
  cumulativeRows, flowRows, ledgerCsv, lineRows, npvRows, parameterRows, pocketRows, societyNetRows,
  waterfallRows, withOverrides, wrongPocketShare,
} from "../../notebooks/lib/data/rows.ts";
import { CASE_FILES, evaluate, model, read } from "./data.ts";

const euro = (cents: number) => cents / 100;
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);

describe.each(CASE_FILES)("%s", (file) => {
  const ev = evaluate(file);

  it("flow rows sum to each partner's net, costs below zero and benefits above", () => {
    const rows = flowRows(ev);
    for (const p of ev.partners) close(rows.filter((r) => r.partner === p.id).reduce((s, r) => s + r.value, 0), euro(p.net));
    for (const r of rows) expect(r.side === "costs" ? r.value < 0 : r.value > 0).toBe(true);
    expect(societyNetRows(ev).map((r) => r.value)).toEqual(ev.society.yearly.map((y) => euro(y.net)));
  });

  it("the cumulative line of every partner and of society ends at its NPV", () => {
    const rows = cumulativeRows(ev);
    const last = ev.years[ev.years.length - 1]!;
    for (const p of ev.partners) close(rows.find((r) => r.partner === p.id && r.year === last)!.value, euro(p.npv));
    close(rows.find((r) => r.partner === SOCIETY_ID && r.year === last)!.value, euro(ev.society.npv));
  });

  it("every waterfall is continuous and closes at the partner's net", () => {
    for (const p of ev.partners) {
      const rows = waterfallRows(p, (k) => k);
      for (let i = 1; i < rows.length - 1; i++) close(rows[i]!.start, rows[i - 1]!.end);
      const total = rows[rows.length - 1]!;
      expect(total.kind).toBe("total");
      close(total.end, euro(p.net));
    }
  });

  it("the wrong-pocket grid is complete and keeps the engine's present values", () => {
    const rows = pocketRows(ev);
    const investors = new Set(ev.wrongPocket.map((w) => w.investor));
    const beneficiaries = new Set(ev.wrongPocket.map((w) => w.beneficiary));
    expect(rows).toHaveLength(investors.size * beneficiaries.size);
    close(rows.reduce((s, r) => s + r.value, 0), euro(ev.wrongPocket.reduce((s, w) => s + w.pv, 0)));
    const share = wrongPocketShare(ev);
    if (share !== null) expect(share).toBeGreaterThanOrEqual(0), expect(share).toBeLessThanOrEqual(1);
  });

  it("NPV rows list every partner, then society", () => {
    const rows = npvRows(ev);
    expect(rows.map((r) => r.partner)).toEqual([...ev.partners.map((p) => p.id), SOCIETY_ID]);
  });

  it("the ledger CSV (the same file as bcase export --csv) has one line per status-quo row and each arrangement's transfer rows, and sums to each partner's net", () => {
    const lines = ledgerCsv(ev, "en").split("\r\n").slice(0, -1);
    expect(lines[0]).toBe("arrangement,year,partner,domain,line,kind,amount,discounted,cashable,counterparty,reason");
    expect(lines).toHaveLength(ev.ledger.rows.length + ev.arrangements.reduce((s, a) => s + a.rows.length, 0) + 1);
    const byPartner = new Map<string, number>();
    for (const line of lines.slice(1).filter((l) => l.startsWith(","))) {
      const cells = line.split(",");
      byPartner.set(cells[2]!, (byPartner.get(cells[2]!) ?? 0) + Math.round(Number(cells[6]) * 100));
    }
    for (const p of ev.partners) expect(byPartner.get(p.id) ?? 0).toBe(p.net);
    // In Dutch: Dutch Excel's dialect, the same figures.
    const nl = ledgerCsv(ev, "nl");
    expect(nl.startsWith("\uFEFFarrangement;year;")).toBe(true);
    expect(nl.split("\r\n")[1]!.split(";")[6]).toBe(lines[1]!.split(",")[6]!.replace(".", ","));
  });

  it("every parameter has a label status, and every investment and effect says whether it rests on assumptions", () => {
    const m = model(file);
    for (const r of parameterRows(m, ev.parameters)) {
      expect(Number.isFinite(r.value), r.name).toBe(true);
      expect(["assumption", "sourced", "derived", "unlabelled"]).toContain(r.status);
    }
    for (const r of lineRows(m)) for (const name of r.dependsOn) expect(Object.keys(m.case.parameters)).toContain(name);
  });
});

describe("labelling of the study cases", () => {
  it.each(["examples/ruwaard.yaml", "notebooks/cases/noord.yaml", "notebooks/cases/uden.yaml", "notebooks/cases/ede.yaml"])(
    "%s: every effect is an assumption, rests on one or cites a source, and no parameter is an unlabelled number",
    (file) => {
      const m = model(file);
      for (const r of lineRows(m).filter((l) => l.type === "effect")) {
        expect(r.assumption || r.dependsOn.length > 0 || r.source !== "", `${r.id} is neither an assumption nor sourced`).toBe(true);
      }
      const unlabelled = parameterRows(m, evaluateModel(m).parameters).filter((r) => r.status === "unlabelled").map((r) => r.name);
      expect(unlabelled).toEqual([]);
    },
  );
});

describe("writing the reader's changes back into a case file", () => {
  const overrides = { replacedShare: 0.5, attribution: 0.75 };

  it("YAML keeps comments and layout, and the file reproduces the results", () => {
    const text = read("examples/ruwaard.yaml");
    const out = caseTextWithOverrides(text, "yaml", overrides);
    expect(out).toContain("# WHAT IS NOT: no euro saving was ever published.");
    expect(out).toMatch(/changed in the notebook; was 0\.9/);
    const v = loadCase(out, "yaml");
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    expect(evaluateModel(v.model).society.npv).toBe(evaluate("examples/ruwaard.yaml", overrides).society.npv);
  });

  it("JSON gives JSON with the same results", () => {
    const data = { ...(loadCase(read("examples/minimal.yaml"), "yaml") as { ok: true; model: { case: unknown } }).model.case as object };
    const text = JSON.stringify(data);
    const out = caseTextWithOverrides(text, "json", { clients: 400 });
    const v = loadCase(out, "json");
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    expect(v.model.case.parameters.clients).toMatchObject({ value: 400 });
    expect(evaluateModel(v.model).society.npv).toBe(evaluate("examples/minimal.yaml", { clients: 400 }).society.npv);
  });

  it("withOverrides leaves unknown names and other parameters alone", () => {
    const out = withOverrides({ parameters: { a: 1, b: { value: "a * 2", unit: "EUR" } } }, { b: 5, nope: 3 }, "was");
    expect(out.parameters).toEqual({ a: 1, b: { value: 5, unit: "EUR", note: 'was "a * 2"' } });
  });

  it("a note in both languages gets the mark in both, and the case stays valid", () => {
    const data = YAML.parse(read("examples/minimal.yaml")) as { parameters: Record<string, unknown> };
    const out = withOverrides(data, { clients: 300 }, "was");
    expect(out.parameters.clients).toMatchObject({ value: 300, note: { nl: "illustratief; was 200", en: "illustrative; was 200" } });
    const v = loadCase(JSON.stringify(out), "json", { lang: "en" });
    expect(v.ok && v.model.case.parameters.clients).toMatchObject({ note: "illustrative; was 200" });
  });
});
