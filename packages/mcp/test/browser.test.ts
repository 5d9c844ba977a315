// A real browser (Debian's Chromium) calling the HTTP transport from a page: a page served from this machine gets
// through CORS and its preflight and lists the tools; a page on another origin is refused before any work.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { launchChromium } from "@ssemble/testkit/chromium";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpServer, sandboxTarget, startHttpServer, type Target } from "../src/index.js";
import { keyFor } from "./connect.js";

let browser: Browser;
let target: Target;
let http: HttpServer;
let page: Server;
let pageUrl = "";

beforeAll(async () => {
  target = sandboxTarget(1);
  http = await startHttpServer({ target, port: 0 });
  page = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>an MCP client page</title>");
  });
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://localhost:${(page.address() as AddressInfo).port}/`;
  // Chromium resolves every name to this machine, so "foreign.test" is a foreign origin served locally.
  browser = await launchChromium(["--host-resolver-rules=MAP * 127.0.0.1"]);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => page?.close(resolve));
  await http?.close();
  await target?.close();
});

/** From the page: initialize, then tools/list, as a browser MCP client would; the tool names, or the failure. */
async function listFrom(url: string, mcpUrl: string, key: string) {
  const tab = await browser.newPage();
  try {
    await tab.goto(url);
    return await tab.evaluate(
      async ({ mcpUrl, key }) => {
        const headers = {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "x-ssemble-api-key": key,
        };
        const rpc = async (body: object) => {
          const res = await fetch(mcpUrl, { method: "POST", headers, body: JSON.stringify(body) });
          const text = await res.text();
          const line = text.split("\n").find((l) => l.startsWith("data: "));
          return JSON.parse(line ? line.slice(6) : text);
        };
        try {
          await rpc({
            jsonrpc: "2.0",
            id: 1,
            method: "initialize",
            params: {
              protocolVersion: "2025-06-18",
              capabilities: {},
              clientInfo: { name: "page", version: "1" },
            },
          });
          const listed = await rpc({ jsonrpc: "2.0", id: 2, method: "tools/list" });
          return { tools: listed.result.tools.map((t: { name: string }) => t.name) as string[] };
        } catch (error) {
          return { error: String(error) };
        }
      },
      { mcpUrl, key },
    );
  } finally {
    await tab.close();
  }
}

describe("the HTTP transport from a browser page", () => {
  it("answers a page on this machine, through the CORS preflight", async () => {
    const result = await listFrom(pageUrl, http.url, keyFor());
    expect(result.tools).toContain("create_short");
  });

  it("refuses a page on another origin", async () => {
    const foreign = pageUrl.replace("localhost", "foreign.test");
    const result = await listFrom(foreign, http.url, keyFor());
    expect(result.error).toMatch(/Failed to fetch/);
  });
});
