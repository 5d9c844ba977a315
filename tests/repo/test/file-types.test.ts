// The file-type rule (CONTRIBUTING.md): TypeScript wherever code is type-checked, and JavaScript only where a
// tsconfig checks it too (checkJs, or `// @ts-check` in a program that allows JS). This finds every tracked JS
// and TS file in the files the repository's tsconfigs include.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT, trackedFiles } from "./workspace.js";

const CODE = /\.(ts|mts|cts|mjs|cjs|js)$/;
/**
 * Not part of any program, on purpose: generated output with its own staleness check; fixture documents; the
 * files the consumer smoke and ecosystem suites copy into projects outside the workspace, where they compile
 * (or bundle, or run) them under each configuration themselves.
 */
const OUTSIDE = [
  /\/generated\//,
  /\/fixtures\//,
  /^tests\/consumer-smoke\/consumer\//,
  /^tests\/ecosystem\/consumer\//,
];

const tracked = trackedFiles();
const configs = tracked.filter((f) => /(^|\/)tsconfig\.json$/.test(f));

/**
 * Every file each config includes, with whether JS files are checked there: one in-process parse per config
 * (the compiler's own config reader, so `extends`, `include` and `exclude` mean what they mean to tsc).
 */
function programs() {
  const checked = new Map<string, boolean>();
  for (const config of configs) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, config),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    );
    if (!parsed) throw new Error(`cannot read ${config}`);
    for (const name of parsed.fileNames) {
      const file = relative(ROOT, name);
      checked.set(file, (checked.get(file) ?? false) || parsed.options.checkJs === true);
    }
  }
  return checked;
}

describe("file types", () => {
  const checked = programs();
  const code = tracked.filter((f) => CODE.test(f) && !OUTSIDE.some((re) => re.test(f)));

  it("reads the repository's tsconfigs", () => {
    expect(configs.length).toBeGreaterThan(8);
    expect(checked.size).toBeGreaterThan(100);
  });

  it("every TypeScript and JavaScript file is in a type-checked program", () => {
    const missing = code.filter((f) => !checked.has(f));
    expect(
      missing,
      `not in any tsconfig's program: add them to one (${dirname(missing[0] ?? ".")})`,
    ).toEqual([]);
  });

  it("every tsconfig is run by its package's typecheck script (the root's by the root one)", () => {
    for (const config of configs) {
      const dir = dirname(config);
      const manifest = JSON.parse(
        readFileSync(
          join(ROOT, dir === "." || dir === "scripts" ? "" : dir, "package.json"),
          "utf8",
        ),
      );
      const script: string = manifest.scripts?.typecheck ?? "";
      const runsIt = dir === "scripts" ? script.includes("tsc -p scripts") : /\btsc\b/.test(script);
      expect(runsIt, `${config} is not run by a typecheck script`).toBe(true);
    }
  });

  it("every JavaScript file is actually checked: checkJs, or // @ts-check", () => {
    const unchecked = code.filter((f) => {
      if (/\.(ts|mts|cts)$/.test(f) || checked.get(f)) return false;
      return !/^(#!.*\n)?(\/\/.*\n)*\/\/ @ts-check/.test(readFileSync(join(ROOT, f), "utf8"));
    });
    expect(unchecked).toEqual([]);
  });
});
