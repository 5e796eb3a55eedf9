/**
 * The command line's boundary, in-process: exit codes (0, 1, 2, 3), standard input, outputs that
 * never destroy inputs (refusal to overwrite, --force, same path as an input, every output checked
 * before any is written), write errors (missing folder, folder as target, a full disk injected in
 * the file layer: no truncated file, no half of two outputs), CSV dialects read back by a real
 * parser, CSV injection and Markdown escaping of names from a case file.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import YAML from "yaml";
import { main } from "../../cli/bcase.ts";
import { fsOps } from "../../cli/output.ts";
import { run } from "./cliRun.ts";

const real = { ...fsOps };
afterEach(() => { Object.assign(fsOps, real); vi.restoreAllMocks(); });
const tmp = () => mkdtempSync(join(tmpdir(), "bcase-safe-"));
const rich = readFileSync("examples/rich.yaml", "utf8");
const noTemps = (dir: string) => expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

describe("exit codes", () => {
  it("0 ok, 1 invalid input, 2 usage (unknown option, bad value, missing argument), 3 internal error without a stack trace", async () => {
    expect((await run(["validate", "examples/minimal.yaml"])).code).toBe(0);
    expect((await run(["validate", "nope.yaml"])).code).toBe(1);
    for (const args of [["evaluate", "examples/minimal.yaml", "--frob"], ["simulate", "examples/minimal.yaml", "-n", "abc"], ["simulate", "examples/minimal.yaml", "-w", "1.5x"], ["evaluate"], ["--lang", "fr", "evaluate", "examples/minimal.yaml"], ["completion", "fish"]]) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toMatch(/^fout: /);
    }
    // An internal error: a fault injected where the result is printed.
    let err = "";
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => { err += String(s); return true; });
    const code = await main(["evaluate", "examples/minimal.yaml"], () => { throw new TypeError("injected fault"); });
    spy.mockRestore();
    expect(code).toBe(3);
    expect(err).toContain("bcase: interne fout: injected fault");
    expect(err).toContain("Dit is een fout in bcase, niet in uw invoer");
    expect(err).not.toMatch(/\n\s+at /);
    // With --debug, the stack trace follows.
    let err2 = "";
    const spy2 = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => { err2 += String(s); return true; });
    expect(await main(["--debug", "--lang", "en", "evaluate", "examples/minimal.yaml"], () => { throw new TypeError("injected fault"); })).toBe(3);
    spy2.mockRestore();
    expect(err2).toContain("bcase: internal error: injected fault");
    expect(err2).toMatch(/TypeError: injected fault\n\s+at /);
  });

  it("--version prints the version of package.json; --help and every command's help: Dutch by default, English with --lang en, with examples", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect((await run(["--version"])).out).toBe(`${pkg.version}\n`);
    const nl = await run(["--help"]);
    expect(nl.code).toBe(0);
    expect(nl.out).toMatch(/^Gebruik: bcase \[opties\] \[opdracht\]/);
    expect(nl.out).toContain("Opdrachten:");
    expect(nl.out).toContain("Voorbeelden:");
    const en = await run(["--lang", "en", "--help"]);
    expect(en.out).toMatch(/^Usage: bcase \[options\] \[command\]/);
    expect(en.out).toContain("Examples:");
    const section = nl.out.slice(nl.out.indexOf("Opdrachten:"), nl.out.indexOf("Voorbeelden:"));
    const commands = [...section.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]!).filter((c) => c !== "help");
    expect(commands).toEqual(["validate", "evaluate", "compare", "monitor", "simulate", "voi", "negotiate", "sensitivity", "schema", "import", "export", "export-template", "report", "completion"]);
    for (const c of commands) {
      const h = await run(["help", c]);
      expect(h.out, c).toContain("Voorbeelden:");
      expect(h.out, c).toContain(`  bcase ${c} `);
      expect(h.out, c).not.toMatch(/\b(Usage|Options|Arguments):/);
      const e = await run(["--lang", "en", c, "--help"]);
      expect(e.out, c).toContain("Examples:");
      expect(e.out, c).toMatch(/^Usage: bcase /);
    }
  });
});

describe("standard input", () => {
  it("- reads the case from standard input: the same result as from the file; problems are named <stdin>", async () => {
    const fromFile = await run(["evaluate", "examples/rich.yaml", "-f", "json"]);
    const fromStdin = await run(["evaluate", "-", "-f", "json"], { stdin: rich });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.out).toBe(fromFile.out);
    const bad = await run(["--lang", "en", "validate", "-"], { stdin: rich.replace("discountRate: 0.0225", "discountRate: -7") });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^<stdin>:\d+: discountRate: /);
  });

  it("a workbook on standard input is recognised by its content", async () => {
    const dir = tmp();
    expect((await run(["export", "examples/minimal.yaml", "--xlsx", join(dir, "m.xlsx")])).code).toBe(0);
    const r = await run(["import", "-"], { stdin: readFileSync(join(dir, "m.xlsx")) });
    expect(r.code).toBe(0);
    expect(YAML.parse(r.out)).toStrictEqual(YAML.parse(readFileSync("examples/minimal.yaml", "utf8")));
  });
});

describe("outputs never destroy inputs", () => {
  it("-o refuses an existing file without --force (exit 2, file unchanged) and replaces it with --force; status lines on stderr", async () => {
    const dir = tmp();
    const out = join(dir, "table.txt");
    writeFileSync(out, "keep me");
    const r = await run(["evaluate", "examples/minimal.yaml", "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${out}: bestaat al; geef --force om het te vervangen\n`);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const f = await run(["evaluate", "examples/minimal.yaml", "-o", out, "--force"]);
    expect(f.code).toBe(0);
    expect(f.out).toBe("");
    expect(f.err).toBe(`${out}: geschreven\n`);
    expect(readFileSync(out, "utf8")).toBe((await run(["evaluate", "examples/minimal.yaml"])).out);
    noTemps(dir);
  });

  it("an output equal to an input is refused even with --force: the same name, another spelling, a symbolic link, a hard link", async () => {
    const dir = tmp();
    const input = join(dir, "case.yaml");
    writeFileSync(input, rich);
    symlinkSync(input, join(dir, "link.yaml"));
    linkSync(input, join(dir, "hard.yaml"));
    mkdirSync(join(dir, "sub"));
    for (const [cmd, out] of [["report", input], ["evaluate", join(dir, "sub", "..", "case.yaml")], ["compare", join(dir, "link.yaml")], ["monitor", join(dir, "hard.yaml")]] as const) {
      const r = await run([cmd, input, "-o", out, "--force"]);
      expect(r.code, `${cmd} -o ${out}`).toBe(2);
      expect(r.err).toContain(`${out}: is het invoerbestand ${input}`);
    }
    const e = await run(["export", input, "--csv", input, "--force"]);
    expect(e.code).toBe(2);
    expect(readFileSync(input, "utf8")).toBe(rich);
  });

  it("every output is checked before any is written: with two outputs and one refused, neither is written; all problems are named", async () => {
    const dir = tmp();
    const csv = join(dir, "ledger.csv");
    writeFileSync(csv, "old");
    const book = join(dir, "new.xlsx");
    const r = await run(["export", "examples/rich.yaml", "--xlsx", book, "--csv", csv]);
    expect(r.code).toBe(2);
    expect(existsSync(book)).toBe(false);
    expect(readFileSync(csv, "utf8")).toBe("old");
    const two = await run(["--lang", "en", "export", "examples/rich.yaml", "--xlsx", join(dir, "nope", "a.xlsx"), "--csv", dir]);
    expect(two.code).toBe(2);
    expect(two.err).toBe(`${join(dir, "nope", "a.xlsx")}: folder ${join(dir, "nope")} does not exist\n${dir}: is a folder, not a file\n`);
    const same = await run(["export", "examples/rich.yaml", "--xlsx", book, "--csv", book]);
    expect(same.code).toBe(2);
    expect(same.err).toContain("twee uitvoeren naar hetzelfde bestand");
    expect(readdirSync(dir).sort()).toEqual(["ledger.csv"]);
  });

  it("a folder that does not exist, a folder as target, a file as folder: usage errors naming the path, no stack trace", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "file"), "x");
    const cases: [string, string][] = [[join(dir, "missing", "r.html"), `folder ${join(dir, "missing")} does not exist`], [dir, "is a folder, not a file"], [join(dir, "file", "r.html"), `${join(dir, "file")} is not a folder`]];
    for (const [out, msg] of cases) {
      const r = await run(["--lang", "en", "report", "examples/minimal.yaml", "-o", out]);
      expect(r.code, out).toBe(2);
      expect(r.err).toBe(`${out}: ${msg}\n`);
    }
  });

  it("a full disk (ENOSPC injected in the file layer): exit 1 naming the file, the old file unchanged, no temporary file, and with two outputs neither is written", async () => {
    const dir = tmp();
    const out = join(dir, "report.html");
    writeFileSync(out, "the old report");
    let budget = 1000;
    fsOps.writeSync = (fd, buf, off, len) => {
      if (budget <= 0) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      const n = real.writeSync(fd, buf, off, Math.min(len, budget));
      budget -= n;
      return n;
    };
    const r = await run(["report", "examples/rich.yaml", "-o", out, "--force"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${out}: schrijven mislukt (schijf vol); het bestand is niet veranderd\n`);
    expect(readFileSync(out, "utf8")).toBe("the old report");
    noTemps(dir);

    // Two outputs: the workbook fits, the CSV does not: neither appears.
    budget = Infinity;
    let calls = 0;
    fsOps.writeSync = (fd, buf, off, len) => {
      if (++calls > 1 && buf.length < 500_000) throw Object.assign(new Error("ENOSPC"), { code: "ENOSPC" });
      return real.writeSync(fd, buf, off, len);
    };
    const two = await run(["export", "examples/rich.yaml", "--xlsx", join(dir, "r.xlsx"), "--csv", join(dir, "r.csv")]);
    expect(two.code).toBe(1);
    expect(two.err).toContain(`${join(dir, "r.csv")}: schrijven mislukt (schijf vol)`);
    expect(readdirSync(dir).sort()).toEqual(["report.html"]);
  });

  it("a write that fails when flushed or renamed (EIO, EACCES) is an input error naming the file, never a stack trace", async () => {
    const dir = tmp();
    fsOps.fsyncSync = () => { throw Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" }); };
    const r = await run(["--lang", "en", "schema", "-o", join(dir, "s.json")]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${join(dir, "s.json")}: write failed (input/output error); the file is unchanged\n`);
    Object.assign(fsOps, real);
    fsOps.renameSync = () => { throw Object.assign(new Error("EACCES"), { code: "EACCES" }); };
    fsOps.linkSync = () => { throw Object.assign(new Error("EACCES"), { code: "EACCES" }); };
    const r2 = await run(["--lang", "en", "schema", "-o", join(dir, "s.json")]);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain("write failed (permission denied)");
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** A case whose names and titles are hostile: formulas for a spreadsheet, HTML for a Markdown viewer. */
const hostile = rich
  .replace(/^title:\n(  .*\n)+/m, 'title: "<script>alert(1)</script> & co"\n')
  .replace("name: { nl: Gemeente, en: Municipality }, ", 'name: "=HYPERLINK(\\"http://evil\\",\\"x\\")", ')
  .replace("name: { nl: Zorgverzekeraar, en: Health insurer }, ", 'name: "@SUM(1+1)\\r\\nkwaad", ');

