// The console in the docs, in Debian's Chromium: reached from the reference's link on an operation, its example
// filled in, run against the sandbox living in the page (no request leaves the page's origin), under the page's
// Content-Security-Policy (any violation is a console error, and fails the test).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromiumContext } from "@ssemble/testkit/chromium";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SITE_FILES } from "../src/build-site.mjs";
import { startStaticServer } from "../src/static-server.mjs";
import { DIST_DIR, readJson } from "./helpers.js";

let origin = "";
let stop: () => Promise<void> = async () => {};
let context: BrowserContext;
let profileDir = "";
const foreign: string[] = [];
const problems: string[] = [];

function watch(p: Page) {
  p.on("console", (m) => {
    if (m.type() === "error") problems.push(`${p.url()}: ${m.text()}`);
  });
  p.on("pageerror", (e) => problems.push(`${p.url()}: uncaught ${e.message}`));
}

beforeAll(async () => {
  const server = await startStaticServer({ root: DIST_DIR, host: "127.0.0.1", port: 0 });
  origin = server.url;
  stop = server.close;
  profileDir = mkdtempSync(join(tmpdir(), "ssemble-docs-console-"));
  context = await launchChromiumContext(profileDir, { viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("blob:") || new URL(url).origin === new URL(origin).origin)
      return route.continue();
    foreign.push(url);
    return route.abort("blockedbyclient");
  });
});

afterAll(async () => {
  await context?.close();
  await stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe("the console in the docs", () => {
  it("links every operation of the reference to its form, the first example filled in", () => {
    const spec = readJson(join(DIST_DIR, SITE_FILES.docsSpec));
    const ops = Object.values(
      spec.paths as Record<string, Record<string, { operationId?: string; description?: string }>>,
    ).flatMap((item) => Object.values(item).filter((op) => typeof op?.operationId === "string"));
    expect(ops.length).toBe(9);
    for (const op of ops) {
      expect(op.description).toContain(
        `[Try it in the console](console.html#/operations/${op.operationId}`,
      );
    }
    const create = ops.find((op) => op.operationId === "createShort");
    expect(create?.description).toContain("console.html#/operations/createShort?example=minimal)");
  });

  it("goes from the reference to a job completed in a sandbox inside the page", async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    watch(page);
    await page.goto(`${origin}${SITE_FILES.reference}#operation/createShort`);
    await page.waitForFunction(() => document.documentElement.dataset.redoc === "ready", null, {
      timeout: 45_000,
    });
    const link = page
      .locator('[data-section-id$="operation/createShort"]')
      .getByRole("link", { name: "Try it in the console" });
    await link.click();
    await page.waitForURL(/console\.html#\/operations\/createShort\?example=minimal$/);
    await expect(page.getByRole("combobox", { name: "Send to" }).inputValue()).resolves.toBe(
      "page",
    );
    // The example is in the form.
    await expect(page.getByRole("textbox", { name: /^url\b/ }).inputValue()).resolves.toMatch(
      /^https:\/\/www\.youtube\.com\//,
    );
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByTestId("response-status").textContent()).resolves.toMatch(/^200 OK/);
    await page.getByRole("link", { name: /^Follow job / }).click();
    await page.getByText("Live", { exact: true }).waitFor();
    await page
      .getByRole("combobox", { name: "Advance by" })
      .selectOption({ label: "18 seconds (a whole job)" });
    await page.getByRole("button", { name: "Advance clock" }).click();
    await page.getByRole("heading", { name: /completed/ }).waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector("video");
      return v?.src.startsWith("blob:") === true && v.readyState >= 1;
    });
    // Back to the docs from the console's header.
    await expect(page.getByRole("link", { name: "Docs" }).getAttribute("href")).resolves.toBe(
      "index.html",
    );
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("is on the landing page, under the console's CSP without its header-only directive", async () => {
    const page = await context.newPage();
    watch(page);
    await page.goto(origin);
    await page.locator("#card-console").click();
    await page.waitForURL(/console\.html$/);
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute("content");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|frame-ancestors/);
    const operations = page.getByRole("navigation", { name: "Operations" }).getByRole("link");
    await operations.first().waitFor();
    expect(await operations.count()).toBe(9);
    expect(problems).toEqual([]);
    await page.close();
  });
});
