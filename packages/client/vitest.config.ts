import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Type tests (expectTypeOf, @ts-expect-error) run through tsc and count as tests in the report.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
    testTimeout: 15_000,
  },
});
