/**
 * The hostile corpus: hand-made case files of every class that once crashed, hung or gave silent
 * wrong output, run through the command line in-process (test/cli/cliRun.ts). Each is either an
 * input error naming the path and what is wrong, in Dutch and in English, with no stack trace;
 * or a success whose every output format holds only finite numbers. Either way the run ends:
 * an exception escaping the command (an internal error) fails the test.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { run } from "../cli/cliRun.ts";
import fc from "fast-check";
import { arbFuzzInput } from "./cases.ts";
import { checkInput } from "./check.ts";

const dir = mkdtempSync(join(tmpdir(), "bcase-corpus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = readFileSync(new URL("../../examples/minimal.yaml", import.meta.url), "utf8");
const rich = readFileSync(new URL("../../examples/rich.yaml", import.meta.url), "utf8");
/** The minimal example as data, changed by `edit`, as YAML. */
const edited = (edit: (c: Record<string, any>) => void, base = minimal): string => {
  const c = YAML.parse(base) as Record<string, any>;
  edit(c);
  return YAML.stringify(c, { lineWidth: 0 });
};

let n = 0;
function file(text: string, ext = "yaml"): string {
  const f = join(dir, `case-${++n}.${ext}`);
  writeFileSync(f, text);
  return f;
}

/** An input error: exit 1, the path on every language's first line, no stack trace, Dutch and English differ. */
async function inputError(text: string, path: string, words: { nl: RegExp; en: RegExp }, ext = "yaml"): Promise<void> {
  const f = file(text, ext);
  const nl = await run(["validate", f]), en = await run(["--lang", "en", "validate", f]);
  for (const [r, re] of [[nl, words.nl], [en, words.en]] as const) {
    expect(r.code, r.err).toBe(1);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.err).toContain(`${f}`);
    expect(r.err).toContain(path === "" ? ": (case): " : `: ${path}: `);
    expect(r.err).toMatch(re);
  }
  expect(nl.err).not.toBe(en.err);
}

/** Every number in parsed JSON is finite (JSON has no NaN: one would have become null, which is checked where a number belongs). */
function finite(v: unknown, at = "$"): void {
  if (typeof v === "number") expect(Number.isFinite(v), at).toBe(true);
  else if (Array.isArray(v)) v.forEach((x, i) => finite(x, `${at}[${i}]`));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) finite(x, `${at}.${k}`);
}

/** A success in every output format: exit 0, no NaN or Infinity anywhere, money in the JSON finite and partners summing to society. */
async function success(text: string, ext = "yaml"): Promise<Record<string, any>> {
  const f = file(text, ext);
  const json = await run(["evaluate", f, "-f", "json"]);
  expect(json.code, json.err).toBe(0);
  const j = JSON.parse(json.out) as Record<string, any>;
  finite(j);
  // Costs and savings are netted per line, so society's differ from the partners' sum; NPV and net do not.
  for (const key of ["npv", "net"]) {
    expect(typeof j.society[key]).toBe("number");
    const sum = j.partners.reduce((s: number, p: Record<string, number>) => s + Math.round(p[key]! * 100), 0);
    expect(sum).toBe(Math.round(j.society[key] * 100));
  }
  for (const args of [["evaluate", f], ["evaluate", f, "-f", "csv"], ["evaluate", f, "-f", "md"], ["compare", f], ["compare", f, "-f", "json"], ["report", f, "-f", "md"], ["report", f, "-f", "html"], ["export", f, "--csv", "-"]]) {
    const r = await run(args);
    expect(r.code, `${args.join(" ")}: ${r.err}`).toBe(0);
    expect(r.out, args.join(" ")).not.toMatch(/\bNaN\b|Infinity|undefined/);
  }
  return j;
}

