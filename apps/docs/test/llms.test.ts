// The docs as Markdown for agents: llms.txt links every guide and operation to a page that exists, each operation's
// page states what the spec and the registry say about it, and llms-full.txt holds every page.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { asDocument, listOperations } from "@ssemble/openapi-model";
import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import { describe, expect, it } from "vitest";
import { APP_DIR, SITE_FILES } from "../src/build-site.mjs";
import { locateSpec } from "../src/spec-location.mjs";

const dist = join(APP_DIR, "dist");
const read = (file: string) => readFileSync(join(dist, file), "utf8");
const spec = asDocument(
  JSON.parse(readFileSync(join(locateSpec().distDir, "openapi.json"), "utf8")),
);
const guides = readdirSync(join(APP_DIR, "guides")).filter((f) => f.endsWith(".md"));
const llms = read(SITE_FILES.llms);
const links = [...llms.matchAll(/^- \[([^\]]+)\]\(([^)]+)\)(?::\s*(.*))?$/gm)].map((m) => ({
  title: m[1] ?? "",
  href: m[2] ?? "",
  note: m[3] ?? "",
}));

describe("llms.txt", () => {
  it("follows llmstxt.org: an H1 title, a blockquote summary, then sections of links", () => {
    expect(llms).toMatch(/^# Ssemble AI Clipping API\n\n> \S.+\.\n/);
    expect(llms).toMatch(/^## Guides$/m);
    expect(llms).toMatch(/^## API reference$/m);
  });

  it("links every guide and every operation to a Markdown page of the site, each with a note", () => {
    const pages = links.filter((l) => l.href.endsWith(".md"));
    expect(pages).toHaveLength(guides.length + listOperations(spec).length);
    for (const link of pages) {
      expect(existsSync(join(dist, link.href)), link.href).toBe(true);
      expect(link.note.length, link.href).toBeGreaterThan(5);
    }
    for (const op of listOperations(spec)) {
      expect(links.map((l) => l.href)).toContain(`reference/${op.operationId}.md`);
    }
  });
});

describe("operation pages", () => {
  it.each(listOperations(spec).map((op) => [op.operationId, op] as const))("%s", (id, op) => {
    const page = read(`reference/${id}.md`);
    expect(page).toContain(`# ${op.operation.summary}`);
    expect(page).toContain(`${op.method.toUpperCase()} `);
    expect(page).toContain(op.path);
    for (const p of op.parameters) expect(page).toContain(`| \`${p.name}\` | ${p.in} |`);
    const entry = OPERATION_REGISTRY[id as keyof typeof OPERATION_REGISTRY];
    for (const [status, codes] of Object.entries(entry.errors)) {
      expect(page).toMatch(new RegExp(`^\\| ${status} \\|`, "m"));
      for (const code of codes as readonly string[]) expect(page).toContain(`\`${code}\``);
    }
    expect(page).toContain(`Credits: ${entry.credits}.`);
    expect(page).toContain("```sh\ncurl");
    expect(page).toContain("```typescript\n");
    if (op.requestBody) expect(page).toContain("## Request body");
  });
});

describe("guide pages and llms-full.txt", () => {
  it("has each guide as Markdown, with in-page reference links turned into links between pages", () => {
    for (const file of guides) {
      const page = read(`guides/${file.replace(/^\d+-/, "")}`);
      expect(page).toMatch(/^# \S/);
      expect(page).not.toContain("](#section/");
      expect(page).not.toMatch(/\{\{[^}]+\}\}/);
    }
    expect(read("guides/ai-assistants.md")).toContain("](../guides/sandbox.md)");
  });

  it("holds every page in llms-full.txt", () => {
    const full = read(SITE_FILES.llmsFull);
    expect(full.startsWith(llms)).toBe(true);
    for (const link of links.filter((l) => l.href.endsWith(".md"))) {
      expect(full).toContain(`<!-- ${link.href} -->`);
      expect(full).toContain(read(link.href).replaceAll("](../", "]("));
    }
  });

  it("points to them from the landing page, with the AI assistant guide", () => {
    const landing = read(SITE_FILES.landing);
    expect(landing).toContain('<a href="llms.txt">llms.txt</a>');
    expect(landing).toContain('href="reference.html#section/Use-Ssemble-from-an-AI-assistant"');
  });
});
