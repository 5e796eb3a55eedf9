/**
 * Decision support on top of the Monte Carlo engine (docs/decision.md): value of information
 * per partner (EVPI, EVPPI by nonparametric regression), financing arrangements under
 * uncertainty, the negotiation solver, and portfolios of initiatives.
 */
export { decisionSamples, decisionRunOptions, MissingSamples, type DecisionSamples } from "./samples.ts";
export { valueOfInformation, decisionProblems, VoiInputError, type VoiResult, type VoiOptions, type DecisionValue, type DecisionProblem, type DecisionOption, type Evppi } from "./voi.ts";
export { regress, type RegressionFit, type RegressionOptions, type SmootherMethod } from "./smoother.ts";
export { arrangementRobustness, type Robustness, type ArrangementRisk, type PartnerRisk, type PartnerPreference } from "./robustness.ts";
export {
  prepareNegotiation, negotiate, verifyDeal, substituteDeal, NegotiationCancelled,
  type PreparedNegotiation, type PreparedLever, type ResolvedCondition, type NegotiationResult, type DealPoint, type DealVerification, type ConditionLimit, type NegotiateHooks, type NegotiationOverrides, type Prepared,
} from "./negotiate.ts";
export { portfolio, hasRanges, type Portfolio, type PortfolioCase, type PortfolioFigures, type PortfolioOptions } from "./portfolio.ts";
export { statusQuoParameters } from "./check.ts";
export { toVoiJson, toRobustnessJson, toNegotiationJson, toPortfolioJson } from "./json.ts";
