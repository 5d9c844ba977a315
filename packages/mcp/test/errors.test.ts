// Every error the spec documents, provoked on the real sandbox (its magic keys and inputs), comes back as a tool
// result with isError, the API's status and code and what to do next; the key is never in it.
import { SAMPLE_ID } from "@ssemble/openapi-model";
import { errorCases } from "@ssemble/testkit";
import { OPERATION_REGISTRY, type OperationId } from "@ssemble/types/operations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTarget, createSsembleMcpServer, OPERATION_TOOLS } from "../src/index.js";
import { type Connected, connect, keyFor, textOf, VIDEO } from "./connect.js";

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

const connections = new Map<string, Connected>();
const connectionFor = async (magic: string | undefined) => {
  const name = magic ?? "plain";
  let c = connections.get(name);
  if (!c) {
    c = await connect({ apiKey: keyFor(magic ?? "errors") });
    connections.set(name, c);
  }
  return c;
};
afterAll(async () => {
  for (const c of connections.values()) await c.close();
});

const cases = errorCases().filter((e) => e.code !== "missing_api_key");

describe("every documented error", () => {
  it.each(cases.map((e) => [`${e.operationId} ${e.status} ${e.code}`, e] as const))(
    "%s",
    async (_, e) => {
      const c = await connectionFor(MAGIC[e.code]);
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

  it("without a key, every tool says how to give one, and nothing is sent", async () => {
    const server = createSsembleMcpServer({
      client: () => apiTarget("http://127.0.0.1:9").client(undefined),
    });
    const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
    const { InMemoryTransport } = await import("@modelcontextprotocol/sdk/inMemory.js");
    const mcp = new Client({ name: "t", version: "1" });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(b), mcp.connect(a)]);
    for (const id of Object.keys(OPERATION_REGISTRY) as OperationId[]) {
      const result = await mcp.callTool({
        name: OPERATION_TOOLS[id].name,
        arguments: argumentsFor(id, ""),
      });
      expect(result.isError, id).toBe(true);
      expect(textOf(result as never)).toContain("set SSEMBLE_API_KEY");
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
