// CORS: a frontend on another port (a dev server) calls the HTTP sandbox from a real Chromium page, reads the
// rate-limit headers and Retry-After; a web site that is not on this machine is refused by default (Chromium maps
// its name to 127.0.0.1, so nothing leaves the machine), and a sandbox limited to other origins refuses the page.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { launchChromium } from "@ssemble/testkit/chromium";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCorsOrigins } from "../src/cors.js";
import { createSandbox, type Sandbox, sandboxKey } from "../src/index.js";
import { KEY, VIDEO } from "./helpers.js";

let browser: Browser;
let page: Server;
let pageOrigin = "";

beforeAll(async () => {
  // The frontend: an empty page under a strict CSP that allows connecting to loopback sandboxes only.
  page = createServer((req, res) => {
    if (req.url !== "/") return void res.writeHead(404).end();
    res
      .writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": "default-src 'self'; connect-src http://127.0.0.1:*",
      })
      .end('<!doctype html><html lang="en"><title>app</title><h1>app</h1></html>');
  });
  await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
  pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  browser = await launchChromium([
    // A foreign web site, served by the same loopback page server.
    "--host-resolver-rules=MAP foreign.test 127.0.0.1",
  ]);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => page?.close(r));
});

async function serving(
  options: Parameters<typeof createSandbox>[0],
  run: (url: string) => Promise<void>,
) {
  const sandbox: Sandbox = createSandbox({ clock: { mode: "manual" }, ...options });
  try {
    await run(await sandbox.listen({ port: 0 }));
  } finally {
    await sandbox.close();
  }
}

/** Runs `fetch` from the page: what a frontend's script sees of the answer, or the error it gets. */
async function fromPage(
  sandboxUrl: string,
  path: string,
  init: { method?: string; key: string; body?: unknown; from?: string },
) {
  const tab = await browser.newPage();
  try {
    await tab.goto(`${init.from ?? pageOrigin}/`);
    return await tab.evaluate(
      async ({ url, method, key, body }) => {
        try {
          const response = await fetch(url, {
            method,
            headers: { "X-API-Key": key, ...(body ? { "Content-Type": "application/json" } : {}) },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
          return {
            status: response.status,
            remaining: response.headers.get("x-ratelimit-remaining-hour"),
            reset: response.headers.get("x-ratelimit-reset"),
            retryAfter: response.headers.get("retry-after"),
            body: await response.json(),
          };
        } catch (error) {
          return { error: String(error) };
        }
      },
      { url: `${sandboxUrl}${path}`, method: init.method ?? "GET", key: init.key, body: init.body },
    );
  } finally {
    await tab.close();
  }
}

describe("CORS", () => {
  it("a page on another port creates a job (preflighted) and reads the rate-limit headers", async () => {
    await serving({}, async (url) => {
      const created = await fromPage(url, "/shorts/create", {
        method: "POST",
        key: KEY,
        body: { url: VIDEO, start: 0, end: 60 },
      });
      expect(created).toMatchObject({ status: 200, remaining: "99" });
      expect(created.reset).toMatch(/^\d{4}-\d\d-\d\dT/);
      // An error answer is readable too, with Retry-After.
      const limited = await fromPage(url, "/templates", { key: sandboxKey("ratelimited") });
      expect(limited).toMatchObject({
        status: 429,
        body: { error: { code: "rate_limit_exceeded" } },
      });
      expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    });
  });

  it("by default a web site that is not on this machine is refused; with * it is let through", async () => {
    const foreign = pageOrigin.replace("127.0.0.1", "foreign.test");
    await serving({}, async (url) => {
      const refused = await fromPage(url, "/templates", { key: KEY, from: foreign });
      expect(refused.error).toMatch(/TypeError/);
      // The same request from a page on this machine goes through.
      expect(await fromPage(url, "/templates", { key: KEY })).toMatchObject({ status: 200 });
    });
    await serving({ cors: "*" }, async (url) => {
      expect(await fromPage(url, "/templates", { key: KEY, from: foreign })).toMatchObject({
        status: 200,
      });
    });
  });

  it("a sandbox limited to other origins is refused by the browser; the listed origin is let through", async () => {
    await serving({ cors: ["http://localhost:5173"] }, async (url) => {
      const refused = await fromPage(url, "/templates", { key: KEY });
      expect(refused.error).toMatch(/TypeError/);
    });
    await serving({ cors: [pageOrigin] }, async (url) => {
      expect(await fromPage(url, "/templates", { key: KEY })).toMatchObject({ status: 200 });
    });
  });

  it("answers a preflight with the methods and headers a page may send, and plain requests with Vary", async () => {
    await serving({ cors: ["http://localhost:5173"] }, async (url) => {
      const preflight = await fetch(`${url}/shorts/create`, {
        method: "OPTIONS",
        headers: {
          Origin: "http://localhost:5173",
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "x-api-key, content-type",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
      expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
      expect(preflight.headers.get("access-control-allow-headers")).toContain("X-API-Key");
      const other = await fetch(`${url}/templates`, {
        headers: { Origin: "http://evil.test", "X-API-Key": KEY },
      });
      expect(other.status).toBe(200);
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      expect(other.headers.get("vary")).toBe("Origin");
      // An answer to a request without an Origin varies by Origin too, so no cache hands it to a page.
      const plain = await fetch(`${url}/templates`, { headers: { "X-API-Key": KEY } });
      expect(plain.headers.get("vary")).toBe("Origin");
      expect(plain.headers.get("access-control-allow-origin")).toBeNull();
      // Without an Origin, OPTIONS is no preflight: the API has no such method.
      expect((await fetch(`${url}/templates`, { method: "OPTIONS" })).status).toBe(405);
    });
  });

  it("parses the origins a person types, and refuses what is not an origin", () => {
    expect(parseCorsOrigins("*")).toBe("*");
    expect(parseCorsOrigins("loopback")).toBe("loopback");
    expect(parseCorsOrigins(" http://localhost:5173/ , https://app.test ")).toEqual([
      "http://localhost:5173",
      "https://app.test",
    ]);
    for (const bad of ["", "localhost:5173", "http://localhost:5173/app", "file:///x"]) {
      expect(() => parseCorsOrigins(bad), bad).toThrow();
    }
    expect(() => createSandbox({ cors: ["nope"] })).toThrow(/not an origin/);
  });
});
