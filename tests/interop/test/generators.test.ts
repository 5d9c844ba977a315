// Each generator turns the published bundle into TypeScript without an error, its output type-checks under
// `strict` with a call site using valid create bodies, and whether it rejects a body with both sources or with
// neither at compile time is recorded: the table in spec/README.md must say exactly what was measured.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATORS, run, TOOLS_DIR } from "./tools.js";

const WORK = join(TOOLS_DIR, "work");
mkdirSync(WORK, { recursive: true });
// Inside tools/, so that the generated code resolves its runtime imports (axios, zod, zodios) from there.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const VIDEO = '"https://www.youtube.com/watch?v=dQw4w9WgXcQ"';
const FILE = '"https://cdn.example.com/video.mp4"';
const PROBES = {
  valid: `export const fromUrl: Body = { url: ${VIDEO}, start: 0, end: 60 };\nexport const fromFile: Body = { fileUrl: ${FILE}, start: 0, end: 60, musicVolume: 20 };`,
  both: `export const both: Body = { url: ${VIDEO}, fileUrl: ${FILE}, start: 0, end: 60 };`,
  neither: "export const neither: Body = { start: 0, end: 60 };",
};

const tsconfig = (files: string[]) => ({
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    // What a browser or Node 20 project has; hey-api's client iterates URLSearchParams (DOM.Iterable), and
    // kubb writes its imports with `.ts` extensions.
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    allowImportingTsExtensions: true,
    types: [],
    // The libraries' own declarations are theirs; what is checked is the generated code and the call site.
    skipLibCheck: true,
  },
  files,
});

/** Compiles `probe` against the generated code; resolves to tsc's diagnostics ("" when it compiles). */
async function compile(
  dir: string,
  probe: keyof typeof PROBES,
  body: string,
  extra: string[] = [],
) {
  writeFileSync(join(dir, `${probe}.ts`), `${body}\n${PROBES[probe]}\n`);
  writeFileSync(
    join(dir, `tsconfig.${probe}.json`),
    JSON.stringify(tsconfig([`${probe}.ts`, ...extra])),
  );
  const r = await run("tsc", ["-p", `tsconfig.${probe}.json`, "--pretty", "false"], dir);
  return { code: r.code, diagnostics: `${r.stdout}${r.stderr}`.trim() };
}

interface Measured {
  generator: string;
  version: string;
  both: boolean;
  neither: boolean;
}
const measured: Measured[] = [];

describe.each(GENERATORS)("$name", (g) => {
  it("generates from the bundle, and its output type-checks under strict with valid create bodies", async () => {
    const dir = mkdtempSync(join(WORK, `${g.name.replace(/[^a-z0-9]+/gi, "-")}-`));
    dirs.push(dir);
    // Some generators do not create their output directory.
    mkdirSync(join(dir, "out"));
    const generated = await g.generate(dir);
    expect(generated.code, `${g.name} failed:\n${generated.stdout}\n${generated.stderr}`).toBe(0);
    const version = (
      JSON.parse(readFileSync(join(TOOLS_DIR, "node_modules", g.pkg, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    const out = (readdirSync(join(dir, "out"), { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join("out", f));
    expect(out.length).toBeGreaterThan(0);
    // No schema renamed to dodge a clash (hey-api wrote `CreateShortRequest2` while a request body shared its name).
    for (const f of out) {
      expect(readFileSync(join(dir, f), "utf8"), f).not.toMatch(
        /\b(CreateShortRequest|ShortsWebhookEvent)2\b/,
      );
    }
    // The generated code itself, all of it, and the call site.
    const valid = await compile(dir, "valid", g.body, out);
    expect(valid.diagnostics).toBe("");
    expect(valid.code).toBe(0);
    const rejected = async (probe: "both" | "neither") => {
      const r = await compile(dir, probe, g.body);
      // A rejection must come from the probe's own line (after the body's import lines), not from anything else.
      const line = g.body.split("\n").length + 1;
      if (r.code !== 0) expect(r.diagnostics).toMatch(new RegExp(`^${probe}\\.ts\\(${line},`, "m"));
      return r.code !== 0;
    };
    measured.push({
      generator: g.name,
      version,
      both: await rejected("both"),
      neither: await rejected("neither"),
    });
  });
});

describe("spec/README.md", () => {
  it("publishes the table of what each generator rejects, as measured in this run", () => {
    expect(measured).toHaveLength(GENERATORS.length);
    const yes = (b: boolean) => (b ? "rejected" : "compiles");
    const rows = measured.map(
      (m) => `| ${m.generator} | ${m.version} | ${yes(m.both)} | ${yes(m.neither)} |`,
    );
    const table = [
      "| generator | version | a body with both sources | a body with neither |",
      "| --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
    const readme = readFileSync(join(TOOLS_DIR, "..", "..", "..", "spec", "README.md"), "utf8");
    const published = /<!-- interop:generators -->\n([\s\S]*?)\n<!-- \/interop:generators -->/.exec(
      readme,
    )?.[1];
    if (published !== table) writeFileSync(join(WORK, "..", "measured-table.md"), `${table}\n`);
    expect(published, `spec/README.md should hold:\n${table}`).toBe(table);
  });
});
