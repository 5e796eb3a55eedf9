/**
 * The boundary: an unknown value (parsed YAML or JSON) becomes a compiled `Model`, or a list of
 * every problem found, each with its path. Nothing is evaluated on invalid input.
 *
 * Two passes: the zod schema (shapes, ranges, defaults), then the checks a schema cannot make:
 * unique ids, references between partners, domains and lines, formulas (syntax, whitelist,
 * unknown parameters with a suggestion, cycles), units, years inside the horizon, and a base
 * evaluation that every formula gives a finite number and every fraction lies in 0..1.
 */
import { compileFormula, constantFormula, inferUnit, parseFormula, suggest, type Compiled, type ParsedFormula } from "./formula.ts";
import type { Issue, Path } from "../messages/issues.ts";
import { formatPath } from "../messages/issues.ts";
import { message, zodErrorMap, zodIssueMessage, type Lang } from "../messages/messages.ts";
import { parameterValues, type ReferenceUse, type CompiledEffect, type CompiledInvestment, type CompiledParameters, type Model, type ProviderPart } from "./model.ts";
import { ActualYear, Arrangement, Case, DISCOUNT_PRESETS, TEXT_EXPECTED, TEXT_MISSING, Domain, Effect, Indicator, Investment, Parameter, Partner, normaliseParameter, type ProviderShare } from "./schema/index.ts";
import type { z } from "zod";
import { compileArrangements } from "../arrangements/compile.ts";
import { CPI_NL, priceIndexSeries, seriesFactor } from "../reference/cpi.ts";
import { UNIT_COSTS, unitCost } from "../reference/unitCosts.ts";
import { ArrangementError, type KeyEnv } from "../arrangements/keys.ts";
import { keyFunderShares, uncertainParameters } from "../arrangements/funders.ts";
import { discountFactor } from "../money/discount.ts";
import { InputError } from "../messages/issues.ts";
import { LIMITS } from "./limits.ts";
import { evaluateModel } from "../ledger/evaluate.ts";
import { statusQuoRowBound } from "../ledger/ledger.ts";
import { checkUncertainty } from "../simulate/check.ts";
import { checkNegotiations } from "../decision/check.ts";
import { localiseDistributionIssue } from "../simulate/issues.ts";
import { compileActuals, evaluateMonitoring } from "../monitoring/monitoring.ts";
import { localiseTexts, textsAt, type WrittenText } from "./text.ts";
import { shapeIssues } from "./shape.ts";
import { formatUnit, isMoney, parseUnit, perYearStripped, sameUnit, multiply, type Unit } from "./units.ts";

export interface ValidateOptions {
  lang?: Lang;
  /**
   * The same data passed `validateCase` before (a Monte Carlo worker gets the case the main thread
   * validated): compile the model without the checks that evaluate it (the dry run at the base
   * values, the uncertain inputs' tail probes, the negotiations). Input that fails those checks
   * compiles, so never pass this for data that was not validated.
   */
  validated?: boolean;
}

export type Validation = { ok: true; model: Model } | { ok: false; issues: Issue[] };

export function validateCase(written: unknown, options: ValidateOptions = {}): Validation {
  const lang = options.lang ?? "nl";
  // Size and shape first (limits.ts): nothing below runs on input that could exhaust it.
  const shape = shapeIssues(written, lang);
  if (shape.length > 0) return { ok: false, issues: shape };
  // Texts given in both languages: the reader's (the language of the messages too).
  const { data: input, texts } = localiseTexts(written, lang);
  const parsed = Case.safeParse(input, { error: zodErrorMap(lang) });
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  if (raw.discount !== undefined && (raw.discountRate !== undefined || raw.effectDiscountRate !== undefined)) {
    const issue = { path: ["discount"], code: "discountPresetAndRates", message: message("discountPresetAndRates", {}, lang) };
    return { ok: false, issues: parsed.success ? [issue] : [issue, ...parsed.error.issues.flatMap((i) => fromZod(i, [], lang))] };
  }
  if (!parsed.success) {
    const schemaIssues = parsed.error.issues.flatMap((i) => fromZod(i, [], lang)).map((i) => localiseDistributionIssue(i, lang));
    return { ok: false, issues: [...schemaIssues, ...lenientChecks(raw, schemaIssues, lang, texts)] };
  }
  const data = parsed.data;
  if (data.discount !== undefined) {
    const preset = DISCOUNT_PRESETS[data.discount];
    data.discountRate = preset.discountRate;
    data.effectDiscountRate = preset.effectDiscountRate;
  }
  return checkCase(data, lang, texts, options.validated === true);
}

