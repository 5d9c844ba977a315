import { readFileSync } from "node:fs";
import { join } from "node:path";
import { resolve } from "@ssemble/openapi-model";
import { describe, expect, it } from "vitest";
import { SITE_FILES } from "../src/build-site.mjs";
import { unreleasedMarkdown } from "../src/changelog.mjs";
import {
  injectGuides,
  loadGuides,
  renderPlaceholders,
  sectionAnchor,
  sectionPaths,
} from "../src/guides.mjs";
import { readMockRecipes } from "../src/mock-recipes.mjs";
import { locateSpec } from "../src/spec-location.mjs";
import {
  APP_DIR,
  DIST_DIR,
  type Doc,
  GUIDE_TITLES,
  miniSpec,
  readJson,
  tempTree,
} from "./helpers.js";

const GUIDES_DIR = join(APP_DIR, "guides");
const SAMPLES_DIR = join(APP_DIR, "samples");
const located = locateSpec();
const spec: Doc = readJson(join(located.distDir, "openapi.json"));
// The same context the build uses, so that the guides compare equal to what the site shows.
const guides = loadGuides(GUIDES_DIR, {
  spec,
  samplesDir: SAMPLES_DIR,
  changelog: located.changelogPath ? readFileSync(located.changelogPath, "utf8") : undefined,
  unreleased: unreleasedMarkdown(located.changesetDir),
  mockRecipes: readMockRecipes(),
});
const guide = (title: string) => {
  const found = guides.find((g) => g.title === title);
  if (!found) throw new Error(`no guide "${title}"`);
  return found.markdown;
};

describe("guide machinery", () => {
  it("computes Redoc's section anchors and refuses titles it cannot predict", () => {
    expect(sectionAnchor("Job lifecycle")).toBe("section/Job-lifecycle");
    expect(() => sectionAnchor("Polling, webhooks & track")).toThrow(
      /letters, digits, spaces and hyphens/,
    );
  });

  it("fails on an unknown placeholder or a missing compiled sample, naming the file", () => {
    const context = { spec: miniSpec(), samplesDir: tempTree({}) };
    expect(() => renderPlaceholders("{{nope}}", context, "x.md")).toThrow(
      "x.md: unknown placeholder {{nope}}",
    );
    expect(() => renderPlaceholders("{{ts:absent}}", context, "y.md")).toThrow(
      /y\.md: no compiled sample/,
    );
  });

  it("lists named response examples from the spec", () => {
    const context = { spec: miniSpec(), samplesDir: tempTree({}) };
    expect(renderPlaceholders("{{exampleNames:getThing:200}}", context, "z.md")).toBe(
      "`fresh`, `stale`",
    );
    expect(() => renderPlaceholders("{{exampleNames:createThing:200}}", context, "z.md")).toThrow(
      /no named examples/,
    );
  });

  it("puts the guides after the original description, without touching the source object", () => {
    const original = miniSpec();
    const out = injectGuides(original, [
      { file: "a.md", title: "A", anchor: "section/A", markdown: "# A\n\ntext" },
    ]);
    expect(original.info.description).toBe("A throwaway spec for the build tests.");
    expect(out.info.description).toMatch(
      /^Download the contract: .*\n\nA throwaway spec for the build tests\.\n\n# A\n\ntext$/s,
    );
  });
});

describe("sections of the injected description", () => {
  const guideA = {
    file: "a.md",
    title: "Errors",
    anchor: "section/Errors",
    markdown: "# Errors\n\n## Codes",
  };

  it("nests an original description made of ## sections under # Overview", () => {
    const spec = {
      ...miniSpec(),
      info: { title: "T", version: "1", description: "Intro.\n\n## Errors\n\ntext" },
    };
    const description: string = injectGuides(spec, [guideA]).info.description;
    expect(description).toContain("# Overview\n\nIntro.\n\n## Errors");
    expect(sectionPaths(description)).toEqual([
      "Overview",
      "Overview/Errors",
      "Errors",
      "Errors/Codes",
    ]);
  });

  it("ignores headings inside fenced code", () => {
    expect(sectionPaths("# A\n\n```sh\n# not a heading\n```\n\n## B")).toEqual(["A", "A/B"]);
  });

  it("refuses two sections with the same anchor", () => {
    const spec = {
      ...miniSpec(),
      info: { title: "T", version: "1", description: "# Errors\n\ntext" },
    };
    expect(() => injectGuides(spec, [guideA])).toThrow(
      'two sections of the reference would be called "Errors"',
    );
  });
});

