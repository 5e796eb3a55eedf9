/**
 * What the fuzz test asserts about one case file: either it is an input error (every issue with
 * a path and a message from the catalogue), or it evaluates and every output format (table,
 * JSON, CSV, Markdown, the arrangement and compare views, monitoring, the HTML and Markdown
 * report, and for uncertain cases a small Monte Carlo run and the sensitivity analysis) holds
 * only finite numbers, whole cents as safe integers, and partners that sum to society. An
 * exception escaping is an internal error. Failures are thrown as `FuzzFailure` with a class
 * (the kind of failure and where), so a run can count failures per class.
 */
import {
  evaluateModel, evaluateMonitoring, loadCase, message, scenarios, simulate, SimulationInputError, switchingValues, toJsonContract,
  toMonitoringJson, toSensitivityJson, toSimulationJson, tornado, type Evaluation, type Issue, type Model,
} from "../../engine/index.ts";
import { renderArrangement, renderCompare, renderCsv, renderMarkdown, renderMonitoring, renderTable } from "../../cli/render.ts";
import { renderSensitivity, renderSensitivityCsv, renderSimulation, renderSimulationCsv } from "../../cli/renderUncertainty.ts";
import { ledgerTable, tableToCsv } from "../../io/results.ts";
import { renderReport } from "../../io/report/report.ts";
import type { FuzzInput } from "./cases.ts";

export class FuzzFailure extends Error {
  constructor(readonly failureClass: string, detail: string) {
    super(`${failureClass}: ${detail}`);
  }
}

export interface CheckOptions {
  /** Render the HTML report too (Plot charts in jsdom: the slowest part). */
  html?: boolean;
  /** Run a small Monte Carlo and the sensitivity analysis when the case has distributions. */
  uncertainty?: boolean;
}

export type Outcome = { kind: "ok"; parts: number } | { kind: "input"; codes: string[] };

