// The client in a real browser (Debian's Chromium through playwright-core, never a downloaded one): refused in a
// page and in web workers, classic and module, unless dangerouslyAllowBrowser is set, and working with it. Bundled
// with esbuild, served on 127.0.0.1 under a Content-Security-Policy without 'unsafe-eval'.
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { launchChromium } from "@ssemble/testkit/chromium";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; worker-src 'self'";
const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>client</title>
<script type="module" src="/page.js"></script></head><body></body></html>`;
const spec = require("@ssemble/spec/openapi.dereferenced.json") as {
  paths: Record<
    string,
    {
      get: {
        responses: Record<
          string,
          { content: Record<string, { examples: Record<string, { value: unknown }> }> }
        >;
      };
    }
  >;
};
const templates =
  spec.paths["/templates"]?.get.responses["200"]?.content["application/json"]?.examples.all?.value;

let server: Server;
let origin = "";
let browser: Browser;
const apiRequests: { path: string; key: string | undefined }[] = [];

const bundle = async (entry: string, format: "esm" | "iife") => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL(`./browser/${entry}`, import.meta.url))],
    bundle: true,
    format,
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return Buffer.from(out.outputFiles[0]?.contents ?? new Uint8Array());
};

beforeAll(async () => {
  const files: Record<string, [string, Buffer]> = {
    "/": ["text/html; charset=utf-8", Buffer.from(HTML)],
    "/page.js": ["text/javascript", await bundle("page.ts", "esm")],
    "/worker-classic.js": ["text/javascript", await bundle("worker.ts", "iife")],
    "/worker-module.js": ["text/javascript", await bundle("worker.ts", "esm")],
  };
  server = createServer((req, res) => {
    const path = req.url ?? "";
    if (path.startsWith("/api/v1/")) {
      apiRequests.push({ path, key: req.headers["x-api-key"] as string | undefined });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(templates));
      return;
    }
    if (path === "/favicon.ico") return void res.writeHead(204).end();
    const file = files[path];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": file[0], "content-security-policy": CSP }).end(file[1]);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

it("refuses without dangerouslyAllowBrowser in a page and in classic and module workers, and works with it", async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(origin);
  await page.waitForSelector("body[data-result], body[data-error]", {
    state: "attached",
    timeout: 20_000,
  });
  expect(await page.getAttribute("body", "data-error")).toBeNull();
  const result = JSON.parse((await page.getAttribute("body", "data-result")) ?? "{}");
  const expected = {
    refused: expect.stringMatching(/refusing to run in a browser/),
    templates: (templates as { data: { templates: unknown[] } }).data.templates.length,
  };
  expect(result).toEqual({ page: expected, classicWorker: expected, moduleWorker: expected });
  expect(errors).toEqual([]);
  // Three clients allowed by the flag made one request each; the refused ones sent nothing.
  expect(apiRequests.map((r) => r.path)).toEqual(Array(3).fill("/api/v1/templates"));
  await page.close();
});
