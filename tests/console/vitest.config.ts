import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One Chromium at a time: the machine has two cores.
    fileParallelism: false,
  },
});
