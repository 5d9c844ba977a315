// @ts-check
// The published packages and how to pack them the way the registry will see them.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../src/paths.mjs";

/** @typedef {{ name: string, dir: string }} PublishedPackage */

/** @type {PublishedPackage[]} in dependency order */
export const PUBLISHED = [
  { name: "@ssemble/spec", dir: join(repoRoot, "spec") },
  { name: "@ssemble/types", dir: join(repoRoot, "packages/types") },
  { name: "@ssemble/client", dir: join(repoRoot, "packages/client") },
  { name: "@ssemble/console", dir: join(repoRoot, "packages/console") },
  { name: "@ssemble/sandbox", dir: join(repoRoot, "packages/sandbox") },
  { name: "@ssemble/cli", dir: join(repoRoot, "packages/cli") },
  { name: "@ssemble/mcp-server", dir: join(repoRoot, "packages/mcp") },
];

/**
 * `pnpm pack` rewrites `workspace:*` to real versions, so the tarball is exactly what `changeset publish` uploads.
 * @param {PublishedPackage} pkg
 * @param {string} dest
 * @returns {string} the tarball's path
 */
export function pack(pkg, dest) {
  mkdirSync(dest, { recursive: true });
  const before = new Set(readdirSync(dest));
  execFileSync("pnpm", ["pack", "--pack-destination", dest], {
    cwd: pkg.dir,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const made = readdirSync(dest).filter((f) => f.endsWith(".tgz") && !before.has(f));
  if (made.length !== 1)
    throw new Error(`pnpm pack of ${pkg.name} produced ${made.length} tarballs in ${dest}`);
  return join(dest, /** @type {string} */ (made[0]));
}

/**
 * Packs every published package into a fresh directory under the OS temp dir.
 * @param {string} [prefix]
 * @returns {{ dir: string, tarballs: Map<string, string> }}
 */
export function packAll(prefix = "ssemble-pack-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const tarballs = new Map(PUBLISHED.map((pkg) => [pkg.name, pack(pkg, dir)]));
  return { dir, tarballs };
}

/**
 * The package.json inside a tarball, as published.
 * @param {string} tarball
 * @returns {Record<string, unknown>}
 */
export function packedManifest(tarball) {
  return JSON.parse(
    execFileSync("tar", ["-xOzf", tarball, "package/package.json"], { encoding: "utf8" }),
  );
}

/**
 * The file names inside a tarball, relative to the package root.
 * @param {string} tarball
 * @returns {string[]}
 */
export function packedFiles(tarball) {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
}

/** @param {string} file */
export function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}
