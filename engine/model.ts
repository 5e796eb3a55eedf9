/**
 * A validated, compiled case: what evaluation runs on. Built once by `validateCase`; every
 * formula is compiled to a closure over one dense array of parameter values, so the
 * deterministic run and every Monte Carlo sample call the same code with different arrays.
 */
import type { CompiledArrangement } from "./arrangements/types.ts";
import type { Compiled } from "./formula.ts";
import type { Case, Effect, Investment } from "./schema/index.ts";
import type { Unit } from "./units.ts";

export interface CompiledParameters {
  /** Parameter names in evaluation order (a parameter comes after those its formula uses). */
  order: string[];
  /** Slot of each parameter in the values array. */
  slot: ReadonlyMap<string, number>;
  /** For each slot: the compiled formula (constants compile to a closure too). */
  formulas: Compiled[];
  /** For each slot: the parsed unit, or null when none was given. */
  units: (Unit | null)[];
}

export interface InvestmentYear {
  year: number;
  /** Amount in euros for that year, before the indexation factor. */
  amount: Compiled;
  /** (1 + indexation)^(year - first year of the schedule). */
  factor: number;
}

export interface CompiledInvestment {
  line: Investment;
  years: InvestmentYear[];
}

export interface ProviderPart {
  partner: string;
  share: number;
}

export interface CompiledEffect {
  line: Effect;
  quantity: Compiled;
  /** Undefined for outcomes without a price. */
  unitPrice?: Compiled;
  deadweight: Compiled;
  attribution: Compiled;
  displacement: Compiled;
  optimismBias: Compiled;
  dropOffRate?: Compiled;
  /**
   * Years the effect runs, with the ramp-up fraction and the drop-off exponent for each; in a
   * monitoring run, a realised quantity or amount replaces the planned effect that year.
   */
  years: { year: number; ramp: number; dropOffPower: number; actualQuantity?: Compiled; actualAmount?: Compiled }[];
  /** The partners whose budget saves (the domain's funders, with shares); undefined for outcomes. */
  funders?: ProviderPart[];
  /** Providers losing production, with their shares (empty when no production loss). */
  providers: ProviderPart[];
  variableCostShare?: Compiled;
  counterparty?: string;
}

/** A reference price a parameter takes its value from, with where it came from (provenance). */
export interface ReferenceUse {
  parameter: string;
  ref: string;
  labelNl: string;
  labelEn: string;
  /** The published price and its price year. */
  eur: number;
  priceYear: number;
  /** The case's price year, the index factor applied and the resulting value (EUR per unit). */
  indexedTo: number;
  factor: number;
  value: number;
  unit: string;
  source: string;
  /** Which index series gave the factor. */
  index: string;
}

/** Realised figures, compiled (see schema/monitoring.ts). */
export interface CompiledActuals {
  years: number[];
  investments: Map<string, Map<number, Compiled>>;
  effects: Map<string, Map<number, { quantity?: Compiled; amount?: Compiled }>>;
  /** By `arrangement/step` of a pot, then year: partner and amount formula. */
  contributions: Map<string, Map<number, [string, Compiled][]>>;
}

export interface Model {
  case: Case;
  actuals: CompiledActuals;
  /** Reference prices used by parameters, indexed to the case's price year. */
  references: ReferenceUse[];
  /** Financing arrangements, the status quo first when the case lists none. */
  arrangements: CompiledArrangement[];
  years: number[];
  parameters: CompiledParameters;
  investments: CompiledInvestment[];
  effects: CompiledEffect[];
}

/** Values of all parameters (by slot), computed in order; `overrides` replace a parameter's value. */
export function parameterValues(params: CompiledParameters, overrides?: Readonly<Record<string, number>>): Float64Array {
  const values = new Float64Array(params.order.length);
  for (const name of params.order) {
    const i = params.slot.get(name)!;
    const o = overrides?.[name];
    values[i] = o !== undefined ? o : params.formulas[i]!(values);
  }
  return values;
}
