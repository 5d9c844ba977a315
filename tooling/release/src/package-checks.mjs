// @ts-check
// Checks one packed tarball the way users will receive it: publint --strict, @arethetypeswrong/cli, and the
// manifest fields every published package must have. Returns readable problems, empty when clean.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { checkManifest } from "./manifest-rules.mjs";

const require = createRequire(import.meta.url);

/**
 * @param {string} tarball
 * @param {{ manifest: Record<string, any>, files: string[], directory: string }} packed
 * @returns {Promise<string[]>}
 */
export async function checkPackedPackage(tarball, { manifest, files, directory }) {
  return [
    ...checkManifest(manifest, files, directory).map(
      (p) => `manifest ${p.field}: ${p.problem}\n  fix: ${p.fix}`,
    ),
    ...(await runPublint(tarball)),
    ...runAttw(tarball, manifest),
  ];
}

/** @param {string} tarball @returns {Promise<string[]>} */
export async function runPublint(tarball) {
  const buffer = readFileSync(tarball);
  const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes },
    strict: true,
    level: "suggestion",
  });
  return messages.map(
    (m) => `publint ${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`,
  );
}

/**
 * @param {string} tarball
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function runAttw(tarball, manifest) {
  // A data-only package (the spec's YAML and JSON) has no TypeScript entry for attw to resolve.
  if (!hasTypedEntry(manifest)) return [];
  // ESM-only packages are fine for Node 20.19+, which can require() them: attw's esm-only profile skips CJS.
  const profile = JSON.stringify(manifest.exports ?? {}).includes('"require"')
    ? "strict"
    : "esm-only";
  const bin = attwBin();
  try {
    execFileSync(
      process.execPath,
      [bin, tarball, "--profile", profile, "--format", "ascii", "--no-color", "--no-emoji"],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    return [];
  } catch (error) {
    const out = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    return [`attw --profile ${profile}:\n${`${out.stdout ?? ""}${out.stderr ?? ""}`.trim()}`];
  }
}

function attwBin() {
  const pkgJson = require.resolve("@arethetypeswrong/cli/package.json");
  const { bin } = JSON.parse(readFileSync(pkgJson, "utf8"));
  return join(dirname(pkgJson), typeof bin === "string" ? bin : bin.attw);
}

/** @param {Record<string, any>} manifest */
function hasTypedEntry(manifest) {
  return (
    typeof manifest.types === "string" || JSON.stringify(manifest.exports ?? {}).includes('"types"')
  );
}
