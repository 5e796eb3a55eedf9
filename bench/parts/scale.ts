/**
 * A whole region (bench/cases.ts): a slider move on the 342-municipality case (evaluateModel
 * with one override) and where its time goes; `bcase evaluate` on it, whole process, next to
 * `bcase evaluate` on examples/minimal.yaml (the start alone); validation of the 300 effects x
 * 50 years x 50 partners case with 300 uncertain inputs.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyArrangement, buildLedger, evaluateModel, parameterValues, validateCase, type Evaluation } from "../../engine/index.ts";
import { summaryOf } from "../../engine/ledger/ledger.ts";
import { regionalCase, validationCase } from "../cases.ts";
import { fmt, ms, show, timeChildRuns, timeRuns } from "../timing.ts";
import type { BenchPart } from "./context.ts";
import { regionalModel } from "./models.ts";

export const sliderPart: BenchPart = {
  name: "slider",
  about: "a slider move (evaluateModel with one override) on the 342-municipality case, and where its time goes",
  async run({ runs, log }) {
    const { model, ms: validateMs } = regionalModel();
    let ev: Evaluation | undefined;
    let k = 0;
    // Each run moves the slider to a new value, so no figure can be reused from the run before;
    // as the notebook's slider does, each move hands back the evaluation it replaces (its
    // ledger's memory is written over: `replaces` in engine/ledger/evaluation.ts).
    // A slider is dragged: many moves, the first few compiling the code (5 untimed), then the
    // median of 20 (three single moves mostly timed V8's warm-up: 60 to 235 ms apart on an idle machine).
    const moves = Math.max(runs, 20), warm = 5;
    const slider = await timeRuns(moves, () => { ev = evaluateModel(model, { effectJeugd: 1.05 + 0.01 * k++ }, { replaces: ev }); }, warm);
    const rows = ev!.ledger.rows.length;
    // The same moves, each in fresh memory (a caller that keeps every evaluation).
    const kept = await timeRuns(moves, () => { evaluateModel(model, { effectJeugd: 1.05 + 0.01 * k++ }); }, warm);
    // A slider that moves fewer lines: effectZvw is read by the Zvw effects only (one insurer and
    // "other insurers" pay them), so the youth lines' 342-way splits are read where they are in the base ledger, not built again.
    let zev: Evaluation | undefined;
    const zvw = await timeRuns(moves, () => { zev = evaluateModel(model, { effectZvw: 1.05 + 0.01 * k++ }, { replaces: zev }); }, warm);
    // Where the time goes: the same steps evaluateModel takes, timed one by one (one run).
    const values = parameterValues(model.parameters, { effectJeugd: 1.2 });
    const t = <T>(f: () => T) => { const s = performance.now(); const r = f(); return [performance.now() - s, r] as const; };
    const [ledgerMs, ledger] = t(() => buildLedger(model, values));
    const [summaryMs] = t(() => summaryOf(model, ledger));
    const [rowsMs] = t(() => ledger.rows.length);
    const base = evaluateModel(model, { effectJeugd: 1.2 });
    const arrangementsMs = model.arrangements.map((a) => ({ id: a.id, steps: a.steps.length, ms: Math.round(t(() => applyArrangement(model, values, base, a))[0]) }));
    const breakdown = { buildLedger: Math.round(ledgerMs), summary: Math.round(summaryMs), rowObjects: Math.round(rowsMs), arrangements: arrangementsMs };
    log(`342 municipalities, ${model.case.partners.length} partners, ${model.effects.length} effects, ${model.years.length} years: ${rows.toLocaleString("en")} ledger rows (validation ${fmt(validateMs)})`);
    log(`slider move (evaluateModel, one override, handing back the move it replaces), median of ${moves} moves after ${warm}: ${show(slider)}, moves ${slider.runs.join(", ")} ms (target < 100 ms); effectJeugd moves nine in ten rows`);
    log(`  the same move in fresh memory (every evaluation kept): ${show(kept)}, runs ${kept.runs.join(", ")} ms`);
    log(`slider move on effectZvw (the Zvw lines only; the others read where they are in the base evaluation's ledger): ${show(zvw)}, runs ${zvw.runs.join(", ")} ms`);
    log(`  by step (one run): ledger columns ${fmt(ledgerMs)}, one pass for every partner's and society's sums ${fmt(summaryMs)}; row objects (made only when a view reads them, not part of a move) ${fmt(rowsMs)}; arrangements ${arrangementsMs.map((a) => `${a.id} (${a.steps} steps) ${fmt(a.ms)}`).join(", ")}`);
    return { partners: model.case.partners.length, rows, validateMs: Math.round(validateMs), slider: { ...ms(slider), runs: slider.runs }, sliderFresh: { ...ms(kept), runs: kept.runs }, sliderZvw: { ...ms(zvw), runs: zvw.runs }, breakdownMs: breakdown };
  },
};

export const evaluatePart: BenchPart = {
  name: "evaluate",
  about: "`bcase evaluate` and `bcase sensitivity` whole process on the 342-municipality case, next to `bcase evaluate examples/minimal.yaml` (the start alone)",
  async run({ runs, tmp, root, log }) {
    const file = join(tmp, "regio-342.json");
    writeFileSync(file, JSON.stringify(regionalCase()));
    const bin = join(root, "bin/bcase.js");
    const minimal = timeChildRuns(runs, process.execPath, [bin, "evaluate", join(root, "examples/minimal.yaml")], { cwd: root });
    const big = timeChildRuns(runs, process.execPath, [bin, "evaluate", file], { cwd: root });
    log(`bcase evaluate, whole process: 342-municipality case ${show(big)} (runs ${big.runs.join(", ")} ms; target < 1.5 s); examples/minimal.yaml ${show(minimal)} (the start)`);
    // Tornado, switching values of 366 entities for 2 parameters, scenarios: one run (seconds).
    const sensitivity = timeChildRuns(1, process.execPath, [bin, "sensitivity", file, "-f", "json"], { cwd: root });
    log(`bcase sensitivity, whole process: 342-municipality case ${show(sensitivity)} (one run; the evaluation above is its floor)`);
    return { regional: { ...ms(big), runs: big.runs }, minimal: { ...ms(minimal), runs: minimal.runs }, sensitivity: ms(sensitivity) };
  },
};

export const validationPart: BenchPart = {
  name: "validation",
  about: "validateCase on 300 effects x 50 years x 50 partners with 300 uncertain inputs",
  async run({ runs, log }) {
    const data = validationCase();
    let last: ReturnType<typeof validateCase> | undefined;
    const v = await timeRuns(runs, () => { last = validateCase(data); });
    if (!last!.ok) throw new Error("the validation case is invalid: " + last!.issues.map((i) => i.message).join("; "));
    const rows = buildLedger(last!.model, parameterValues(last!.model.parameters)).rows.length;
    log(`validation of 300 effects x 50 years x 50 partners (300 uncertain inputs, ${rows.toLocaleString("en")} ledger rows): ${show(v)}, runs ${v.runs.join(", ")} ms (target < 2 s)`);
    return { rows, ...ms(v), runs: v.runs };
  },
};
