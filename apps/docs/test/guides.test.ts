import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { resolve } from "@ssemble/openapi-model";
import { createSandbox, MAGIC_KEYS, MAGIC_SOURCES } from "@ssemble/sandbox";
import { describe, expect, it, vi } from "vitest";
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
  readSpec,
  type Spec,
  tempTree,
} from "./helpers.js";

const GUIDES_DIR = join(APP_DIR, "guides");
const SAMPLES_DIR = join(APP_DIR, "samples");
const located = locateSpec();
const spec: Spec = readSpec(join(located.distDir, "openapi.json"));
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
    const description = injectGuides(spec, [guideA]).info.description ?? "";
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
    expect(guides.length).toBeGreaterThanOrEqual(9);
    for (const g of guides) expect(description).toContain(g.markdown);
  });

  it("link only to guide sections that exist", () => {
    const anchors = new Set(guides.map((g) => g.anchor));
    let links = 0;
    for (const g of guides) {
      for (const [, target] of g.markdown.matchAll(/\]\(#(section\/[^)]+)\)/g)) {
        expect(anchors, `${g.file} links to ${target}`).toContain(target);
        links++;
      }
    }
    // The guides do link to each other: the loop above checked something.
    expect(links).toBeGreaterThan(3);
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
    const statuses: string[] = (spec as Doc).components.schemas.JobStatus?.enum ?? [];
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
    const codes: string[] = (spec as Doc).components.schemas.ErrorCode.enum;
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
          const examples =
            resolve<Doc>(spec, response as Doc)?.content?.["application/json"]?.examples ?? {};
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
    // Pending changesets of the repository show up as Unreleased in the site, exactly when there are some.
    const dir = located.changesetDir;
    expect(dir, "the repository's .changeset folder").toBeDefined();
    const pending = readdirSync(dir ?? "").filter((f) => f.endsWith(".md") && f !== "README.md");
    expect(docs.includes("### Unreleased")).toBe(pending.length > 0);
  });
});

describe("the sandbox guide", () => {
  const md = () => guide("Sandbox");
  const KEY = "sk_ssemble_docsGuideControls000000000000000";
  /** The first cells of the table rows of a `## heading` section. */
  const firstCells = (heading: string) => {
    const section =
      md()
        .split("\n## ")
        .find((s) => s.startsWith(`${heading}\n`)) ?? "";
    return section
      .split("\n")
      .map((line) => /^\| `([^`]+)`/.exec(line)?.[1])
      .filter((cell): cell is string => cell !== undefined);
  };

  it("is linked from the landing page, the mock guide and the mock's MOCK.md", () => {
    const landing = readFileSync(join(DIST_DIR, SITE_FILES.landing), "utf8");
    expect(landing).toContain('id="card-sandbox" href="reference.html#section/Sandbox"');
    expect(guide("Mock server for frontend teams")).toContain("](#section/Sandbox)");
    const mockDoc = readFileSync(join(APP_DIR, "..", "mock", "MOCK.md"), "utf8");
    expect(mockDoc).toContain("reference.html#section/Sandbox");
    expect(mockDoc).toContain("(../../packages/sandbox/README.md)");
  });

  it("tables every magic key and source the sandbox has, and no other", () => {
    const cells = firstCells("Magic inputs");
    expect(cells.filter((c) => !c.startsWith("sandbox-")).sort()).toEqual(
      Object.keys(MAGIC_KEYS).sort(),
    );
    expect(cells.filter((c) => c.startsWith("sandbox-")).sort()).toEqual(
      Object.keys(MAGIC_SOURCES).sort(),
    );
  });

  it("names every control the sandbox has, and each answers", async () => {
    const named = new Set<string>();
    for (const line of md().split("\n## Controls")[1]?.split("\n## ")[0]?.split("\n") ?? []) {
      const path = /(\/_sandbox\/[a-z/{}]+)/.exec(line)?.[1];
      const methods = [...line.matchAll(/`(GET|POST|PUT)[ `]/g)].map((m) => String(m[1]));
      if (!path) continue;
      for (const method of methods) named.add(`${method} ${path}`);
      // `/fail` and `/cancel` share the row of `/complete`.
      for (const [, action] of line.matchAll(/`\/(fail|cancel)`/g)) {
        named.add(`POST ${path.replace(/complete$/, String(action))}`);
      }
    }
    expect([...named].sort()).toEqual(
      [
        "POST /_sandbox/reset",
        "GET /_sandbox/clock",
        "POST /_sandbox/clock",
        "POST /_sandbox/clock/advance",
        "GET /_sandbox/workspace",
        "PUT /_sandbox/workspace",
        "POST /_sandbox/jobs/{id}/complete",
        "POST /_sandbox/jobs/{id}/fail",
        "POST /_sandbox/jobs/{id}/cancel",
        "GET /_sandbox/webhooks",
        "GET /_sandbox/requests",
      ].sort(),
    );
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const call = (method: string, path: string, body?: unknown) =>
      sandbox.fetch(`http://sandbox.test${path}`, {
        method,
        headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const bodies: Record<string, unknown> = {
      "POST /_sandbox/clock": { mode: "manual" },
      "POST /_sandbox/clock/advance": { ms: 1 },
      "PUT /_sandbox/workspace": { credits: 5 },
    };
    for (const control of named) {
      const [method = "", template = ""] = control.split(" ");
      let path = template;
      if (path.includes("{id}")) {
        const created = await call("POST", "/shorts/create", {
          url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
          start: 0,
          end: 60,
        });
        const { data } = (await created.json()) as { data: { requestId: string } };
        path = path.replace("{id}", data.requestId);
      }
      expect((await call(method, path, bodies[control])).status, control).toBe(200);
    }
    // The check can fail: a control the sandbox does not have is a 404.
    expect((await call("POST", "/_sandbox/nope")).status).toBe(404);
    await sandbox.close();
  });

  it("runs its MSW recipe: the screen's own client, intercepted, never reaching the network", async () => {
    expect(md()).toContain("sandboxHandlers(sandbox, { baseUrl })");
    // Anything MSW let through would reach this instead of the network, and fail the run.
    const real = globalThis.fetch;
    const leaked: string[] = [];
    globalThis.fetch = async (input: string | URL | Request) => {
      leaked.push(input instanceof Request ? input.url : String(input));
      throw new Error("the recipe tried to reach the network");
    };
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
    try {
      await import("../samples/guides/sandbox-msw.js");
    } finally {
      spy.mockRestore();
      globalThis.fetch = real;
    }
    expect(leaked).toEqual([]);
    expect(lines[0]).toBe("Waiting in queue... (0%)");
    expect(lines[1]).toMatch(/^Transcribing audio\.\.\. \((3[5-9]|[45]\d)%\)$/);
    expect(lines[2]).toBe("Done! Ready to download. (100%)");
  });

  it("runs its sample against the real sandbox: every step, the clips, the asked-for failure", async () => {
    expect(md()).toContain('createSandbox({ clock: { mode: "manual" } })');
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
    try {
      await import("../samples/guides/sandbox.js");
    } finally {
      spy.mockRestore();
    }
    expect(lines.slice(0, 6).map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual([
      "processing fetching_video",
      "processing transcribing_audio",
      "processing transcribing_audio",
      "processing finding_highlights",
      "processing finalizing",
      "completed completed",
    ]);
    expect(lines[5]).toMatch(/ 100% /);
    expect(lines[6]).toMatch(
      /^\d clips, the first at http:\/\/sandbox\.test\/_sandbox\/media\/[0-9a-f]{24}\/1\.mp4$/,
    );
    expect(lines[7]).toBe("failed as asked: Sandbox: this source fails at transcribing_audio");
    // 100 credits, two jobs, the failed one's credit back.
    expect(lines[8]).toBe("credits left: 99");
  });
});

