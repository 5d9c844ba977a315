// The ssemble-mcp binary over stdio, driven by the SDK's own stdio client: on its in-process sandbox, on the
// sandbox binary through --base-url, and without a key.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFor, textOf, VIDEO } from "./connect.js";
import { MCP_BIN, type Running, SANDBOX_BIN, start } from "./processes.js";

async function stdioClient(args: string[], env: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MCP_BIN, ...args],
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const mcp = new Client({ name: "stdio-test", version: "1.0.0" });
  await mcp.connect(transport);
  return { mcp, stderr: () => stderr };
}

const call = async (mcp: Client, name: string, args: Record<string, unknown>) =>
  (await mcp.callTool({ name, arguments: args })) as CallToolResult;

async function createAndWait(mcp: Client) {
  const created = await call(mcp, "create_short", { url: VIDEO, start: 0, end: 90 });
  expect(created.isError, textOf(created)).toBeFalsy();
  const requestId = (created.structuredContent as { requestId: string }).requestId;
  const progress: number[] = [];
  const result = (await mcp.callTool(
    { name: "wait_for_short", arguments: { requestId } },
    undefined,
    {
      onprogress: (p) => progress.push(p.progress),
    },
  )) as CallToolResult;
  return { requestId, result, progress };
}

describe("stdio, --sandbox", () => {
  it("serves every tool and waits for a job to completion with progress", async () => {
    const { mcp } = await stdioClient(["--sandbox", "--speed", "30", "--poll-interval", "50"]);
    try {
      // One per operation, and the two waiting tools.
      expect((await mcp.listTools()).tools).toHaveLength(
        Object.keys(OPERATION_REGISTRY).length + 2,
      );
      expect(mcp.getServerVersion()).toMatchObject({ name: "ssemble" });
      const { result, progress } = await createAndWait(mcp);
      expect(result.structuredContent).toMatchObject({ done: true, status: "completed" });
      expect(progress.length).toBeGreaterThan(0);
      const resources = await mcp.listResources();
      expect(resources.resources.map((r) => r.uri)).toContain("ssemble://supported-languages");
    } finally {
      await mcp.close();
    }
  });
});

describe("stdio, on the sandbox binary", () => {
  let sandbox: Running;
  beforeAll(async () => {
    sandbox = await start(
      SANDBOX_BIN,
      ["--port", "0", "--speed", "30"],
      /listening at (http:\/\/\S+?)\s/,
    );
  });
  afterAll(() => sandbox?.stop());

  it("calls the API at --base-url with SSEMBLE_API_KEY, which never appears in its output", async () => {
    const apiKey = keyFor("stdio");
    const { mcp, stderr } = await stdioClient(
      ["--base-url", `${sandbox.url}/api/v1`, "--poll-interval", "50"],
      {
        SSEMBLE_API_KEY: apiKey,
      },
    );
    try {
      const { requestId, result } = await createAndWait(mcp);
      expect(result.structuredContent).toMatchObject({
        done: true,
        status: "completed",
        requestId,
      });
      // The job is in the sandbox workspace of that key, seen over plain HTTP.
      const listed = await fetch(`${sandbox.url}/api/v1/shorts`, {
        headers: { "X-API-Key": apiKey },
      });
      expect(JSON.stringify(await listed.json())).toContain(requestId);
      const bad = await call(mcp, "get_shorts", { requestId: "ffffffffffffffffffffffff" });
      expect(textOf(bad)).toContain("404 resource_not_found");
      expect(JSON.stringify([result, bad])).not.toContain(apiKey);
    } finally {
      await mcp.close();
    }
    expect(stderr()).not.toContain(apiKey);
  });

  it("without a key, answers every call with how to set one", async () => {
    const { mcp } = await stdioClient(["--base-url", `${sandbox.url}/api/v1`]);
    try {
      const result = await call(mcp, "list_templates", {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain("set SSEMBLE_API_KEY");
    } finally {
      await mcp.close();
    }
  });
});
