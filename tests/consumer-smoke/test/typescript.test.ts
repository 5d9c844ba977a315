// A TypeScript consumer of the packed packages type-checks under moduleResolution node16 and bundler.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

const projectDir = inject("projectDir");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe.each(["node16", "bundler"])("TypeScript consumer, moduleResolution %s", (resolution) => {
  it("type-checks against the published declarations", () => {
    const result = spawnSync(
      process.execPath,
      [tsc, "-p", `tsconfig.${resolution}.json`, "--listFiles"],
      {
        cwd: projectDir,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    const errors = result.stdout
      .split("\n")
      .filter((l) => l.includes("error TS"))
      .join("\n");
    expect(errors).toBe("");
    expect(result.status).toBe(0);
    // The declarations came from the installed tarballs.
    const files = result.stdout.split("\n");
    for (const pkg of ["client", "types"]) {
      expect(files).toContain(join(projectDir, `node_modules/@ssemble/${pkg}/dist/index.d.ts`));
    }
  });
});
