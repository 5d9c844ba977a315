import { execFileSync } from "node:child_process";
import { listOperations, listWebhooks } from "@ssemble/openapi-model";
import { describe, expect, it } from "vitest";
import {
  curlSample,
  injectCodeSamples,
  orphanSamples,
  presentTypeScript,
  shellQuote,
  TS_LABEL,
} from "../src/code-samples.mjs";
import { miniSpec, tempTree } from "./helpers.js";

const byKey = (key: string) => {
  const spec = miniSpec();
  const ref = [...listOperations(spec), ...listWebhooks(spec)].find((r) => r.key === key);
  if (!ref) throw new Error(`no ${key}`);
  return { spec, ref };
};

/** What bash makes of a line of shell: the argv after word splitting and quote removal. */
function shellWords(command: string): string[] {
  const out = execFileSync("bash", ["-c", `printf '%s\\0' ${command}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", SSEMBLE_API_KEY: "sk_ssemble_test" },
  });
  return out.toString("utf8").split("\0").slice(0, -1);
}

describe("curl samples", () => {
  it("post the first named example, resolved through $ref, quoted so the shell passes it intact", () => {
    const { spec, ref } = byKey("createThing");
    const sample = curlSample(spec, ref);
    const words = shellWords(sample.replace(/^curl /, "").replaceAll("\\\n", " "));
    expect(words).toEqual([
      "-X",
      "POST",
      "https://api.example.test/v1/things",
      "-H",
      "X-API-Key: sk_ssemble_test",
      "-H",
      "Content-Type: application/json",
      "-d",
      JSON.stringify({ name: "it's a thing" }, null, 2),
    ]);
  });

  it("fill path parameters (also path-level ones) and query parameters that have an example or default", () => {
    const { spec, ref } = byKey("getThing");
    const sample = curlSample(spec, ref);
    expect(sample.split(" \\\n")[0]).toBe(
      "curl -X GET 'https://api.example.test/v1/things/t%201%2F2?limit=20'",
    );
    expect(sample).not.toContain("status=");
    expect(sample).not.toContain("-d ");
  });

  it("replay webhook events against a local receiver instead of calling the API", () => {
    const { spec, ref } = byKey("thing.done");
    const sample = curlSample(spec, ref);
    expect(sample).toContain("curl -X POST 'http://127.0.0.1:3000/webhooks/ssemble'");
    expect(sample).toContain(`'${JSON.stringify({ event: "thing.done", id: "abc" }, null, 2)}'`);
    expect(sample).not.toContain("X-API-Key");
  });

  it("shellQuote survives bash for awkward strings", () => {
    for (const value of ["plain", "it's", "$HOME `x` \\n", "a\nb", "''"]) {
      expect(shellWords(shellQuote(value))).toEqual([value]);
    }
  });
});

describe("injectCodeSamples", () => {
  const samples = tempTree({
    "createThing.ts": "// @ts-expect-error for the test\nconst a = 1;\n",
    "getThing.ts": "export const b = 2;\n",
    "webhook.thing.done.ts": "export const c = 3;\n",
    "removedOperation.ts": "export {};\n",
  });

  it("adds curl and TypeScript samples to every operation and webhook of a copy", () => {
    const spec = miniSpec();
    const before = structuredClone(spec);
    const out = injectCodeSamples(spec, samples);
    expect(spec).toEqual(before);
    for (const ref of [...listOperations(out), ...listWebhooks(out)]) {
      const codeSamples = ref.operation["x-codeSamples"] as {
        lang: string;
        label: string;
        source: string;
      }[];
      expect(codeSamples.map((s) => s.label)).toEqual(["curl", TS_LABEL]);
      expect(codeSamples[0]?.source).toMatch(/^(# Replay.*\n)?curl -X /);
    }
    const create = listOperations(out).find((r) => r.key === "createThing");
    const added = create?.operation["x-codeSamples"] as { source: string }[] | undefined;
    expect(added?.[1]?.source).toBe("const a = 1;\n");
  });

  it("refuses to build when a sample file is missing, naming it", () => {
    const partial = tempTree({ "createThing.ts": "export {};\n" });
    expect(() => injectCodeSamples(miniSpec(), partial)).toThrow(
      /missing TypeScript samples .*getThing\.ts, webhook\.thing\.done\.ts/,
    );
  });

  it("finds sample files that belong to no operation", () => {
    expect(orphanSamples(miniSpec(), samples)).toEqual(["removedOperation.ts"]);
  });

  it("presentTypeScript drops compiler and lint directives only", () => {
    expect(
      presentTypeScript("// @ts-expect-error x\n// biome-ignore lint: y\n// keep me\ncode();\n\n"),
    ).toBe("// keep me\ncode();\n");
  });
});