describe("hostile files: bombs, nesting, size", () => {
  it("a YAML alias bomb (a billion laughs) is refused before it expands", async () => {
    const bomb = ["x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 8 }, (_, i) => `x-a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`)].join("\n");
    await inputError(`${bomb}\n${minimal}\nnote: *a8\n`, "", { nl: /aliassen/, en: /aliases/ });
  });
  it("many aliases of a small anchor stay within the limit and are read", async () => {
    await success(minimal.replace("id: minimal", `id: minimal\nsources: [&src "CBS", ${Array(500).fill("*src").join(", ")}]`));
  });
  it("nesting 100,000 deep (flow), 50,000 deep (compact lists) and 100,000 deep (JSON) is refused in milliseconds", async () => {
    await inputError(`${minimal}\nnote: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, "", { nl: /niveaus diep/, en: /levels deep/ });
    await inputError(`${minimal}\nsources:\n  ${"- ".repeat(50_000)}x\n`, "", { nl: /niveaus diep/, en: /levels deep/ });
    await inputError("[".repeat(100_000) + "]".repeat(100_000), "", { nl: /niveaus diep/, en: /levels deep/ }, "json");
  });
  it("nesting 40 deep in the data (a key inside a key ...) is refused with the path where it passes the limit", async () => {
    const deep = edited((c) => { let x: Record<string, unknown> = {}; c.investments[0].note = x; for (let i = 0; i < 40; i++) { const y = {}; x.k = y; x = y; } });
    const f = file(deep);
    const r = await run(["--lang", "en", "validate", f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/investments\[0\]\.note(\.k)+: nests .*levels deep; a case may nest 32 levels deep/);
  });
  it("a file over 1 MB is refused before it is read as YAML", async () => {
    await inputError(`${minimal}\nnote: "${"x".repeat(1_100_000)}"\n`, "", { nl: /groter dan 1\.000\.000 bytes/, en: /larger than 1,000,000 bytes/ });
  });
  it("20,000 partners are too many elements", async () => {
    await inputError(edited((c) => { c.partners = Array.from({ length: 20_000 }, (_, i) => ({ id: `p${i}`, name: "P", kind: "other" })); }), "partners", { nl: /elementen|grens/, en: /entries|limit/ });
  });
  it("a 150-character id and a 5,000-character name are refused with their paths", async () => {
    await inputError(edited((c) => { c.partners[0].id = "g".repeat(150); }), "partners[0].id", { nl: /hoogstens 100/, en: /at most 100/ });
    await inputError(edited((c) => { c.partners[0].name = "N".repeat(5000); }), "partners[0].name", { nl: /hoogstens 1\.000/, en: /at most 1,000/ });
  });
});

describe("hostile formulas", () => {
  it("a formula of 3,000 + terms is refused by its length, without parsing it", async () => {
    await inputError(edited((c) => { c.effects[0].quantity = Array.from({ length: 3000 }, () => "1").join(" + "); }), "effects[0].quantity", { nl: /formule van 11\.997 tekens/, en: /formula of 11,997 characters/ });
  });
  it("400 terms (within the length) nest too deep and are refused by the tree's height, without recursion", async () => {
    await inputError(edited((c) => { c.effects[0].quantity = Array.from({ length: 400 }, () => "1").join("+"); }), "effects[0].quantity", { nl: /nest/, en: /nests/ });
  });
  it("brackets 500 deep are refused before mathjs recurses through them", async () => {
    await inputError(edited((c) => { c.effects[0].quantity = `${"(".repeat(500)}1${")".repeat(500)}`; }), "effects[0].quantity", { nl: /500 niveaus/, en: /500 levels/ });
  });
  it("toString(1) and constructor(1) are functions a formula may not call (they were found on Object)", async () => {
    await inputError(edited((c) => { c.effects[0].quantity = "toString(1)"; }), "effects[0].quantity", { nl: /niet toegestaan.*toString/, en: /not allowed.*toString/ });
    await inputError(edited((c) => { c.effects[0].unitPrice = "constructor(1)"; }), "effects[0].unitPrice", { nl: /constructor/, en: /constructor/ });
  });
  it("a formula dividing by zero names its value in words, not as Infinity", async () => {
    await inputError(edited((c) => { c.effects[0].quantity = "1/0"; }), "effects[0].quantity", { nl: /geen eindig getal \(oneindig\)/, en: /finite number \(infinity\)/ });
  });
  it("an unknown name of 900 characters gets its message at once, without a suggestion", async () => {
    await inputError(edited((c) => { c.effects[0].quantity = `${"q".repeat(900)} * 2`; }), "effects[0].quantity", { nl: /onbekende parameter "q{900}"$/m, en: /unknown parameter "q{900}"$/m });
  });
});

describe("ids and names that are special to JavaScript", () => {
  it("__proto__ as a parameter, partner id or map key is refused with a message (it was dropped silently)", async () => {
    await inputError(minimal.replace("parameters:\n", "parameters:\n  __proto__: 5\n"), "parameters.__proto__", { nl: /JavaScript/, en: /JavaScript/ });
    await inputError(minimal.replaceAll("gemeente", "__proto__"), "partners[0].id", { nl: /"__proto__" kan geen naam zijn/, en: /"__proto__" cannot be a name/ });
  });
  it("toString, constructor, valueOf and hasOwnProperty work everywhere as ids, parameter names, keys and pot partners", async () => {
    const text = rich
      .replaceAll("gemeente", "toString").replaceAll("zorgverzekeraar", "constructor").replaceAll("zorgkantoor", "valueOf")
      .replaceAll("hospitalDaysAvoided", "hasOwnProperty").replaceAll("wmo", "isPrototypeOf");
    const j = await success(text);
    expect(j.partners.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(["toString", "constructor", "valueOf"]));
    const pots = j.arrangements.flatMap((a: { pots: { years: { contributions: Record<string, number> }[] }[] }) => a.pots.flatMap((p) => p.years));
    expect(pots.length).toBeGreaterThan(0);
    for (const y of pots) for (const v of Object.values(y.contributions)) expect(typeof v).toBe("number");
    const sens = await run(["sensitivity", file(text), "-f", "json"]);
    expect(sens.code, sens.err).toBe(0);
    finite(JSON.parse(sens.out));
    const sim = await run(["simulate", file(text), "-n", "300", "-w", "1", "-a", "all", "-f", "json"]);
    expect(sim.code, sim.err).toBe(0);
    finite(JSON.parse(sim.out));
  });
});

describe("amounts beyond exact cents", () => {
  it("indexation 1e300 is refused at the investment's indexation (toCents crashed)", async () => {
    await inputError(edited((c) => { c.investments[0].indexation = 1e300; }), "investments[0].indexation", { nl: /indexatie/, en: /indexation/ });
  });
  it("a discount rate of -0.999999 over 100 years is refused at the rate (roundCents crashed)", async () => {
    await inputError(edited((c) => { c.discountRate = -0.999999; c.horizon = 100; }), "discountRate", { nl: /discontovoet/, en: /discount rate/ });
  });
  it("a discount rate of -0.9 over 30 years overflows the discounted amounts and is refused at the rate", async () => {
    await inputError(edited((c) => { c.discountRate = -0.9; c.horizon = 30; }), "discountRate", { nl: /lopen over/, en: /overflow/ });
  });
  it("quantity 1e20 is refused at the effect with what overflowed (allocate crashed)", async () => {
    await inputError(edited((c) => { c.effects[0].quantity = 1e20; }), "effects[0]", { nl: /besparing .* komt op EUR/, en: /saving .* comes to EUR/ });
  });
  it("amounts that each fit but together pass EUR 90 trillion are refused at the largest (society was not the sum of the partners)", async () => {
    await inputError(edited((c) => { c.horizon = 30; c.investments[0].amount = 4e12; }), "investments[0]", { nl: /samen/, en: /together/ });
  });
  it("a pot contribution of 1e300 is refused at its path", async () => {
    await inputError(edited((c) => {
      c.arrangements = [{ id: "pot", name: "Pot", steps: [{ type: "pot", contributions: { key: { type: "fixed", shares: { gemeente: 1 } }, amount: 1e300 }, deficit: { riskBearer: "gemeente" } }] }];
    }), "arrangements[0].steps[0].contributions.amount", { nl: /inleg/, en: /contribution/ });
  });
  it("shares whose sum overflows are refused (the allocation looped for ever)", async () => {
    await inputError(edited((c) => { c.domains[1].funder = [{ partner: "verzekeraar", share: 1e308 }, { partner: "gemeente", share: 1e308 }]; }), "domains[1].funder", { nl: /te groot/, en: /too large/ });
  });
  it("a lognormal whose 99.9th percentile overflows is refused there, with the line and the percentile", async () => {
    await inputError(edited((c) => { c.parameters.clients = { value: 1e9, unit: "person", distribution: { type: "lognormal", mean: 1e12, sd: 1e14 } }; }), "effects[0]", { nl: /p99\.9 van de verdeling.*komt op EUR/, en: /p99\.9 of the distribution.*comes to EUR/ });
  });
  it("a lognormal with a huge spread (sd 50 million times its mean): the Monte Carlo summary is finite or a sample is an input error, never NaN (it was NaN)", async () => {
    const f = file(edited((c) => { c.parameters.clients = { value: 200, unit: "person", distribution: { type: "lognormal", mean: 200, sd: 1e10 } }; }));
    for (const args of [["simulate", f, "-n", "20000", "-w", "1", "-f", "json"], ["simulate", f, "-n", "20000", "-w", "1", "--exact", "-f", "json"], ["sensitivity", f, "-f", "json"]]) {
      const r = await run(args);
      expect([0, 1], `${args.join(" ")}: ${r.err}`).toContain(r.code);
      if (r.code === 0) finite(JSON.parse(r.out));
      else expect(r.err).toMatch(/effects\[0\]/);
    }
  });
  it("a case that starts in the year 10^15 evaluates in every format (the columnar ledger kept years in 32 bits: an internal error)", async () => {
    const j = await success(edited((c) => { c.startYear = 1e15; c.priceYear = 1e15; c.parameters.sehPrice = { value: 300, unit: "EUR/visit" }; }));
    expect(j.society.yearly[0].year).toBe(1e15);
  });
  it("amounts of EUR 10 billion a year are exact: partners sum to society in every format", async () => {
    const j = await success(edited((c) => { c.investments[0].amount = 1e10; c.parameters.clients.value = 2e7; c.horizon = 20; }));
    expect(Math.abs(j.society.costs)).toBeGreaterThan(1e11);
  });
});

describe("IRR in every output", () => {
  it("flows with roots at 2 % and 998 % report multiple, with both", async () => {
    // A case whose society's yearly net is -1, 10.998..., -11.2... (scaled): made from the roots.
    const x1 = 1 / 1.02, x2 = 1 / 10.98, scale = 1e6;
    const flows = [x1 * x2, -(x1 + x2), 1].map((v) => Math.round(v * scale));
    const j = await success(edited((c) => {
      c.horizon = 3;
      c.effects = [];
      c.investments = [{ id: "flows", label: "Flows", bearer: "gemeente", domain: "wmo", schedule: { type: "explicit", amounts: { "2025": -flows[0]!, "2026": -flows[1]!, "2027": -flows[2]! } } }];
    }));
    const soc = j.society;
    expect(soc.irrStatus).toBe("multiple");
  });
});

describe("cases the deep fuzz run found (npm run fuzz -- --seed 20261203), each fixed", () => {
  // Case k of a seed, as scripts/fuzz.ts draws it; each failed before its fix.
  const caseAt = (seed: number, k: number) => fc.sample(arbFuzzInput, { seed: (seed * 1_000_003 + k) | 0, numRuns: 1 })[0]!;
  for (const [k, what, code] of [
    [796, "a blank formula was 'not allowed: constant undefined'", "formulaEmpty"],
    [6803, "2,000 copies of one provider took 11 s (a quadratic sort in allocate)", "partnerTwiceInList"],
    [11933, "an indentation slip early in a list of 2,000 effects ran the YAML reader out of stack (an internal error)", "yamlTooComplex"],
  ] as const) {
    it(`case ${k}: ${what}: now an input error (${code})`, async () => {
      const o = await checkInput(caseAt(20261203, k), { uncertainty: true });
      expect(o.kind).toBe("input");
      if (o.kind === "input") expect(o.codes).toContain(code);
    });
  }
});
