// @ts-check
// The docs as Markdown for agents (https://llmstxt.org): every guide and every operation as a .md file, an index
// (llms.txt) and everything in one file (llms-full.txt). Generated from the spec, the operation registry, the
// compiled samples and the rendered guides, like the HTML, so the two cannot disagree.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inline, listOperations, resolvePointer } from "@ssemble/openapi-model";
import { curlSample, presentTypeScript, sampleFileName } from "./code-samples.mjs";

/** @typedef {import("@ssemble/openapi-model").OpenApiDocument} OpenApiDocument */
/** @typedef {{ title: string; anchor: string; markdown: string; file: string }} Guide */
/** @typedef {{ path: string; title: string; summary: string; markdown: string }} MarkdownPage */

/** `03-job-lifecycle.md` → `guides/job-lifecycle.md`. */
export const guidePath = (/** @type {Guide} */ guide) =>
  `guides/${guide.file.replace(/^\d+-/, "").replace(/\.md$/, "")}.md`;
export const operationPath = (/** @type {string} */ operationId) => `reference/${operationId}.md`;

/** One line of a Markdown table cell: no newlines, no unescaped pipes. */
const cell = (/** @type {unknown} */ value) =>
  String(value ?? "")
    .replace(/\s*\n+\s*/g, " ")
    .replace(/\|/g, "\\|");

/** A schema's type in a word or two: `string (uri)`, `integer`, `one of: a, b`. */
function typeOf(/** @type {Record<string, any>} */ schema) {
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.map((v) => `\`${v}\``).join(", ")}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  const bounds = [];
  if (schema.format) bounds.push(schema.format);
  if (schema.minimum !== undefined) bounds.push(`≥ ${schema.minimum}`);
  if (schema.exclusiveMinimum !== undefined) bounds.push(`> ${schema.exclusiveMinimum}`);
  if (schema.maximum !== undefined) bounds.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) bounds.push(`≤ ${schema.maxLength} chars`);
  if (schema.pattern) bounds.push(`\`${schema.pattern}\``);
  return bounds.length > 0 ? `${type} (${bounds.join(", ")})` : String(type);
}

/** The body's fields: one table, or one per `oneOf` branch. */
function bodyTables(/** @type {Record<string, any>} */ schema) {
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : [schema];
  return branches
    .map((/** @type {Record<string, any>} */ branch) => {
      const required = new Set(branch.required ?? []);
      const rows = Object.entries(branch.properties ?? {})
        .filter(([, s]) => !(s.not && Object.keys(s.not).length === 0))
        .map(
          ([name, s]) =>
            `| \`${name}\` | ${cell(typeOf(s))} | ${required.has(name) ? "yes" : "no"} | ${cell(s.default === undefined ? "" : JSON.stringify(s.default))} | ${cell(s.description)} |`,
        );
      const title = branches.length > 1 ? `### ${branch.title ?? "Variant"}\n\n` : "";
      return `${title}| field | type | required | default | description |\n|---|---|---|---|---|\n${rows.join("\n")}`;
    })
    .join("\n\n");
}

/**
 * One operation as a Markdown page: what it does, its parameters, body, answers and errors, and the same curl and
 * TypeScript samples the reference shows.
 * @param {OpenApiDocument} spec
 * @param {import("@ssemble/openapi-model").OperationModel} ref
 * @param {string} samplesDir
 */
export function operationMarkdown(spec, ref, samplesDir) {
  const id = ref.operationId;
  const server = String(spec.servers?.[0]?.url ?? "").replace(/\/$/, "");
  const op = ref.operation;
  const lines = [
    `# ${op.summary ?? id}`,
    "",
    `\`${ref.method.toUpperCase()} ${server}${ref.path}\` (operation \`${id}\`; header \`X-API-Key\`)`,
    "",
    String(op.description ?? "").trim(),
  ];
  const pool = /** @type {{ name: string; limit: number; windowSeconds: number } | undefined} */ (
    op["x-rate-limit-pool"]
  );
  const credits = op["x-credits"];
  if (pool && typeof credits === "number") {
    lines.push(
      "",
      `Rate limit: the "${pool.name}" pool, ${pool.limit} requests per ${pool.windowSeconds} s, within the account's hourly and daily caps. Credits: ${credits}.`,
    );
  }
  if (ref.parameters.length > 0) {
    lines.push(
      "",
      "## Parameters",
      "",
      "| name | in | required | type | description |",
      "|---|---|---|---|---|",
    );
    for (const p of ref.parameters) {
      const schema = /** @type {Record<string, any>} */ (p.schema ?? {});
      const raw = /** @type {Record<string, any>} */ (
        (op.parameters ?? [])
          .concat(ref.pathItem.parameters ?? [])
          .map((x) => inline(spec, x))
          .find((x) => x.name === p.name) ?? {}
      );
      lines.push(
        `| \`${p.name}\` | ${p.in} | ${p.required ? "yes" : "no"} | ${cell(typeOf(schema))} | ${cell(raw.description ?? schema.description)} |`,
      );
    }
  }
  if (ref.requestBody) {
    const schema = /** @type {Record<string, any>} */ (
      inline(spec, resolvePointer(spec, ref.requestBody.schemaPointer))
    );
    lines.push(
      "",
      "## Request body",
      "",
      String(schema.description ?? "").trim(),
      "",
      bodyTables(schema),
    );
  }
  lines.push("", "## Responses", "", "| status | meaning | error codes |", "|---|---|---|");
  for (const r of ref.responses) {
    // The codes an answer can carry are its examples' `error.code`s (the spec names an example per code).
    const codes = [
      ...new Set(
        r.examples
          .map(
            (e) => /** @type {{ error?: { code?: unknown } } | undefined} */ (e.value)?.error?.code,
          )
          .filter((c) => typeof c === "string"),
      ),
    ];
    lines.push(
      `| ${r.status} | ${cell(r.description)} | ${codes.map((c) => `\`${c}\``).join(", ")} |`,
    );
  }
  lines.push("", "## Example", "", "```sh", curlSample(spec, ref), "```");
  const sample = join(samplesDir, sampleFileName(id, "operation"));
  if (existsSync(sample)) {
    lines.push(
      "",
      "With `@ssemble/client`:",
      "",
      "```typescript",
      presentTypeScript(readFileSync(sample, "utf8")).trimEnd(),
      "```",
    );
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}

