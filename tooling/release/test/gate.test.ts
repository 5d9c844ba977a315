import { describe, expect, it } from "vitest";
import type { Changeset, ChangesetConfig } from "../src/changesets.mjs";
import { CONTRACT_PACKAGES, formatReport, runGate } from "../src/gate.mjs";
import { loadPair } from "./fixtures.js";

const major = (...names: string[]): Changeset => ({
  file: "major.md",
  summary: "",
  releases: names.map((name) => ({ name, type: "major" as const })),
});
const minor = (...names: string[]): Changeset => ({
  file: "minor.md",
  summary: "",
  releases: names.map((name) => ({ name, type: "minor" as const })),
});
const fixed: ChangesetConfig = { fixed: [CONTRACT_PACKAGES] };
const labels = {
  currentLabel: "spec/dist/openapi.json",
  releasedLabel: "spec/released/openapi.json",
};

describe("the breaking-change gate", () => {
  const breakingPair = loadPair("response-enum-value-added");
  const compatiblePair = loadPair("response-property-added");
  const gate = (
    pair: { before: unknown; after: unknown },
    changesets: Changeset[],
    config: ChangesetConfig = fixed,
  ) => runGate({ released: pair.before, current: pair.after, changesets, config });

  it("fails a breaking change with no changeset at all", () => {
    const result = gate(breakingPair, []);
    expect(result.ok).toBe(false);
    expect(result.needMajor).toEqual(CONTRACT_PACKAGES);
    expect(result.breaking.length).toBeGreaterThan(0);
  });

  it("fails a breaking change released as a minor", () => {
    const result = gate(breakingPair, [minor(...CONTRACT_PACKAGES)]);
    expect(result.ok).toBe(false);
    expect(result.bumps["@ssemble/client"]).toBe("minor");
  });

  it("passes a breaking change with a major changeset for one package of the fixed group", () => {
    const result = gate(breakingPair, [major("@ssemble/types")]);
    expect(result.ok).toBe(true);
    expect(Object.values(result.bumps)).toEqual(["major", "major", "major"]);
  });

  it("without a fixed group, requires a major for each contract package and names the missing ones", () => {
    const result = gate(breakingPair, [major("@ssemble/spec")], {});
    expect(result.ok).toBe(false);
    expect(result.needMajor).toEqual(["@ssemble/types", "@ssemble/client"]);
  });

  it("passes a non-breaking change without any changeset", () => {
    const result = gate(compatiblePair, []);
    expect(result.ok).toBe(true);
    expect(result.breaking).toEqual([]);
    expect(result.nonBreaking.length).toBe(1);
  });

  it("reports each breaking change with its rule and JSON pointer, and what to do", () => {
    const report = formatReport(gate(breakingPair, []), labels);
    expect(report).toContain("Breaking-change gate: FAILED");
    expect(report).toContain("[response-enum-value-added]");
    expect(report).toContain(
      "at /paths/~1shorts~1{id}~1status/get/responses/200/content/application~1json/schema/properties/data/properties/status/enum/5",
    );
    expect(report).toContain("@ssemble/spec, @ssemble/types, @ssemble/client");
    expect(report).toContain("pnpm changeset");
  });

  it("says passed and lists nothing breaking when the gate passes", () => {
    const report = formatReport(gate(compatiblePair, []), labels);
    expect(report).toContain("Breaking-change gate: passed");
    expect(report).not.toContain("Breaking changes:");
  });

  it("summarises non-breaking changes by rule, and lists them only when verbose", () => {
    const result = gate(compatiblePair, []);
    expect(formatReport(result, labels)).toContain("Non-breaking changes: 1 (property-added 1)");
    expect(formatReport(result, labels)).not.toContain("properties/eta");
    expect(formatReport(result, { ...labels, verbose: true })).toContain(
      "[property-added] /paths/~1shorts~1{id}~1status/get/responses/200/content/application~1json/schema/properties/data/properties/eta",
    );
  });
});
