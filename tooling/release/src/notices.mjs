// @ts-check
// The licences of third-party code an esbuild bundle contains, for the published packages that bundle it (the MCP
// server's bin, the console's page): MIT and its kin ask that the notice travel with the code.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const LICENCE_FILES = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE"];

/**
 * THIRD-PARTY-NOTICES.md for every package whose code is in the bundle (read from esbuild's metafile, whose input
 * paths are relative to `root`), workspace packages excepted. Throws for a bundled package with no licence file.
 * @param {{ inputs: Record<string, unknown> }} metafile
 * @param {string} root the absWorkingDir of the build
 * @param {string} title what the bundle is ("@ssemble/mcp-server's bin")
 */
export function thirdPartyNotices(metafile, root, title) {
  /** @type {Map<string, string>} */
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(
      input.replace(/.*node_modules\/\.pnpm\/[^/]+\//, ""),
    );
    const name = match?.[1];
    if (!name || packages.has(name) || name.startsWith("@ssemble/")) continue;
    let dir = dirname(join(root, input));
    while (!existsSync(join(dir, "package.json")) || !dir.endsWith(name)) dir = dirname(dir);
    packages.set(name, dir);
  }
  const notices = [...packages]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, dir]) => {
      const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      const file = LICENCE_FILES.find((f) => existsSync(join(dir, f)));
      if (!file) throw new Error(`${name} is bundled but has no licence file`);
      return `## ${name} ${version} (${license})\n\n${readFileSync(join(dir, file), "utf8").trim()}\n`;
    });
  return `# Third-party code bundled in ${title}\n\n${notices.join("\n")}`;
}
