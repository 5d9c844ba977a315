import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { END, methodsTable, README, START, withTable } from "../scripts/methods-table.mjs";
import { OPERATIONS } from "../src/operations.js";

describe("README Methods table", () => {
  const readme = readFileSync(README, "utf8");

  it("is the one generated from the operation map (run `pnpm --filter @ssemble/client methods`)", () => {
    expect(withTable(readme)).toBe(readme);
  });

  it("has a row per operation, naming its client method and endpoint", () => {
    const table = methodsTable();
    const rows = table.split("\n").slice(2);
    expect(rows).toHaveLength(Object.keys(OPERATIONS).length);
    for (const [id, op] of Object.entries(OPERATIONS)) {
      expect(table).toContain(`| \`${op.call}(`);
      expect(table).toContain(`\`${op.method} ${op.path}\` | \`${id}\``);
    }
  });

  it("refuses a README without the markers", () => {
    expect(() => withTable(readme.replace(START, "").replace(END, ""))).toThrow(/no <!-- methods/);
  });
});
