// An API that echoes the caller's key (in an error message, in data, in a progress step): the key never reaches the
// MCP client, in a result, a structured answer or a progress notification.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createSsembleClient } from "@ssemble/client";
import { describe, expect, it } from "vitest";
import { createSsembleMcpServer } from "../src/index.js";
import { keyFor } from "./connect.js";

const ID = "0123456789abcdef01234567";
const KEY = keyFor("echo");

/** An API that quotes the key back: in a 400's message and details, and in a running job's step message. */
async function echoing(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  if (url.pathname.endsWith("/status")) {
    return json(200, {
      data: {
        _id: ID,
        status: "processing",
        step: "transcribing_audio",
        stepMessage: `Transcribing for ${KEY} and ${encodeURIComponent(KEY)}`,
        progress: 40,
        userEmail: "someone@example.com",
        isDemo: false,
      },
    });
  }
  return json(400, {
    error: {
      code: "invalid_request",
      message: `Key ${KEY} sent a bad request`,
      details: { apiKey: KEY },
    },
  });
}

describe("a key the API echoes", () => {
  it("is redacted from results, structured content and progress notifications", async () => {
    const server = createSsembleMcpServer({
      client: createSsembleClient({
        apiKey: KEY,
        baseUrl: "http://echo.test/api/v1",
        fetch: (input, init) => echoing(new Request(input, init)),
        maxRetries: 0,
      }),
      secrets: [KEY],
      wait: { defaultSeconds: 1, pollIntervalMs: 50, maxPollIntervalMs: 50 },
    });
    const mcp = new Client({ name: "t", version: "1" });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(b), mcp.connect(a)]);
    await mcp.listTools();
    const messages: string[] = [];
    const outputs: CallToolResult[] = [
      (await mcp.callTool({ name: "get_status", arguments: { requestId: ID } })) as CallToolResult,
      (await mcp.callTool({
        name: "create_short",
        arguments: { url: "https://youtu.be/x", start: 0, end: 60 },
      })) as CallToolResult,
      (await mcp.callTool({ name: "wait_for_short", arguments: { requestId: ID } }, undefined, {
        onprogress: (p) => messages.push(p.message ?? ""),
      })) as CallToolResult,
    ];
    const everything = JSON.stringify([outputs, messages]);
    // The echoes did arrive, redacted.
    expect(everything).toContain("Transcribing for [redacted] and [redacted]");
    expect(everything).toContain("[redacted]");
    expect(messages.length).toBeGreaterThan(0);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(encodeURIComponent(KEY).slice(11));
    await mcp.close();
    await server.close();
  });
});