function checkCase(c: Case, lang: Lang, texts: readonly WrittenText[], validated = false): Validation {
  const issues: Issue[] = [];
  const add = (path: Path, code: string, params: Record<string, unknown> = {}) =>
    issues.push({ path, code, message: message(code, params, lang), params });

  // Unique ids.
  const uniq = (items: { id: string }[], base: string, seen = new Map<string, Path>()) => {
    items.forEach((it, i) => {
      const prev = seen.get(it.id);
      if (prev) add([base, i, "id"], "duplicateId", { id: it.id, other: formatPath(prev) });
      else seen.set(it.id, [base, i, "id"]);
    });
    return seen;
  };
  uniq(c.partners, "partners");
  uniq(c.domains, "domains");
  const lineIds = uniq(c.investments, "investments");
  uniq(c.effects, "effects", lineIds);

  // "Did you mean": each unknown name looked up once, and at most 500 lookups per case (a case
  // with thousands of unknown names gets no suggestions past that, rather than a long wait).
  const suggestions = new Map<string, string | undefined>();
  const suggestFrom = (kind: string, name: string, known: readonly string[]): string | undefined => {
    const key = `${kind}\u0000${name}`;
    if (suggestions.has(key)) return suggestions.get(key);
    const s = suggestions.size < 500 ? suggest(name, known) : undefined;
    suggestions.set(key, s);
    return s;
  };
  const partnerIds = c.partners.map((p) => p.id);
  const domainIds = c.domains.map((d) => d.id);
  const partnerSet = new Set(partnerIds);
  const domainById = new Map(c.domains.map((d) => [d.id, d]));
  const checkPartner = (id: string, path: Path) => {
    if (!partnerSet.has(id)) add(path, "unknownPartner", { name: id, suggestion: suggestFrom("partner", id, partnerIds) });
  };
  const checkDomain = (id: string, path: Path) => {
    if (!domainById.has(id)) add(path, "unknownDomain", { name: id, suggestion: suggestFrom("domain", id, domainIds) });
  };

  // A partner twice in one list of funders or providers is a slip (its shares would have to be
  // added up): named at its second place, with the first.
  const checkOnce = (list: readonly (string | { partner: string })[], path: Path) => {
    const first = new Map<string, number>();
    list.forEach((p, j) => {
      const id = typeof p === "string" ? p : p.partner;
      const at = first.get(id);
      if (at === undefined) first.set(id, j);
      else add([...path, j, ...(typeof p === "string" ? [] : ["partner"])], "partnerTwiceInList", { name: id, first: at + 1 });
    });
  };
  c.domains.forEach((d, i) => {
    if (Array.isArray(d.funder)) checkOnce(d.funder, ["domains", i, "funder"]);
    if (d.providers) checkOnce(d.providers, ["domains", i, "providers"]);
    if (typeof d.funder === "string") checkPartner(d.funder, ["domains", i, "funder"]);
    else if (!Array.isArray(d.funder)) { /* a key: resolved at the base values below */ }
    else {
      d.funder.forEach((f, j) => checkPartner(f.partner, ["domains", i, "funder", j, "partner"]));
      if (totalShare(d.funder) <= 0) add(["domains", i, "funder"], "weightsZero");
      else if (!Number.isFinite(totalShare(d.funder))) add(["domains", i, "funder"], "distWeightsOverflow");
    }
    d.providers?.forEach((p, j) => checkPartner(typeof p === "string" ? p : p.partner, ["domains", i, "providers", j, ...(typeof p === "string" ? [] : ["partner"])]));
    if (d.providers && d.providers.length > 0 && totalShare(d.providers) <= 0) add(["domains", i, "providers"], "weightsZero");
    else if (d.providers && !Number.isFinite(totalShare(d.providers))) add(["domains", i, "providers"], "distWeightsOverflow");
  });

  // Years.
  const first = c.startYear, last = c.startYear + c.horizon - 1;
  // Discount factors over the horizon: (1 + r)^-k must stay a number for every year k.
  const rates: [Path, number][] = [[[c.discount !== undefined ? "discount" : "discountRate"], c.discountRate]];
  if (c.effectDiscountRate !== undefined) rates.push([[c.discount !== undefined ? "discount" : "effectDiscountRate"], c.effectDiscountRate]);
  for (const [path, rate] of rates) {
    const factor = discountFactor(rate, c.horizon - 1);
    if (!Number.isFinite(factor)) add(path, "discountOverflow", { rate, years: c.horizon - 1, factor });
  }
  /** (1 + indexation)^years, or an issue when it overflows. */
  const indexed = (inv: Investment, i: number, years: number): number => {
    const factor = Math.pow(1 + inv.indexation, years);
    if (!Number.isFinite(factor)) add(["investments", i, "indexation"], "indexationOverflow", { rate: inv.indexation, years, factor });
    return factor;
  };
  const years = Array.from({ length: c.horizon }, (_, k) => first + k);
  const inHorizon = (y: number | undefined, path: Path) => {
    if (y !== undefined && (y < first || y > last)) add(path, "yearOutOfRange", { year: y, first, last });
  };
  c.partners.forEach((p, i) => Object.keys(p.budgetLimits ?? {}).forEach((y) => inHorizon(Number(y), ["partners", i, "budgetLimits", y])));

  // Parameters: parse, then resolve symbols and order them.
  const paramNames = Object.keys(c.parameters).sort();
  const paramSet = new Set(paramNames);
  const slot = new Map(paramNames.map((n, i) => [n, i]));
  const parsedParams = new Map<string, ParsedFormula>();
  const units: (Unit | null)[] = new Array(paramNames.length).fill(null);
  const references: ReferenceUse[] = [];
  // The case's own index values, rebased onto the shipped CPI (or an error when they do not fit it).
  const series = priceIndexSeries(c.priceIndex?.values);
  if (!series.ok) for (const pr of series.problems) add(["priceIndex", "values", String(pr.year)], pr.code, pr.params);
  const priceIndex = series.ok ? series.index : { series: [CPI_NL.values] };
  for (const name of paramNames) {
    const p = normaliseParameter(c.parameters[name]!);
    const path: Path = typeof c.parameters[name] !== "object" ? ["parameters", name] : ["parameters", name, "value"];
    let value = p.value;
    let unitText = p.unit;
    if (p.ref !== undefined) {
      const refPath: Path = ["parameters", name, "ref"];
      const u = unitCost(p.ref);
      if (p.value !== undefined) add(refPath, "valueAndRef");
      if (!u) add(refPath, "unknownRef", { name: p.ref, suggestion: suggestFrom("ref", p.ref, UNIT_IDS) });
      else {
        const factor = seriesFactor(priceIndex, u.priceYear, c.priceYear);
        if (factor === "no-link") add(refPath, "priceIndexNoLink", { from: u.priceYear, to: c.priceYear, ref: p.ref, shipped: Object.keys(CPI_NL.values).join(", ") });
        else if (factor === undefined) add(refPath, "indexYearMissing", { from: u.priceYear, to: c.priceYear, ref: p.ref });
        else {
          value = u.eur * factor;
          unitText ??= `EUR/${u.unit.replace(/\s+/g, "_")}`;
          references.push({ parameter: name, ref: u.id, labelNl: u.labelNl, labelEn: u.labelEn, eur: u.eur, priceYear: u.priceYear, indexedTo: c.priceYear, factor, value, unit: unitText, source: u.source, index: factor === 1 ? "none" : c.priceIndex ? `${CPI_NL.series} + case priceIndex (${c.priceIndex.source})${priceIndex.rebased ? `, rebased on ${priceIndex.rebased.year}` : ""}` : CPI_NL.series });
        }
      }
    } else if (value === undefined) add(["parameters", name], "valueMissing");
    if (value !== undefined) {
      const f = parseChecked(value, path);
      if (f) parsedParams.set(name, f);
    }
    if (unitText !== undefined) {
      const u = parseUnit(unitText);
      if (!u) add(["parameters", name, "unit"], "unitUnknown", { unit: unitText });
      else units[slot.get(name)!] = u;
    }
  }

  function parseChecked(src: string | number, path: Path, allowYear = false): ParsedFormula | undefined {
    const r = parseFormula(src);
    if (!r.ok) {
      r.problems.forEach((pr) => add(path, pr.code, pr.params));
      return undefined;
    }
    let good = true;
    for (const s of r.formula.symbols) {
      if (allowYear && s === "year") continue;
      if (!paramSet.has(s)) {
        add(path, "unknownParameter", { name: s, suggestion: suggestFrom("parameter", s, paramNames) });
        good = false;
      }
    }
    return good ? r.formula : undefined;
  }

  // Order parameters so each comes after those it uses; report cycles once each.
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  const visit = (name: string, stack: string[]) => {
    const s = state.get(name);
    if (s === 2) return;
    if (s === 1) {
      const cyc = stack.slice(stack.indexOf(name)).concat(name);
      const key = [...cyc].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        const p = c.parameters[name];
        add(typeof p !== "object" ? ["parameters", name] : ["parameters", name, "value"], "cycle", { cycle: cyc.join(" -> ") });
      }
      return;
    }
    state.set(name, 1);
    for (const dep of parsedParams.get(name)?.symbols ?? []) if (paramSet.has(dep)) visit(dep, [...stack, name]);
    state.set(name, 2);
    order.push(name);
  };
  for (const n of paramNames) visit(n, []);

  const unitOf = (name: string) => units[slot.get(name)!] ?? null;
  // Derived parameters without a declared unit take the unit of their formula.
  for (const name of order) {
    const f = parsedParams.get(name);
    if (!f) continue;
    const inferred = inferUnit(f, unitOf);
    const path: Path = typeof c.parameters[name] !== "object" ? ["parameters", name] : ["parameters", name, "value"];
    inferred.problems.forEach((pr) => add(path, pr.code, pr.params));
    const declared = units[slot.get(name)!];
    // A dimensionless result (`644 * cpi`) may carry its unit in the literal: only a formula with
    // units of its own can contradict the declared unit.
    if (declared && inferred.unit && inferred.unit.size > 0 && !sameUnit(declared, inferred.unit))
      add(path, "unitMismatch", { got: formatUnit(inferred.unit), expected: formatUnit(declared) });
    if (!declared && inferred.unit && f.symbols.length > 0) units[slot.get(name)!] = inferred.unit;
  }

  const slotOf = (n: string) => slot.get(n)!;
  // `year` in a formula that is evaluated per year (an investment's amount) is that year,
  // unless the case has a parameter named year. `years` compiles one closure per year.
  const yearFree = !paramSet.has("year");
  const compile = (src: string | number, path: Path, expect?: "money" | "fraction", years?: readonly number[]): { fn: Compiled; unit: Unit | null; byYear?: Map<number, Compiled> } | undefined => {
    const f = parseChecked(src, path, years !== undefined && yearFree);
    if (!f) return undefined;
    const inferred = inferUnit(f, (n) => (n === "year" && yearFree ? null : unitOf(n)));
    inferred.problems.forEach((pr) => add(path, pr.code, pr.params));
    if (expect === "money" && inferred.unit && inferred.unit.size > 0 && !isMoney(inferred.unit))
      add(path, "unitMismatch", { got: formatUnit(inferred.unit), expected: "EUR" });
    if (years !== undefined && yearFree && f.symbols.includes("year")) {
      const byYear = new Map(years.map((y) => [y, compileFormula(f, slotOf, { year: y })]));
      return { fn: byYear.get(years[0]!) ?? constFn(NaN), unit: inferred.unit, byYear };
    }
    return { fn: compileFormula(f, slotOf), unit: inferred.unit };
  };
  const constFn = constantFormula;

  const compiledParams: CompiledParameters = {
    order,
    slot,
    formulas: paramNames.map((n) => (parsedParams.get(n) ? compileFormula(parsedParams.get(n)!, slotOf) : constFn(NaN))),
    units,
  };

  // Investments.
  const fractionChecks: { fn: Compiled; path: Path }[] = [];
  const finiteChecks: { fn: Compiled; path: Path }[] = [];
  const investments: CompiledInvestment[] = [];
  c.investments.forEach((inv, i) => {
    const base: Path = ["investments", i];
    checkPartner(inv.bearer, [...base, "bearer"]);
    checkDomain(inv.domain, [...base, "domain"]);
    const s = inv.schedule;
    const out: CompiledInvestment = { line: inv, years: [] };
    if (s.type === "explicit") {
      const ys = Object.keys(s.amounts).map(Number).sort((a, b) => a - b);
      const y0 = ys[0] ?? first;
      for (const y of ys) {
        const p: Path = [...base, "schedule", "amounts", String(y)];
        inHorizon(y, p);
        const f = compile(s.amounts[String(y)]!, p, "money", [y]);
        if (f) { out.years.push({ year: y, amount: f.fn, factor: indexed(inv, i, y - y0) }); finiteChecks.push({ fn: f.fn, path: p }); }
      }
    } else {
      if (inv.amount === undefined) add([...base, "amount"], "amountMissing");
      const from = s.type === "once" ? s.year : s.from ?? first;
      const to = s.type === "once" ? s.year : s.to ?? last;
      if (s.type === "once") inHorizon(s.year, [...base, "schedule", "year"]);
      else {
        inHorizon(s.from, [...base, "schedule", "from"]);
        inHorizon(s.to, [...base, "schedule", "to"]);
        if (from > to) add([...base, "schedule"], "yearOrder", { from, to });
      }
      const ys: number[] = [];
      for (let y = Math.max(from, first); y <= Math.min(to, last); y++) ys.push(y);
      const f = inv.amount !== undefined ? compile(inv.amount, [...base, "amount"], "money", ys) : undefined;
      if (f) {
        for (const fn of f.byYear?.values() ?? [f.fn]) finiteChecks.push({ fn, path: [...base, "amount"] });
        for (const y of ys) out.years.push({ year: y, amount: f.byYear?.get(y) ?? f.fn, factor: indexed(inv, i, y - from) });
      }
    }
    investments.push(out);
  });

  // Effects.
  const effects: CompiledEffect[] = [];
  c.effects.forEach((e, i) => {
    const base: Path = ["effects", i];
    const frac = (v: string | number, key: string, sub: Path = []) => {
      const p: Path = [...base, key, ...sub];
      const f = compile(v, p, "fraction");
      if (f) fractionChecks.push({ fn: f.fn, path: p });
      return f?.fn ?? constFn(0);
    };
    const quantity = compile(e.quantity, [...base, "quantity"]);
    if (quantity) finiteChecks.push({ fn: quantity.fn, path: [...base, "quantity"] });
    let unitPrice: ReturnType<typeof compile>;
    let funders: ProviderPart[] | undefined;
    let providers: ProviderPart[] = [];
    let variableCostShare: Compiled | undefined;
    if (e.type === "saving") {
      if (e.domain === undefined || e.unitPrice === undefined) add(e.domain === undefined ? [...base, "domain"] : [...base, "unitPrice"], "monetaryNeedsDomain");
      if (e.domain !== undefined) {
        checkDomain(e.domain, [...base, "domain"]);
        const f = domainById.get(e.domain)?.funder;
        // A key's shares are filled in once the base values are known (below).
        if (f !== undefined) funders = typeof f === "string" ? normaliseShares([f]) : Array.isArray(f) ? normaliseShares(f) : [];
      }
      if (e.unitPrice !== undefined) {
        unitPrice = compile(e.unitPrice, [...base, "unitPrice"]);
        if (unitPrice) finiteChecks.push({ fn: unitPrice.fn, path: [...base, "unitPrice"] });
      }
      if (quantity?.unit && unitPrice?.unit) {
        const product = multiply(perYearStripped(quantity.unit), unitPrice.unit);
        if (!isMoney(product)) add([...base, "unitPrice"], "unitProduct", { got: formatUnit(product) });
      }
      if (e.production !== undefined) {
        const d = e.domain ? domainById.get(e.domain) : undefined;
        const prodProviders = e.production === true ? undefined : e.production.providers;
        const list = prodProviders ?? d?.providers ?? [];
        if (list.length === 0) add([...base, "production"], "noProvider", { domain: e.domain ?? "?" });
        else if (totalShare(list) <= 0) add([...base, "production", "providers"], "weightsZero");
        else if (!Number.isFinite(totalShare(list))) add([...base, "production", "providers"], "distWeightsOverflow");
        if (prodProviders) checkOnce(prodProviders, [...base, "production", "providers"]);
        if (prodProviders) prodProviders.forEach((p, j) => checkPartner(typeof p === "string" ? p : p.partner, [...base, "production", "providers", j]));
        providers = normaliseShares(list);
        const vcs = (e.production !== true ? e.production.variableCostShare : undefined) ?? d?.variableCostShare;
        const vcsPath: Path = e.production !== true && e.production.variableCostShare !== undefined ? [...base, "production", "variableCostShare"] : ["domains", c.domains.indexOf(d!), "variableCostShare"];
        if (vcs !== undefined) {
          const f = compile(vcs, vcsPath, "fraction");
          if (f) { fractionChecks.push({ fn: f.fn, path: vcsPath }); variableCostShare = f.fn; }
        } else variableCostShare = constFn(0);
      }
      if (e.transfer) checkPartner(e.transfer.counterparty, [...base, "transfer", "counterparty"]);
    } else {
      if (e.unit === undefined) add([...base, "unit"], "nonMonetaryNeedsUnit");
      else if (!parseUnit(e.unit)) add([...base, "unit"], "unitUnknown", { unit: e.unit });
      if (e.unitPrice !== undefined) {
        unitPrice = compile(e.unitPrice, [...base, "unitPrice"]);
        if (unitPrice) finiteChecks.push({ fn: unitPrice.fn, path: [...base, "unitPrice"] });
      }
      if (e.domain !== undefined) checkDomain(e.domain, [...base, "domain"]);
      const declared = e.unit ? parseUnit(e.unit) : undefined;
      if (declared && quantity?.unit && !sameUnit(perYearStripped(declared), perYearStripped(quantity.unit)))
        add([...base, "quantity"], "unitMismatch", { got: formatUnit(quantity.unit), expected: formatUnit(declared) });
    }
    const from = e.period.from ?? first, to = e.period.to ?? last;
    inHorizon(e.period.from, [...base, "period", "from"]);
    inHorizon(e.period.to, [...base, "period", "to"]);
    if (from > to) add([...base, "period"], "yearOrder", { from, to });
    // Drop-off starts once the effect is at full strength: after the ramp-up, and never in year one.
    const dropFrom = e.dropOff?.from ?? from + Math.max(1, e.rampUpYears);
    if (e.profile) {
      Object.keys(e.profile).forEach((y) => inHorizon(Number(y), [...base, "profile", y]));
      if (e.rampUpYears > 0 || e.dropOff) add([...base, "profile"], "profileWithRampUp");
    }
    const yearsOut: CompiledEffect["years"] = [];
    for (let y = Math.max(from, first); y <= Math.min(to, last); y++) {
      const k = y - from;
      const n = e.rampUpYears;
      // An explicit profile gives each year's factor itself (unlisted years: 0).
      if (e.profile) yearsOut.push({ year: y, ramp: e.profile[String(y)] ?? 0, dropOffPower: 0 });
      else yearsOut.push({ year: y, ramp: n <= 1 ? 1 : Math.min(1, (k + 1) / n), dropOffPower: e.dropOff ? Math.max(0, y - dropFrom + 1) : 0 });
    }
    effects.push({
      line: e,
      quantity: quantity?.fn ?? constFn(0),
      ...(unitPrice ? { unitPrice: unitPrice.fn } : {}),
      deadweight: frac(e.deadweight, "deadweight"),
      attribution: frac(e.attribution, "attribution"),
      displacement: frac(e.displacement, "displacement"),
      optimismBias: frac(e.optimismBias, "optimismBias"),
      ...(e.dropOff ? { dropOffRate: frac(e.dropOff.rate, "dropOff", ["rate"]) } : {}),
      years: yearsOut,
      ...(funders !== undefined ? { funders } : {}),
      providers,
      ...(variableCostShare ? { variableCostShare } : {}),
      ...(e.transfer ? { counterparty: e.transfer.counterparty } : {}),
    });
  });

  // Financing arrangements.
  const arrangements = compileArrangements(c.arrangements, {
    partners: c.partners,
    // `labelContains` matches a label in any of its languages, so the model is the same in both.
    investments: c.investments.map((inv, i) => ({ ...inv, labels: textsAt(texts, ["investments", i, "label"], inv.label) })),
    effects: c.effects,
    indicators: c.indicators,
    add,
    checkPartner,
    checkDomain,
    inHorizon,
    compile: (src, path) => {
      const f = compile(src, path, "money");
      if (f) finiteChecks.push({ fn: f.fn, path });
      return f?.fn;
    },
    compileWeight: (src, path) => {
      const f = compile(src, path);
      if (f) finiteChecks.push({ fn: f.fn, path });
      return f?.fn;
    },
    compileFraction: (src, path) => {
      const f = compile(src, path, "fraction");
      if (f) fractionChecks.push({ fn: f.fn, path });
      return f?.fn;
    },
  });

  const actuals = compileActuals(c, arrangements, {
    add, checkPartner, inHorizon,
    compile: (src, path) => {
      const f = compile(src, path);
      if (f) finiteChecks.push({ fn: f.fn, path });
      return f?.fn;
    },
  });

  // The work of one evaluation, in ledger rows: the status quo's (per line and year, one per
  // partner a line splits among), visited again by each arrangement, plus the transfer rows
  // steps can add (per year, at most two per partner and investment). Bounded before evaluating.
  const statusQuoRows = statusQuoRowBound(investments, effects);
  const steps = arrangements.reduce((s, a) => s + a.steps.length, 0);
  const rows = statusQuoRows * (1 + arrangements.filter((a) => a.steps.length > 0).length) + steps * 2 * c.horizon * (2 * c.partners.length + c.investments.length);
  if (rows > LIMITS.rows) add([], "tooManyRows", { rows, limit: LIMITS.rows });

  if (issues.length > 0) return { ok: false, issues };

  // Base evaluation: every formula finite, every fraction in 0..1.
  const values = parameterValues(compiledParams);
  for (const name of order) {
    const v = values[slot.get(name)!]!;
    if (!Number.isFinite(v)) add(typeof c.parameters[name] !== "object" ? ["parameters", name] : ["parameters", name, "value"], "formulaNotFinite", { value: v });
  }
  if (issues.length > 0) return { ok: false, issues };
  for (const { fn, path } of finiteChecks) {
    const v = fn(values);
    if (!Number.isFinite(v)) add(path, "formulaNotFinite", { value: v });
  }
  for (const { fn, path } of fractionChecks) {
    const v = fn(values);
    if (!Number.isFinite(v)) add(path, "formulaNotFinite", { value: v });
    else if (v < 0 || v > 1) add(path, "fraction", { value: v });
  }
  if (issues.length > 0) return { ok: false, issues };
  resolveKeyFunders(c, effects, values, { partners: c.partners, add, checkPartner, checkDomain, compile: (src, path) => compile(src, path, "money")?.fn, compileWeight: (src, path) => compile(src, path)?.fn });
  if (issues.length > 0) return { ok: false, issues };

  const model: Model = { case: c, years, parameters: compiledParams, investments, effects, arrangements, references, actuals, ...(texts.length > 0 ? { texts } : {}) };
  if (validated) return { ok: true, model };
  // A dry run of the arrangements at the base values, so keys that come out all zero (a
  // benefit key where nobody benefits) are reported here, with their path.
  try {
    const plan = evaluateModel(model);
    if (actuals.years.length > 0) evaluateMonitoring(model, plan);
  } catch (e) {
    // Input the evaluation found it cannot hold (an amount beyond exact cents, a key whose
    // weights are all zero), named by the check that found it, with its path.
    if (e instanceof InputError) {
      add(e.path, e.code, e.params);
      return { ok: false, issues };
    }
    throw e;
  }
  const uncertainty = checkUncertainty(model, lang);
  if (uncertainty.length > 0) return { ok: false, issues: uncertainty };
  const negotiations = checkNegotiations(model, lang);
  if (negotiations.length > 0) return { ok: false, issues: negotiations };
  return { ok: true, model };
}

