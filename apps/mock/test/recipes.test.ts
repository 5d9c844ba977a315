import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  buildRecipes,
  curlLine,
  DEFAULT_BASE_URL,
  extractBlock,
  fetchLine,
  RECIPES_END,
  RECIPES_START,
  renderRecipes,
} from "../src/recipes.mjs";
import { mockUrl, spec } from "./support/mock.js";
import { createValidator } from "./support/schema.js";

const validate = createValidator(spec.document);

const run = promisify(execFile);
const mockMd = readFileSync(new URL("../MOCK.md", import.meta.url), "utf8");
const recipes = buildRecipes(spec.operations);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  body: string,
) => () => Promise<unknown>;

describe("MOCK.md", () => {
  it("holds the recipes generated from the bundled spec (run `pnpm --filter @ssemble/mock recipes` if not)", () => {
    expect(extractBlock(mockMd, RECIPES_START, RECIPES_END)).toBe(renderRecipes(spec.operations));
  });

  it("names every example the spec has, under its operation", () => {
    for (const op of spec.operations) {
      const section = mockMd.slice(mockMd.indexOf(`### \`${op.operationId}\``));
      const end = section.indexOf("\n### ", 1);
      const text = end === -1 ? section : section.slice(0, end);
      for (const response of op.responses) {
        for (const example of response.examples) {
          expect(text, `${op.operationId} ${response.status} ${example.name}`).toMatch(
            new RegExp(`Prefer: (code=${response.status}, )?example=${example.name}\\b`),
          );
        }
        if (!response.status.startsWith("2"))
          expect(text).toContain(`Prefer: code=${response.status}`);
      }
      expect(text).toContain("Prefer: dynamic=true");
    }
  });

  it("has the measured performance figures", () => {
    expect(mockMd).toMatch(/GET \/shorts\/\{id\}\/status \| [\d,]+ \|/);
    expect(mockMd).toMatch(/POST \/shorts\/create \| [\d,]+ \|/);
  });
});

describe("every recipe works when copied", () => {
  it.each(recipes.map((r) => ({ r, label: `${r.operationId}: ${r.prefer ?? "(no Prefer)"}` })))(
    "fetch line $label",
    async ({ r }) => {
      const line = fetchLine(r).replace(DEFAULT_BASE_URL, mockUrl);
      // The printed line itself is executed, so a quoting mistake in MOCK.md fails here.
      const result = await new AsyncFunction(`return ${line.replace(/;$/, "")}`)();
      const response = spec.operations
        .find((op) => op.operationId === r.operationId)
        ?.responses.find((res) => res.status === String(r.status));
      if (r.status === 204) expect(result).toBe(204);
      else {
        // Whatever the recipe selects, the body is one the spec allows for that status.
        expect(response?.schemaPointer, `${r.operationId} ${r.status}`).toBeDefined();
        expect(validate(response?.schemaPointer ?? "", result)).toEqual([]);
      }
      const prefer = r.prefer ?? "";
      const name = /example=(\w+)/.exec(prefer)?.[1];
      if (name) {
        expect(result).toEqual(response?.examples.find((e) => e.name === name)?.value);
      }
    },
  );

  it("curl lines answer with the status their recipe promises", { timeout: 120_000 }, async () => {
    for (const r of recipes) {
      const line = `${curlLine(r).replace(DEFAULT_BASE_URL, mockUrl)} -o /dev/null -w '%{http_code}'`;
      const { stdout } = await run("sh", ["-c", line]);
      expect(Number(stdout), line).toBe(r.status);
    }
  });
});
