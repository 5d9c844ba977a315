import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asDocument, listOperations, listWebhooks } from "@ssemble/openapi-model";
import { describe, expect, it } from "vitest";
import { buildSite, MARKDOWN_DIRS, SITE_FILES } from "../src/build-site.mjs";
import { LOCAL_LOGO, patchRedocBundle, REMOTE_LOGO } from "../src/redoc-bundle.mjs";
import { type Doc, MINI_SPEC_DIR, miniSpec, readJson, tempTree } from "./helpers.js";

const guides = tempTree({
  "01-first.md": "# First guide\n\nVersion {{specVersion}} on {{productionServer}}.\n",
  "02-second.md": "# Second guide\n\n{{ts:hello}}\n\n## Changes\n\n{{changelog}}\n",
});
const samples = tempTree({
  "createThing.ts": "export const create = 1;\n",
  "getThing.ts": "export const get = 2;\n",
  "webhook.thing.done.ts": "export const done = 3;\n",
  "guides/hello.ts": "// biome-ignore lint/suspicious/noConsole: demo\nconsole.log('hello');\n",
});
const changesets = tempTree({
  "next.md": '---\n"@ssemble/spec": patch\n---\n\nFixed an example.\n',
});
const changelog = tempTree({
  "CHANGELOG.md": "# @ssemble/spec\n\n## 0.1.0\n\n### Minor Changes\n\n- First cut\n",
});

function build() {
  const outDir = mkdtempSync(join(tmpdir(), "ssemble-docs-out-"));
  const result = buildSite({
    specDir: MINI_SPEC_DIR,
    outDir,
    samplesDir: samples,
    guidesDir: guides,
    changelogPath: join(changelog, "CHANGELOG.md"),
    changesetDir: changesets,
  });
  return { outDir, result, read: (file: string) => readFileSync(join(outDir, file), "utf8") };
}

/** The docs copy minus what the build adds must be the bundle itself. */
function stripInjected(spec: Doc): Doc {
  const copy = structuredClone(spec);
  const doc = asDocument(copy);
  for (const ref of [...listOperations(doc), ...listWebhooks(doc)])
    delete ref.operation["x-codeSamples"];
  return copy;
}

