/**
 * The limits of what a case may be, so that no input, however large or odd, can make the engine
 * run out of time, memory or stack: every limit is checked before the work it bounds, and going
 * over it is an input error with the path and the limit (docs/limits.md lists them all, with
 * why each is where it is). The defaults are far above any real case: the largest bundled
 * example (examples/rich.yaml) is 25 KB, nests 9 deep and has 6 partners, 20 lines and
 * formulas of at most 60 characters.
 *
 * The bounds on money (every amount, and the sum of all amounts, within 2^53 cents) are in
 * engine/money/money.ts; this file bounds the size and shape of the input.
 */

export const LIMITS = {
  /** Size of a case file (YAML or JSON), in bytes. */
  fileBytes: 1_000_000,
  /** Nesting of maps and lists in a case (the case itself is level 1). */
  depth: 32,
  /** Values in a case, counting every map, list, number and text. */
  values: 200_000,
  /** YAML aliases resolved, times the size of what they stand for (yaml's `maxAliasCount`). */
  aliasExpansion: 10_000,
  /** Length of an id, a parameter name, or any other key of a map. */
  nameLength: 100,
  /** Length of a name, label, title or unit: one line of a table. */
  labelLength: 1_000,
  /** Length of any other text (a description, a note, a source). */
  textLength: 100_000,
  /** Length of one formula, in characters. */
  formulaLength: 2_000,
  /** Nesting of a formula: parentheses, operators and function calls inside each other. */
  formulaDepth: 64,
  /** Entries of any one list or map (partners, effects, a key's shares, a discrete distribution's values...). */
  elements: 10_000,
  /** Partners and domains, each. */
  partners: 1_000,
  /** Investments plus effects: the lines of the ledger. */
  lines: 1_000,
  /** Parameters. */
  parameters: 2_000,
  /** Parameters with a distribution (each is probed twice during validation). */
  uncertain: 1_000,
  /** Financing arrangements, and steps in one arrangement. */
  arrangements: 50,
  steps: 50,
  /** An outcome's quantity in a year (QALYs, persons...): not money, but added up and shown. */
  outcomeQuantity: 1e15,
  /** Ledger rows one evaluation may produce (lines x years x partners they split among), with every arrangement. */
  rows: 2_000_000,
} as const;

/** Keys of a case whose texts are names or labels (one line of a table); other texts may be longer. */
export const LABEL_KEYS: ReadonlySet<string> = new Set(["id", "name", "title", "label", "unit", "kind", "type", "category", "bearer", "domain", "funder", "partner", "from", "to", "provider", "payer", "riskBearer", "counterparty", "ref", "labelContains", "target", "action", "direction"]);
