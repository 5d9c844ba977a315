// @ts-check
// Where the gate finds things in this repository; every CLI flag can point elsewhere.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const defaults = {
  current: "spec/dist/openapi.json",
  released: "spec/released/openapi.json",
  changesets: ".changeset",
};

/**
 * The package directories (relative to the root) that the `packages:` globs of pnpm-workspace.yaml name, in
 * their order: `dir` or `dir/*`, the only forms this workspace uses.
 * @param {string} [root]
 * @returns {string[]}
 */
export function workspaceDirs(root = repoRoot) {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const block = /^packages:\n((?:\s+-.*\n)+)/m.exec(yaml)?.[1] ?? "";
  return [...block.matchAll(/-\s*"?([^"\n]+?)"?\s*$/gm)].flatMap(([, glob = ""]) => {
    if (!glob.endsWith("/*")) return [glob];
    const parent = glob.slice(0, -2);
    if (!existsSync(join(root, parent))) return [];
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(root, parent, e.name, "package.json")))
      .map((e) => `${parent}/${e.name}`);
  });
}
