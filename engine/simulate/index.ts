/**
 * Uncertainty analysis of a case: Monte Carlo runs (on this thread or on workers), and
 * sensitivity (tornado, switching values, scenarios). See docs/uncertainty.md.
 */
export { simulate, SimulationCancelled, type RunHooks } from "./simulate.ts";
export { simulateInWorkers, WorkerInvalidCase, type ParallelRun, type WorkerPort } from "./parallel.ts";
export { createWorkerHandler, transferables, type ToWorker, type FromWorker } from "./worker.ts";
export { resolveOptions, chunksOf, DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_CHUNK_SIZE, DEFAULT_BANDS_EXACT_UP_TO, type SimulationOptions, type ResolvedOptions } from "./options.ts";
export { assembleResult, RunAssembler, SOCIETY, type SimulationResult, type EntityResult, type EntityBands, type PerspectiveResult, type YearBand } from "./result.ts";
export { runChunk, sampleColumns, type ChunkResult, type ChunkSettings } from "./chunk.ts";
export { planSimulation, uncertainNames, distributionOf, correlationMatrix, type SimulationPlan, type UncertainParameter } from "./plan.ts";
export { compileKernel, SimulationInputError, type Kernel } from "./kernel.ts";
export { compileSampler, BetaTable, type Sampler } from "./sampler.ts";
export { checkUncertainty, PROBE_LOW, PROBE_HIGH } from "./check.ts";
export { problemToIssue, localiseDistributionIssue, parsePath } from "./issues.ts";
export { pointEvaluator, type PointEvaluator } from "./point.ts";
export { tornado, type Tornado, type TornadoBar, type TornadoEntity } from "./tornado.ts";
export { switchingValues, switchingValue, type SwitchingValue, type SwitchingValues, type SwitchingRow } from "./switching.ts";
export { scenarios, scenarioOverrides, type ScenarioResult } from "./scenarios.ts";
export { toSimulationJson, toSensitivityJson, sensitivityProvenance } from "./json.ts";
