// The root's helper scripts: `pnpm -s ssemble ...` builds the CLI through scripts/quiet.mjs, which must say
// nothing when the build succeeds and everything when it fails.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT } from "./workspace.js";

const quiet = (code: string) =>
  spawnSync(process.execPath, ["scripts/quiet.mjs", process.execPath, "-e", code], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });

describe("scripts/quiet.mjs", () => {
  it("says nothing when the command succeeds", () => {
    const run = quiet("console.log('banner'); console.error('tasks'); process.exit(0)");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("");
  });

  it("shows everything on stderr, and exits with the command's code, when it fails", () => {
    const run = quiet("console.log('out line'); console.error('err line'); process.exit(3)");
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("out line\nerr line\n");
  });

  it("is what `pnpm -s ssemble` builds the CLI through", () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.ssemble).toMatch(
      /^node scripts\/quiet\.mjs turbo run build --filter=@ssemble\/cli\.\.\. [^&]*&& node packages\/cli\/dist\/bin\.js$/,
    );
  });
});
