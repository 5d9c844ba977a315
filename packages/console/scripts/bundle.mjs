// @ts-check
// Bundles the page (esbuild), after tsc wrote the declarations: dist/site/console.js (the page the sandbox serves: the app and Preact, minified),
// dist/site/app.js (the same app as a module exporting `mount`, for pages that bring their own target) and
// dist/site/console.css, beside index.html and the icon. Nothing is loaded from anywhere else at run time.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { thirdPartyNotices } from "@ssemble/release/notices";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const site = new URL("dist/site/", root);
rmSync(new URL("dist/", root), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
  { cwd: root, stdio: "inherit" },
);
mkdirSync(site, { recursive: true });

/** @type {import("esbuild").BuildOptions} */
const common = {
  absWorkingDir: root.pathname,
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: ["chrome120", "firefox120", "safari17"],
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "linked",
  logLevel: "warning",
  metafile: true,
};
// The Node entry (consoleFiles, CONSOLE_CSP): transpiled only; tsc wrote its declarations.
await build({
  absWorkingDir: root.pathname,
  entryPoints: ["src/index.ts"],
  outdir: "dist",
  format: "esm",
  platform: "node",
  target: "node20.19",
  logLevel: "warning",
});
const page = await build({
  ...common,
  entryPoints: { console: "src/standalone.ts" },
  outdir: "dist/site",
});
await build({ ...common, entryPoints: { console: "site/console.css" }, outdir: "dist/site" });
await build({ ...common, entryPoints: { app: "src/app.ts" }, outdir: "dist/site" });
// The page comes from the same function the docs use for theirs (the Node entry, just transpiled above).
const { consolePage } = await import(new URL("dist/index.js", root).href);
writeFileSync(new URL("index.html", site), consolePage());
copyFileSync(new URL("site/favicon.svg", root), new URL("favicon.svg", site));
// Preact, eventsource-parser and Ajv's runtime helpers are in the page: their licences travel with it.
writeFileSync(
  new URL("dist/THIRD-PARTY-NOTICES.md", root),
  thirdPartyNotices(page.metafile ?? noMetafile(), root.pathname, "@ssemble/console's page"),
);

/** @returns {never} */
function noMetafile() {
  throw new Error("esbuild wrote no metafile: the licences of the bundled code cannot be listed");
}
