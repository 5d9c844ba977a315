// @ts-check
// Builds dist/ with esbuild: the bin and each command as ES module chunks. commander and picocolors are bundled,
// because loading commander's CommonJS files one by one is most of `ssemble --help`'s start-up (see README,
// Measured); everything heavy (the client, the sandbox, Ajv and the spec, tables, progress bars) stays an
// external dependency and loads only when a command needs it. Type-checking is `tsc --noEmit` (typecheck).
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
/** Bundled into dist: the packages the start-up path needs. They are devDependencies for that reason. */
const BUNDLED = ["commander", "picocolors"];

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

// The bundled packages' licences travel with their code (commander does not export its package.json, so the
// directory is found through its main file).
const require = createRequire(join(root, "package.json"));
const packageDir = (/** @type {string} */ name) => {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
};
const notices = BUNDLED.map((name) => {
  const dir = packageDir(name);
  const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const text = readFileSync(join(dir, "LICENSE"), "utf8").trim();
  return `## ${name} ${version} (${license})\n\n${text}\n`;
});
const inputs = Object.keys(result.metafile.inputs);
for (const name of BUNDLED) {
  if (!inputs.some((f) => f.includes(`/node_modules/${name}/`))) {
    throw new Error(`${name} is listed as bundled but is not in the bundle`);
  }
}
writeFileSync(
  join(root, "dist", "THIRD-PARTY-NOTICES.md"),
  `# Third-party code bundled in @ssemble/cli\n\n${notices.join("\n")}`,
);
