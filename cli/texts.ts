/**
 * Every text of the command line itself, in Dutch and English: the help (commands, options,
 * examples), the messages of the shell around the engine (files, outputs, internal errors) and
 * Dutch renderings of the option parser's (commander's) messages. The engine's own messages are
 * in engine/messages. Loaded at start-up, so it imports nothing heavy.
 */
export type Lang = "nl" | "en";

export interface CommandHelp {
  summary: string;
  /** Argument names and descriptions, in order. */
  args?: [name: string, description: string][];
  options?: Record<string, string>;
  examples: [command: string, what: string][];
}

const nl = {
  program: "Businesscases voor domeinoverstijgende initiatieven in het sociaal domein: per partner en voor de maatschappij wat ieder investeert, bespaart en verliest, jaar voor jaar, in exacte centen.",
  options: {
    lang: "taal van uitvoer en meldingen (standaard nl; ook BCASE_LANG)",
    csvDialect: "CSV-vorm: excel-nl (BOM, ';', decimale komma; standaard in het Nederlands) of rfc4180 (',', decimale punt; standaard in het Engels)",
    force: "bestaande uitvoerbestanden vervangen",
    debug: "bij een interne fout de volledige foutmelding (stacktrace) tonen; ook BCASE_DEBUG=1",
    version: "toon het versienummer",
    help: "toon deze hulp",
    output: "schrijf naar dit bestand in plaats van de standaarduitvoer (- is de standaarduitvoer)",
    format: "uitvoervorm",
  },
  helpCommand: ["help [opdracht]", "toon de hulp bij een opdracht"] as [string, string],
  file: "bestand",
  value: { lang: "taal", dialect: "vorm", format: "vorm", n: "aantal", seed: "seed" },
  fileArg: "case-bestand (.yaml, .yml, .json) of werkmap (.xlsx); - leest de standaardinvoer",
  titles: { "Usage:": "Gebruik:", "Options:": "Opties:", "Commands:": "Opdrachten:", "Arguments:": "Argumenten:", "Global Options:": "Algemene opties:" } as Record<string, string>,
  usageOptions: "[opties]",
  usageCommand: "[opdracht]",
  choices: "keuze",
  default: "standaard",
  examples: "Voorbeelden:",
  more: "Meer: docs/command-line.md. Afsluitcodes: 0 goed, 1 ongeldige invoer, 2 verkeerd gebruik, 3 interne fout.",
  helpAfterError: "(bcase --help toont de hulp)",
  commands: {
    validate: { summary: "controleer een case-bestand; noemt elk probleem met bestand, regel en pad", examples: [["bcase validate examples/ruwaard.yaml", "afsluitcode 0 als het klopt"], ["cat case.yaml | bcase validate -", "van de standaardinvoer"]] },
    evaluate: {
      summary: "reken een case door: per partner en voor de maatschappij",
      options: { arrangement: "toon deze financieringsafspraak (tabel) of alleen deze (json)", cash: "ook de kasstromen: per partner en jaar, de grootste voorfinanciering, het budget na twee jaar, het rendement van investeerders (tabel, md; csv: alleen de kasstromen; json heeft ze altijd)" },
      examples: [["bcase evaluate examples/rich.yaml", "tabel per partner"], ["bcase evaluate examples/rich.yaml -f csv -o uitkomst.csv", "CSV voor Excel"], ["bcase evaluate examples/rich.yaml -a verevening", "één financieringsafspraak met uitleg"], ["bcase evaluate examples/impact-bond.yaml -a impact-bond --cash", "kasstromen, voorfinanciering en rendement van de investeerders"], ["bcase evaluate examples/rich.yaml -f json | jq .society.npv", "JSON-contract (bcase/evaluate@1)"]],
    },
    compare: {
      summary: "één bestand: netto en NCW per partner onder elke financieringsafspraak; meer bestanden: de initiatieven naast elkaar (NCW, B/K, terugverdientijd, kans op verlies per partner en maatschappij)",
      fileArg: "case-bestanden (.yaml, .yml, .json) of werkmappen (.xlsx); - leest de standaardinvoer (één keer)",
      options: { samples: "meer bestanden: trekkingen per case met verdelingen (standaard: die van elke case)", seed: "meer bestanden: seed (standaard: die van elke case)" },
      examples: [["bcase compare examples/rich.yaml", "de afspraken naast elkaar"], ["bcase compare examples/rich.yaml examples/ruwaard.yaml examples/uden.yaml", "initiatieven naast elkaar"], ["bcase compare examples/rich.yaml -f md -o vergelijking.md", "als Markdown"]],
    },
    voi: {
      summary: "waarde van informatie: per beslissing (meedoen of niet per partner en voor de maatschappij, de keuze tussen afspraken) de EVPI en de EVPPI van elke onzekere parameter (en groep), in euro's",
      fileArg: "case-bestand met verdelingen; - leest de standaardinvoer",
      options: {
        samples: "aantal trekkingen (standaard: simulation.samples van de case, anders 10000)",
        seed: "startwaarde van de toevalsgetallen (standaard: die van de case, anders 1); zelfde seed, zelfde uitkomst",
        group: "een groep parameters, naam=a,b,c (herhaalbaar)",
        arrangement: "de beslissingen om mee te doen onder deze afspraak (standaard: de huidige situatie)",
        workers: "threads (standaard: elke kern; 1: alleen deze)",
      },
      examples: [["bcase voi examples/rich.yaml", "wat is het waard om te weten"], ["bcase voi examples/rich.yaml -a verevening -g zorg=ligdagen,wijkverpleging", "onder een afspraak, met een groep"], ["bcase voi examples/rich.yaml -f csv -o voi.csv", "CSV voor Excel"]],
    },
    negotiate: {
      summary: "de onderhandelingsoplosser: de waarden van de onderhandelbare termen van een afspraak die aan elke voorwaarde van de partners aan tafel voldoen, de beste volgens het doel, of wie blokkeert (docs/decision.md)",
      options: {
        negotiation: "welke onderhandeling van de case (standaard: de eerste)",
        arrangement: "onderhandel over deze afspraak (met --lever)",
        lever: "een onderhandelbare term, PAD=MIN:MAX (steps[0].rate=0:1) of PARAMETER=MIN:MAX (herhaalbaar, hoogstens 2)",
        condition: "npv>=BEDRAG of loss<=KANS, eventueel @partner,partner (herhaalbaar)",
        partners: "de partners aan tafel, met komma's",
        objective: "wat een afspraak beter maakt",
        grid: "punten per term (standaard 41 bij één term, 15 bij twee)",
        samples: "trekkingen voor voorwaarden op de kans op verlies (standaard 1000)",
        seed: "seed (standaard: die van de case, anders 1)",
      },
      examples: [["bcase negotiate examples/rich.yaml", "de eerste onderhandeling van de case"], ["bcase negotiate examples/rich.yaml -a gedeelde-besparingen -l steps[0].rate=0:1 -c npv>=0", "een eigen vraag"], ["bcase negotiate examples/rich.yaml -f json", "bcase/negotiate@1"]],
    },
    monitor: { summary: "plan tegenover werkelijkheid, de afrekening van elke afspraak en de indicatoren", fileArg: "case-bestand met realisatie (actuals) en/of indicatoren; - leest de standaardinvoer", examples: [["bcase monitor examples/rich.yaml", "plan en werkelijkheid"], ["bcase monitor examples/rich.yaml -f json", "bcase/monitor@1"]] },
    simulate: {
      summary: "Monte Carlo over de parameters met een verdeling: per partner de spreiding van de NCW en de kans op verlies",
      options: {
        samples: "aantal trekkingen (standaard: simulation.samples van de case, anders 10000)",
        seed: "startwaarde van de toevalsgetallen (standaard: die van de case, anders 1); zelfde seed, zelfde uitkomst",
        lhs: "Latin hypercube-trekking",
        exact: "elke trekking door het exacte centengrootboek, regel voor regel (trager)",
        arrangement: "simuleer ook deze financieringsafspraak (herhaalbaar; all voor alle)",
        workers: "threads: deze en n - 1 werkthreads (standaard: elke kern, zolang de run lang genoeg is om hun start terug te verdienen; 1: alleen deze)",
        cdf: "punten van de verdelingsfunctie per NCW in JSON (standaard 101)",
      },
      examples: [["bcase simulate examples/rich.yaml", "10.000 trekkingen, elke kern"], ["bcase simulate examples/rich.yaml -n 100000 --seed 7 --lhs -a all", "alle afspraken"], ["bcase simulate examples/rich.yaml -f csv -o mc.csv", "CSV voor Excel"]],
    },
    sensitivity: {
      summary: "tornado (elke onzekere parameter op P10 en P90), omslagwaarden (waar elke NCW nul wordt) en de scenario's van de case",
      options: { arrangement: "onder deze financieringsafspraak (standaard: de huidige situatie)" },
      examples: [["bcase sensitivity examples/rich.yaml", "tornado, omslagwaarden, scenario's"], ["bcase sensitivity examples/rich.yaml -f csv -o gevoeligheid.csv", "CSV voor Excel"]],
    },
    schema: { summary: "het JSON Schema van case-bestanden (voor aanvulling in een editor)", examples: [["bcase schema -o case.schema.json", "naar een bestand"]] },
    import: {
      summary: "maak van een Excel-werkmap (zie examples/template.xlsx) een case-bestand; elk probleem als bestand: Blad!F7 (kolom): melding",
      args: [["werkmap", "werkmap (.xlsx); - leest de standaardinvoer"]],
      options: { output: "case-bestand om te schrijven (.yaml of .json); standaard YAML op de standaarduitvoer" },
      examples: [["bcase import case.xlsx -o case.yaml", "werkmap naar YAML"], ["bcase import case.xlsx | bcase evaluate -", "meteen doorrekenen"]],
    },
    export: {
      summary: "de case en de uitkomsten als één Excel-werkmap (--xlsx) en/of het volledige grootboek als CSV (--csv)",
      options: { xlsx: "werkmap om te schrijven: uitkomsten (samenvatting, per jaar, grootboek, overdrachten, pot, wrong pocket) en de case", csv: "CSV-bestand met elke grootboekregel (- voor de standaarduitvoer)" },
      examples: [["bcase export examples/rich.yaml --xlsx rijk.xlsx", "uitkomsten en case in één werkmap"], ["bcase export examples/rich.yaml --csv grootboek.csv", "het grootboek voor Excel"], ["bcase export examples/rich.yaml --csv - --csv-dialect rfc4180", "grootboek als RFC 4180 op de standaarduitvoer"]],
    },
    "export-template": { summary: "schrijf de lege werkmap die een analist invult (examples/template.xlsx is dit bestand)", options: { output: "werkmap om te schrijven (- voor de standaarduitvoer)" }, examples: [["bcase export-template -o case.xlsx", "de lege werkmap"]] },
    report: {
      summary: "een zelfstandig rapport voor een raadsvoorstel: tabellen, afspraken, aannames, bronnen (html: met SVG-grafieken, één bestand; pdf: dat bestand op A4 afgedrukt door Chromium)",
      options: { format: "rapportvorm" },
      examples: [["bcase report examples/rich.yaml -o rijk.html", "HTML met grafieken"], ["bcase report examples/rich.yaml -f md", "Markdown op de standaarduitvoer"], ["bcase report examples/rich.yaml -f pdf -o rijk.pdf", "PDF op A4, om af te drukken"]],
    },
    completion: {
      summary: "een aanvulscript voor de shell (bash of zsh)",
      args: [["shell", "bash of zsh"]],
      examples: [["source <(bcase completion bash)", "in deze bash-sessie"], ["bcase completion zsh > \"${fpath[1]}/_bcase\"", "voor zsh (daarna compinit)"]],
    },
  } satisfies Record<string, CommandHelp & { fileArg?: string }>,
  msg: {
    valid: (f: string) => `${f}: geldig`,
    wrote: (f: string) => `${f}: geschreven`,
    cannotRead: (f: string, code: string) => `${f}: bestand niet te lezen (${code})`,
    unknownArrangement: (f: string, id: string, known: string) => `${f}: onbekende regeling "${id}" (bekend: ${known})`,
    wholeNumber: (s: string) => `geef een geheel getal van minstens 1 (niet "${s}")`,
    missingOutput: "geef --xlsx en/of --csv",
    pdfNeedsOutput: "een PDF gaat naar een bestand: geef -o RAPPORT.pdf",
    stdinOnce: "de standaardinvoer (-) kan maar één keer gelezen worden",
    twoStdout: "maar één uitvoer kan naar de standaarduitvoer (-)",
    binaryToTerminal: (what: string) => `${what}: een werkmap is binair; geef een bestand met -o of stuur de uitvoer door (| of >)`,
    exists: (f: string) => `${f}: bestaat al; geef --force om het te vervangen`,
    sameAsInput: (f: string, input: string) => `${f}: is het invoerbestand ${input}; kies een ander uitvoerbestand (ook --force vervangt de invoer niet)`,
    sameOutput: (f: string) => `${f}: twee uitvoeren naar hetzelfde bestand`,
    noFolder: (f: string, dir: string) => `${f}: map ${dir} bestaat niet`,
    notFolder: (f: string, dir: string) => `${f}: ${dir} is geen map`,
    isFolder: (f: string) => `${f}: is een map, geen bestand`,
    notWritable: (f: string, dir: string) => `${f}: geen schrijfrechten in map ${dir}`,
    writeFailed: (f: string, why: string) => `${f}: schrijven mislukt (${why}); het bestand is niet veranderd`,
    why: { ENOSPC: "schijf vol", EDQUOT: "quotum bereikt", EACCES: "geen toegang", EPERM: "niet toegestaan", EROFS: "alleen-lezen bestandssysteem", EIO: "invoer/uitvoerfout", EISDIR: "is een map", ENOENT: "map bestaat niet", ENOTDIR: "pad gaat door een bestand", EEXIST: "bestaat al" } as Record<string, string>,
    nothingVaries: "waarschuwing: geen enkele parameter heeft een verdeling (distribution), dus niets varieert: elke trekking is de gewone doorrekening (sd 0). Zie docs/uncertainty.md.",
    progress: (eta: string) => `nog ${eta}`,
    internal: (what: string, version: string) => `bcase: interne fout: ${what}\nDit is een fout in bcase, niet in uw invoer. Meld het aan de beheerders van bcase met de opdracht die u gaf, de versie (bcase ${version}, Node ${process.version}) en zo mogelijk het case-bestand; met --debug ziet u de volledige foutmelding.`,
  },
};