/** Domains whose funders are a key get their shares at the base values, on every effect in them. */
function resolveKeyFunders(c: Case, effects: CompiledEffect[], values: ArrayLike<number>, env: KeyEnv): void {
  const uncertain = uncertainParameters(c);
  c.domains.forEach((d, i) => {
    if (typeof d.funder === "string" || Array.isArray(d.funder)) return;
    const shares = keyFunderShares(d.funder.key, ["domains", i, "funder", "key"], env, values, uncertain);
    if (shares) for (const e of effects) if (e.funders && e.line.domain === d.id) e.funders = shares;
  });
}

const UNIT_IDS = UNIT_COSTS.map((x) => x.id);

function totalShare(list: readonly (string | ProviderShare)[]): number {
  return list.reduce((s, p) => s + (typeof p === "string" ? 1 : p.share ?? 1), 0);
}

/** Provider shares, sorted by partner id so the result does not depend on listing order. */
function normaliseShares(list: readonly (string | ProviderShare)[]): ProviderPart[] {
  const parts = list.map((p) => (typeof p === "string" ? { partner: p, share: 1 } : { partner: p.partner, share: p.share ?? 1 }));
  return parts.sort((a, b) => (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0));
}

type ZodIssueLike = { code: string; path: PropertyKey[]; message: string; errors?: ZodIssueLike[][]; expected?: string; options?: unknown[]; discriminator?: string; params?: { code?: string }; input?: unknown };

