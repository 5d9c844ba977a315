// @ts-check
// The guides are Markdown files in guides/, injected into info.description of the docs copy of the spec,
// where Redoc turns every `#` heading into a navigation section. Placeholders pull facts from the spec
// and compiled TypeScript from samples/guides/, so the prose cannot drift from what is tested.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { listOperations, resolve } from "@ssemble/openapi-model";
import { presentTypeScript } from "./code-samples.mjs";

/**
 * @typedef {{ file: string; title: string; anchor: string; markdown: string }} Guide
 * @typedef {{
 *   spec: import("@ssemble/openapi-model").OpenApiDocument;
 *   samplesDir: string;
 *   changelog?: string | undefined;
 *   unreleased?: string | undefined;
 *   mockRecipes?: string | undefined;
 * }} GuideContext
 */

/**
 * Redoc's section anchor for a top-level Markdown heading (`#section/<slug>`), as its bundled slugify
 * computes it for plain titles (letters, digits, spaces, hyphens): spaces become hyphens, case is kept.
 * @param {string} title
 */
export function sectionAnchor(title) {
  if (!/^[A-Za-z0-9 -]+$/.test(title)) {
    throw new Error(`guide title "${title}" must use only letters, digits, spaces and hyphens`);
  }
  return `section/${title.trim().replace(/\s+/g, "-")}`;
}

/**
 * Named examples of one response of one operation, e.g. `exampleNames:getShortStatus:200`.
 * @param {import("@ssemble/openapi-model").OpenApiDocument} spec
 * @param {string} operationId
 * @param {string} status
 */
function exampleNames(spec, operationId, status) {
  const ref = listOperations(spec).find((op) => op.key === operationId);
  if (!ref) throw new Error(`guides reference unknown operation ${operationId}`);
  const response = resolve(spec, ref.operation.responses?.[status]);
  const examples = response?.content?.["application/json"]?.examples;
  if (!examples || Object.keys(examples).length === 0) {
    throw new Error(`${operationId} ${status} has no named examples`);
  }
  return Object.keys(examples)
    .map((name) => `\`${name}\``)
    .join(", ");
}

/**
 * @param {string} markdown
 * @param {GuideContext} context
 * @param {string} file for error messages
 */
export function renderPlaceholders(markdown, context, file) {
  return markdown.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_match, /** @type {string} */ expr) => {
    const [name, ...args] = expr.split(":");
    switch (name) {
      case "specVersion":
        return String(context.spec.info?.version ?? "");
      case "productionServer":
        return String(context.spec.servers?.[0]?.url ?? "");
      case "ts": {
        const path = join(context.samplesDir, "guides", `${args[0]}.ts`);
        if (!existsSync(path)) throw new Error(`${file}: no compiled sample ${path}`);
        return `\`\`\`typescript\n${presentTypeScript(readFileSync(path, "utf8"))}\`\`\``;
      }
      case "mockRecipes":
        if (!context.mockRecipes)
          throw new Error(`${file}: {{mockRecipes}} needs the recipes of MOCK.md`);
        return context.mockRecipes;
      case "exampleNames":
        return exampleNames(context.spec, String(args[0]), String(args[1] ?? "200"));
      case "changelog": {
        const released = context.changelog?.trim()
          ? demoteHeadings(stripFirstHeading(context.changelog.trim()))
          : "No release of the API description has been published yet.";
        return [context.unreleased?.trim(), released].filter(Boolean).join("\n\n");
      }
      default:
        throw new Error(`${file}: unknown placeholder {{${expr}}}`);
    }
  });
}

/**
 * A CHANGELOG's own `# @ssemble/spec` title is redundant inside the guide.
 * @param {string} markdown
 */
function stripFirstHeading(markdown) {
  return markdown.replace(/^# .*\n+/, "");
}

/**
 * Changelog headings must not become top-level navigation sections: push them below `##`.
 * @param {string} markdown
 */
function demoteHeadings(markdown) {
  return markdown.replace(
    /^(#{1,4}) /gm,
    (_m, /** @type {string} */ hashes) => `${"#".repeat(Math.min(hashes.length + 2, 6))} `,
  );
}

/**
 * @param {string} guidesDir
 * @param {GuideContext} context
 * @returns {Guide[]}
 */
export function loadGuides(guidesDir, context) {
  return readdirSync(guidesDir)
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => {
      const markdown = renderPlaceholders(
        readFileSync(join(guidesDir, file), "utf8"),
        context,
        file,
      );
      const title = /^# (.+)$/m.exec(markdown)?.[1]?.trim();
      if (!title) throw new Error(`${file} must start with a "# Title" heading`);
      return { file, title, anchor: sectionAnchor(title), markdown: markdown.trim() };
    });
}

/**
 * The navigation sections Redoc derives from Markdown: every `#` heading, and every `##` heading nested
 * under the `#` before it (or on its own when there is none). Fenced code is skipped.
 * @param {string} markdown
 * @returns {string[]} section paths such as `Errors` or `Overview/Errors`
 */
export function sectionPaths(markdown) {
  /** @type {string[]} */
  const out = [];
  let h1 = "";
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = /^(#{1,2}) (.+?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const text = String(match[2]);
    if (match[1] === "#") {
      h1 = text;
      out.push(text);
    } else {
      out.push(h1 ? `${h1}/${text}` : text);
    }
  }
  return out;
}

/**
 * Returns a copy of `spec` whose info.description is a downloads line, the original description, then
 * every guide. An original description made of `##` sections is placed under an `# Overview` heading:
 * otherwise its sections would sit beside the guides and could take their anchors (two `Errors`).
 * @param {import("@ssemble/openapi-model").OpenApiDocument} spec
 * @param {Guide[]} guides
 */
export function injectGuides(spec, guides) {
  const copy = structuredClone(spec);
  let original = String(copy.info?.description ?? "").trim();
  if (original && sectionPaths(original).length > 0 && !/^# /m.test(original)) {
    original = `# Overview\n\n${original}`;
  }
  const downloads =
    "Download the contract: [openapi.yaml](openapi.yaml) · [openapi.json](openapi.json) — " +
    "or go back to the [docs home](index.html).";
  const description = [downloads, original, ...guides.map((g) => g.markdown)]
    .filter(Boolean)
    .join("\n\n");
  const seen = new Set();
  for (const path of sectionPaths(description)) {
    if (seen.has(path)) {
      throw new Error(
        `two sections of the reference would be called "${path}": rename a guide heading`,
      );
    }
    seen.add(path);
  }
  copy.info = { ...copy.info, description };
  return copy;
}
