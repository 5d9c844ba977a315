// @ts-check
// The console in the docs: its page (console.html, under the console's own CSP), its script (the console with a
// sandbox living in the page, bundled by esbuild from site/console-page.js) and style, and a link from every
// operation of the reference to its form, its first example filled in.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { consoleCsp, consoleFiles, consolePage } from "@ssemble/console";
import { listOperations } from "@ssemble/openapi-model";
import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import { buildSync } from "esbuild";

export const CONSOLE_PAGE = "console.html";

// The docs' console may call the sandbox and mock on this machine, and its in-page sandbox delivers webhooks to
// receivers there. A <meta> policy cannot carry frame-ancestors (Chromium reports the attempt as an error).
const META_CSP = consoleCsp(["http://127.0.0.1:*", "http://localhost:*"])
  .split("; ")
  .filter((directive) => !directive.startsWith("frame-ancestors"))
  .join("; ");

/**
 * Writes console.html, assets/console.js and assets/console.css into `outDir`.
 * @param {{ outDir: string; siteDir: string; title: string }} options
 */
export function writeConsole({ outDir, siteDir, title }) {
  buildSync({
    entryPoints: [join(siteDir, "console-page.js")],
    outfile: join(outDir, "assets", "console.js"),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: ["chrome120", "firefox120", "safari17"],
    legalComments: "linked",
    logLevel: "warning",
  });
  const css = consoleFiles().find((f) => f.name === "console.css");
  if (!css) throw new Error("@ssemble/console has no console.css: build it first");
  writeFileSync(join(outDir, "assets", "console.css"), css.body);
  writeFileSync(
    join(outDir, CONSOLE_PAGE),
    consolePage({ title: `${title} console`, assets: "assets/", csp: META_CSP }),
  );
}

/**
 * The console URL of an operation's form, its first body example filled in.
 * @param {import("@ssemble/openapi-model").OperationModel} op
 */
export function consoleLink(op) {
  const example = op.requestBody?.examples[0]?.name;
  return `${CONSOLE_PAGE}#/operations/${op.operationId}${example ? `?example=${encodeURIComponent(example)}` : ""}`;
}

/**
 * A copy of the docs spec whose every operation the console has a form for (every operation of the registry,
 * which the console's forms are generated from) ends its description with a link to that form.
 * @template {import("@ssemble/openapi-model").OpenApiDocument} T
 * @param {T} spec
 * @returns {T}
 */
export function injectConsoleLinks(spec) {
  const copy = structuredClone(spec);
  for (const op of listOperations(copy)) {
    if (!Object.hasOwn(OPERATION_REGISTRY, op.operationId)) continue;
    const link = `[Try it in the console](${consoleLink(op)}): a sandbox in your browser runs it, no key needed.`;
    op.operation.description = `${op.operation.description ?? ""}\n\n${link}`.trim();
  }
  return copy;
}
