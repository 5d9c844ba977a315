// TypeScript consumers of the packed packages under every configuration of the matrix, each in a fresh project
// with `strict` and `skipLibCheck: false` unless the case says otherwise (so the published declarations are
// checked too). A configuration that works is compiled and its output run on Node.js 20.19.0 against the mock;
// one that does not must fail with exactly the errors the client README names, so the README's requirements are
// measured, not remembered.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expected, jobStatuses, operationCount } from "./expected.js";
import { compilerOf, libOf, type TypeScriptCase, typeScriptCases } from "./matrix.js";
import { createProject, run } from "./project.js";
import { nodeBin } from "./runtimes.js";

const slug = (c: TypeScriptCase) => `ts-${c.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

function compile(c: TypeScriptCase) {
  const dir = createProject(slug(c), { type: c.type, dependencies: c.dependencies });
  const tsconfig = {
    compilerOptions: {
      module: c.module,
      moduleResolution: c.moduleResolution,
      target: "ES2022",
      lib: libOf(c),
      types: c.types ?? [],
      strict: true,
      skipLibCheck: c.skipLibCheck ?? false,
      outDir: "out",
    },
    files: [`${c.entry}.ts`],
  };
  writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const compiler = compilerOf(c);
  const result = run(dir, process.execPath, [
    compiler.bin,
    "-p",
    "tsconfig.json",
    "--pretty",
    "false",
  ]);
  return { dir, result, version: compiler.version };
}

describe.each(typeScriptCases)("$name", (c) => {
  if (c.verdict === "works") {
    it("compiles against the published declarations, and the output runs on Node.js 20.19.0", () => {
      const { dir, result } = compile(c);
      expect(result.stdout).toBe("");
      expect(result.status).toBe(0);
      const ran = run(join(dir, "out"), nodeBin("node-20.19"), [`${c.entry}.js`]);
      expect(ran.stderr).toBe("");
      expect(ran.status).toBe(0);
      const { notFound, ...rest } = expected;
      expect(JSON.parse(ran.stdout)).toEqual({
        ...rest,
        notFound: notFound.notFoundError,
        subpaths: { webhooks: "function", operations: operationCount, types: jobStatuses.length },
      });
    });
  } else {
    const { errors, why } = c.verdict;
    it(`does not compile: ${why}`, () => {
      const { result } = compile(c);
      expect(result.status).not.toBe(0);
      const lines = result.stdout.split("\n").filter((line) => line.includes("error TS"));
      expect(lines.filter((line) => !errors.some((e) => e.test(line)))).toEqual([]);
      for (const error of errors)
        expect(
          lines.some((line) => error.test(line)),
          String(error),
        ).toBe(true);
    });
  }
});
