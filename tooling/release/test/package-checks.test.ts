// The package checks must be able to fail: a deliberately broken package is packed and checked for real.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPackedPackage } from "../src/package-checks.mjs";

let dir = "";
let tarball = "";
const manifest = {
  name: "broken-types-fixture",
  version: "1.0.0",
  type: "module",
  // ESM code typed as CommonJS ("masquerading as CJS"), with `types` listed after `default`.
  exports: { ".": { default: "./index.js", types: "./index.d.cts" } },
  files: ["index.js", "index.d.cts"],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "spec-diff-broken-"));
  const pkg = join(dir, "pkg");
  mkdirSync(pkg);
  writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest));
  writeFileSync(join(pkg, "index.js"), "export const answer = 42;\n");
  writeFileSync(join(pkg, "index.d.cts"), "export declare const answer: number;\n");
  execFileSync("pnpm", ["pack", "--pack-destination", dir], { cwd: pkg, stdio: "ignore" });
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith(".tgz")) ?? "");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checkPackedPackage on a broken package", () => {
  it("reports publint, attw and manifest problems", async () => {
    const problems = await checkPackedPackage(tarball, {
      manifest,
      files: ["package.json", "index.js", "index.d.cts"],
      directory: "packages/broken",
    });
    const text = problems.join("\n");
    expect(text).toMatch(/^publint (error|warning):/m);
    expect(text).toMatch(/^attw --profile esm-only:/m);
    expect(text).toContain("Masquerading as CJS");
    for (const field of [
      "license",
      "repository",
      "engines",
      "README",
      "publishConfig",
      "types",
      "sideEffects",
    ]) {
      expect(text).toContain(`manifest ${field}:`);
    }
  }, 60_000);
});
