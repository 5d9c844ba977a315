// @ts-check
// Where the bundled spec comes from: @ssemble/spec's dist (the workspace dependency), or DOCS_SPEC_DIR —
// any directory holding openapi.json and openapi.yaml — to build against another bundle.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const require = createRequire(import.meta.url);

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ distDir: string; changelogPath: string | undefined; changesetDir: string | undefined }}
 */
export function locateSpec(env = process.env) {
  if (env.DOCS_SPEC_DIR) {
    const distDir = resolve(env.DOCS_SPEC_DIR);
    return {
      distDir,
      changelogPath: existingOrUndefined(join(distDir, "CHANGELOG.md")),
      changesetDir: undefined,
    };
  }
  const packageDir = dirname(require.resolve("@ssemble/spec/package.json"));
  return {
    distDir: join(packageDir, "dist"),
    changelogPath: existingOrUndefined(join(packageDir, "CHANGELOG.md")),
    // The workspace's pending changesets, beside the spec package at the repository root.
    changesetDir: existingOrUndefined(join(packageDir, "..", ".changeset")),
  };
}

/** @param {string} path */
function existingOrUndefined(path) {
  return existsSync(path) ? path : undefined;
}

/**
 * @param {string} distDir
 */
export function assertSpecBundle(distDir) {
  const missing = ["openapi.json", "openapi.yaml"].filter((f) => !existsSync(join(distDir, f)));
  if (missing.length > 0) {
    throw new Error(
      `the bundled spec is missing (${missing.join(", ")} in ${distDir}): ` +
        "run `pnpm --filter @ssemble/spec build` first, or point DOCS_SPEC_DIR at a bundle",
    );
  }
}
