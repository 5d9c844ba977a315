import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = fileURLToPath(new URL("./smoke/", import.meta.url));

// Runs the built package (dist/, built by `pnpm build` — turbo builds before testing) in fresh Node processes.
describe("built package smoke test", () => {
  it("dist exists", () => {
    expect(existsSync(fileURLToPath(new URL("../dist/index.js", import.meta.url)))).toBe(true);
  });

  it.each([
    ["ESM import", "esm.mjs", "esm import: ok"],
    ["CommonJS require", "cjs.cjs", "cjs require: ok"],
  ])("%s calls a loopback server", async (_, file, expected) => {
    const { stdout, stderr } = await run(process.execPath, [file], { cwd: dir });
    expect(stdout).toContain(expected);
    expect(stderr).not.toMatch(/Error/);
  });
});
