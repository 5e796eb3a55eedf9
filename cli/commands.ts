/**
 * What each `bcase` command does, once its command line is parsed (cli/bcase.ts). Loaded only
 * when a command runs, so `bcase --help` never loads the engine. Every output path is checked
 * before anything is computed (cli/output.ts); results go to standard output or, with -o, to a
 * file written safely; status lines ("geschreven") go to standard error.
 */
import { readFileSync } from "node:fs";
import { caseJsonSchema, evaluateModel, evaluateMonitoring, formatFromName, parseCaseText, toJsonContract, toMonitoringJson, type Evaluation, type Lang, type Model, type Path } from "../engine/index.ts";
import { caseText, ledgerCsv, readCaseBytes, report as renderReportText, reportPdf, resultsXlsx, templateXlsx } from "../io/commands.ts";
import type { CsvDialect } from "../io/csv.ts";
import { InputError, UsageError } from "./errors.ts";
import { checkOutputs, writeOutputs } from "./output.ts";
import { renderArrangement, renderCompare, renderCsv, renderMarkdown, renderMonitoring, renderTable } from "./render.ts";
import { renderCash, renderCashCsv } from "./renderCash.ts";
import { TEXTS } from "./texts.ts";
import { sensitivityCommand, simulateCommand, type SimulateFlags } from "./uncertainty.ts";
import type { NegotiateFlags, VoiFlags } from "./decision.ts";

/** What every command gets from the shell: the global options and where standard output goes. */
export interface Context {
  lang: Lang;
  dialect: CsvDialect;
  force: boolean;
  out: (data: string | Uint8Array) => void;
  /** Standard input, read whole (the file name "-"). */
  stdin: () => Buffer;
  /** Whether standard output is a terminal (binary output is refused there). */
  stdoutIsTTY: boolean;
}

const STDIN_NAME = "<stdin>";
const status = (line: string) => { process.stderr.write(line + "\n"); };

