/**
 * `bcase`: the command line around the engine. The shell does the I/O (files, stdout, exit
 * codes); everything it shows comes from the pure engine.
 *
 * Exit codes: 0 ok, 1 invalid input (every problem on stderr as `file:line: path: message`),
 * 2 usage error.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { caseJsonSchema, evaluateModel, evaluateMonitoring, toMonitoringJson, formatFromName, formatIssue, loadCase, toJsonContract, type Lang, type Model } from "../engine/index.ts";
import { caseText, evaluate as evaluateLoaded, ledgerCsv, readCaseFile, report as renderReportText, resultsXlsx, templateXlsx, wrote } from "../io/commands.ts";
import { collect, sensitivityCommand, simulateCommand, type SimulateFlags } from "./uncertainty.ts";
import { renderArrangement, renderCompare, renderCsv, renderMarkdown, renderMonitoring, renderTable } from "./render.ts";
import { renderCash } from "./renderCash.ts";

class InputError extends Error {}

function langFrom(opts: { lang?: string }): Lang {
  const l = opts.lang ?? process.env.BCASE_LANG ?? "nl";
  return l === "en" ? "en" : "nl";
}

function load(file: string, lang: Lang): Model {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(lang === "nl" ? `${file}: bestand niet te lezen (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` : `${file}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const v = loadCase(text, formatFromName(file), { lang });
  if (!v.ok) throw new InputError(v.issues.map((i) => formatIssue(i, file)).join("\n"));
  return v.model;
}

export function program(out: (s: string) => void = (s) => process.stdout.write(s)): Command {
  const cmd = new Command("bcase")
    .description("Business cases for cross-domain initiatives in the Dutch social domain / businesscases voor domeinoverstijgende initiatieven")
    .addOption(new Option("--lang <lang>", "language of messages: nl (default) or en").choices(["nl", "en"]))
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cmd.command("validate")
    .description("check a case file; lists every problem with its path and line")
    .argument("<file>", "case file (.yaml, .yml or .json)")
    .action((file: string) => {
      const lang = langFrom(cmd.opts());
      load(file, lang);
      out(lang === "nl" ? `${file}: geldig\n` : `${file}: valid\n`);
    });

  cmd.command("evaluate")
    .description("evaluate a case: per partner and for society")
    .argument("<file>", "case file (.yaml, .yml or .json)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json", "csv", "md"]).default("table"))
    .option("-a, --arrangement <id>", "show this financing arrangement (table) or only this one (json)")
    .option("--cash", "add the cash view: per partner and year, peak funding need, budget after two years, investors' return (table)")
    .action((file: string, opts: { format: string; arrangement?: string; cash?: boolean }) => {
      const lang = langFrom(cmd.opts());
      const ev = evaluateModel(load(file, lang));
      const arr = opts.arrangement === undefined ? undefined : ev.arrangements.find((a) => a.id === opts.arrangement);
      if (opts.arrangement !== undefined && !arr) {
        const known = ev.arrangements.map((a) => a.id).join(", ");
        throw new InputError(lang === "nl" ? `${file}: onbekende regeling "${opts.arrangement}" (bekend: ${known})` : `${file}: unknown arrangement "${opts.arrangement}" (known: ${known})`);
      }
      if (opts.format === "json") out(JSON.stringify(toJsonContract(ev, { lang, ...(arr ? { arrangement: arr.id } : {}) }), null, 2) + "\n");
      else if (arr) out(renderArrangement(ev, arr, lang));
      else if (opts.format === "csv") out(renderCsv(ev));
      else if (opts.format === "md") out(renderMarkdown(ev, lang));
      else out(renderTable(ev, lang));
      if (opts.cash && opts.format !== "json" && opts.format !== "csv") out("\n" + renderCash((arr ?? ev).cash, new Map<string, string>([...ev.partners.map((p) => [p.id, p.name] as [string, string]), ...(arr?.pots ?? []).map((p) => [p.id, `Pot ${p.name}`] as [string, string])]), lang));
    });

  cmd.command("compare")
    .description("net and NPV per partner under every financing arrangement")
    .argument("<file>", "case file (.yaml, .yml or .json)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json", "csv", "md"]).default("table"))
    .action((file: string, opts: { format: "table" | "json" | "csv" | "md" }) => {
      const lang = langFrom(cmd.opts());
      const ev = evaluateModel(load(file, lang));
      if (opts.format === "json") {
        const j = toJsonContract(ev, { lang });
        out(JSON.stringify({ contract: "bcase/compare@1", case: j.case, arrangements: j.arrangements.map((a) => ({ id: a.id, name: a.name, explanation: a.explanation, partners: a.partners.map((p) => ({ id: p.id, name: p.name, net: p.net, npv: p.npv, transfersIn: p.transfersIn, transfersOut: p.transfersOut })), society: { net: a.society.net, npv: a.society.npv } })) }, null, 2) + "\n");
      } else out(renderCompare(ev, lang, opts.format));
    });

  cmd.command("monitor")
    .description("plan versus actual, the true-up of every arrangement, and the indicators")
    .argument("<file>", "case file with actuals and/or indicators")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json"]).default("table"))
    .action((file: string, opts: { format: string }) => {
      const lang = langFrom(cmd.opts());
      const model = load(file, lang);
      const ev = evaluateModel(model);
      const m = evaluateMonitoring(model, ev);
      if (opts.format === "json") out(JSON.stringify(toMonitoringJson(ev, m), null, 2) + "\n");
      else out(renderMonitoring(ev, m, lang));
    });

  cmd.command("simulate")
    .description("Monte Carlo over the parameters with a distribution: per partner the spread of the NPV and the probability of a loss")
    .argument("<file>", "case file (.yaml, .yml or .json)")
    .option("-n, --samples <n>", "number of samples (default: the case's simulation.samples, else 10000)")
    .option("-s, --seed <seed>", "seed of the random streams (default: the case's, else 1); same seed, same result")
    .option("--lhs", "Latin hypercube sampling")
    .option("--exact", "every sample through the exact cent ledger, row by row (slower; default: the column kernel, exact at the base values, within the rows' rounding elsewhere)")
    .option("-a, --arrangement <id>", "also simulate this financing arrangement (repeatable; all for every one)", collect, [] as string[])
    .option("-w, --workers <n>", "threads: this one and n - 1 worker threads (default: every core; 1: this thread only)")
    .option("--cdf <points>", "points of each NPV's CDF in JSON output (default 101)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .action(async (file: string, opts: SimulateFlags) => {
      const lang = langFrom(cmd.opts());
      out(await simulateCommand(file, load(file, lang), opts, lang, (m) => { throw new InputError(m); }));
    });

  cmd.command("sensitivity")
    .description("tornado (each uncertain parameter at P10 and P90), switching values (where each NPV turns zero) and the case's scenarios")
    .argument("<file>", "case file (.yaml, .yml or .json)")
    .option("-a, --arrangement <id>", "under this financing arrangement (default: the status quo)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .action((file: string, opts: { arrangement?: string; format: "table" | "json" | "csv" }) => {
      const lang = langFrom(cmd.opts());
      out(sensitivityCommand(file, load(file, lang), opts, lang, (m) => { throw new InputError(m); }));
    });

  cmd.command("schema")
    .description("print the JSON Schema of case files")
    .action(() => out(JSON.stringify(caseJsonSchema(), null, 2) + "\n"));

  // Spreadsheets, the CSV ledger and the report (io/). Workbooks are read and written with
  // exceljs, charts drawn with Plot in jsdom; both are loaded only by these commands.
  const loadAny = async (file: string, lang: Lang) => {
    const r = await readCaseFile(file, lang);
    if (!r.ok) throw new InputError(r.messages.join("\n"));
    return r;
  };

  cmd.command("import")
    .description("turn an Excel workbook (see examples/template.xlsx) into a case file; every problem as file: Sheet!F7 (column): message")
    .argument("<book>", "workbook (.xlsx)")
    .option("-o, --output <file>", "case file to write (.yaml or .json); default: YAML on stdout")
    .action(async (book: string, opts: { output?: string }) => {
      const lang = langFrom(cmd.opts());
      const { data } = await loadAny(book, lang);
      const text = caseText(data, opts.output);
      if (opts.output === undefined) out(text);
      else {
        writeFileSync(opts.output, text);
        out(wrote(opts.output, lang));
      }
    });

  const exportCmd = cmd.command("export")
    .description("the case and its results as one Excel workbook (--xlsx), and/or the full ledger as CSV (--csv)")
    .argument("<file>", "case file (.yaml, .yml, .json) or workbook (.xlsx)")
    .option("--xlsx <out>", "workbook to write: results (summary, yearly, ledger, transfers, pots, wrong pocket) and the case sheets")
    .option("--csv <out>", "CSV file to write with every ledger row (- for stdout)")
    .action(async (file: string, opts: { xlsx?: string; csv?: string }) => {
      const lang = langFrom(cmd.opts());
      if (opts.xlsx === undefined && opts.csv === undefined) exportCmd.error(lang === "nl" ? "geef --xlsx en/of --csv" : "give --xlsx and/or --csv", { exitCode: 2, code: "bcase.missingOutput" });
      const { data, model } = await loadAny(file, lang);
      const ev = evaluateLoaded(model);
      if (opts.xlsx !== undefined) {
        writeFileSync(opts.xlsx, await resultsXlsx(data, ev, lang));
        out(wrote(opts.xlsx, lang));
      }
      if (opts.csv === "-") out(await ledgerCsv(ev));
      else if (opts.csv !== undefined) {
        writeFileSync(opts.csv, await ledgerCsv(ev));
        out(wrote(opts.csv, lang));
      }
    });

  cmd.command("export-template")
    .description("write the empty workbook an analyst fills in (examples/template.xlsx is this file)")
    .option("-o, --output <file>", "workbook to write", "template.xlsx")
    .action(async (opts: { output: string }) => {
      const lang = langFrom(cmd.opts());
      writeFileSync(opts.output, await templateXlsx(lang));
      out(wrote(opts.output, lang));
    });

  cmd.command("report")
    .description("a standalone report for a council proposal: tables, arrangements, assumptions, sources (html: with SVG charts, one self-contained file)")
    .argument("<file>", "case file (.yaml, .yml, .json) or workbook (.xlsx)")
    .addOption(new Option("-f, --format <format>", "report format").choices(["md", "html"]).default("html"))
    .option("-o, --output <file>", "file to write; default: stdout")
    .action(async (file: string, opts: { format: "md" | "html"; output?: string }) => {
      const lang = langFrom(cmd.opts());
      const { model } = await loadAny(file, lang);
      const text = await renderReportText(evaluateLoaded(model), opts.format, lang, model);
      if (opts.output === undefined) out(text);
      else {
        writeFileSync(opts.output, text);
        out(wrote(opts.output, lang));
      }
    });

  return cmd;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function main(argv: string[], out?: (s: string) => void): Promise<number> {
  try {
    await program(out).parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(e.message + "\n");
      return 1;
    }
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // exitCode, not exit(): exit() would cut off output still being written to a pipe.
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
