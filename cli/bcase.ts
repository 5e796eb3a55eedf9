/**
 * `bcase`: the command line around the engine. This file is what starts: the command line's
 * grammar and help (Dutch by default, English with --lang en), exit codes and the process's
 * edges (a closed pipe, Ctrl-C, internal errors). What a command does is in cli/commands.ts,
 * loaded only when a command runs, so `bcase --help` and `bcase --version` never load the engine.
 *
 * Exit codes: 0 ok; 1 invalid input (every problem on stderr as `file:line: path: message`, or a
 * write that failed); 2 usage (an unknown command or option, a bad option value, an output path
 * that cannot be used); 3 internal error (a bug: "interne fout", what to report; the stack trace
 * only with --debug); 130 interrupted (Ctrl-C). A closed pipe (`bcase ... | head -1`) ends quietly.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Argument, Command, CommanderError, Help, InvalidArgumentError, Option } from "commander";
import { ENGINE_VERSION } from "../engine/version.ts";
import { CSV_DIALECTS, defaultDialect, type CsvDialect } from "../io/csv.ts";
import { completionScript } from "./completion.ts";
import { EXIT, InputError, Interrupted, UsageError } from "./errors.ts";
import { TEXTS, translateCommanderError, type CommandName, type Lang } from "./texts.ts";
import type { Context } from "./commands.ts";

export interface Streams {
  /** Standard output (tests pass a collector). */
  out?: (data: string | Uint8Array) => void;
  /** Standard input, read whole. */
  stdin?: () => Buffer;
  stdoutIsTTY?: boolean;
}

/** The language of the help and messages, known before the command line is parsed: --lang, else BCASE_LANG, else Dutch. */
export function languageOf(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    const v = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (v === "en" || v === "nl") return v;
  }
  return env.BCASE_LANG === "en" ? "en" : "nl";
}

/** Help in the language: Dutch headings, choices and defaults. */
function helpIn(lang: Lang): Partial<Help> {
  const T = TEXTS[lang];
  const extra = (choices: readonly string[] | undefined, dflt: unknown, described: string | undefined, show: boolean) => {
    const parts: string[] = [];
    if (choices) parts.push(`${T.choices}: ${choices.join(", ")}`);
    if (show && dflt !== undefined && !(Array.isArray(dflt) && dflt.length === 0)) parts.push(`${T.default}: ${described ?? String(dflt)}`);
    return parts.length > 0 ? ` (${parts.join("; ")})` : "";
  };
  return {
    showGlobalOptions: true,
    styleTitle: (s: string) => T.titles[s] ?? s,
    subcommandTerm: (c: Command) => `${c.name()}${c.options.length > 0 ? ` ${T.usageOptions}` : ""}${c.registeredArguments.map((a) => (a.required ? ` <${a.name()}>` : ` [${a.name()}]`)).join("")}`,
    optionDescription: (o: Option) => `${o.description}${extra(o.argChoices, o.defaultValue, o.defaultValueDescription, o.required || o.optional)}`,
    argumentDescription: (a: Argument) => `${a.description}${extra(a.argChoices, a.defaultValue, a.defaultValueDescription, true)}`,
  };
}

