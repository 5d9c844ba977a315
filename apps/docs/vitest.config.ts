import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
    // Chromium rendering the whole reference takes seconds on two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
