import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Ceilings against a real hang, never speed checks: the suite must pass on a machine busy
    // with other work (beside stress-ng --cpu 4 a browser test can take minutes). No test sets a
    // shorter one; speed is measured in `npm run bench`.
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
  },
});
