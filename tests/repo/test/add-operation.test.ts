// CONTRIBUTING's "Adding an operation", proved: scripts/prove-add-operation.mjs adds a throwaway operation to a
// scratch copy of the spec, regenerates the types and the registry, and type-checks the client, the sandbox and the
// CLI against them, before and after the edits CONTRIBUTING lists.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./workspace.js";

interface Proof {
  ok: boolean;
  namedFiles: string[];
  named: string[];
  unexpected: string[];
  afterEdits: string[];
  edits: string[];
}

describe("adding an operation", () => {
  it("the compiler names exactly the places CONTRIBUTING lists, and with those edits everything compiles", () => {
    const run = spawnSync(process.execPath, ["scripts/prove-add-operation.mjs"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 240_000,
    });
    // A proof that could not finish says why on stderr.
    expect(run.stdout, run.stderr).toMatch(/^\{/);
    const proof = JSON.parse(run.stdout) as Proof;
    expect(proof.unexpected).toEqual([]);
    expect(proof.namedFiles).toEqual([
      "packages/client/src/operations.ts",
      "packages/console/src/app/copy-as.ts",
      "packages/mcp/src/tools/operations.ts",
      "packages/sandbox/src/operations/index.ts",
    ]);
    for (const error of proof.named) expect(error).toContain("getShortProgress");
    expect(proof.afterEdits).toEqual([]);
    expect(run.status).toBe(0);
    // Nothing is left behind in the packages.
    for (const pkg of [
      "packages/client",
      "packages/sandbox",
      "packages/cli",
      "packages/mcp",
      "packages/console",
    ]) {
      expect(existsSync(join(ROOT, pkg, "src-scratch")), pkg).toBe(false);
      expect(existsSync(join(ROOT, pkg, "tsconfig.scratch.json")), pkg).toBe(false);
    }
    // CONTRIBUTING counts the same edits the proof makes (plus the docs sample and the changeset).
    const contributing = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");
    for (const edit of proof.edits) {
      const generic = edit
        .replace("shorts_{id}_progress.yaml", "<path>.yaml")
        .replace("get-short-progress.ts", "<operation>.ts")
        .replace("resources/shorts.ts", "resources/<resource>.ts");
      expect(contributing, generic).toContain(generic);
    }
  }, 300_000);
});
