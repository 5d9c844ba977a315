// @ts-check
// Builds the static site: landing page, Redoc reference (with guides, code samples and console links injected
// into a copy of the spec), the console, verbatim spec downloads, and the assets they need — nothing loaded from
// elsewhere.
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listOperations, listWebhooks } from "@ssemble/openapi-model";
import { unreleasedMarkdown } from "./changelog.mjs";
import { injectCodeSamples } from "./code-samples.mjs";
import { CONSOLE_PAGE, injectConsoleLinks, writeConsole } from "./console-page.mjs";
import { injectGuides, loadGuides } from "./guides.mjs";
import { landingPage, referencePage } from "./html.mjs";
import { llmsFullTxt, llmsTxt, markdownPages } from "./markdown-export.mjs";
import { readMockRecipes } from "./mock-recipes.mjs";
import { readPatchedRedocBundle, redocVersion } from "./redoc-bundle.mjs";
import { assertSpecBundle } from "./spec-location.mjs";

export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Files of the site whose names the tests and the landing page rely on. */
export const SITE_FILES = {
  landing: "index.html",
  reference: "reference.html",
  specYaml: "openapi.yaml",
  specJson: "openapi.json",
  docsSpec: "openapi.docs.json",
  llms: "llms.txt",
  llmsFull: "llms-full.txt",
  console: CONSOLE_PAGE,
};

/** Folders of Markdown pages for agents (llms.txt links into them). */
export const MARKDOWN_DIRS = ["guides", "reference"];

/**
 * The in-page anchor Redoc gives an operation or webhook: `operation/<operationId>` when there is an id.
 * @param {import("@ssemble/openapi-model").OperationModel} ref
 */
export function redocAnchor(ref) {
  return typeof ref.operation.operationId === "string"
    ? `operation/${ref.operation.operationId}`
    : `tag/${ref.operation.tags?.[0] ?? ""}`;
}

/**
 * @param {{
 *   specDir: string;
 *   outDir: string;
 *   changelogPath?: string | undefined;
 *   changesetDir?: string | undefined;
 *   samplesDir?: string;
 *   guidesDir?: string;
 *   siteDir?: string;
 * }} options
 */
export function buildSite({
  specDir,
  outDir,
  changelogPath,
  changesetDir,
  samplesDir = join(APP_DIR, "samples"),
  guidesDir = join(APP_DIR, "guides"),
  siteDir = join(APP_DIR, "site"),
}) {
  assertSpecBundle(specDir);
  const yamlBytes = readFileSync(join(specDir, "openapi.yaml"));
  const jsonBytes = readFileSync(join(specDir, "openapi.json"));
  /** @type {import("@ssemble/openapi-model").OpenApiDocument} */
  const spec = JSON.parse(jsonBytes.toString("utf8"));

  const changelog = changelogPath ? readFileSync(changelogPath, "utf8") : undefined;
  const unreleased = unreleasedMarkdown(changesetDir);
  const guides = loadGuides(guidesDir, {
    spec,
    samplesDir,
    changelog,
    unreleased,
    mockRecipes: readMockRecipes(),
  });
  const docsSpec = injectConsoleLinks(injectCodeSamples(injectGuides(spec, guides), samplesDir));
  const operations = listOperations(spec);
  const webhooks = listWebhooks(spec);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "assets"), { recursive: true });

  // Downloads are the bundle byte for byte: the docs copy with samples and guides stays internal.
  writeFileSync(join(outDir, SITE_FILES.specYaml), yamlBytes);
  writeFileSync(join(outDir, SITE_FILES.specJson), jsonBytes);
  writeFileSync(join(outDir, SITE_FILES.docsSpec), `${JSON.stringify(docsSpec, null, 2)}\n`);

  // The same content as Markdown, for AI agents and tools that read llms.txt.
  const pages = markdownPages(spec, guides, samplesDir);
  for (const dir of MARKDOWN_DIRS) mkdirSync(join(outDir, dir), { recursive: true });
  for (const page of pages) writeFileSync(join(outDir, page.path), page.markdown);
  writeFileSync(join(outDir, SITE_FILES.llms), llmsTxt(spec, pages));
  writeFileSync(join(outDir, SITE_FILES.llmsFull), llmsFullTxt(spec, pages));

  writeFileSync(join(outDir, "assets", "redoc.standalone.js"), readPatchedRedocBundle());
  for (const file of ["reference.js", "reference.css", "site.css", "redoc-mark.svg"]) {
    copyFileSync(join(siteDir, file), join(outDir, "assets", file));
  }
  copyFileSync(join(siteDir, "favicon.svg"), join(outDir, "favicon.svg"));

  const title = String(spec.info?.title ?? "API");
  writeConsole({ outDir, siteDir, title });
  writeFileSync(join(outDir, SITE_FILES.reference), referencePage({ title, spec: docsSpec }));
  writeFileSync(
    join(outDir, SITE_FILES.landing),
    landingPage({
      spec,
      guides,
      operations: operations.map((ref) => ({
        method: ref.method,
        path: ref.path,
        summary: String(ref.operation.summary ?? ref.key),
        anchor: redocAnchor(ref),
      })),
      webhooks: webhooks.map((ref) => ({
        name: ref.key,
        summary: String(ref.operation.summary ?? ref.key),
        anchor: redocAnchor(ref),
      })),
      downloads: [SITE_FILES.specYaml, SITE_FILES.specJson].map((file) => ({
        file,
        bytes: statSync(join(outDir, file)).size,
      })),
      redocVersion: redocVersion(),
    }),
  );

  return {
    outDir,
    operations: operations.length,
    webhooks: webhooks.length,
    guides: guides.map((g) => g.title),
  };
}
