import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { OPERATIONS } from "@ssemble/client/operations";
import { listOperations, listWebhooks } from "@ssemble/openapi-model";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { SITE_FILES } from "../src/build-site.mjs";
import {
  CURL_LABEL,
  orphanSamples,
  presentTypeScript,
  sampleFileName,
  TS_LABEL,
} from "../src/code-samples.mjs";
import { locateSpec } from "../src/spec-location.mjs";
import { APP_DIR, DIST_DIR, readSpec, type Spec } from "./helpers.js";

const SAMPLES_DIR = join(APP_DIR, "samples");
const bundled: Spec = readSpec(join(locateSpec().distDir, "openapi.json"));
const docs: Spec = readSpec(join(DIST_DIR, SITE_FILES.docsSpec));

/** The client call each operation's TypeScript sample must make. */
// Each operation's sample must call the client method the client's own map names.
const CLIENT_CALL: Record<string, string> = Object.fromEntries(
  Object.entries(OPERATIONS).map(([id, op]) => [id, `ssemble.${op.call}(`]),
);

interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

describe("code samples on every operation", () => {
  const refs = [...listOperations(docs), ...listWebhooks(docs)];

  it("cover the bundled spec's operations and webhooks exactly", () => {
    expect(listOperations(docs).map((r) => r.key)).toEqual(
      listOperations(bundled).map((r) => r.key),
    );
    expect(
      listOperations(bundled)
        .map((r) => r.key)
        .sort(),
    ).toEqual(Object.keys(CLIENT_CALL).sort());
    expect(
      listWebhooks(bundled)
        .map((r) => r.key)
        .sort(),
    ).toEqual(["shorts.completed", "shorts.failed"]);
    expect(orphanSamples(bundled, SAMPLES_DIR)).toEqual([]);
  });

  it("every operation and webhook in the site's spec has a curl and a TypeScript sample", () => {
    for (const ref of refs) {
      const samples = (ref.operation["x-codeSamples"] ?? []) as CodeSample[];
      expect(
        samples.map((s) => [s.lang, s.label]),
        ref.key,
      ).toEqual([
        ["Shell", CURL_LABEL],
        ["TypeScript", TS_LABEL],
      ]);
      expect(
        samples.every((s) => s.source.trim().length > 0),
        ref.key,
      ).toBe(true);
    }
  });

  it("TypeScript samples are the compiled files, calling the operation through @ssemble/client", () => {
    for (const ref of refs) {
      const file = readFileSync(join(SAMPLES_DIR, sampleFileName(ref.key, ref.kind)), "utf8");
      const shown = (ref.operation["x-codeSamples"] as CodeSample[])[1]?.source;
      expect(shown, ref.key).toBe(presentTypeScript(file));
      expect(file, ref.key).toContain('from "@ssemble/client"');
      expect(file, ref.key).toContain(
        ref.kind === "webhook" ? "parseWebhookEvent(" : CLIENT_CALL[ref.key],
      );
      expect(file, `${ref.key} never hard-codes a key`).not.toMatch(/sk_ssemble_[A-Za-z0-9]{8,}/);
    }
  });

  it("curl samples call the operation's method and path on the production server with the key header", () => {
    const server = String(bundled.servers?.[0]?.url).replace(/\/$/, "");
    for (const ref of listOperations(docs)) {
      const curl = (ref.operation["x-codeSamples"] as CodeSample[])[0]?.source ?? "";
      const pathPattern = ref.path.replace(/\{[^}]+\}/g, "[^/?']+");
      expect(curl, ref.key).toMatch(
        new RegExp(`^curl -X ${ref.method.toUpperCase()} '${server}${pathPattern}(\\?[^']*)?'`),
      );
      expect(curl, ref.key).toContain('-H "X-API-Key: $SSEMBLE_API_KEY"');
      if (ref.operation.requestBody) expect(curl, ref.key).toContain("-d '{");
    }
  });
});

describe("TypeScript samples compile against the built @ssemble/client", () => {
  const configPath = join(APP_DIR, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error("cannot read tsconfig.json");
  const options = parsed.options;
  const sampleFiles = parsed.fileNames.filter((f) => f.startsWith(`${SAMPLES_DIR}/`));

  function diagnostics(extra: Record<string, string> = {}) {
    const host = ts.createCompilerHost(options);
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (f) => f in extra || fileExists(f);
    host.readFile = (f) => extra[f] ?? readFile(f);
    host.getSourceFile = (f, lang, ...rest) =>
      f in extra ? ts.createSourceFile(f, extra[f] ?? "", lang) : getSourceFile(f, lang, ...rest);
    const program = ts.createProgram([...sampleFiles, ...Object.keys(extra)], options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
  }

  it("finds every sample, the guides' included", () => {
    const expected = [
      ...readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".ts")),
      ...readdirSync(join(SAMPLES_DIR, "guides")).map((f) => `guides/${f}`),
    ];
    expect(sampleFiles.map((f) => f.slice(SAMPLES_DIR.length + 1)).sort()).toEqual(expected.sort());
  });

  it("with zero errors under strict settings", () => {
    expect(options.strict).toBe(true);
    expect(diagnostics()).toEqual([]);
  });

  it("and would report a sample that stops compiling", () => {
    const broken = join(SAMPLES_DIR, "__broken__.ts");
    const errors = diagnostics({
      [broken]:
        'import { createSsembleClient } from "@ssemble/client";\n' +
        "const ssemble = createSsembleClient({ apiKey: 42 });\n" +
        "await ssemble.shorts.nonExistent();\n" +
        // Proves the response types from @ssemble/types are resolved, not silently `any`.
        'const job = await ssemble.shorts.status("665a1b2c3d4e5f6a7b8c9d0e");\n' +
        "export const progress: string = job.progress;\n",
    });
    const mine = errors.filter((e) => e.startsWith(broken));
    expect(mine.some((e) => e.startsWith(`${broken}:2 `))).toBe(true);
    expect(mine.some((e) => e.startsWith(`${broken}:3 `))).toBe(true);
    expect(
      mine.some((e) => e.startsWith(`${broken}:5 `) && /not assignable to type 'string'/.test(e)),
    ).toBe(true);
  });
});
