/** What the simulate tests use, in one import. */
export { compileSampler, evaluateModel, formatPath, planSimulation, sampleColumns, scenarios, simulate, simulateInWorkers, SimulationCancelled, SimulationInputError, switchingValues, tornado, validateCase, type CaseInput } from "../../engine/index.ts";
import { classify } from "../../engine/simulate/issues.ts";

export const classifyAll = (texts: string[]) => texts.map((t) => ({ text: t, ...classify(t) }));
