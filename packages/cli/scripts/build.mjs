// @ts-check
// Builds dist/ with esbuild: the bin and each command as ES module chunks. commander and picocolors are bundled,
// because loading commander's CommonJS files one by one is most of `ssemble --help`'s start-up (see README,
// Measured); everything heavy (the client, the sandbox, Ajv and the spec, tables, progress bars) stays an
// external dependency and loads only when a command needs it. Type-checking is `tsc --noEmit` (typecheck).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { thirdPartyNotices } from "@ssemble/release/notices";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

rmSync(join(root, "dist"), { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/bin.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
  external: Object.keys(manifest.dependencies ?? {}),
  // commander is CommonJS and requires node: built-ins; an ES module bundle needs a real `require` for them.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
});

// The bundled packages' licences (commander's and picocolors', every devDependency the bin pulls in) travel
// with their code.
writeFileSync(
  join(root, "dist", "THIRD-PARTY-NOTICES.md"),
  thirdPartyNotices(result.metafile, root, "@ssemble/cli"),
);