describe("exports are safe and readable", () => {
  it("the Dutch CSV reads back with a real CSV parser (';', BOM, decimal comma) to the JSON contract's numbers, to the cent; so does RFC 4180", async () => {
    const j = JSON.parse((await run(["evaluate", "examples/rich.yaml", "-f", "json"])).out) as { partners: { id: string; name: string; npv: number; net: number; costs: number }[]; society: { npv: number } };
    for (const [dialect, delimiter, dec] of [["excel-nl", ";", ","], ["rfc4180", ",", "."]] as const) {
      const r = await run(["evaluate", "examples/rich.yaml", "-f", "csv", "--csv-dialect", dialect]);
      expect(r.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(dialect === "excel-nl");
      expect(r.out.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      const rows = parse(r.out, { delimiter, bom: true, columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
      const euro = (s: string) => { expect(s).toMatch(dec === "," ? /^-?\d+,\d\d$/ : /^-?\d+\.\d\d$/); return Math.round(Number(s.replace(",", ".")) * 100); };
      expect(rows.map((x) => x.id)).toEqual([...j.partners.map((p) => p.id), "society"]);
      j.partners.forEach((p, i) => {
        expect(rows[i]!.name).toBe(p.name);
        expect(euro(rows[i]!.npv!)).toBe(Math.round(p.npv * 100));
        expect(euro(rows[i]!.net!)).toBe(Math.round(p.net * 100));
        expect(euro(rows[i]!.costs!)).toBe(Math.round(p.costs * 100));
      });
      expect(euro(rows.at(-1)!.npv!)).toBe(Math.round(j.society.npv * 100));
      expect(rows.at(-1)!.name).toBe("Maatschappij (totaal)");
    }
  });

  it("every command's CSV: the same line ends (CRLF), the same dialect; simulate's society row reads Maatschappij", async () => {
    const outs = await Promise.all([
      run(["evaluate", "examples/rich.yaml", "-f", "csv"]),
      run(["compare", "examples/rich.yaml", "-f", "csv"]),
      run(["simulate", "examples/rich.yaml", "-f", "csv", "-n", "200", "-w", "1"]),
      run(["sensitivity", "examples/rich.yaml", "-f", "csv"]),
      run(["export", "examples/rich.yaml", "--csv", "-"]),
    ]);
    for (const o of outs) {
      expect(o.code).toBe(0);
      expect(o.out.startsWith("\uFEFF")).toBe(true);
      expect(o.out.endsWith("\r\n")).toBe(true);
      expect(o.out.split("\r\n").join("")).not.toMatch(/[\r\n]/);
      const rows = parse(o.out, { delimiter: ";", bom: true, record_delimiter: "\r\n" }) as string[][];
      expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    }
    expect(outs[2]!.out).toMatch(/\r\nstatus-quo;society;Maatschappij \(totaal\);-?\d+,\d\d;/);
  });

  it("names beginning with = or @ get the OWASP prefix in every CSV, and a CR/LF inside a name never splits a record", async () => {
    for (const args of [["evaluate", "-", "-f", "csv"], ["compare", "-", "-f", "csv"], ["simulate", "-", "-f", "csv", "-n", "100", "-w", "1"]]) {
      const r = await run(args, { stdin: hostile });
      expect(r.code, args.join(" ")).toBe(0);
      const rows = parse(r.out, { delimiter: ";", bom: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
      const names = rows.flat();
      expect(names).toContain("'=HYPERLINK(\"http://evil\",\"x\")");
      expect(names).toContain("'@SUM(1+1)\r\nkwaad");
      expect(names.some((n) => /^[=@+]/.test(n))).toBe(false);
      expect(new Set(rows.map((x) => x.length)).size).toBe(1);
    }
  });

  it("-f md escapes HTML (and Markdown) in names and titles", async () => {
    for (const args of [["evaluate", "-", "-f", "md"], ["compare", "-", "-f", "md"]]) {
      const r = await run(args, { stdin: hostile });
      expect(r.code).toBe(0);
      expect(r.out).not.toContain("<script>");
      expect(r.out).not.toMatch(/\r|\n[^|#\n]/);
    }
    const e = await run(["evaluate", "-", "-f", "md"], { stdin: hostile });
    expect(e.out).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
  });
});