/** Reads a case file or workbook (or standard input for "-"): the case as data and its model, else an InputError with every problem. */
export async function loadInput(file: string, ctx: Context): Promise<{ name: string; data: Record<string, unknown>; model: Model }> {
  const name = file === "-" ? STDIN_NAME : file;
  let bytes: Buffer;
  try {
    bytes = file === "-" ? ctx.stdin() : readFileSync(file);
  } catch (e) {
    throw new InputError(TEXTS[ctx.lang].msg.cannotRead(name, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
  const r = await readCaseBytes(bytes, name, ctx.lang);
  if (!r.ok) throw new InputError(r.messages.join("\n"));
  return { name, data: r.data, model: r.model };
}

/** Sends results where they were asked to go: standard output, or files written safely (with a status line each). */
function emit(ctx: Context, outputs: { path: string | undefined; data: string | Uint8Array }[]): void {
  const files = outputs.filter((o): o is { path: string; data: string | Uint8Array } => o.path !== undefined && o.path !== "-");
  writeOutputs(files, ctx.force, ctx.lang);
  for (const o of outputs) if (o.path === undefined || o.path === "-") ctx.out(o.data);
  for (const f of files) status(TEXTS[ctx.lang].msg.wrote(f.path));
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";

export async function validate(file: string, opts: { output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [file], ctx.force, ctx.lang);
  const { name } = await loadInput(file, ctx);
  emit(ctx, [{ path: opts.output, data: TEXTS[ctx.lang].msg.valid(name) + "\n" }]);
}

function arrangementOf(ev: Evaluation, id: string | undefined, name: string, ctx: Context) {
  if (id === undefined) return undefined;
  const arr = ev.arrangements.find((a) => a.id === id);
  if (!arr) throw new InputError(TEXTS[ctx.lang].msg.unknownArrangement(name, id, ev.arrangements.map((a) => a.id).join(", ")));
  return arr;
}

/**
 * An evaluation per partner and for society, or one arrangement. With --cash: the cash view too
 * (per partner and pot and year, peak funding need, budget after two years, investors' return)
 * after the table or the Markdown; as CSV the cash rows instead of the summary; JSON always has it.
 */
export async function evaluate(file: string, opts: { format: string; arrangement?: string; cash?: boolean; output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [file], ctx.force, ctx.lang);
  const { name, model } = await loadInput(file, ctx);
  const ev = evaluateModel(model);
  const arr = arrangementOf(ev, opts.arrangement, name, ctx);
  const { lang } = ctx;
  const cash = (arr ?? ev).cash;
  const names = new Map<string, string>([...ev.partners.map((p) => [p.id, p.name] as const), ...(arr?.pots ?? []).map((p) => [p.id, `Pot ${p.name}`] as const)]);
  const text = opts.format === "json" ? json(toJsonContract(ev, { lang, ...(arr ? { arrangement: arr.id } : {}) }))
    : opts.format === "csv" && opts.cash ? renderCashCsv(cash, names, ctx.dialect)
    : arr ? renderArrangement(ev, arr, lang)
    : opts.format === "csv" ? renderCsv(ev, lang, ctx.dialect)
    : opts.format === "md" ? renderMarkdown(ev, lang)
    : renderTable(ev, lang);
  const withCash = opts.cash && (opts.format === "table" || opts.format === "md") ? `${text}\n${renderCash(cash, names, lang, arr ? "table" : opts.format as "table" | "md")}` : text;
  emit(ctx, [{ path: opts.output, data: withCash }]);
}

/**
 * One file: net and NPV per partner under every financing arrangement. Several files: the
 * initiatives side by side (cli/decision.ts), with every file's problems reported at once.
 */
export async function compare(files: string[], opts: { format: "table" | "json" | "csv" | "md"; output?: string; samples?: number; seed?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], files, ctx.force, ctx.lang);
  if (files.length > 1) {
    if (files.filter((f) => f === "-").length > 1) throw new UsageError(TEXTS[ctx.lang].msg.stdinOnce);
    const problems: string[] = [];
    const models: Model[] = [];
    for (const f of files) {
      try {
        models.push((await loadInput(f, ctx)).model);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        problems.push(e.message);
      }
    }
    if (problems.length > 0) throw new InputError(problems.join("\n"));
    const { portfolioCommand } = await import("./decision.ts");
    emit(ctx, [{ path: opts.output, data: portfolioCommand(files, models, opts, ctx.lang, ctx.dialect) }]);
    return;
  }
  const ev = evaluateModel((await loadInput(files[0]!, ctx)).model);
  let text: string;
  if (opts.format === "json") {
    const j = toJsonContract(ev, { lang: ctx.lang });
    text = json({ contract: "bcase/compare@1", case: j.case, arrangements: j.arrangements.map((a) => ({ id: a.id, name: a.name, explanation: a.explanation, partners: a.partners.map((p) => ({ id: p.id, name: p.name, net: p.net, npv: p.npv, transfersIn: p.transfersIn, transfersOut: p.transfersOut })), society: { net: a.society.net, npv: a.society.npv } })) });
  } else text = renderCompare(ev, ctx.lang, opts.format, ctx.dialect);
  emit(ctx, [{ path: opts.output, data: text }]);
}

/** Value of information per decision (cli/decision.ts). */
export async function voi(file: string, opts: VoiFlags & { output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [file], ctx.force, ctx.lang);
  const { name, data, model } = await loadInput(file, ctx);
  const fail = (m: string): never => { throw new InputError(m); };
  const { voiCommand } = await import("./decision.ts");
  emit(ctx, [{ path: opts.output, data: await voiCommand(name, model, data, opts, ctx.lang, ctx.dialect, fail) }]);
}

/** The negotiation solver (cli/decision.ts); problems in a negotiation get their line where the file has one. */
export async function negotiateDeal(file: string, opts: NegotiateFlags & { output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [file], ctx.force, ctx.lang);
  const { name, data } = await loadInput(file, ctx);
  const fail = (m: string): never => { throw new InputError(m); };
  // Line numbers only when a problem needs them (the file is read again then, not on every run).
  let parsed: ReturnType<typeof parseCaseText> | undefined;
  const lineOf = (path: Path) => {
    if (file === "-" || !/\.(ya?ml|json)$/i.test(file)) return undefined;
    parsed ??= parseCaseText(readFileSync(file, "utf8"), formatFromName(file), ctx.lang);
    return parsed.ok ? parsed.lineOf(path) : undefined;
  };
  const { negotiateCommand } = await import("./decision.ts");
  emit(ctx, [{ path: opts.output, data: negotiateCommand(name, data, lineOf, opts, ctx.lang, ctx.dialect, fail) }]);
}

export async function monitor(file: string, opts: { format: string; output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [file], ctx.force, ctx.lang);
  const { model } = await loadInput(file, ctx);
  const ev = evaluateModel(model);
  const m = evaluateMonitoring(model, ev);
  emit(ctx, [{ path: opts.output, data: opts.format === "json" ? json(toMonitoringJson(ev, m)) : renderMonitoring(ev, m, ctx.lang) }]);
}

export async function simulate(file: string, opts: SimulateFlags & { output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [file], ctx.force, ctx.lang);
  const { name, data, model } = await loadInput(file, ctx);
  const fail = (m: string): never => { throw new InputError(m); };
  emit(ctx, [{ path: opts.output, data: await simulateCommand(name, model, data, opts, ctx.lang, ctx.dialect, fail) }]);
}

export async function sensitivity(file: string, opts: { arrangement?: string; format: "table" | "json" | "csv"; output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [file], ctx.force, ctx.lang);
  const { name, model } = await loadInput(file, ctx);
  const fail = (m: string): never => { throw new InputError(m); };
  emit(ctx, [{ path: opts.output, data: sensitivityCommand(name, model, opts, ctx.lang, ctx.dialect, fail) }]);
}

export async function schema(opts: { output?: string }, ctx: Context): Promise<void> {
  await writeText(json(caseJsonSchema()), opts, ctx);
}

/** Text that needs no input (the schema, a completion script) to standard output or a file. */
export async function writeText(text: string, opts: { output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [], ctx.force, ctx.lang);
  emit(ctx, [{ path: opts.output, data: text }]);
}

export async function importBook(book: string, opts: { output?: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [book], ctx.force, ctx.lang);
  const { data } = await loadInput(book, ctx);
  emit(ctx, [{ path: opts.output, data: caseText(data, opts.output === "-" ? undefined : opts.output) }]);
}

/** A workbook to standard output only when it does not go to a terminal. */
function binaryCheck(path: string | undefined, what: string, ctx: Context) {
  if ((path === "-") && ctx.stdoutIsTTY) throw new UsageError(TEXTS[ctx.lang].msg.binaryToTerminal(what));
}

export async function exportResults(file: string, opts: { xlsx?: string; csv?: string }, ctx: Context): Promise<void> {
  if (opts.xlsx === undefined && opts.csv === undefined) throw new UsageError(TEXTS[ctx.lang].msg.missingOutput);
  checkOutputs([opts.xlsx, opts.csv].filter((p) => p !== undefined), [file], ctx.force, ctx.lang);
  binaryCheck(opts.xlsx, "--xlsx", ctx);
  const { data, model } = await loadInput(file, ctx);
  const ev = evaluateModel(model);
  const outputs: { path: string; data: string | Uint8Array }[] = [];
  if (opts.xlsx !== undefined) outputs.push({ path: opts.xlsx, data: await resultsXlsx(data, ev, ctx.lang) });
  if (opts.csv !== undefined) outputs.push({ path: opts.csv, data: await ledgerCsv(ev, ctx.dialect) });
  emit(ctx, outputs);
}

export async function exportTemplate(opts: { output: string }, ctx: Context): Promise<void> {
  checkOutputs([opts.output], [], ctx.force, ctx.lang);
  binaryCheck(opts.output, "-o", ctx);
  emit(ctx, [{ path: opts.output, data: await templateXlsx(ctx.lang) }]);
}

/** The report as Markdown or HTML (to standard output or -o), or as an A4 PDF printed by headless Chromium (to a file given with -o). */
export async function report(file: string, opts: { format: "md" | "html" | "pdf"; output?: string }, ctx: Context): Promise<void> {
  if (opts.format === "pdf" && (opts.output === undefined || opts.output === "-")) throw new UsageError(TEXTS[ctx.lang].msg.pdfNeedsOutput);
  checkOutputs([opts.output], [file], ctx.force, ctx.lang);
  const { model } = await loadInput(file, ctx);
  if (opts.format === "pdf") {
    const r = await reportPdf(evaluateModel(model), ctx.lang, model);
    if (!r.ok) throw new InputError(r.message);
    emit(ctx, [{ path: opts.output, data: r.pdf }]);
    return;
  }
  emit(ctx, [{ path: opts.output, data: await renderReportText(evaluateModel(model), opts.format, ctx.lang, model) }]);
}
