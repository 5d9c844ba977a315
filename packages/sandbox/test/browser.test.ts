// The sandbox in a real browser: a page bundled with esbuild, served on 127.0.0.1 under a Content-Security-Policy
// without 'unsafe-eval', opened in Debian's Chromium (playwright-core, never a downloaded browser). MSW's service
// worker answers the client's requests from the in-page sandbox; the page renders the job to completed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "@ssemble/testkit/chromium";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self'";
const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox in the browser</title>
<script type="module" src="/page.js"></script></head>
<body><h1>Sandbox job</h1><progress id="bar" max="100" value="0"></progress><ol id="steps"></ol></body></html>`;

let server: Server;
let origin = "";
let browser: Browser;
let outDir = "";

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "sandbox-browser-"));
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./browser/page.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: join(outDir, "page.js"),
    logLevel: "silent",
  });
  expect(bundle.errors).toEqual([]);
  const files: Record<string, [string, Buffer]> = {
    "/": ["text/html; charset=utf-8", Buffer.from(HTML)],
    "/page.js": ["text/javascript", readFileSync(join(outDir, "page.js"))],
    "/mockServiceWorker.js": [
      "text/javascript",
      readFileSync(join(require.resolve("msw/package.json"), "..", "lib", "mockServiceWorker.js")),
    ],
  };
  server = createServer((req, res) => {
    if (req.url === "/favicon.ico") return void res.writeHead(204).end();
    const file = files[req.url ?? ""];
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
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe("the sandbox in Chromium, behind MSW's service worker", () => {
  it("creates a job with the client and renders its progress to completed, under a CSP without unsafe-eval", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("request", (r) => {
      if (new URL(r.url()).origin !== origin) foreign.push(r.url());
    });
    await page.goto(`${origin}/`);
    await page.waitForSelector("body[data-done=true]", { timeout: 30_000 });
    const steps = await page.locator("#steps li").allTextContents();
    expect(steps[0]).toBe("queued queued 0%");
    expect(steps.slice(1, -2).map((s) => s.split(" ")[1])).toEqual([
      "fetching_video",
      "transcribing_audio",
      "transcribing_audio",
      "finding_highlights",
      "finalizing",
    ]);
    expect(steps.at(-2)).toBe("completed completed 100%");
    expect(steps.at(-1)).toMatch(/^[1-5] clips$/);
    expect(await page.locator("#bar").evaluate((el) => (el as HTMLProgressElement).value)).toBe(
      100,
    );
    // The policy is in force (the page's own `new Function` was refused), and the sandbox never needed eval.
    expect(await page.locator("body").getAttribute("data-eval")).toBe("blocked");
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-browser.png"), fullPage: true });
    await page.close();
  });
});