/**
 * The reference's in-page links (`#section/Sandbox`, `#operation/getShort`) as links between the Markdown pages,
 * from a page one folder down (`guides/`, `reference/`); what has no page links to the HTML reference, and links
 * to the site's other pages (`console.html`) climb the folder too.
 * @param {string} markdown
 * @param {Guide[]} guides
 */
function relink(markdown, guides) {
  // A link to another page of the site (`console.html`) is one folder up from the Markdown pages.
  const pages = markdown.replace(/\]\(([a-z][\w-]*\.html)/g, "](../$1");
  return pages.replace(
    /\]\(#([a-z]+)\/([^)]*)\)/g,
    (_match, /** @type {string} */ kind, /** @type {string} */ rest) => {
      if (kind === "operation") return `](../${operationPath(rest)})`;
      const guide =
        kind === "section"
          ? guides.find((g) => g.anchor === `section/${rest.split("/")[0]}`)
          : undefined;
      if (guide && !rest.includes("/")) return `](../${guidePath(guide)})`;
      return `](../reference.html#${kind}/${rest})`;
    },
  );
}

/**
 * Every page, guides first.
 * @param {OpenApiDocument} spec
 * @param {Guide[]} guides
 * @param {string} samplesDir
 * @returns {MarkdownPage[]}
 */
export function markdownPages(spec, guides, samplesDir) {
  return [
    ...guides.map((g) => ({
      path: guidePath(g),
      title: g.title,
      summary: firstSentence(g.markdown.replace(/^#.*\n/, "")),
      markdown: `${relink(g.markdown.trim(), guides)}\n`,
    })),
    ...listOperations(spec).map((ref) => ({
      path: operationPath(ref.operationId),
      title: String(ref.operation.summary ?? ref.operationId),
      summary: `${ref.method.toUpperCase()} ${ref.path}`,
      markdown: operationMarkdown(spec, ref, samplesDir),
    })),
  ];
}

/** The first sentence of a text's first paragraph of prose (not a heading), without Markdown links. */
function firstSentence(/** @type {string} */ markdown) {
  const paragraph =
    markdown
      .trim()
      .split(/\n\s*\n/)
      .find((p) => !p.startsWith("#")) ?? "";
  const plain = paragraph.replace(/\[([^\]]+)\]\(([^)]*)\)/g, "$1").replace(/\s+/g, " ");
  const end = plain.search(/[.:](\s|$)/);
  return end > 0 ? `${plain.slice(0, end)}.` : plain;
}

/**
 * The llms.txt index: title, summary, then a link per guide and per operation.
 * @param {OpenApiDocument} spec
 * @param {MarkdownPage[]} pages
 */
export function llmsTxt(spec, pages) {
  const title = String(spec.info?.title ?? "API");
  const summary = firstSentence(String(spec.info?.description ?? ""));
  const link = (/** @type {MarkdownPage} */ p) => `- [${p.title}](${p.path}): ${p.summary}`;
  return [
    `# ${title}`,
    "",
    `> ${summary}`,
    "",
    "Every page below is Markdown; `llms-full.txt` holds them all in one file. The OpenAPI 3.1 description is `openapi.json`.",
    "",
    "## Guides",
    "",
    ...pages.filter((p) => p.path.startsWith("guides/")).map(link),
    "",
    "## API reference",
    "",
    ...pages.filter((p) => p.path.startsWith("reference/")).map(link),
    "",
    "## Optional",
    "",
    "- [OpenAPI 3.1 description (JSON)](openapi.json): the bundled spec every SDK is generated from",
    "",
  ].join("\n");
}

/**
 * Every page in one file, each under a comment naming its path.
 * @param {OpenApiDocument} spec
 * @param {MarkdownPage[]} pages
 */
export function llmsFullTxt(spec, pages) {
  // Links between pages are relative to a page's folder; here everything is at the root.
  const body = pages.map((p) => `<!-- ${p.path} -->\n\n${p.markdown.replaceAll("](../", "](")}`);
  return `${llmsTxt(spec, pages)}\n${body.join("\n")}`;
}