/**
 * Zod issue -> our issues. A failed union ("a number, a formula or an object") is unfolded:
 * when exactly one branch got past the type check, its own problems are the real ones (so
 * `parameters.z.value` is named, not `parameters.z`); otherwise one message lists what was expected.
 */
function fromZod(i: ZodIssueLike, prefix: Path, lang: Lang): Issue[] {
  const path: Path = [...prefix, ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  if (i.code === "invalid_union") {
    if (i.discriminator && i.options) {
      return [{ path, code: "badDiscriminator", message: message("badDiscriminator", { key: i.discriminator, options: i.options.join(", ") }, lang) }];
    }
    const branches = i.errors ?? [];
    // A text (localText): one string, or both languages.
    const plainText = (b: ZodIssueLike[], m: string) => b.some((e) => e.message === m && e.path.length === 0);
    if (branches.some((b) => plainText(b, TEXT_MISSING))) {
      return [{ path, code: "invalid_type", message: zodIssueMessage({ code: "invalid_type", expected: "string", input: undefined }, lang) }];
    }
    if (branches.some((b) => plainText(b, TEXT_EXPECTED)) && branches.every((b) => b.every((e) => e.code === "invalid_type" && e.path.length === 0))) {
      return [{ path, code: "textExpected", message: message("textExpected", {}, lang) }];
    }
    const deep = branches.filter((b) => !b.every((e) => e.code === "invalid_type" && e.path.length === 0));
    if (deep.length === 1) return deep[0]!.flatMap((e) => fromZod(e, path, lang));
    const expected = [...new Set(branches.flatMap((b) => b.filter((e) => e.code === "invalid_type").map((e) => e.expected ?? "?")))];
    if (expected.length > 0) return [{ path, code: "expectedOneOf", message: message("expectedOneOf", { expected }, lang) }];
  }
  const code = i.code === "custom" ? String(i.params?.code ?? "custom") : i.code;
  return [{ path, code, message: i.message }];
}

const ELEMENT_SCHEMAS = { partners: Partner, domains: Domain, investments: Investment, effects: Effect, arrangements: Arrangement, actuals: ActualYear, indicators: Indicator } as const;
const PLACEHOLDERS: Record<string, unknown> = { id: "case", title: "case", priceYear: 2000, startYear: 2000, horizon: 1 };

/**
 * When the schema pass fails, the checks that need a well-formed case (references, formulas,
 * units) still run on the parts that are well-formed, so a user sees every problem at once:
 * invalid array elements and parameters are left out (and references to their ids are not
 * reported as unknown), broken top-level fields get placeholders (and year checks are skipped).
 * Paths are mapped back to the positions in the file.
 */
/** True when every step of `path` but the last leads to an object in `data` (own properties only). */
function hasParent(data: unknown, path: readonly (string | number)[]): boolean {
  let node = data;
  for (const seg of path.slice(0, -1)) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, seg)) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return typeof node === "object" && node !== null;
}

