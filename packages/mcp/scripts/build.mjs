// @ts-check
// Builds dist/: tsc emits the library (`import ... from "@ssemble/mcp-server"`) with its types; then esbuild
// bundles the bin, because loading the MCP SDK, zod and Ajv file by file is a third of `ssemble-mcp`'s start-up
// (README, Measured). The sandbox and the spec stay external: they load only when needed (`--sandbox`), and the
// spec is read as data. The licences of the bundled packages travel with the bundle.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { thirdPartyNotices } from "@ssemble/release/notices";
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
writeFileSync(
  join(root, "dist", "THIRD-PARTY-NOTICES.md"),
  thirdPartyNotices(result.metafile, root, "@ssemble/mcp-server's bin"),
);