describe("the command-line guide", () => {
  const md = () => guide("Command line");
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("@ssemble/cli/package.json");
  const bin = join(
    dirname(manifest),
    (require(manifest) as { bin: { ssemble: string } }).bin.ssemble,
  );
  const ssemble = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((ok) =>
      execFile(
        process.execPath,
        [bin, ...args],
        { env: { PATH: process.env.PATH ?? "" } },
        (error, stdout, stderr) => ok({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
  const section = (heading: string) =>
    md()
      .split("\n## ")
      .find((s) => s.startsWith(`${heading}\n`)) ?? "";
  /** The first cells of a section's table rows. */
  const firstCells = (heading: string) =>
    section(heading)
      .split("\n")
      .map((line) => /^\| `([^`]+)`/.exec(line)?.[1])
      .filter((cell): cell is string => cell !== undefined);

  it("tables every command `ssemble --help` lists, and no other", async () => {
    const { stdout } = await ssemble(["--help"]);
    const commands = (stdout.split("\nCommands:\n")[1] ?? "")
      .split("\n")
      .map((line) => /^ {2}([a-z-]+)/.exec(line)?.[1])
      .filter((c): c is string => c !== undefined && c !== "help");
    expect(commands.length).toBeGreaterThan(10);
    const { stdout: hooks } = await ssemble(["webhooks", "--help"]);
    const sub = (hooks.split("\nCommands:\n")[1] ?? "")
      .split("\n")
      .map((line) => /^ {2}([a-z-]+)/.exec(line)?.[1])
      .filter((c): c is string => c !== undefined && c !== "help");
    const expected = commands.flatMap((c) =>
      c === "webhooks" ? sub.map((s) => `ssemble webhooks ${s}`) : [`ssemble ${c}`],
    );
    expect(firstCells("Commands").sort()).toEqual(expected.sort());
  });

  it("gives the exit codes `ssemble --help` documents", async () => {
    const { stdout } = await ssemble(["--help"]);
    const documented = [
      ...(stdout.split("Exit codes:\n")[1] ?? "").matchAll(/^ {2}(\d+) +(.+)$/gm),
    ].map((m) => [m[1], m[2]]);
    const table = [...section("In scripts").matchAll(/^\| `(\d+)` \| (.+) \|$/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(table).toEqual(documented);
  });

  it("its create example is accepted by the sandbox as written", async () => {
    const block = /```sh\n(ssemble create [\s\S]+?)```/.exec(
      section("Creating and following jobs"),
    )?.[1];
    expect(block).toBeDefined();
    const words = [...(block as string).replace(/\\\n/g, " ").matchAll(/"([^"]*)"|(\S+)/g)].map(
      (m) => m[1] ?? m[2] ?? "",
    );
    expect(words.slice(0, 2)).toEqual(["ssemble", "create"]);
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const url = await sandbox.listen({ host: "127.0.0.1", port: 0 });
    try {
      // Without --wait: the job's lifecycle is the sandbox's business; that the API takes the body is ours.
      const args = words.slice(1).filter((w) => w !== "--wait");
      const r = await ssemble(["--base-url", url, "--api-key", KEY_CLI, ...args]);
      expect([r.code, r.stderr]).toEqual([0, expect.stringContaining("ssemble watch")]);
      expect(r.stdout.trim()).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      await sandbox.close();
    }
  });

  it("is linked from the CLI README", () => {
    const readme = readFileSync(join(APP_DIR, "..", "..", "packages", "cli", "README.md"), "utf8");
    expect(readme).toContain("reference.html#section/Command-line");
  });
});

const KEY_CLI = "sk_ssemble_docsGuideCli00000000000000000001";
