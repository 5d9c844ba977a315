// The root README's Layout block is the map a newcomer reads first: it must list every package and folder.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, trackedFiles, workspacePackages } from "./workspace.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const block = /## Layout\n[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
/** Each line's first column, without a trailing slash: `spec`, `spec/dist`, `tooling/prism`, ... */
const entries = block
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => {
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    return { indent, path: line.trim().split(/\s+/)[0]?.replace(/\/$/, "") ?? "", line };
  });
/** Indented entries sit under the last unindented one (`  dist/` under `spec/`). */
let parent = "";
const listed = entries.map((entry) => {
  if (entry.indent === 0) {
    parent = entry.path;
    return entry;
  }
  return { ...entry, path: `${parent}/${entry.path}` };
});

describe("README layout", () => {
  it("has a Layout block", () => {
    expect(listed.length).toBeGreaterThan(5);
  });

  it("lists every workspace package, with its package name", () => {
    const packages = workspacePackages();
    expect(packages.length).toBeGreaterThan(10);
    for (const { dir, manifest } of packages) {
      const entry = listed.find((e) => e.path === dir);
      expect(entry, `${dir} is missing from the README's Layout`).toBeDefined();
      expect(entry?.line, `${dir}'s Layout line names another package`).toContain(manifest.name);
    }
  });

  it("lists every top-level folder that git tracks", () => {
    const folders = new Set(
      trackedFiles()
        .filter((file) => file.includes("/"))
        .map((file) => file.split("/")[0] as string),
    );
    expect(folders.size).toBeGreaterThan(5);
    for (const folder of folders) {
      const covered = listed.some((e) => e.path === folder || e.path.startsWith(`${folder}/`));
      expect(covered, `${folder}/ is missing from the README's Layout`).toBe(true);
    }
  });

  it("names nothing that does not exist (dist/ is built, so it is allowed to be absent)", () => {
    for (const { path } of listed) {
      if (path.endsWith("/dist")) continue;
      expect(existsSync(join(ROOT, path)), `the Layout names ${path}, which does not exist`).toBe(
        true,
      );
    }
  });
});
