// The packed client in a browser page: consumer/page.mjs bundled with esbuild from a fresh project's
// node_modules, served on 127.0.0.1, opened in Debian's Chromium (playwright-core, never a downloaded browser).
// The page calls the Prism mock across origins, as a frontend built against the mock does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { launchChromium } from "@ssemble/testkit/chromium";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { expected } from "./expected.js";
import { createProject } from "./project.js";

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ecosystem</title>
<script type="module" src="/page.js"></script></head><body></body></html>`;

let server: Server | undefined;
let browser: Browser | undefined;
let origin = "";

beforeAll(async () => {
  const dir = createProject("browser");
  const bundled = await build({
    absWorkingDir: dir,
    entryPoints: ["page.mjs"],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const page = Buffer.from(bundled.outputFiles[0]?.contents ?? new Uint8Array());
  server = createServer((req, res) => {
    if (req.url === "/")
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(HTML);
    else if (req.url === "/page.js")
      res.writeHead(200, { "content-type": "text/javascript" }).end(page);
    else if (req.url === "/favicon.ico") res.writeHead(204).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server?.close(resolve));
});

it("refuses to start without dangerouslyAllowBrowser, then runs the scenario with it", async () => {
  const page = await (browser as Browser).newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${origin}/#${encodeURIComponent(inject("mockUrl"))}`);
  await page.waitForSelector("body[data-result], body[data-error]", {
    state: "attached",
    timeout: 30_000,
  });
  expect(await page.getAttribute("body", "data-error")).toBeNull();
  const result = JSON.parse((await page.getAttribute("body", "data-result")) ?? "{}");
  expect(result).toEqual({
    refused: {
      name: "SsembleError",
      message: expect.stringMatching(/refusing to run in a browser.*dangerouslyAllowBrowser/),
    },
    runtime: expect.stringMatching(/Chrome\/\d+/),
    ...expected,
  });
  // Chromium logs every failed response: the scenario's one deliberate 404 is the only one allowed.
  expect(errors).toEqual([
    "Failed to load resource: the server responded with a status of 404 (Not Found)",
  ]);
  await page.close();
});
