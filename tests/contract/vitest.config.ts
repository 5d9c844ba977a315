import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
    // Prism's first answers on a busy 2-core runner can take a while.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    chaiConfig: { truncateThreshold: 200 },
  },
});
