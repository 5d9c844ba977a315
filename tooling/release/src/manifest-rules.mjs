// @ts-check
// What every published package.json must declare (issue 6), checked on the manifest inside the packed tarball.

/** @typedef {{ field: string, problem: string, fix: string }} ManifestProblem */

// The URL @ssemble/types already declares (no git remote is configured in this checkout).
const REPOSITORY_URL = "git+https://github.com/ssemble-sdk/ssemble-sdk.git";
// The oldest Node the project supports; a package may allow older, never require newer.
const NODE_FLOOR = [20, 19, 0];

/**
 * @param {Record<string, any>} manifest the packed package.json
 * @param {string[]} files the tarball's file list, relative to the package root
 * @param {string} directory the package's directory relative to the repository root, e.g. `packages/client`
 * @returns {ManifestProblem[]}
 */
export function checkManifest(manifest, files, directory) {
  /** @type {ManifestProblem[]} */
  const problems = [];
  const add = (
    /** @type {string} */ field,
    /** @type {string} */ problem,
    /** @type {string} */ fix,
  ) => problems.push({ field, problem, fix });

  if (manifest.private === true)
    add("private", "the package is private", 'remove `"private": true`');
  if (typeof manifest.license !== "string" || !manifest.license)
    add("license", "no license", '"license": "MIT"');
  const repo = manifest.repository;
  if (!repo || typeof repo !== "object" || !repo.url || repo.directory !== directory) {
    add(
      "repository",
      repo ? `repository must be an object with url and directory "${directory}"` : "no repository",
      JSON.stringify({ repository: { type: "git", url: REPOSITORY_URL, directory } }).slice(1, -1),
    );
  }
  const node = manifest.engines?.node;
  if (typeof node !== "string")
    add("engines", "no engines.node", '"engines": { "node": ">=20.19.0" }');
  else if (!allowsFloor(node))
    add(
      "engines",
      `engines.node "${node}" excludes Node ${NODE_FLOOR.join(".")}`,
      '"engines": { "node": ">=20.19.0" }',
    );
  if (!Array.isArray(manifest.files) || manifest.files.length === 0)
    add(
      "files",
      "no files allow-list: everything in the directory would ship",
      '"files": ["dist", "README.md"]',
    );
  if (!files.some((f) => /^readme(\.md)?$/i.test(f)))
    add("README", "no README in the tarball", "add README.md");
  if (manifest.publishConfig?.access !== "public")
    add(
      "publishConfig",
      "scoped packages publish as restricted by default",
      '"publishConfig": { "access": "public" }',
    );

  const exports = manifest.exports;
  if (!exports || typeof exports !== "object") {
    add(
      "exports",
      "no exports map",
      '"exports": { ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" } }',
    );
  } else if (!("./package.json" in exports)) {
    add(
      "exports",
      'tools cannot read "./package.json"',
      '"./package.json": "./package.json" in "exports"',
    );
  }
  if (shipsCode(manifest, files)) {
    if (typeof manifest.types !== "string")
      add(
        "types",
        "no top-level types (TypeScript with moduleResolution node10 finds nothing)",
        '"types": "./dist/index.d.ts"',
      );
    if (manifest.sideEffects !== false)
      add("sideEffects", "bundlers cannot tree-shake it", '"sideEffects": false');
    for (const path of typesNotFirst(exports)) {
      add(
        "exports",
        `"types" is not the first condition at ${path}`,
        `move "types" first in ${path}`,
      );
    }
  }
  for (const section of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(manifest[section] ?? {})) {
      if (String(range).startsWith("workspace:"))
        add(
          section,
          `${dep} is "${range}" in the tarball`,
          "pack with pnpm, which rewrites workspace: ranges",
        );
    }
  }
  return problems;
}

/**
 * Whether the package offers code to import (so it needs types and sideEffects). A command-line package whose
 * exports hold only `./package.json` ships JavaScript for its `bin`, not for importers.
 * @param {Record<string, any>} manifest @param {string[]} files
 */
function shipsCode(manifest, files) {
  const exports = manifest.exports;
  const binOnly =
    manifest.bin !== undefined &&
    manifest.main === undefined &&
    exports !== null &&
    typeof exports === "object" &&
    Object.keys(exports).every((k) => k === "./package.json");
  if (binOnly) return false;
  return typeof manifest.main === "string" || files.some((f) => /\.(c|m)?js$/.test(f));
}

/**
 * @param {unknown} node
 * @param {string} path
 * @returns {string[]} the exports paths whose conditions list `types` after another condition
 */
function typesNotFirst(node, path = "exports") {
  if (!node || typeof node !== "object" || Array.isArray(node)) return [];
  const keys = Object.keys(node);
  const bad = keys.includes("types") && keys[0] !== "types" ? [path] : [];
  return [
    ...bad,
    ...keys.flatMap((k) =>
      typesNotFirst(/** @type {Record<string, unknown>} */ (node)[k], `${path}["${k}"]`),
    ),
  ];
}

/**
 * True when the range's lower bound is at or below the floor (ranges without a plain `>=` bound are trusted).
 * @param {string} range
 */
export function allowsFloor(range) {
  return range.split("||").some((part) => {
    const m = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part);
    if (!m) return !/^\s*>/.test(part) && !/^\s*\^?2[1-9]/.test(part);
    const v = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
    for (let i = 0; i < 3; i++) {
      if ((v[i] ?? 0) !== (NODE_FLOOR[i] ?? 0)) return (v[i] ?? 0) < (NODE_FLOOR[i] ?? 0);
    }
    return true;
  });
}