function lenientChecks(raw: Record<string, unknown>, schemaIssues: readonly Issue[], lang: Lang, texts: readonly WrittenText[]): Issue[] {
  const broken = new Set(schemaIssues.map((i) => String(i.path[0] ?? "")));
  const data: Record<string, unknown> = { ...raw };
  for (const [k, v] of Object.entries(PLACEHOLDERS)) if (broken.has(k) || raw[k] === undefined) data[k] = v;
  const yearsBroken = ["priceYear", "startYear", "horizon"].some((k) => broken.has(k) || raw[k] === undefined);
  const dropped = new Set<string>();
  const indexMaps = new Map<string, number[]>();
  for (const [key, schema] of Object.entries(ELEMENT_SCHEMAS)) {
    const arr = raw[key];
    if (arr === undefined) continue;
    if (!Array.isArray(arr)) { data[key] = []; continue; }
    const keep: unknown[] = [], map: number[] = [];
    arr.forEach((el, i) => {
      if ((schema as z.ZodType).safeParse(el).success) { keep.push(el); map.push(i); }
      else if (el && typeof el === "object" && typeof (el as { id?: unknown }).id === "string") dropped.add((el as { id: string }).id);
    });
    data[key] = keep;
    indexMaps.set(key, map);
  }
  if (raw.parameters !== undefined) {
    if (typeof raw.parameters !== "object" || raw.parameters === null || Array.isArray(raw.parameters)) data.parameters = {};
    else data.parameters = Object.fromEntries(Object.entries(raw.parameters).filter(([name, v]) => {
      const ok = Parameter.safeParse(v).success;
      if (!ok) dropped.add(name);
      return ok;
    }));
  }
  for (const k of Object.keys(data)) if (!(k in Case.shape)) delete data[k];
  const reparsed = Case.safeParse(data);
  if (!reparsed.success) return [];
  // The bilingual texts at the positions of the elements kept.
  // A text whose element was dropped (a parameter that failed its schema, a replaced section)
  // goes too: the dry run puts texts back at their paths.
  const kept = texts.flatMap((t) => {
    const map = indexMaps.get(String(t.path[0]));
    if (!map || typeof t.path[1] !== "number") return [t];
    const at = map.indexOf(t.path[1]);
    return at < 0 ? [] : [{ ...t, path: [t.path[0]!, at, ...t.path.slice(2)] }];
  }).filter((t) => hasParent(reparsed.data, t.path));
  const checked = checkCase(reparsed.data, lang, kept);
  if (checked.ok) return [];
  const seen = new Set(schemaIssues.map((i) => `${formatPath(i.path)}|${i.code}`));
  const referenceCodes = new Set(["unknownPartner", "unknownDomain", "unknownParameter", "unknownInvestment", "unknownEffect"]);
  return checked.issues
    .filter((i) => !(referenceCodes.has(i.code) && dropped.has(String(i.params?.name))))
    .filter((i) => !(yearsBroken && (i.code === "yearOutOfRange" || i.code === "yearOrder" || i.code === "indexYearMissing")))
    .filter((i) => !(i.path[0] !== undefined && broken.has(String(i.path[0])) && !indexMaps.has(String(i.path[0]))))
    .map((i) => {
      const map = indexMaps.get(String(i.path[0]));
      const path = map && typeof i.path[1] === "number" ? [i.path[0]!, map[i.path[1]]!, ...i.path.slice(2)] : i.path;
      return { ...i, path };
    })
    .filter((i) => !seen.has(`${formatPath(i.path)}|${i.code}`));
}
