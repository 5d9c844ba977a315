import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
    // One shared Prism serves every file; its first responses on a busy 2-core runner can take a while.
    testTimeout: 30_000,
    // Test names interpolate "operation status example" labels; the default cut at 40 characters hides them.
    chaiConfig: { truncateThreshold: 200 },
    hookTimeout: 90_000,
  },
});