/** A whole number of at least 1, or a usage error (exit 2) naming the value. */
const wholeNumber = (lang: Lang) => (s: string): number => {
  const n = Number(s.replace(/[_.]/g, ""));
  if (!/^[\d_.]+$/.test(s) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(TEXTS[lang].msg.wholeNumber(s));
  return n;
};

const collect = (v: string, prev: string[]) => [...prev, v];

/** The command line's grammar and help in one language; `run` carries out a parsed command. */
export function program(lang: Lang, run: (action: (ctx: Context, commands: typeof import("./commands.ts")) => Promise<void>) => Promise<void>, writeOut: (s: string) => void = (s) => process.stdout.write(s)): Command {
  const T = TEXTS[lang];
  const cmd = new Command("bcase")
    .description(T.program)
    .usage(`${T.usageOptions} ${T.usageCommand}`)
    .addOption(new Option(`--lang <${T.value.lang}>`, T.options.lang).choices(["nl", "en"]))
    .addOption(new Option(`--csv-dialect <${T.value.dialect}>`, T.options.csvDialect).choices(CSV_DIALECTS))
    .option("--force", T.options.force)
    .option("--debug", T.options.debug)
    .version(ENGINE_VERSION, "-V, --version", T.options.version)
    .helpOption("-h, --help", T.options.help)
    .helpCommand(T.helpCommand[0], T.helpCommand[1])
    .exitOverride()
    .showHelpAfterError(T.helpAfterError)
    .showSuggestionAfterError(true)
    .configureHelp(helpIn(lang))
    .configureOutput({ writeOut, writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(translateCommanderError(s, lang)) })
    .addHelpText("after", `\n${T.examples}\n${Object.values(T.commands).map((c) => `  ${c.examples[0]![0]}`).join("\n")}\n\n${T.more}`);

  const file = `<${T.file}>`;
  /** A subcommand with its summary, arguments, usage line and examples. */
  const sub = (name: CommandName, args: [string, string, string[]?][] = [[file, (T.commands[name] as { fileArg?: string }).fileArg ?? T.fileArg]]) => {
    const h = T.commands[name];
    const c = cmd.command(name).description(h.summary);
    for (const [a, d, choices] of args) {
      const arg = new Argument(a.startsWith("<") ? a : `<${a}>`, d);
      c.addArgument(choices ? arg.choices(choices) : arg);
    }
    c.usage(`${T.usageOptions}${args.map(([a]) => ` ${a.startsWith("<") ? a : `<${a}>`}`).join("")}`);
    c.addHelpText("after", `\n${T.examples}\n${h.examples.map(([e, w]) => `  ${e}\n      ${w}`).join("\n")}`);
    return c;
  };
  const output = (c: Command, text: string = T.options.output) => c.option(`-o, --output <${T.file}>`, text);
  const format = (c: Command, choices: string[], dflt: string, text: string = T.options.format) => c.addOption(new Option(`-f, --format <${T.value.format}>`, text).choices(choices).default(dflt));

  output(sub("validate")).action((f: string, o) => run((ctx, c) => c.validate(f, o, ctx)));

  const evaluate = sub("evaluate");
  format(evaluate, ["table", "json", "csv", "md"], "table").option("-a, --arrangement <id>", T.commands.evaluate.options.arrangement).option("--cash", T.commands.evaluate.options.cash);
  output(evaluate).action((f: string, o) => run((ctx, c) => c.evaluate(f, o, ctx)));

  const C = T.commands.compare;
  const compare = sub("compare", [[`<${T.file}...>`, C.fileArg]])
    .option(`-n, --samples <${T.value.n}>`, C.options.samples, wholeNumber(lang))
    .option(`-s, --seed <${T.value.seed}>`, C.options.seed);
  output(format(compare, ["table", "json", "csv", "md"], "table")).action((f: string[], o) => run((ctx, c) => c.compare(f, o, ctx)));
  output(format(sub("monitor"), ["table", "json"], "table")).action((f: string, o) => run((ctx, c) => c.monitor(f, o, ctx)));

  const S = T.commands.simulate.options;
  const simulate = sub("simulate")
    .option(`-n, --samples <${T.value.n}>`, S.samples, wholeNumber(lang))
    .option(`-s, --seed <${T.value.seed}>`, S.seed)
    .option("--lhs", S.lhs)
    .option("--exact", S.exact)
    .option("-a, --arrangement <id>", S.arrangement, collect, [] as string[])
    .option(`-w, --workers <${T.value.n}>`, S.workers, wholeNumber(lang))
    .option(`--cdf <${T.value.n}>`, S.cdf, wholeNumber(lang));
  output(format(simulate, ["table", "json", "csv"], "table")).action((f: string, o) => run((ctx, c) => c.simulate(f, o, ctx)));

  const V = T.commands.voi.options;
  const voi = sub("voi")
    .option(`-n, --samples <${T.value.n}>`, V.samples, wholeNumber(lang))
    .option(`-s, --seed <${T.value.seed}>`, V.seed)
    .option(`-g, --group <${lang === "nl" ? "groep" : "group"}>`, V.group, collect, [] as string[])
    .option("-a, --arrangement <id>", V.arrangement)
    .option(`-w, --workers <${T.value.n}>`, V.workers, wholeNumber(lang));
  output(format(voi, ["table", "md", "csv", "json"], "table")).action((f: string, o) => run((ctx, c) => c.voi(f, o, ctx)));

  const N = T.commands.negotiate.options;
  const negotiate = sub("negotiate")
    .option("--negotiation <id>", N.negotiation)
    .option("-a, --arrangement <id>", N.arrangement)
    .option(`-l, --lever <${lang === "nl" ? "term" : "term"}>`, N.lever, collect, [] as string[])
    .option(`-c, --condition <${lang === "nl" ? "voorwaarde" : "condition"}>`, N.condition, collect, [] as string[])
    .option("-p, --partners <ids>", N.partners)
    .addOption(new Option(`--objective <${lang === "nl" ? "doel" : "objective"}>`, N.objective).choices(["max-min-roi", "max-min-npv"]))
    .option(`--grid <${T.value.n}>`, N.grid, wholeNumber(lang))
    .option(`-n, --samples <${T.value.n}>`, N.samples, wholeNumber(lang))
    .option(`-s, --seed <${T.value.seed}>`, N.seed);
  output(format(negotiate, ["table", "md", "csv", "json"], "table")).action((f: string, o) => run((ctx, c) => c.negotiateDeal(f, o, ctx)));

  const sensitivity = sub("sensitivity").option("-a, --arrangement <id>", T.commands.sensitivity.options.arrangement);
  output(format(sensitivity, ["table", "json", "csv"], "table")).action((f: string, o) => run((ctx, c) => c.sensitivity(f, o, ctx)));

  output(sub("schema", [])).action((o) => run((ctx, c) => c.schema(o, ctx)));

  const I = T.commands.import;
  output(sub("import", I.args), I.options.output).action((b: string, o) => run((ctx, c) => c.importBook(b, o, ctx)));

  const E = T.commands.export.options;
  sub("export").option(`--xlsx <${T.file}>`, E.xlsx).option(`--csv <${T.file}>`, E.csv).action((f: string, o) => run((ctx, c) => c.exportResults(f, o, ctx)));

  sub("export-template", []).option(`-o, --output <${T.file}>`, T.commands["export-template"].options.output, "template.xlsx").action((o) => run((ctx, c) => c.exportTemplate(o, ctx)));

  output(format(sub("report"), ["md", "html", "pdf"], "html", T.commands.report.options.format)).action((f: string, o) => run((ctx, c) => c.report(f, o, ctx)));

  output(sub("completion", [["shell", T.commands.completion.args[0]![1], ["bash", "zsh"]]])).action((shell: "bash" | "zsh", o) => run((ctx, c) => c.writeText(completionScript(cmd, shell), o, ctx)));
  return cmd;
}

/** How an error ends the command: the exit code and what goes to stderr. */
function report(e: unknown, lang: Lang, debug: boolean): number {
  if (e instanceof InputError) { process.stderr.write(e.message + "\n"); return EXIT.input; }
  if (e instanceof UsageError) { process.stderr.write(e.message + "\n"); return EXIT.usage; }
  if (e instanceof Interrupted) return EXIT.interrupted;
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  const what = e instanceof Error ? e.message : String(e);
  process.stderr.write(TEXTS[lang].msg.internal(what, ENGINE_VERSION) + "\n");
  if (debug) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  return EXIT.internal;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function main(argv: string[], out?: (data: string | Uint8Array) => void, streams: Omit<Streams, "out"> = {}): Promise<number> {
  const lang = languageOf(argv);
  const write = out ?? ((d: string | Uint8Array) => { process.stdout.write(d); });
  let debug = argv.includes("--debug") || process.env.BCASE_DEBUG === "1";
  const cmd: Command = program(lang, async (action) => {
    const g = cmd.opts<{ lang?: Lang; csvDialect?: CsvDialect; force?: boolean; debug?: boolean }>();
    debug ||= g.debug === true;
    const ctx: Context = {
      lang,
      dialect: g.csvDialect ?? defaultDialect(lang),
      force: g.force === true,
      out: write,
      stdin: streams.stdin ?? (() => readFileSync(0)),
      stdoutIsTTY: streams.stdoutIsTTY ?? (out === undefined && process.stdout.isTTY === true),
    };
    await action(ctx, await import("./commands.ts"));
  }, (s) => write(s));
  try {
    await cmd.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (e) {
    return report(e, lang, debug);
  }
}

/**
 * The process around `main`: a closed pipe on standard output ends the run quietly (exit 0:
 * the reader has what it wanted), and the exit code is set rather than forced, so output still
 * being written to a pipe is not cut off.
 */
export async function runProcess(argv: string[]): Promise<void> {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(EXIT.ok);
    process.stderr.write(TEXTS[languageOf(argv)].msg.internal(e.message, ENGINE_VERSION) + "\n");
    process.exit(EXIT.internal);
  });
  process.exitCode = await main(argv);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) void runProcess(process.argv.slice(2));