type Texts = typeof nl;

const en: Texts = {
  program: "Business cases for cross-domain initiatives in the Dutch social domain: per partner and for society what each invests, saves and loses, year by year, in exact cents.",
  options: {
    lang: "language of output and messages (default nl; also BCASE_LANG)",
    csvDialect: "CSV form: excel-nl (BOM, ';', decimal comma; the default in Dutch) or rfc4180 (',', decimal point; the default in English)",
    force: "replace existing output files",
    debug: "on an internal error, show the full error (stack trace); also BCASE_DEBUG=1",
    version: "print the version",
    help: "show this help",
    output: "write to this file instead of standard output (- is standard output)",
    format: "output format",
  },
  helpCommand: ["help [command]", "show the help of a command"],
  file: "file",
  value: { lang: "lang", dialect: "dialect", format: "format", n: "n", seed: "seed" },
  fileArg: "case file (.yaml, .yml, .json) or workbook (.xlsx); - reads standard input",
  titles: {},
  usageOptions: "[options]",
  usageCommand: "[command]",
  choices: "choices",
  default: "default",
  examples: "Examples:",
  more: "More: docs/command-line.md. Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 internal error.",
  helpAfterError: "(bcase --help shows the help)",
  commands: {
    validate: { summary: "check a case file; names every problem with its file, line and path", examples: [["bcase validate examples/ruwaard.yaml", "exit code 0 if valid"], ["cat case.yaml | bcase validate -", "from standard input"]] },
    evaluate: {
      summary: "evaluate a case: per partner and for society",
      options: { arrangement: "show this financing arrangement (table) or only this one (json)", cash: "the cash view too: per partner and year, peak funding need, budget after two years, investors' return (table, md; csv: the cash rows only; json always has it)" },
      examples: [["bcase evaluate examples/rich.yaml", "table per partner"], ["bcase evaluate examples/rich.yaml -f csv -o results.csv", "CSV"], ["bcase evaluate examples/rich.yaml -a verevening", "one financing arrangement, explained"], ["bcase --lang en evaluate examples/impact-bond.yaml -a impact-bond --cash", "cash, funding need and the investors' return"], ["bcase evaluate examples/rich.yaml -f json | jq .society.npv", "JSON contract (bcase/evaluate@1)"]],
    },
    compare: {
      summary: "one file: net and NPV per partner under every financing arrangement; several files: the initiatives side by side (NPV, BCR, payback, probability of a loss per partner and society)",
      fileArg: "case files (.yaml, .yml, .json) or workbooks (.xlsx); - reads standard input (once)",
      options: { samples: "several files: samples per case with distributions (default: each case's)", seed: "several files: seed (default: each case's)" },
      examples: [["bcase --lang en compare examples/rich.yaml", "the arrangements side by side"], ["bcase --lang en compare examples/rich.yaml examples/ruwaard.yaml examples/uden.yaml", "initiatives side by side"], ["bcase --lang en compare examples/rich.yaml -f md -o comparison.md", "as Markdown"]],
    },
    voi: {
      summary: "value of information: per decision (each partner's and society's go/no-go, the choice between arrangements) the EVPI and the EVPPI of every uncertain parameter (and group), in euros",
      fileArg: "case file with distributions; - reads standard input",
      options: {
        samples: "number of samples (default: the case's simulation.samples, else 10000)",
        seed: "seed of the random streams (default: the case's, else 1); same seed, same result",
        group: "a group of parameters, name=a,b,c (repeatable)",
        arrangement: "the go/no-go decisions under this arrangement (default: the status quo)",
        workers: "threads (default: every core; 1: this thread only)",
      },
      examples: [["bcase --lang en voi examples/rich.yaml", "what knowing is worth"], ["bcase --lang en voi examples/rich.yaml -a verevening -g care=ligdagen,wijkverpleging", "under an arrangement, with a group"], ["bcase --lang en voi examples/rich.yaml -f csv -o voi.csv", "CSV"]],
    },
    negotiate: {
      summary: "the negotiation solver: the values of an arrangement's negotiable terms that meet every condition of the partners at the table, the best by the objective, or who blocks (docs/decision.md)",
      options: {
        negotiation: "which of the case's negotiations (default: the first)",
        arrangement: "negotiate this arrangement instead (with --lever)",
        lever: "a negotiable term, PATH=MIN:MAX (steps[0].rate=0:1) or PARAMETER=MIN:MAX (repeatable, at most 2)",
        condition: "npv>=AMOUNT or loss<=PROBABILITY, optionally @partner,partner (repeatable)",
        partners: "the partners at the table, comma-separated",
        objective: "what makes a deal better",
        grid: "points per term (default 41 for one term, 15 for two)",
        samples: "samples for conditions on the probability of a loss (default 1000)",
        seed: "seed (default: the case's, else 1)",
      },
      examples: [["bcase --lang en negotiate examples/rich.yaml", "the case's first negotiation"], ["bcase --lang en negotiate examples/rich.yaml -a gedeelde-besparingen -l steps[0].rate=0:1 -c npv>=0", "a question of your own"], ["bcase --lang en negotiate examples/rich.yaml -f json", "bcase/negotiate@1"]],
    },
    monitor: { summary: "plan versus actual, the true-up of every arrangement, and the indicators", fileArg: "case file with actuals and/or indicators; - reads standard input", examples: [["bcase monitor examples/rich.yaml", "plan and actual"], ["bcase monitor examples/rich.yaml -f json", "bcase/monitor@1"]] },
    simulate: {
      summary: "Monte Carlo over the parameters with a distribution: per partner the spread of the NPV and the probability of a loss",
      options: {
        samples: "number of samples (default: the case's simulation.samples, else 10000)",
        seed: "seed of the random streams (default: the case's, else 1); same seed, same result",
        lhs: "Latin hypercube sampling",
        exact: "every sample through the exact cent ledger, row by row (slower)",
        arrangement: "also simulate this financing arrangement (repeatable; all for every one)",
        workers: "threads: this one and n - 1 worker threads (default: every core, while the run is long enough to repay their start; 1: this thread only)",
        cdf: "points of each NPV's CDF in JSON output (default 101)",
      },
      examples: [["bcase simulate examples/rich.yaml", "10,000 samples, every core"], ["bcase simulate examples/rich.yaml -n 100000 --seed 7 --lhs -a all", "every arrangement"], ["bcase --lang en simulate examples/rich.yaml -f csv -o mc.csv", "CSV (RFC 4180)"]],
    },
    sensitivity: {
      summary: "tornado (each uncertain parameter at P10 and P90), switching values (where each NPV turns zero) and the case's scenarios",
      options: { arrangement: "under this financing arrangement (default: the status quo)" },
      examples: [["bcase sensitivity examples/rich.yaml", "tornado, switching values, scenarios"], ["bcase sensitivity examples/rich.yaml -f csv -o sensitivity.csv", "CSV"]],
    },
    schema: { summary: "print the JSON Schema of case files (for completion in an editor)", examples: [["bcase schema -o case.schema.json", "to a file"]] },
    import: {
      summary: "turn an Excel workbook (see examples/template.xlsx) into a case file; every problem as file: Sheet!F7 (column): message",
      args: [["book", "workbook (.xlsx); - reads standard input"]],
      options: { output: "case file to write (.yaml or .json); default: YAML on standard output" },
      examples: [["bcase import case.xlsx -o case.yaml", "workbook to YAML"], ["bcase import case.xlsx | bcase evaluate -", "evaluate it at once"]],
    },
    export: {
      summary: "the case and its results as one Excel workbook (--xlsx), and/or the full ledger as CSV (--csv)",
      options: { xlsx: "workbook to write: results (summary, yearly, ledger, transfers, pots, wrong pocket) and the case sheets", csv: "CSV file to write with every ledger row (- for standard output)" },
      examples: [["bcase export examples/rich.yaml --xlsx rich.xlsx", "results and case in one workbook"], ["bcase export examples/rich.yaml --csv ledger.csv", "the ledger as CSV"], ["bcase export examples/rich.yaml --csv - --csv-dialect rfc4180", "RFC 4180 ledger on standard output"]],
    },
    "export-template": { summary: "write the empty workbook an analyst fills in (examples/template.xlsx is this file)", options: { output: "workbook to write (- for standard output)" }, examples: [["bcase export-template -o case.xlsx", "the empty workbook"]] },
    report: {
      summary: "a standalone report for a council proposal: tables, arrangements, assumptions, sources (html: with SVG charts, one file; pdf: that file printed to A4 by headless Chromium)",
      options: { format: "report format" },
      examples: [["bcase report examples/rich.yaml -o rich.html", "HTML with charts"], ["bcase --lang en report examples/rich.yaml -f md", "Markdown on standard output"], ["bcase --lang en report examples/rich.yaml -f pdf -o rich.pdf", "PDF on A4, to print"]],
    },
    completion: {
      summary: "a completion script for the shell (bash or zsh)",
      args: [["shell", "bash or zsh"]],
      examples: [["source <(bcase completion bash)", "in this bash session"], ["bcase completion zsh > \"${fpath[1]}/_bcase\"", "for zsh (then compinit)"]],
    },
  },
  msg: {
    valid: (f) => `${f}: valid`,
    wrote: (f) => `${f}: written`,
    cannotRead: (f, code) => `${f}: cannot read file (${code})`,
    unknownArrangement: (f, id, known) => `${f}: unknown arrangement "${id}" (known: ${known})`,
    wholeNumber: (s) => `give a whole number of at least 1 (not "${s}")`,
    missingOutput: "give --xlsx and/or --csv",
    pdfNeedsOutput: "a PDF goes to a file: give -o REPORT.pdf",
    stdinOnce: "standard input (-) can be read only once",
    twoStdout: "only one output can go to standard output (-)",
    binaryToTerminal: (what) => `${what}: a workbook is binary; give a file with -o or redirect the output (| or >)`,
    exists: (f) => `${f}: exists; give --force to replace it`,
    sameAsInput: (f, input) => `${f}: is the input file ${input}; choose another output file (--force does not replace an input either)`,
    sameOutput: (f) => `${f}: two outputs to the same file`,
    noFolder: (f, dir) => `${f}: folder ${dir} does not exist`,
    notFolder: (f, dir) => `${f}: ${dir} is not a folder`,
    isFolder: (f) => `${f}: is a folder, not a file`,
    notWritable: (f, dir) => `${f}: no permission to write in folder ${dir}`,
    writeFailed: (f, why) => `${f}: write failed (${why}); the file is unchanged`,
    why: { ENOSPC: "disk full", EDQUOT: "quota exceeded", EACCES: "permission denied", EPERM: "not permitted", EROFS: "read-only file system", EIO: "input/output error", EISDIR: "is a folder", ENOENT: "folder does not exist", ENOTDIR: "path goes through a file", EEXIST: "exists" },
    nothingVaries: "warning: no parameter has a distribution, so nothing varies: every sample is the plain evaluation (sd 0). See docs/uncertainty.md.",
    progress: (eta) => `${eta} left`,
    internal: (what, version) => `bcase: internal error: ${what}\nThis is a bug in bcase, not in your input. Please report it to the maintainers of bcase with the command you gave, the version (bcase ${version}, Node ${process.version}) and if possible the case file; --debug shows the full error.`,
  },
};

