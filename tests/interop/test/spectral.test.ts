// The bundle through Spectral's own OpenAPI ruleset (`spectral:oas`), as a team linting what it consumes would.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { BUNDLE, run, TOOLS_DIR } from "./tools.js";

// Declared in the root `components` on purpose: no operation refers to them (ErrorResponse.yaml's x-decision).
const DELIBERATE_UNUSED = ["components.schemas.ErrorCode", "components.schemas.ErrorResponse"];

it("spectral:oas finds no errors, and warns only of the two deliberately unused components", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ssemble-spectral-"));
  try {
    writeFileSync(join(dir, ".spectral.yaml"), 'extends: ["spectral:oas"]\n');
    const r = await run(
      "spectral",
      ["lint", BUNDLE, "--ruleset", join(dir, ".spectral.yaml"), "--format", "json", "--quiet"],
      dir,
    );
    const results = JSON.parse(r.stdout || "[]") as {
      code: string;
      severity: number;
      path: string[];
    }[];
    // Severity 0 is an error, 1 a warning.
    expect(results.filter((x) => x.severity === 0)).toEqual([]);
    expect(results.map((x) => `${x.code} ${x.path.join(".")}`).sort()).toEqual(
      DELIBERATE_UNUSED.map((p) => `oas3-unused-component ${p}`).sort(),
    );
    expect(r.code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("the IBM ruleset runs to its end: no rule throws (27 did on the boolean schema `false`)", async () => {
  // Inside tools/, so that Spectral resolves the ruleset package from tools/node_modules.
  mkdirSync(join(TOOLS_DIR, "work"), { recursive: true });
  const dir = mkdtempSync(join(TOOLS_DIR, "work", "ibm-"));
  try {
    writeFileSync(join(dir, ".spectral.yaml"), 'extends: ["@ibm-cloud/openapi-ruleset"]\n');
    const ruleset = join(dir, ".spectral.yaml");
    const r = await run(
      "spectral",
      ["lint", BUNDLE, "--ruleset", ruleset, "--format", "json", "--quiet"],
      TOOLS_DIR,
    );
    expect(r.stderr).not.toMatch(/threw an exception|Error running Spectral/);
    const results = JSON.parse(r.stdout) as { code: string; message: string }[];
    // IBM's findings are its own house style (casing, inline schemas, string bounds): a report, not a defect.
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((x) => /threw|exception/i.test(x.message))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
