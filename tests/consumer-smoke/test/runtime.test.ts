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

describe("the packed CLI", () => {
  const bin = () => join(projectDir, "node_modules/.bin/ssemble");
  const ssemble = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(bin(), args, {
      cwd: projectDir,
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("runs from node_modules/.bin: --version is the packed version, --help lists the commands", () => {
    const version = ssemble(["--version"]);
    expect([version.status, version.stderr]).toEqual([0, ""]);
    const manifest = spawnSync(
      process.execPath,
      ["-p", "require('@ssemble/cli/package.json').version"],
      { cwd: projectDir, encoding: "utf8" },
    );
    expect(version.stdout.trim()).toBe(manifest.stdout.trim());
    const help = ssemble(["--help"]);
    expect(help.status).toBe(0);
    for (const command of ["create", "watch", "download", "webhooks", "sandbox"]) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, "m"));
    }
  });

  it("calls the mock with its installed client, and checks create's flags with the installed spec", () => {
    const env = {
      SSEMBLE_API_KEY: "sk_ssemble_consumerSmokeCli0000000000000001",
      SSEMBLE_BASE_URL: mockUrl,
    };
    const templates = ssemble(["templates", "--json"], env);
    expect([templates.status, templates.stderr]).toEqual([0, ""]);
    expect(JSON.parse(templates.stdout).templates.length).toBeGreaterThan(0);
    const bad = ssemble(
      [
        "create",
        "--url",
        "https://www.youtube.com/watch?v=x",
        "--start",
        "0",
        "--end",
        "60",
        "--layout",
        "wide",
      ],
      env,
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: --layout must be one of /);
  });

  it("`ssemble sandbox` starts the installed sandbox, and --sandbox creates a job on it", async () => {
    const { spawn } = await import("node:child_process");
    const { findFreePort } = await import("@ssemble/prism");
    const port = await findFreePort();
    const server = spawn(bin(), ["sandbox", "--port", String(port), "--speed", "1000"], {
      cwd: projectDir,
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise((ok) => server.on("exit", ok));
    try {
      let log = "";
      server.stdout.on("data", (c: Buffer) => {
        log += c.toString();
      });
      server.stderr.on("data", (c: Buffer) => {
        log += c.toString();
      });
      await expect.poll(() => log, { timeout: 15_000 }).toContain(String(port));
      const env = { SANDBOX_PORT: String(port) };
      const created = ssemble(
        [
          "--sandbox",
          "create",
          "--url",
          "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
          "--start",
          "0",
          "--end",
          "60",
          "--wait",
          "--poll-interval",
          "0.05",
          "--json",
          "--quiet",
        ],
        env,
      );
      expect([created.status, created.stderr]).toEqual([0, ""]);
      const result = JSON.parse(created.stdout);
      expect(result.status).toBe("completed");
      expect(result.shorts.length).toBeGreaterThan(0);
    } finally {
      server.kill("SIGINT");
      await exited;
    }
  });
});
