/**
 * The engine's public face: what the CLI, the notebooks and the tests import. Pure code only:
 * no DOM, no I/O, no clock, no global randomness.
 */
export * from "./schema/index.ts";
export { allocate } from "./allocate.ts";
export { toCents, roundCents, centsToEuros, type Cents } from "./money.ts";
export { formatIssue, formatPath, type Issue, type Path } from "./issues.ts";
export { message, type Lang } from "./messages.ts";
export { parseFormula, compileFormula, inferUnit, suggest } from "./formula.ts";
export { parseUnit, formatUnit } from "./units.ts";
export { validateCase, type Validation, type ValidateOptions } from "./validate.ts";
export { parameterValues, type Model } from "./model.ts";
export { buildLedger, compareRows, type Ledger, type LedgerRow, type LedgerKind, type OutcomeRow } from "./ledger.ts";
export { discountFactor, npv } from "./discount.ts";
export { irr, type Irr } from "./irr.ts";
export { computeMetrics, type Metrics, type YearFigures, type OutcomeTotal } from "./metrics.ts";
export { wrongPocket, type WrongPocketEntry } from "./wrongPocket.ts";
export { evaluateModel, type Evaluation, type PartnerResult } from "./evaluate.ts";
export { loadCase, parseCaseText, serializeCase, formatFromName, type CaseFormat } from "./caseFile.ts";
export { toJsonContract, toMonitoringJson, type JsonContract, type ArrangementJson, type ContractOptions } from "./contract.ts";
export { applyArrangement, benefitShares, type ArrangementResult, type StepResult } from "./arrangements/apply.ts";
export { explainArrangement } from "./arrangements/explain.ts";
export { compileKey, ArrangementError, type CompiledKey, type Weights, type KeyContext } from "./arrangements/keys.ts";
export { pairUp } from "./arrangements/settlement.ts";
export { share as rateShare } from "./arrangements/sharedSavings.ts";
export { potEntity, type PotYear } from "./arrangements/pot.ts";
export { STATUS_QUO_ID } from "./arrangements/compile.ts";
export type { Transfer, CompiledArrangement } from "./arrangements/types.ts";
export { formatEuro, formatNumber, formatPercent } from "./format.ts";
export { provenance, caseHash, canonicalJson, type Provenance } from "./provenance.ts";
export { ENGINE_NAME, ENGINE_VERSION } from "./version.ts";
export { UNIT_COSTS, unitCost, type UnitCost } from "./data/unitCosts.ts";
export { CPI_NL, indexFactor, type PriceIndex } from "./data/cpi.ts";
export type { ReferenceUse } from "./model.ts";
export { evaluateMonitoring, actualModel, indicatorStatus, type Monitoring, type PlanActual, type IndicatorStatus } from "./monitoring.ts";
export type { EvaluateOptions } from "./evaluate.ts";
export * from "./simulate/index.ts";