/** An internal error's class: the message without numbers and quoted names, and the function it came from. */
export function internalClass(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const msg = `${err.name}: ${err.message}`.split("\n")[0]!.replace(/"[^"]*"/g, '"…"').replace(/-?\d[\d.e+-]*/g, "#").slice(0, 100);
  const frame = (err.stack ?? "").split("\n").slice(1).find((l) => !l.includes("node:internal") && !l.includes("node_modules")) ?? "";
  const where = frame.replace(/^\s*at\s+/, "").replace(/\(?(?:file:\/\/)?\/[^)]*\/(engine|cli|io|test)\//, "$1/").replace(/:\d+\)?$/, "").replace(/:\d+$/, "").slice(0, 80);
  return `internal: ${msg} @ ${where}`;
}

/** Every number in a value (object, array) must be finite; names the first path that is not. */
function assertFinite(value: unknown, what: string): void {
  const stack: [unknown, string][] = [[value, what]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new FuzzFailure(`non-finite: ${path.replace(/\[\d+\]/g, "[]")}`, `${path} = ${v}`);
    } else if (v instanceof Float64Array || v instanceof Float32Array) {
      for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) throw new FuzzFailure(`non-finite: ${path}[]`, `${path}[${i}] = ${v[i]}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) stack.push([x, `${path}.${k}`]);
  }
}

/** Text output must not show a number that is not one (unless the case itself has the word). */
function assertText(text: string, what: string, input: string): void {
  for (const word of ["NaN", "Infinity", "undefined", "[object Object]"]) {
    if (text.includes(word) && !input.includes(word)) throw new FuzzFailure(`text: ${word} in ${what}`, text.slice(Math.max(0, text.indexOf(word) - 80), text.indexOf(word) + 40));
  }
}

function assertCents(ev: Evaluation): void {
  const rows = [...ev.ledger.rows, ...ev.arrangements.flatMap((a) => a.rows)];
  for (const r of rows) {
    for (const [k, x] of [["amount", r.amount], ["discounted", r.discounted]] as const) {
      if (!Number.isSafeInteger(x)) throw new FuzzFailure(`unsafe: ledger ${r.kind} ${k}`, `${r.year} ${r.partner} ${r.line}: ${x}`);
    }
  }
  for (const view of [ev, ...ev.arrangements]) {
    for (const m of [view.society, ...view.partners]) {
      for (const k of ["costs", "savings", "net", "npv", "pvCosts", "pvSavings", "transfersIn", "transfersOut"] as const) {
        if (!Number.isSafeInteger(m[k])) throw new FuzzFailure(`unsafe: metric ${k}`, `${m[k]}`);
      }
    }
    const sumNet = view.partners.reduce((s, p) => s + p.net, 0);
    if (sumNet !== view.society.net) throw new FuzzFailure("conservation: partners' net != society's", `${sumNet} vs ${view.society.net}`);
  }
}

function assertIssues(issues: readonly Issue[], input: string): void {
  if (issues.length === 0) throw new FuzzFailure("issues: invalid without an issue", "");
  for (const i of issues) {
    if (!Array.isArray(i.path)) throw new FuzzFailure("issues: no path", i.code);
    if (typeof i.message !== "string" || i.message.length === 0) throw new FuzzFailure("issues: no message", i.code);
    if (i.message === i.code) throw new FuzzFailure(`issues: code without a text: ${i.code}`, JSON.stringify(i.path));
    assertText(i.message, `message ${i.code}`, input);
  }
}

function hasUncertainty(model: Model): boolean {
  return Object.values(model.case.parameters).some((p) => typeof p === "object" && p.distribution !== undefined && p.distribution.type !== "point");
}

/** Checks one case: returns what happened, or throws a `FuzzFailure`. */
export async function checkInput(input: FuzzInput, options: CheckOptions = {}): Promise<Outcome> {
  try {
    return await checkInner(input, options);
  } catch (e) {
    if (e instanceof FuzzFailure) throw e;
    throw new FuzzFailure(internalClass(e), `${(e as Error)?.message?.slice(0, 300)}\n${(e as Error)?.stack?.split("\n").slice(1, 6).join("\n")}`);
  }
}

async function checkInner(input: FuzzInput, options: CheckOptions): Promise<Outcome> {
  const lang = input.text.length % 2 === 0 ? "nl" : "en";
  const v = loadCase(input.text, input.format, { lang });
  if (!v.ok) {
    assertIssues(v.issues, input.text);
    return { kind: "input", codes: [...new Set(v.issues.map((i) => i.code))] };
  }
  const model = v.model;
  const ev = evaluateModel(model);
  assertCents(ev);
  const json = toJsonContract(ev, { lang });
  assertFinite(json, "evaluate.json");
  const jsonText = JSON.stringify(json);
  assertText(jsonText, "json", input.text);
  const texts: [string, string][] = [
    ["table", renderTable(ev, lang)], ["csv", renderCsv(ev, lang, "excel-nl")], ["csv.rfc4180", renderCsv(ev, lang, "rfc4180")], ["md", renderMarkdown(ev, lang)],
    ["compare.table", renderCompare(ev, lang, "table")], ["compare.csv", renderCompare(ev, lang, "csv")], ["compare.md", renderCompare(ev, lang, "md")],
    ["ledger.csv", tableToCsv(ledgerTable(ev), "excel-nl")],
    ...ev.arrangements.map((a) => [`arrangement ${a.implicit ? "status quo" : "table"}`, renderArrangement(ev, a, lang)] as [string, string]),
  ];
  if (model.actuals.years.length > 0 || model.case.indicators.length > 0) {
    const m = evaluateMonitoring(model, ev);
    assertFinite(toMonitoringJson(ev, m), "monitor.json");
    texts.push(["monitor", renderMonitoring(ev, m, lang)]);
  }
  texts.push(["report.md", await renderReport(ev, { format: "md", lang })]);
  if (options.html) texts.push(["report.html", await renderReport(ev, { format: "html", lang })]);
  for (const [what, text] of texts) assertText(text, what, input.text);

  if (options.uncertainty && hasUncertainty(model)) {
    let r;
    try {
      r = simulate(model, { samples: 40, seed: 1, arrangements: "all", yearly: true, cdfPoints: 11 });
    } catch (e) {
      // A sample beyond what validation probed is an input error with the path of the line.
      if (!(e instanceof SimulationInputError)) throw e;
      assertIssues([{ path: e.path, code: e.code, message: message(e.code, e.params, lang) }], input.text);
      return { kind: "input", codes: [e.code] };
    }
    const sj = toSimulationJson(r);
    assertFinite(sj, "simulate.json");
    assertText(JSON.stringify(sj), "simulate.json", input.text);
    assertText(renderSimulation(r, model.case.title, lang), "simulate.table", input.text);
    assertText(renderSimulationCsv(r, lang, "excel-nl"), "simulate.csv", input.text);
    let t: ReturnType<typeof tornado>, s: ReturnType<typeof switchingValues>, sc: ReturnType<typeof scenarios>;
    try {
      t = tornado(model); s = switchingValues(model); sc = scenarios(model);
    } catch (e) {
      // A point inside the probed range where the case cannot be evaluated: an input error with the line's path.
      if (!(e instanceof SimulationInputError) || e.code !== "pointNotEvaluable") throw e;
      assertIssues([{ path: e.path, code: e.code, message: message(e.code, e.params, lang) }], input.text);
      return { kind: "input", codes: [e.code] };
    }
    const sens = toSensitivityJson(t, s, sc);
    assertFinite(sens, "sensitivity.json");
    assertText(JSON.stringify(sens), "sensitivity.json", input.text);
    assertText(renderSensitivity(t, s, sc, model.case.title, lang), "sensitivity.table", input.text);
    assertText(renderSensitivityCsv(t, s, sc, "excel-nl"), "sensitivity.csv", input.text);
  }
  return { kind: "ok", parts: texts.length };
}

/** The classes a set of failures falls into, with counts and one example each. */
export function tally(failures: readonly { failureClass: string; origin: string; detail: string }[]): Map<string, { count: number; origin: string; detail: string }> {
  const m = new Map<string, { count: number; origin: string; detail: string }>();
  for (const f of failures) {
    const t = m.get(f.failureClass);
    if (t) t.count++;
    else m.set(f.failureClass, { count: 1, origin: f.origin, detail: f.detail });
  }
  return m;
}