export const TEXTS: Record<Lang, Texts> = { nl, en };
export type CommandName = keyof Texts["commands"];

/** Commander's usage-error messages in Dutch (English stays as commander words it). */
const NL_ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/s, (o, s) => `fout: onbekende optie '${o}'${s ? `\n(bedoelde u ${s.replace(/^one of /, "een van ")}?)` : ""}`],
  [/^error: unknown command '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/s, (c, s) => `fout: onbekende opdracht '${c}'${s ? `\n(bedoelde u ${s.replace(/^one of /, "een van ")}?)` : ""}`],
  [/^error: missing required argument '(.+)'$/, (a) => `fout: argument '${a}' ontbreekt`],
  [/^error: option '(.+)' argument missing$/, (o) => `fout: optie '${o}' mist een waarde`],
  [/^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/s, (o, v, c) => `fout: optie '${o}': '${v}' is geen geldige waarde; kies uit ${c}`],
  [/^error: option '(.+)' argument '(.*)' is invalid\. (.+)$/s, (o, v, m) => `fout: optie '${o}': '${v}' is ongeldig: ${m}`],
  [/^error: command-argument value '(.*)' is invalid for argument '(.+)'\. Allowed choices are (.+)\.$/s, (v, a, c) => `fout: '${v}' is geen geldige waarde voor '${a}'; kies uit ${c}`],
  [/^error: too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/, (c, e, g) => `fout: te veel argumenten voor '${c}': verwacht ${e}, gekregen ${g}`],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, (e, g) => `fout: te veel argumenten: verwacht ${e}, gekregen ${g}`],
  [/^error: (.*)$/s, (m) => `fout: ${m}`],
];

export function translateCommanderError(text: string, lang: Lang): string {
  if (lang === "en") return text;
  const body = text.replace(/\n$/, "");
  for (const [re, f] of NL_ERRORS) {
    const m = re.exec(body);
    if (m) return f(...m.slice(1).map((x) => x ?? "")) + "\n";
  }
  return text;
}
