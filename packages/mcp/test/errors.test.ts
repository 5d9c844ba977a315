// Every error the spec documents, provoked on the real sandbox (its magic keys and inputs), comes back as a tool
// result with isError, the API's status and code and what to do next; the key is never in it.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { SAMPLE_ID } from "@ssemble/openapi-model";
import { createSandbox, type Sandbox } from "@ssemble/sandbox";
import { errorCases } from "@ssemble/testkit";
import { OPERATION_REGISTRY, type OperationId } from "@ssemble/types/operations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiTarget,
  createSsembleMcpServer,
  type HttpServer,
  OPERATION_TOOLS,
  startHttpServer,
  type Target,
} from "../src/index.js";
import { type Connected, connect, keyFor, sandboxClient, textOf, VIDEO } from "./connect.js";

const MAGIC: Record<string, string> = {
  invalid_api_key: "revoked",
  rate_limit_exceeded: "ratelimited",
  internal_error: "servererror",
  subscription_required: "nosubscription",
  insufficient_credits: "nocredits",
};

/** The arguments that meet `code` on the sandbox, for tool `id`. */
function argumentsFor(id: OperationId, code: string): Record<string, unknown> {
  const entry = OPERATION_REGISTRY[id];
  const body = (url: string) => ({ url, start: 0, end: 60 });
  if (code === "invalid_youtube_url") return body(`${VIDEO}&sandbox-private`);
  if (code === "video_too_long") return body(`${VIDEO}&sandbox-too-long`);
  if (code === "url_validation_failed") {
    return { fileUrl: "https://example.com/sandbox-unreachable.mp4", start: 0, end: 60 };
  }
  if (code === "invalid_request")
    return entry.body ? { url: VIDEO, start: 60, end: 30 } : { limit: 0 };
  if (entry.body) return body(VIDEO);
  if (entry.pathParams.length > 0) return { requestId: SAMPLE_ID };
  return {};
}

/** A caller: its key, and a tool call made in memory or over HTTP. */
interface Caller {
  apiKey: string;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
}

const connections = new Map<string, Connected>();
/** In memory: one server per key, each on its own sandbox. */
const inMemory = async (magic: string | undefined): Promise<Caller> => {
  const name = magic ?? "plain";
  let c = connections.get(name);
  if (!c) {
    c = await connect({ apiKey: keyFor(magic ?? "errors") });
    connections.set(name, c);
  }
  return c;
};

/** Over HTTP: one server and sandbox; each request brings its key, as a remote client's would. */
let http: { server: HttpServer; sandbox: Sandbox; clients: Map<string, Caller> } | undefined;
const overHttp = async (magic: string | undefined): Promise<Caller> => {
  if (!http) {
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const target: Target = {
      needsKey: true,
      describe: "the sandbox",
      client: (key) => sandboxClient(sandbox, key ?? ""),
      close: () => sandbox.close(),
    };
    http = { server: await startHttpServer({ target, port: 0 }), sandbox, clients: new Map() };
  }
  const name = magic ?? "plain";
  let caller = http.clients.get(name);
  if (!caller) {
    const apiKey = keyFor(magic ?? "errors");
    const mcp = new Client({ name: "errors-http", version: "1" });
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(http.server.url), {
        requestInit: { headers: { "X-Ssemble-API-Key": apiKey } },
      }),
    );
    await mcp.listTools();
    caller = {
      apiKey,
      call: async (tool, args) =>
        (await mcp.callTool({ name: tool, arguments: args })) as CallToolResult,
    };
    http.clients.set(name, caller);
  }
  return caller;
};

afterAll(async () => {
  for (const c of connections.values()) await c.close();
  await http?.server.close();
  await http?.sandbox.close();
});

const cases = errorCases().filter((e) => e.code !== "missing_api_key");

describe.each([
  ["in memory", inMemory],
  ["over HTTP", overHttp],
] as const)("every documented error, %s", (_, callerFor) => {
  it.each(cases.map((e) => [`${e.operationId} ${e.status} ${e.code}`, e] as const))(
    "%s",
    async (_, e) => {
      const c = await callerFor(MAGIC[e.code]);
      const args = argumentsFor(e.operationId, e.code);
      const result = await c.call(OPERATION_TOOLS[e.operationId].name, args);
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toBeUndefined();
      const text = textOf(result);
      if (e.code === "invalid_request" && !OPERATION_REGISTRY[e.operationId].body) {
        // The spec's minimum refuses limit 0 before any request: the same mistake, named locally.
        expect(text).toContain("`limit` must be >= 1");
      } else {
        expect(text).toContain(`${e.status} ${e.code}`);
      }
      if (e.status === 429) expect(text).toMatch(/Retry after \d+ seconds?/);
      expect(text).not.toContain(c.apiKey);
    },
  );
});

describe("without a key", () => {
  it("without a key, every tool says how to give one, and nothing is sent", async () => {
    const server = createSsembleMcpServer({
      client: () => apiTarget("http://127.0.0.1:9").client(undefined),
    });
    const mcp = new Client({ name: "t", version: "1" });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(b), mcp.connect(a)]);
    for (const id of Object.keys(OPERATION_REGISTRY) as OperationId[]) {
      const result = await mcp.callTool({
        name: OPERATION_TOOLS[id].name,
        arguments: argumentsFor(id, ""),
      });
      expect(result.isError, id).toBe(true);
      expect(textOf(result as CallToolResult)).toContain("set SSEMBLE_API_KEY");
    }
    await mcp.close();
    await server.close();
  });
});

describe("rate limits", () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ sandbox: { clock: { mode: "manual" }, limits: { hour: 2, day: 100 } } });
  });
  afterAll(() => c.close());

  it("says when to retry once the hourly cap is spent", async () => {
    await c.call("list_templates");
    await c.call("list_templates");
    const result = await c.call("list_templates");
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain("429 rate_limit_exceeded");
    expect(text).toMatch(/Retry after \d+ seconds? \(the window resets at \d{4}-/);
    expect(text).toContain("The hourly cap is spent.");
  });
});