describe("buildSite", () => {
  it("writes the landing page, the reference, the downloads and the assets", () => {
    const { outDir, result } = build();
    expect(result).toMatchObject({
      operations: 2,
      webhooks: 1,
      guides: ["First guide", "Second guide"],
    });
    expect(readdirSync(outDir).sort()).toEqual(
      ["assets", "favicon.svg", ...MARKDOWN_DIRS, ...Object.values(SITE_FILES)].sort(),
    );
    expect(readdirSync(join(outDir, "assets")).sort()).toEqual(
      [
        "console.css",
        "console.js",
        "redoc-mark.svg",
        "redoc.standalone.js",
        "reference.css",
        "reference.js",
        "site.css",
      ].sort(),
    );
  });

  it("offers the bundle byte for byte as downloads, leaving the spec's own files untouched", () => {
    const sources = ["openapi.json", "openapi.yaml"].map((f) => join(MINI_SPEC_DIR, f));
    const before = sources.map((f) => [readFileSync(f), statSync(f).mtimeMs]);
    const { outDir } = build();
    expect(readFileSync(join(outDir, "openapi.yaml"))).toEqual(
      readFileSync(join(MINI_SPEC_DIR, "openapi.yaml")),
    );
    expect(readFileSync(join(outDir, "openapi.json"))).toEqual(
      readFileSync(join(MINI_SPEC_DIR, "openapi.json")),
    );
    expect(sources.map((f) => [readFileSync(f), statSync(f).mtimeMs])).toEqual(before);
  });

  it("injects guides and samples into a copy and changes nothing else", () => {
    const { outDir } = build();
    const docs = readJson(join(outDir, SITE_FILES.docsSpec));
    const original = miniSpec();
    const description: string = docs.info.description;
    expect(description.startsWith("Download the contract: [openapi.yaml](openapi.yaml)")).toBe(
      true,
    );
    expect(description).toContain(original.info.description);
    expect(description).toContain(
      "# First guide\n\nVersion 0.1.0 on https://api.example.test/v1/.",
    );
    expect(description).toContain("```typescript\nconsole.log('hello');\n```");
    // The changelog's own headings sink below the guide's, so they do not become navigation sections.
    expect(description).toContain(
      "### Unreleased\n\n- `@ssemble/spec` (patch): Fixed an example.\n\n#### 0.1.0\n\n##### Minor Changes\n\n- First cut",
    );
    expect(description).not.toContain("@ssemble/spec\n");
    const stripped = stripInjected(docs);
    stripped.info.description = original.info.description;
    expect(stripped).toEqual(original);
  });

  it("embeds the docs copy in the reference page, loading only same-origin files", () => {
    const { read, outDir } = build();
    const html = read(SITE_FILES.reference);
    const embedded = /<script id="redoc-spec" type="application\/json">(.*?)<\/script>/s.exec(
      html,
    )?.[1];
    expect(JSON.parse(embedded ?? "null")).toEqual(readJson(join(outDir, SITE_FILES.docsSpec)));
    for (const page of [html, read(SITE_FILES.landing)]) {
      expect(page).toMatch(
        /<meta http-equiv="Content-Security-Policy" content="default-src 'self';/,
      );
      const loaded = [
        ...page.matchAll(/<(?:script|img)[^>]*\ssrc="([^"]*)"|<link[^>]*\shref="([^"]*)"/g),
      ].map((m) => m[1] ?? m[2] ?? "");
      expect(loaded.length).toBeGreaterThan(0);
      for (const url of loaded) {
        expect(url, url).not.toMatch(/^(https?:)?\/\//);
        expect(existsSync(join(outDir, url)), url).toBe(true);
      }
    }
  });

  it("escapes the embedded spec so a description cannot close the script element", () => {
    const tricky = tempTree({
      "openapi.json": JSON.stringify({
        ...miniSpec(),
        info: { title: "T", version: "1", description: "</script><b>x" },
      }),
      "openapi.yaml": "ignored: true\n",
    });
    const outDir = mkdtempSync(join(tmpdir(), "ssemble-docs-out-"));
    buildSite({ specDir: tricky, outDir, samplesDir: samples, guidesDir: guides });
    const html = readFileSync(join(outDir, SITE_FILES.reference), "utf8");
    expect(html).not.toContain("</script><b>");
    expect(html).toContain("\\u003c/script>\\u003cb>x");
  });

  it("links the landing page to the reference, every guide, operation and webhook, the downloads and the mock", () => {
    const { read } = build();
    const html = read(SITE_FILES.landing);
    for (const href of [
      "reference.html",
      "reference.html#section/First-guide",
      "reference.html#section/Second-guide",
      "reference.html#operation/createThing",
      "reference.html#operation/getThing",
      "openapi.yaml",
      "openapi.json",
      "http://127.0.0.1:4010",
    ]) {
      expect(html, href).toContain(`href="${href}"`);
    }
    expect(html).toContain("thing.done");
  });

  it("serves Redoc from the site with its remote logo made local", () => {
    const { read } = build();
    const bundle = read("assets/redoc.standalone.js");
    // Booleans, not toContain: a failure must not print a megabyte of JavaScript.
    expect(bundle.includes("cdn.redoc.ly")).toBe(false);
    expect(bundle.includes(`src:"${LOCAL_LOGO}"`)).toBe(true);
    expect(/sourceMappingURL=\S+\s*$/.test(bundle)).toBe(false);
    expect(() => patchRedocBundle("no logo here")).toThrow(/found 0/);
    expect(() => patchRedocBundle(`${REMOTE_LOGO} ${REMOTE_LOGO}`)).toThrow(/found 2/);
  });

  it("fails with a clear message when the spec has not been bundled", () => {
    const empty = tempTree({});
    expect(() =>
      buildSite({
        specDir: empty,
        outDir: join(empty, "out"),
        samplesDir: samples,
        guidesDir: guides,
      }),
    ).toThrow(/run `pnpm --filter @ssemble\/spec build` first/);
  });
});