describe("the guides", () => {
  it("cover every topic the docs promise, in order", () => {
    expect(guides.map((g) => g.title)).toEqual(GUIDE_TITLES);
  });

  it("all reach the reference the site renders", () => {
    const description: string = readJson(join(DIST_DIR, SITE_FILES.docsSpec)).info.description;
    for (const g of guides) expect(description).toContain(g.markdown);
  });

  it("link only to guide sections that exist", () => {
    const anchors = new Set(guides.map((g) => g.anchor));
    for (const g of guides) {
      for (const [, target] of g.markdown.matchAll(/\]\(#(section\/[^)]+)\)/g)) {
        expect(anchors, `${g.file} links to ${target}`).toContain(target);
      }
    }
  });

  it("quickstart uses @ssemble/client, from a compiled sample", () => {
    const md = guide("Quickstart");
    const sample = readFileSync(join(SAMPLES_DIR, "guides", "quickstart.ts"), "utf8");
    expect(sample).toContain('from "@ssemble/client"');
    expect(md).toContain(sample.trim().split("\n").slice(-1)[0]);
  });

  it("authentication covers both headers and the auth error codes", () => {
    const md = guide("Authentication");
    for (const text of [
      "X-API-Key",
      "Authorization: Bearer",
      "sk_ssemble_",
      "missing_api_key",
      "invalid_api_key",
    ]) {
      expect(md).toContain(text);
    }
  });

  it("the lifecycle diagram is an inline SVG naming every job status of the spec", () => {
    const md = guide("Job lifecycle");
    const svg = /<svg[\s\S]*?<\/svg>/.exec(md)?.[0] ?? "";
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    // A blank line would end Markdown's raw-HTML block and break the SVG apart.
    expect(svg).not.toMatch(/\n\s*\n/);
    expect(svg).not.toMatch(/(href|src)="(https?:)?\/\//);
    const statuses: string[] = spec.components.schemas.JobStatus?.enum ?? [];
    expect(statuses.length).toBe(5);
    for (const status of statuses) expect(svg).toContain(`>${status}</text>`);
  });

  it("waiting for results does the rate-limit arithmetic and names the alternatives", () => {
    const md = guide("Waiting for results");
    expect(md).toContain("every 10 seconds");
    expect(md).toContain("360 requests an hour");
    expect(md).toContain("default cap of 100");
    expect((60 * 60) / 10).toBe(360);
    for (const text of [
      "webhookUrl",
      "GET /shorts?status=processing",
      "track",
      "waitForCompletion",
      "Retry-After",
      "X-RateLimit-Reset",
    ]) {
      expect(md).toContain(text);
    }
    for (const event of ["shorts.completed", "shorts.failed"]) expect(md).toContain(event);
  });

  it("errors list every code of the spec's ErrorCode with what to do", () => {
    const md = guide("Errors");
    const codes: string[] = spec.components.schemas.ErrorCode.enum;
    expect(codes.length).toBe(11);
    for (const code of codes) {
      const row = md.split("\n").find((line) => new RegExp(`\\|\\s*\`${code}\`\\s*\\|`).test(line));
      expect(row, code).toBeDefined();
      const cells = (row ?? "")
        .split("|")
        .map((c) => c.trim())
        .filter(Boolean);
      expect(cells, code).toHaveLength(4);
      expect(cells[3]?.length, `${code} says what to do`).toBeGreaterThan(10);
    }
  });

  it("the mock guide covers Prism on 127.0.0.1:4010 and the three Prefer headers", () => {
    const md = guide("Mock server for frontend teams");
    for (const text of [
      "127.0.0.1:4010",
      "Prefer: example=",
      "Prefer: code=",
      "Prefer: dynamic=true",
      "baseUrl",
    ]) {
      expect(md).toContain(text);
    }
    expect(md).not.toContain("{{");
  });

  it("the mock guide lists curl and fetch lines for every operation, dynamic mode included", () => {
    const md = guide("Mock server for frontend teams");
    let operations = 0;
    for (const item of Object.values(spec.paths as Doc)) {
      for (const op of Object.values(item as Doc) as Doc[]) {
        const id = op.operationId;
        if (typeof id !== "string") continue; // path-level parameters, not an operation
        const section = md.split(`### \`${id}\``)[1]?.split("\n### ")[0] ?? "";
        expect(section, id).toContain("curl ");
        expect(section, id).toContain("await fetch(");
        expect(section, id).toContain("Prefer: dynamic=true");
        operations++;
      }
    }
    expect(operations).toBe(9);
  });

  it("name only Prefer examples that the spec (and so the mock) has", () => {
    const names = new Set<string>();
    for (const item of Object.values(spec.paths as Doc)) {
      for (const op of Object.values(item as Doc)) {
        for (const response of Object.values((op as Doc).responses ?? {})) {
          const examples = resolve(spec, response)?.content?.["application/json"]?.examples ?? {};
          for (const name of Object.keys(examples)) names.add(name);
        }
      }
    }
    const landing = readFileSync(join(DIST_DIR, SITE_FILES.landing), "utf8");
    const text = [...guides.map((g) => g.markdown), landing].join("\n");
    const used = [...text.matchAll(/example=([A-Za-z][\w-]*)/g)].map((m) => String(m[1]));
    const states = [...text.matchAll(/for \(const state of \[([^\]]+)\]/g)].flatMap((m) =>
      [...String(m[1]).matchAll(/"(\w+)"/g)].map((q) => String(q[1])),
    );
    expect(used.length + states.length).toBeGreaterThan(3);
    for (const name of [...used, ...states]) expect(names, name).toContain(name);
  });

  it("versioning names the spec version and carries a changelog section", () => {
    const md = guide("Versioning and changelog");
    expect(md).toContain(`version **${spec.info.version}**`);
    expect(md).toContain("## Changelog");
    const docs: string = readJson(join(DIST_DIR, SITE_FILES.docsSpec)).info.description;
    // Pending changesets of the repository show up as Unreleased in the site.
    if (located.changesetDir) expect(docs).toContain("### Unreleased");
  });
});
