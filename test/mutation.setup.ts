// Set up for mutation runs (stryker.vitest.config.ts). Stryker runs each mutant's covering tests
// by their names. @fast-check/vitest names a property test "<name> (with seed=<random>)" unless a
// global seed is set, so the name Stryker found in its dry run never matched again: a `test.prop`
// covered mutants but was never run against one (seen 2026-12-03: 5 property tests, 0 kills).
// A fixed seed keeps the names; the test files keep it when they set their number of runs.
import fc from "fast-check";

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(process.env.BCASE_MUTATION_SEED ?? 20261203) });
