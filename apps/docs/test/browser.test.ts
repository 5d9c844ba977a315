// The built site in Debian's Chromium, served by our own server on 127.0.0.1: it must render completely
// with every request answered by that server.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listOperations, listWebhooks, resolve } from "@ssemble/openapi-model";
import { launchChromiumContext } from "@ssemble/testkit/chromium";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SITE_FILES } from "../src/build-site.mjs";
import { startStaticServer } from "../src/static-server.mjs";
import { APP_DIR, DIST_DIR, type Doc, GUIDE_TITLES, readSpec, type Spec } from "./helpers.js";

const ARTIFACTS = join(APP_DIR, "artifacts");

const spec: Spec = readSpec(join(DIST_DIR, SITE_FILES.docsSpec));
const operations = listOperations(spec);
const webhooks = listWebhooks(spec);

let origin = "";
let stopServer: () => Promise<void> = async () => {};
let context: BrowserContext;
let page: Page;
let profileDir = "";
/** Requests for any other origin: recorded, then aborted before they leave the machine. */
const foreignRequests: string[] = [];
const consoleErrors: string[] = [];
const failedRequests: string[] = [];

function watch(p: Page) {
  p.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(`${p.url()}: ${msg.text()}`);
  });
  p.on("pageerror", (error) => consoleErrors.push(`${p.url()}: uncaught ${error.message}`));
  p.on("requestfailed", (req) => {
    if (new URL(req.url()).origin === origin)
      failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`);
  });
  p.on("response", (res) => {
    if (res.status() >= 400) failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
  });
}

async function openReference(p: Page) {
  await p.goto(`${origin}${SITE_FILES.reference}`);
  await p.waitForFunction(() => document.documentElement.dataset.redoc !== "loading", null, {
    timeout: 45_000,
  });
  expect(await p.evaluate(() => document.documentElement.dataset.redoc)).toBe("ready");
}

/**
 * The navigation entry of an operation, made visible: Redoc keeps one tag group open at a time, so the
 * entry's group is opened first when needed.
 */
async function navEntry(p: Page, operationId: string) {
  const item = p.locator(`.menu-content li[data-item-id$="operation/${operationId}"]`);
  if (!(await item.isVisible())) {
    const id = (await item.getAttribute("data-item-id")) ?? "";
    const group = id.slice(0, id.lastIndexOf("/operation/"));
    await p.locator(`.menu-content li[data-item-id="${group}"] > label`).click();
    await item.waitFor({ state: "visible" });
  }
  return item;
}

/** The element Redoc renders for an operation or webhook (its id ends with the operation's anchor). */
function sectionSelector(operationId: string) {
  return `[data-section-id$="operation/${operationId}"]`;
}

/** Property names Redoc shows in a section's schema tables. */
async function fieldNames(p: Page, selector: string) {
  return p.$$eval(`${selector} td[kind="field"] .property-name`, (els) =>
    els.map((el) => el.textContent?.trim() ?? ""),
  );
}

/** Names that the rendered schemas of an operation must show: its parameters, body and 200 envelope. */
function expectedFields(op: Doc, pathItem: Doc): string[] {
  const names = new Set<string>();
  for (const p of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])])
    names.add(resolve(spec, p).name);
  const media = resolve(spec, op.requestBody)?.content?.["application/json"];
  let body = resolve(spec, media?.schema);
  while (body && (body.oneOf || body.anyOf)) body = resolve(spec, (body.oneOf ?? body.anyOf)[0]);
  for (const name of body?.required ?? []) names.add(name);
  const ok = resolve(spec, op.responses?.["200"])?.content?.["application/json"]?.schema;
  for (const name of Object.keys(resolve(spec, ok)?.properties ?? {})) names.add(name);
  return [...names];
}

beforeAll(async () => {
  const server = await startStaticServer({ root: DIST_DIR, host: "127.0.0.1", port: 0 });
  origin = server.url;
  stopServer = server.close;
  profileDir = mkdtempSync(join(tmpdir(), "ssemble-docs-chromium-"));
  context = await launchChromiumContext(profileDir, { viewport: { width: 1440, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === new URL(origin).origin) return route.continue();
    foreignRequests.push(url);
    return route.abort("blockedbyclient");
  });
  page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await stopServer();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe("landing page", () => {
  it("says what this is and links to the reference, guides, downloads and the mock", async () => {
    await page.goto(origin);
    await expect(page.title()).resolves.toBe(`${spec.info.title} docs`);
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs).toContain("reference.html");
    expect(hrefs).toContain("openapi.yaml");
    expect(hrefs).toContain("openapi.json");
    expect(hrefs).toContain("http://127.0.0.1:4010");
    expect(
      hrefs.filter((h) => h.startsWith("reference.html#section/")).length,
    ).toBeGreaterThanOrEqual(7);
    for (const op of operations) expect(hrefs).toContain(`reference.html#operation/${op.key}`);
    await page.screenshot({ path: join(ARTIFACTS, "landing.png"), fullPage: true });
  });

  it("serves the downloads byte for byte as the bundled spec", async () => {
    for (const file of [SITE_FILES.specYaml, SITE_FILES.specJson]) {
      const res = await page.request.get(`${origin}${file}`);
      expect(res.status()).toBe(200);
      expect(Buffer.from(await res.body())).toEqual(readFileSync(join(DIST_DIR, file)));
    }
  });

  it("has only anchors that exist in the rendered reference", async () => {
    await page.goto(origin);
    const anchors = await page.$$eval('a[href^="reference.html#"]', (as) =>
      as.map((a) => decodeURIComponent((a.getAttribute("href") ?? "").split("#")[1] ?? "")),
    );
    await openReference(page);
    const missing = await page.evaluate(
      (ids) => ids.filter((id) => !document.getElementById(id)),
      anchors,
    );
    expect(missing).toEqual([]);
  });
});

