// The packed client, installed by npm outside the workspace, imported from ESM and required from CommonJS,
// each calling the real Prism mock.
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

const projectDir = inject("projectDir");
const mockUrl = inject("mockUrl");

function runConsumer(file: string) {
  const result = spawnSync(process.execPath, [file], {
    cwd: projectDir,
    env: { ...process.env, SSEMBLE_BASE_URL: mockUrl, NODE_NO_WARNINGS: "1" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

const expected = {
  openapi: expect.stringMatching(/^3\.1\./),
  templateCount: expect.any(Number),
  knownStatus: true,
  notFound: { notFoundError: true, apiError: true, status: 404, code: "resource_not_found" },
};

describe("the packed packages at run time", () => {
  it("resolve from the consumer's node_modules, not the workspace", () => {
    const out = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        "for (const p of ['@ssemble/client', '@ssemble/types']) console.log(new URL(import.meta.resolve(p)).pathname)",
      ],
      { cwd: projectDir, encoding: "utf8" },
    );
    const paths = out.stdout.trim().split("\n");
    expect(paths).toHaveLength(2);
    for (const p of paths)
      expect(realpathSync(p).startsWith(realpathSync(join(projectDir, "node_modules")))).toBe(true);
  });

  it("ESM: import calls the client against Prism", () => {
    const out = runConsumer("esm.mjs");
    expect(out).toMatchObject({ ...expected, moduleSystem: "esm" });
    expect(out.templateCount).toBeGreaterThan(0);
  });

  it("CommonJS: require calls the client against Prism", () => {
    const out = runConsumer("cjs.cjs");
    expect(out).toMatchObject({ ...expected, moduleSystem: "cjs" });
    expect(out.templateCount).toBeGreaterThan(0);
  });

  it("the sandbox runs from its tarball: the client creates a job through sandbox.fetch and sees it complete", () => {
    expect(runConsumer("sandbox.mjs")).toEqual({
      created: "processing",
      completed: "completed",
      clips: 2,
    });
  });
});
