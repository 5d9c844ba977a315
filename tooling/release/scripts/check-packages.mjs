#!/usr/bin/env node
import { rmSync } from "node:fs";
// @ts-check
// Packs each published package with pnpm and checks the tarball (publint --strict, @arethetypeswrong/cli, manifest
// fields). Prints every problem with its fix and exits 1 if there is any.
import { relative } from "node:path";
import { checkPackedPackage } from "../src/package-checks.mjs";
import { repoRoot } from "../src/paths.mjs";
import { PUBLISHED, packAll, packedFiles, packedManifest } from "./packages.mjs";

const { dir, tarballs } = packAll("ssemble-check-packages-");
let failures = 0;
try {
  for (const pkg of PUBLISHED) {
    const tarball = /** @type {string} */ (tarballs.get(pkg.name));
    const manifest = packedManifest(tarball);
    const problems = await checkPackedPackage(tarball, {
      manifest,
      files: packedFiles(tarball),
      directory: relative(repoRoot, pkg.dir),
    });
    console.log(`${problems.length ? "FAIL" : "ok  "} ${pkg.name}@${manifest.version}`);
    for (const p of problems) console.log(`    - ${p.replaceAll("\n", "\n      ")}`);
    failures += problems.length;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  failures
    ? `\n${failures} problem(s) in the published packages.`
    : "\nEvery published package is clean.",
);
process.exitCode = failures ? 1 : 0;
