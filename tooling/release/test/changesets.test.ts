import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  parseChangeset,
  plannedBumps,
  readChangesetConfig,
  readChangesets,
} from "../src/changesets.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function changesetDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "spec-diff-changesets-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("parseChangeset", () => {
  it("reads the packages and bumps from the frontmatter, and the summary after it", () => {
    const cs = parseChangeset(
      "---\n\"@ssemble/client\": major\n'@ssemble/types': minor\n---\n\nRemove `legacy`.\n",
      "a.md",
    );
    expect(cs.releases).toEqual([
      { name: "@ssemble/client", type: "major" },
      { name: "@ssemble/types", type: "minor" },
    ]);
    expect(cs.summary).toBe("Remove `legacy`.");
  });

  it("accepts an empty changeset (no packages released)", () => {
    expect(parseChangeset("---\n---\n").releases).toEqual([]);
  });

  it("rejects a file without frontmatter and an unknown bump, naming the file", () => {
    expect(() => parseChangeset("just text", "x.md")).toThrow(/x\.md: no YAML frontmatter/);
    expect(() => parseChangeset('---\n"@ssemble/spec": huge\n---\n', "y.md")).toThrow(
      /y\.md: @ssemble\/spec has bump "huge"/,
    );
  });

  it("names the file when the frontmatter is not valid YAML", () => {
    expect(() => parseChangeset('---\n"@ssemble/spec": [major\n---\n', "z.md")).toThrow(
      /^z\.md: invalid YAML in frontmatter/,
    );
  });
});

describe("readChangesets", () => {
  it("reads every .md except README.md and ignores config.json", () => {
    const dir = changesetDir({
      "README.md": "# Changesets\n",
      "config.json": "{}",
      "brave-cats.md": '---\n"@ssemble/spec": major\n---\nBreak.\n',
      "calm-dogs.md": '---\n"@ssemble/client": patch\n---\nFix.\n',
    });
    const sets = readChangesets(dir);
    expect(sets.map((s) => s.file)).toEqual(["brave-cats.md", "calm-dogs.md"]);
  });

  it("returns nothing for a missing directory", () => {
    expect(readChangesets(join(tmpdir(), "does-not-exist-spec-diff"))).toEqual([]);
  });
});

describe("plannedBumps", () => {
  const cs = (releases: Record<string, "major" | "minor" | "patch">) => ({
    file: "x.md",
    summary: "",
    releases: Object.entries(releases).map(([name, type]) => ({ name, type })),
  });
  const trio = ["@ssemble/spec", "@ssemble/types", "@ssemble/client"];

  it("takes each package's highest bump across changesets", () => {
    const bumps = plannedBumps(
      [cs({ "@ssemble/client": "patch" }), cs({ "@ssemble/client": "minor" })],
      {},
    );
    expect(bumps.get("@ssemble/client")).toBe("minor");
    expect(bumps.get("@ssemble/types")).toBeUndefined();
  });

  it("gives every member of a fixed group the group's highest bump", () => {
    const bumps = plannedBumps([cs({ "@ssemble/spec": "major" })], { fixed: [trio] });
    expect(trio.map((p) => bumps.get(p))).toEqual(["major", "major", "major"]);
  });

  it("raises only the released members of a linked group", () => {
    const bumps = plannedBumps([cs({ "@ssemble/spec": "major", "@ssemble/client": "patch" })], {
      linked: [trio],
    });
    expect(trio.map((p) => bumps.get(p))).toEqual(["major", undefined, "major"]);
  });
});

describe("plannedBumps with the repository's .changeset/config.json", () => {
  const config = readChangesetConfig(
    fileURLToPath(new URL("../../../.changeset", import.meta.url)),
  );

  it("releases the whole contract trio together, as its fixed group says", () => {
    const bumps = plannedBumps(
      [{ file: "x.md", summary: "", releases: [{ name: "@ssemble/client", type: "major" }] }],
      config,
    );
    expect(["@ssemble/spec", "@ssemble/types", "@ssemble/client"].map((p) => bumps.get(p))).toEqual(
      ["major", "major", "major"],
    );
  });

  it("rejects a config that @changesets/config rejects", () => {
    expect(() => plannedBumps([], { ...config, fixed: "@ssemble/spec" as never })).toThrow(/fixed/);
  });
});
