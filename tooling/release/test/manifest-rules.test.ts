import { describe, expect, it } from "vitest";
import { allowsFloor, checkManifest } from "../src/manifest-rules.mjs";

const good = {
  name: "@ssemble/client",
  version: "1.0.0",
  license: "MIT",
  type: "module",
  repository: {
    type: "git",
    url: "git+https://example.invalid/repo.git",
    directory: "packages/client",
  },
  engines: { node: ">=20.19.0" },
  files: ["dist", "README.md"],
  sideEffects: false,
  types: "./dist/index.d.ts",
  exports: {
    ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
    "./package.json": "./package.json",
  },
  publishConfig: { access: "public" },
  dependencies: { "@ssemble/types": "1.0.0", "openapi-fetch": "0.17.0" },
};
const files = ["package.json", "README.md", "dist/index.js", "dist/index.d.ts"];

describe("checkManifest", () => {
  it("accepts a complete manifest", () => {
    expect(checkManifest(good, files, "packages/client")).toEqual([]);
  });

  it("names each missing field with a fix", () => {
    const { license, repository, engines, sideEffects, publishConfig, types, ...bare } = good;
    const fields = checkManifest(bare, files, "packages/client").map((p) => p.field);
    expect(fields).toEqual([
      "license",
      "repository",
      "engines",
      "publishConfig",
      "types",
      "sideEffects",
    ]);
    for (const p of checkManifest(bare, files, "packages/client")) expect(p.fix).toMatch(/\S/);
  });

  it("flags a workspace: range left in the tarball, a missing README and types after default", () => {
    const manifest = {
      ...good,
      dependencies: { "@ssemble/types": "workspace:*" },
      exports: {
        ".": { default: "./dist/index.js", types: "./dist/index.d.ts" },
        "./package.json": "./package.json",
      },
    };
    const problems = checkManifest(manifest, ["package.json", "dist/index.js"], "packages/client");
    expect(problems.map((p) => p.field)).toEqual(["README", "exports", "dependencies"]);
  });

  it("does not ask a data-only package for types or sideEffects", () => {
    const { types, sideEffects, ...spec } = good;
    const manifest = {
      ...spec,
      repository: { ...good.repository, directory: "spec" },
      exports: { "./openapi.json": "./dist/openapi.json", "./package.json": "./package.json" },
    };
    expect(
      checkManifest(manifest, ["package.json", "README.md", "dist/openapi.json"], "spec"),
    ).toEqual([]);
  });

  it("does not ask a command-line package for types or sideEffects, unless it also exports code", () => {
    const { types, sideEffects, ...rest } = good;
    const cli = {
      ...rest,
      name: "@ssemble/cli",
      repository: { ...good.repository, directory: "packages/cli" },
      bin: { ssemble: "./dist/bin.js" },
      exports: { "./package.json": "./package.json" },
    };
    const shipped = ["package.json", "README.md", "dist/bin.js", "dist/chunk-1.js"];
    expect(checkManifest(cli, shipped, "packages/cli")).toEqual([]);
    const withLibrary = { ...cli, exports: { ...cli.exports, ".": "./dist/index.js" } };
    expect(checkManifest(withLibrary, shipped, "packages/cli").map((p) => p.field)).toEqual([
      "types",
      "sideEffects",
    ]);
  });
});

describe("allowsFloor", () => {
  it.each([
    [">=20.19.0", true],
    [">=18", true],
    [">=20.19", true],
    [">=22.0.0", false],
    [">=20.20.0", false],
    ["^20.19.0 || >=22", true],
  ])("%s -> %s", (range, ok) => {
    expect(allowsFloor(range)).toBe(ok);
  });
});
