// The client's size budget, measured on what npm installed: the packed client plus the openapi-fetch it pulls in.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { measureBundle } from "@ssemble/release/size";
import { describe, expect, inject, it } from "vitest";

const projectDir = inject("projectDir");
const budgets: Record<string, { limitBytes: number }> = JSON.parse(
  readFileSync(new URL(import.meta.resolve("@ssemble/release/size-budget.json")), "utf8"),
);

describe("size budget", () => {
  it("@ssemble/client min+gz, openapi-fetch included, is within budget", async () => {
    const limit = budgets["@ssemble/client"]?.limitBytes ?? 0;
    const entry = join(projectDir, "node_modules/@ssemble/client/dist/index.js");
    const { gzipped } = await measureBundle(entry);
    // A bundle without openapi-fetch would be suspiciously small: make sure it was included.
    const alone = await measureBundle(entry, { external: ["openapi-fetch"] });
    expect(gzipped).toBeGreaterThan(alone.gzipped);
    expect(limit).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(limit);
  });
});
