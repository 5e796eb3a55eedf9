// Mutation testing (issue 11 item 9): `npm run mutation`. StrykerJS changes the money, arrangement
// and ledger code one small edit at a time and runs only the tests that cover each edit; a mutant
// that no test notices ("survived") is a behaviour nothing asserts. See docs/development.md.
// A narrower run: `npm run mutation -- --mutate engine/money/irr.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: {
    configFile: "stryker.vitest.config.ts",
  },
  mutate: [
    "engine/money/allocate.ts",
    "engine/money/money.ts",
    "engine/money/discount.ts",
    "engine/money/irr.ts",
    "engine/arrangements/**/*.ts",
    "!engine/arrangements/types.ts",
    "engine/ledger/ledger.ts",
  ],
  coverageAnalysis: "perTest",
  concurrency: 1,
  ignoreStatic: true,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 20000,
  timeoutFactor: 3,
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
