// Streamable HTTP with the SDK's own client: each request's key is its own workspace, keyless and foreign
// requests are refused before any work, bodies are bounded, and a job is waited for with progress over SSE.
import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createSsembleClient } from "@ssemble/client";
import { createSandbox, type Sandbox } from "@ssemble/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiTarget,
  type HttpServer,
  sandboxTarget,
  startHttpServer,
  type Target,
} from "../src/index.js";
import { keyFor, textOf, VIDEO } from "./connect.js";
import { MCP_BIN, start } from "./processes.js";

async function httpClient(url: string, headers: Record<string, string>) {
  const mcp = new Client({ name: "http-test", version: "1.0.0" });
  await mcp.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return mcp;
}

const call = async (mcp: Client, name: string, args: Record<string, unknown> = {}) =>
  (await mcp.callTool({ name, arguments: args })) as CallToolResult;

const INIT = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "raw", version: "1" },
  },
});

/** A raw POST, so that Host and Origin can be anything. */
function post(
  url: string,
  headers: Record<string, string>,
  body = INIT,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("HTTP on a sandbox on a port (a key is required)", () => {
  let sandbox: Sandbox;
  let http: HttpServer;
  beforeAll(async () => {
    sandbox = createSandbox({ clock: { mode: "running", speed: 30 } });
    const base = await sandbox.listen({ port: 0 });
    http = await startHttpServer({
      target: apiTarget(`${base}/api/v1`),
      port: 0,
      wait: { pollIntervalMs: 50, maxPollIntervalMs: 50 },
    });
  });
  afterAll(async () => {
    await http.close();
    await sandbox.close();
  });

  it("serves each request with its own key: X-Ssemble-API-Key or Bearer, one workspace each", async () => {
    const alice = keyFor("alice");
    const bob = keyFor("bob");
    const a = await httpClient(http.url, { "X-Ssemble-API-Key": alice });
    const b = await httpClient(http.url, { Authorization: `Bearer ${bob}` });
    try {
      const created = await call(a, "create_short", { url: VIDEO, start: 0, end: 60 });
      const requestId = (created.structuredContent as { requestId: string }).requestId;
      const mine = await call(a, "list_requests");
      const theirs = await call(b, "list_requests");
      expect(JSON.stringify(mine.structuredContent)).toContain(requestId);
      expect(JSON.stringify(theirs.structuredContent)).not.toContain(requestId);
      expect(textOf(await call(b, "get_status", { requestId }))).toContain(
        "404 resource_not_found",
      );
      const progress: number[] = [];
      const waited = (await a.callTool(
        { name: "wait_for_short", arguments: { requestId } },
        undefined,
        {
          onprogress: (p) => progress.push(p.progress),
        },
      )) as CallToolResult;
      expect(waited.structuredContent).toMatchObject({ done: true, status: "completed" });
      expect(progress.length).toBeGreaterThan(0);
      expect(JSON.stringify([created, mine, waited])).not.toContain(alice);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("refuses a request without a key with 401, never serving it with another key", async () => {
    const res = await post(http.url, {});
    expect(res.status).toBe(401);
    expect(res.text).toContain("X-Ssemble-API-Key");
    await expect(httpClient(http.url, {})).rejects.toThrow();
  });

  it("refuses a foreign Origin and an unexpected Host (DNS rebinding)", async () => {
    const key = { "X-Ssemble-API-Key": keyFor() };
    expect((await post(http.url, { ...key, origin: "https://evil.example" })).status).toBe(403);
    expect((await post(http.url, { ...key, origin: "null" })).status).toBe(403);
    expect((await post(http.url, { ...key, host: "evil.example" })).status).toBe(403);
    const port = new URL(http.url).port;
    expect((await post(http.url, { ...key, host: `localhost:${Number(port) + 1}` })).status).toBe(
      403,
    );
    // Loopback pages (the MCP Inspector, say) may call it.
    expect(
      (await post(http.url, { ...key, origin: "http://localhost:6274", host: `localhost:${port}` }))
        .status,
    ).toBe(200);
  });

  it("lets pages on this machine call it (CORS, with the preflight), and no others", async () => {
    const page = "http://localhost:5173";
    const preflight = await fetch(http.url, {
      method: "OPTIONS",
      headers: {
        origin: page,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-ssemble-api-key",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(page);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-ssemble-api-key");
    const answer = await post(http.url, { "X-Ssemble-API-Key": keyFor(), origin: page }, INIT);
    expect(answer.status).toBe(200);
    const foreign = await fetch(http.url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("bounds request bodies and answers other methods and paths plainly", async () => {
    const key = { "X-Ssemble-API-Key": keyFor() };
    const huge = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "ping",
      params: { pad: "x".repeat(1_100_000) },
    });
    expect((await post(http.url, key, huge)).status).toBe(413);
    const get = await fetch(http.url, { headers: key });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await fetch(new URL("/elsewhere", http.url))).status).toBe(404);
    const health = await fetch(new URL("/health", http.url));
    expect(await health.json()).toMatchObject({ status: "ok" });
  });
});

describe("cancelling a call over HTTP", () => {
  it("stops a wait when the client cancels it, though the cancellation comes in another request", async () => {
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    let answers = 0;
    const target: Target = {
      needsKey: true,
      describe: "a counting sandbox",
      client: (key) =>
        createSsembleClient({
          apiKey: key ?? "",
          baseUrl: "http://sandbox.test/api/v1",
          fetch: sandbox.fetch,
          onResponse: () => answers++,
        }),
      close: () => sandbox.close(),
    };
    const http = await startHttpServer({
      target,
      port: 0,
      wait: { pollIntervalMs: 20, maxPollIntervalMs: 20, defaultSeconds: 30, maxSeconds: 30 },
    });
    const mcp = await httpClient(http.url, { "X-Ssemble-API-Key": keyFor() });
    try {
      const created = await call(mcp, "create_short", { url: VIDEO, start: 0, end: 60 });
      const requestId = (created.structuredContent as { requestId: string }).requestId;
      const abort = new AbortController();
      const waiting = mcp.callTool(
        { name: "wait_for_short", arguments: { requestId } },
        undefined,
        {
          signal: abort.signal,
        },
      );
      const start = answers;
      while (answers < start + 3) await new Promise((r) => setTimeout(r, 10));
      abort.abort();
      await expect(waiting).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 100));
      const settled = answers;
      await new Promise((r) => setTimeout(r, 300));
      // Polling every 20 ms for 30 s unless cancelled: no poll after the cancellation.
      expect(answers).toBe(settled);
    } finally {
      await mcp.close();
      await http.close();
      await target.close();
    }
  });
});

describe("the binary over HTTP, --sandbox", () => {
  it("starts on the port it prints and needs no key", async () => {
    const running = await start(
      MCP_BIN,
      ["--http", "--port", "0", "--sandbox"],
      /listening at (http:\/\/\S+\/mcp)/,
    );
    try {
      const mcp = await httpClient(running.url, {});
      const templates = await call(mcp, "list_templates");
      expect(templates.isError).toBeFalsy();
      await mcp.close();
    } finally {
      await running.stop();
    }
  });
});

describe("sandboxTarget", () => {
  it("gives callers without a key one scratch workspace and each key its own", async () => {
    const target = sandboxTarget();
    const http = await startHttpServer({ target, port: 0 });
    try {
      const anonymous = await httpClient(http.url, {});
      const keyed = await httpClient(http.url, { "X-Ssemble-API-Key": keyFor() });
      await call(anonymous, "create_short", { url: VIDEO, start: 0, end: 60 });
      const a = (await call(anonymous, "list_requests")).structuredContent as {
        requests: unknown[];
      };
      const k = (await call(keyed, "list_requests")).structuredContent as { requests: unknown[] };
      expect(a.requests).toHaveLength(1);
      expect(k.requests).toHaveLength(0);
      await anonymous.close();
      await keyed.close();
    } finally {
      await http.close();
      await target.close();
    }
  });
});