describe("reference", () => {
  beforeAll(async () => {
    await openReference(page);
  });

  it("lists every operation and both webhooks in the navigation", async () => {
    for (const ref of [...operations, ...webhooks]) {
      const item = await navEntry(page, ref.operation.operationId ?? ref.key);
      await expect(item.isVisible(), `${ref.key} visible in navigation`).resolves.toBe(true);
    }
    const navIds = await page.$$eval(".menu-content [data-item-id]", (els) =>
      els.map((el) => el.getAttribute("data-item-id") ?? ""),
    );
    for (const ref of [...operations, ...webhooks]) {
      const id = ref.operation.operationId as string;
      expect(
        navIds.some((nav) => nav.endsWith(`operation/${id}`)),
        `${ref.key} in navigation`,
      ).toBe(true);
    }
    expect(webhooks.map((w) => w.key).sort()).toEqual(["shorts.completed", "shorts.failed"]);
    const labels = await page.$$eval(".menu-content [data-item-id] label", (els) =>
      els.map((el) => el.textContent ?? ""),
    );
    for (const ref of [...operations, ...webhooks]) {
      expect(
        labels.some((l) => l.includes(ref.operation.summary ?? "")),
        ref.operation.summary,
      ).toBe(true);
    }
  });

  it("renders the schemas of every operation and webhook when chosen in the navigation", async () => {
    for (const ref of [...operations, ...webhooks]) {
      const id = ref.operation.operationId as string;
      await (await navEntry(page, id)).locator("label").click();
      const section = sectionSelector(id);
      await page.waitForSelector(`${section} td[kind="field"]`, { state: "visible" });
      const shown = await fieldNames(page, section);
      for (const name of expectedFields(ref.operation, ref.pathItem))
        expect(shown, `${ref.key} shows ${name}`).toContain(name);
      await expect(page.isVisible(`${section} h2`)).resolves.toBe(true);
      // Alternatives are named by their titles, never Redoc's "case 1 | case 2" fallback.
      const text = (await page.locator(section).first().textContent()) ?? "";
      expect(text, `${ref.key} has an unnamed alternative`).not.toMatch(/\bcase [12]\b/);
      if (id === "createShort") {
        expect(text).toContain("From a YouTube URL");
        expect(text).toContain("With a call-to-action");
      }
    }
  });

  it("renders the guides, with the lifecycle diagram as an inline SVG", async () => {
    for (const title of GUIDE_TITLES) {
      const heading = page.locator(`[id="section/${title.replaceAll(" ", "-")}"] h2`).first();
      await expect(heading.textContent()).resolves.toBe(title);
      await expect(heading.isVisible()).resolves.toBe(true);
    }
    const ids = await page.$$eval('[id^="section/"]', (els) => els.map((el) => el.id));
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      "duplicate section ids",
    ).toEqual([]);
    const svg = await page.$(".lifecycle-diagram svg");
    expect(svg).not.toBeNull();
    const box = await svg?.boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(box?.height).toBeGreaterThan(150);
    const texts = await page.$$eval(".lifecycle-diagram svg text", (els) =>
      els.map((el) => el.textContent),
    );
    for (const status of ["queued", "processing", "completed", "failed", "cancelled"])
      expect(texts).toContain(status);
  });

  it("finds the create operation by search and shows its TypeScript sample", async () => {
    const create = operations.find((op) => op.key === "createShort");
    expect(create).toBeDefined();
    await page.fill('input[placeholder="Search..."]', "create");
    const result = page.locator(
      '[data-role="search:results"] [data-item-id$="operation/createShort"]',
    );
    await result.waitFor({ state: "visible" });
    await expect(result.textContent()).resolves.toContain(create?.operation.summary);
    await result.click();
    const section = sectionSelector("createShort");
    const tab = page.locator(`${section} [role="tab"]`, { hasText: /^TypeScript$/ });
    await tab.click();
    const panel = page.locator(`${section} [role="tabpanel"]:visible`, {
      hasText: "createSsembleClient",
    });
    await panel.first().waitFor({ state: "visible" });
    await page.screenshot({ path: join(ARTIFACTS, "create-short-typescript.png") });
    const code = await panel.first().textContent();
    expect(code).toContain('from "@ssemble/client"');
    expect(code).toContain(
      readFileSync(join(APP_DIR, "samples", "createShort.ts"), "utf8")
        .split("\n")
        .find((l) => l.includes("shorts.create")),
    );
    await page.locator(`${section} [role="tab"]`, { hasText: /^curl$/ }).click();
    await expect(
      page
        .locator(`${section} [role="tabpanel"]:visible`, { hasText: "curl -X POST" })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
  });

  it("writes a full-page screenshot", async () => {
    await page.fill('input[placeholder="Search..."]', "");
    await openReference(page);
    const file = join(ARTIFACTS, "reference-full.png");
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    // PNG header: width and height are big-endian at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBe(1440);
    expect(png.readUInt32BE(20)).toBeGreaterThan(5000);
    await page.screenshot({ path: join(ARTIFACTS, "reference-top.png") });
  });
});

describe("offline guarantees", () => {
  it("records and blocks a request for another host (the guard itself works)", async () => {
    // A fresh tab without the site's CSP, so that the request reaches the interception layer.
    const probe = await context.newPage();
    const before = foreignRequests.length;
    await expect(probe.goto("https://example.com/probe")).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
    expect(foreignRequests.slice(before)).toEqual(["https://example.com/probe"]);
    foreignRequests.splice(before);
    await probe.close();
  });

  it("loaded everything from 127.0.0.1, with no console errors and no failed requests", () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });
});
