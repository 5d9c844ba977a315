// The packed MCP server, installed by npm outside the workspace: its bin from node_modules/.bin, driven by the
// official SDK's stdio client, on its in-process sandbox and on the Prism mock; its library from an ES module.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import { describe, expect, inject, it } from "vitest";

const projectDir = inject("projectDir");
const mockUrl = inject("mockUrl");
const bin = () => join(projectDir, "node_modules/.bin/ssemble-mcp");

async function session(args: string[], env: Record<string, string> = {}) {
  const mcp = new Client({ name: "consumer-smoke", version: "1.0.0" });
  await mcp.connect(
    new StdioClientTransport({
      command: bin(),
      args,
      cwd: projectDir,
      env: { PATH: process.env.PATH ?? "", ...env },
    }),
  );
  return mcp;
}

const call = async (mcp: Client, name: string, args: Record<string, unknown> = {}) =>
  (await mcp.callTool({ name, arguments: args })) as CallToolResult;

describe("the packed MCP server", () => {
  it("runs from node_modules/.bin: --version is the packed version", () => {
    const version = spawnSync(bin(), ["--version"], { cwd: projectDir, encoding: "utf8" });
    const manifest = spawnSync(
      process.execPath,
      ["-p", "require('@ssemble/mcp-server/package.json').version"],
      {
        cwd: projectDir,
        encoding: "utf8",
      },
    );
    expect([version.status, version.stdout.trim()]).toEqual([0, manifest.stdout.trim()]);
  });

  it("--sandbox: creates a job and waits for it to complete, with the installed sandbox", async () => {
    const mcp = await session(["--sandbox", "--speed", "1000", "--poll-interval", "20"]);
    try {
      // One per operation, and the two waiting tools.
      expect((await mcp.listTools()).tools.length).toBe(Object.keys(OPERATION_REGISTRY).length + 2);
      const created = await call(mcp, "create_short", {
        url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        start: 0,
        end: 60,
      });
      const requestId = (created.structuredContent as { requestId: string }).requestId;
      const waited = await call(mcp, "wait_for_short", { requestId });
      expect(waited.structuredContent).toMatchObject({ done: true, status: "completed" });
    } finally {
      await mcp.close();
    }
  });

  it("calls the Prism mock with SSEMBLE_API_KEY and --base-url", async () => {
    const mcp = await session(["--base-url", mockUrl], {
      SSEMBLE_API_KEY: "sk_ssemble_consumerSmokeMcp0000000000000001",
    });
    try {
      const templates = await call(mcp, "list_templates");
      expect(templates.isError, JSON.stringify(templates.content)).toBeFalsy();
      expect(
        (templates.structuredContent as { templates: unknown[] }).templates.length,
      ).toBeGreaterThan(0);
    } finally {
      await mcp.close();
    }
  });

  it("imports as a library from an ES module", () => {
    const out = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        "const m = await import('@ssemble/mcp-server'); console.log(JSON.stringify(Object.values(m.OPERATION_TOOLS).map((t) => t.name)))",
      ],
      { cwd: projectDir, encoding: "utf8" },
    );
    expect(out.stderr).toBe("");
    expect(JSON.parse(out.stdout)).toContain("create_short");
  });
});
