/**
 * The engine's public face: what the CLI, the notebooks and the tests import. Pure code only:
 * no DOM, no I/O, no clock, no global randomness.
 */
export * from "./case/schema/index.ts";
export { allocate } from "./money/allocate.ts";
export { toCents, roundCents, centsToEuros, type Cents } from "./money/money.ts";
export { formatIssue, formatPath, InputError, type Issue, type Path } from "./messages/issues.ts";
export { message, type Lang } from "./messages/messages.ts";
export { parseFormula, compileFormula, inferUnit, suggest } from "./case/formula.ts";
export { parseUnit, formatUnit } from "./case/units.ts";
export { validateCase, type Validation, type ValidateOptions } from "./case/validate.ts";
export { pickText, isBilingual, localiseTexts, type LocalText, type Bilingual } from "./case/text.ts";
export { parameterValues, type Model } from "./case/model.ts";
export { buildLedger, compareRows } from "./ledger/ledger.ts";
export type { Ledger, LedgerRow, LedgerKind, OutcomeRow } from "./ledger/row.ts";
export { discountFactor, npv } from "./money/discount.ts";
export { irr, type Irr } from "./money/irr.ts";
export { computeMetrics, type Metrics, type PartnerResult, type YearFigures, type OutcomeTotal } from "./ledger/metrics.ts";
export { wrongPocket, type WrongPocketEntry } from "./ledger/wrongPocket.ts";
export { evaluateModel } from "./ledger/evaluate.ts";
export type { Evaluation, EvaluateOptions } from "./ledger/evaluation.ts";
export { loadCase, parseCaseText, validateParsed, serializeCase, formatFromName, type CaseFormat } from "./case/caseFile.ts";
export { toJsonContract, toMonitoringJson, type JsonContract, type ArrangementJson, type ContractOptions } from "./ledger/contract.ts";
export { applyArrangement, benefitShares } from "./arrangements/apply.ts";
export type { ArrangementResult, StepResult } from "./arrangements/types.ts";
export { explainArrangement } from "./arrangements/explain.ts";
export { compileKey, ArrangementError, type CompiledKey, type Weights, type KeyContext } from "./arrangements/keys.ts";
export { pairUp } from "./arrangements/settlement.ts";
export { share as rateShare } from "./arrangements/sharedSavings.ts";
export { potEntity } from "./arrangements/pot.ts";
export type { PotYear } from "./arrangements/types.ts";
export { STATUS_QUO_ID } from "./arrangements/compile.ts";
export type { Transfer, CompiledArrangement } from "./arrangements/types.ts";
export { formatEuro, formatNumber, formatPercent } from "./money/format.ts";
export { provenance, caseHash, canonicalJson, type Provenance } from "./ledger/provenance.ts";
export { ENGINE_NAME, ENGINE_VERSION } from "./version.ts";
export { UNIT_COSTS, unitCost, type UnitCost } from "./reference/unitCosts.ts";
export { CPI_NL, indexFactor, type PriceIndex } from "./reference/cpi.ts";
export type { ReferenceUse } from "./case/model.ts";
export { evaluateMonitoring, actualModel, indicatorStatus, type Monitoring, type PlanActual, type IndicatorStatus } from "./monitoring/monitoring.ts";
export * from "./simulate/index.ts";
export { describe as describeDistribution, quantile, type DistributionSpec } from "./uncertainty/index.ts";
export * from "./decision/index.ts";
