// Test plumbing: an MCP client of the official SDK connected to our server in the same process, over the SDK's
// in-memory transport, with an in-process sandbox as the API.
import { randomBytes } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createSsembleClient, type SsembleClient } from "@ssemble/client";
import { createSandbox, type Sandbox, type SandboxOptions } from "@ssemble/sandbox";
import { createSsembleMcpServer, type SsembleMcpServerOptions } from "../src/index.js";

export const VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

/** A well-formed key; `name` may be one of the sandbox's magic keys (`ratelimited`, `nocredits`, ...). */
export const keyFor = (name = "mcp") =>
  `sk_ssemble_${`${name}${randomBytes(16).toString("hex")}`.slice(0, 32)}`;

export interface Connected {
  mcp: Client;
  sandbox: Sandbox;
  apiKey: string;
  close(): Promise<void>;
  /** Calls a tool; the SDK client checks `structuredContent` against the tool's output schema. */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
}

export function sandboxClient(
  sandbox: Sandbox,
  apiKey: string,
  onResponse?: () => void,
): SsembleClient {
  return createSsembleClient({
    apiKey,
    baseUrl: "http://sandbox.test/api/v1",
    fetch: sandbox.fetch,
    maxRetries: 0,
    onResponse,
  });
}

export async function connect(
  options: {
    sandbox?: SandboxOptions;
    apiKey?: string;
    server?: Partial<SsembleMcpServerOptions>;
    /** Told of every API answer the server's client gets. */
    onResponse?: () => void;
  } = {},
): Promise<Connected> {
  const sandbox = createSandbox(options.sandbox ?? { clock: { mode: "manual" } });
  const apiKey = options.apiKey ?? keyFor();
  const server = createSsembleMcpServer({
    client: () => sandboxClient(sandbox, apiKey, options.onResponse),
    secrets: [apiKey],
    ...options.server,
  });
  const mcp = new Client({ name: "ssemble-mcp-tests", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
  // The SDK client checks a tool's structuredContent against its outputSchema only once it has listed the tools.
  await mcp.listTools();
  return {
    mcp,
    sandbox,
    apiKey,
    call: async (name, args = {}) =>
      (await mcp.callTool({ name, arguments: args })) as CallToolResult,
    async close() {
      await mcp.close();
      await server.close();
      await sandbox.close();
    },
  };
}

/** The text of a result's content blocks, joined. */
export const textOf = (result: CallToolResult) =>
  result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
