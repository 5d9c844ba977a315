// @ts-check
// Builds dist/: tsc emits the library (`import ... from "@ssemble/mcp-server"`) with its types; then esbuild
// bundles the bin, because loading the MCP SDK, zod and Ajv file by file is a third of `ssemble-mcp`'s start-up
// (README, Measured). The sandbox and the spec stay external: they load only when needed (`--sandbox`), and the
// spec is read as data. The licences of the bundled packages travel with the bundle.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
rmSync(join(root, "dist"), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
  {
    cwd: root,
    stdio: "inherit",
  },
);

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/bin.ts"],
  outdir: "dist",
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: "bin-[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20.19",
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
  external: ["@ssemble/sandbox", "@ssemble/spec"],
  // Some bundled packages are CommonJS and require node: built-ins; an ES module bundle needs a real `require`.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
});

// Every package whose code is in the bundle, with its licence text.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(
    input.replace(/.*node_modules\/\.pnpm\/[^/]+\//, ""),
  );
  if (!match) continue;
  const name = match[1];
  if (!name || packages.has(name) || name.startsWith("@ssemble/")) continue;
  let dir = dirname(join(root, input));
  while (!existsSync(join(dir, "package.json")) || !dir.endsWith(name)) dir = dirname(dir);
  packages.set(name, dir);
}
const notices = [...packages]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, dir]) => {
    const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const file = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE"].find((f) =>
      existsSync(join(dir, f)),
    );
    if (!file) throw new Error(`${name} is bundled but has no licence file`);
    return `## ${name} ${version} (${license})\n\n${readFileSync(join(dir, file), "utf8").trim()}\n`;
  });
writeFileSync(
  join(root, "dist", "THIRD-PARTY-NOTICES.md"),
  `# Third-party code bundled in @ssemble/mcp-server's bin\n\n${notices.join("\n")}`,
);
