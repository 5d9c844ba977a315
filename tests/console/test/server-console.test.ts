// The console the sandbox server serves, used in Chromium as a person would: by accessible names.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { Sandbox } from "@ssemble/sandbox";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, CONSOLE_KEY, launchChromium, openPage, startSandbox } from "./helpers.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const CLI_MANIFEST = require.resolve("@ssemble/cli/package.json");
const CLI_BIN = join(
  dirname(CLI_MANIFEST),
  (require(CLI_MANIFEST) as { bin: Record<string, string> }).bin.ssemble ?? "",
);

let sandbox: Sandbox;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ sandbox, url } = await startSandbox());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const requestsOf = async (key: string) => {
  const res = await fetch(`${url}/_sandbox/requests`, { headers: { "x-api-key": key } });
  return ((await res.json()) as { data: { requests: unknown[] } }).data.requests;
};

describe("the console on the sandbox server", () => {
  it("is where a browser opening the root lands, under a strict CSP", async () => {
    const root = await fetch(url, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/_sandbox/console/");
    // An API client asking for JSON at the root still gets the API's answer.
    const api = await fetch(url, { headers: { accept: "application/json" }, redirect: "manual" });
    expect(api.status).not.toBe(302);
    const bare = await fetch(`${url}/_sandbox/console`, { redirect: "manual" });
    expect([bare.status, bare.headers.get("location")]).toEqual([302, "/_sandbox/console/"]);
    const page = await fetch(`${url}/_sandbox/console/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    // The page the sandbox serves talks to that sandbox only, and plays media only from blobs it made.
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("media-src blob:;");
    const html = await page.text();
    // No inline script: every <script> has a src.
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /\bsrc=/.test(tag))).toBe(true);
    const again = await fetch(`${url}/_sandbox/console/`, {
      headers: { "if-none-match": page.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${url}/_sandbox/console/nope.js`)).status).toBe(404);
  });

  it("creates a short from the form and shows the answer with its rate-limit headers", async () => {
    const { page, problems } = await openPage(browser, url);
    await expect(page.waitForURL(/\/_sandbox\/console\//)).resolves.toBeUndefined();
    // The page's placeholder is gone once the app is up.
    await page.getByRole("link", { name: /Create shorts from a video/ }).waitFor();
    expect(await page.getByText("Loading the console…").count()).toBe(0);
    await page.getByRole("link", { name: /Create shorts from a video/ }).click();
    await page
      .getByRole("textbox", { name: /^url\b/ })
      .fill("https://www.youtube.com/watch?v=console01");
    await page.getByRole("textbox", { name: /^start\b/ }).fill("30");
    await page.getByRole("textbox", { name: /^end\b/ }).fill("630");
    await page.getByRole("combobox", { name: /^layout\b/ }).selectOption("fit");
    await page.getByRole("button", { name: "Send request" }).click();
    const status = page.getByTestId("response-status");
    await expect(status.textContent()).resolves.toMatch(/^200 OK/);
    const body = await page.getByRole("list", { name: "Response body" }).textContent();
    expect(body).toMatch(/requestId: "[0-9a-f]{24}"/);
    // The workspace's first API request: one of the hour's 100 is spent.
    const headers = await page.getByLabel("Rate-limit headers").textContent();
    expect(headers).toMatch(/x-ratelimit-remaining-hour99(?!\d)/);
    // The sandbox got exactly what the form said.
    const [request] = (await requestsOf(CONSOLE_KEY)) as { operationId: string; body: string }[];
    expect(request?.operationId).toBe("createShort");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      url: "https://www.youtube.com/watch?v=console01",
      start: 30,
      end: 630,
      layout: "fit",
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("explains a bad body before sending, and the API's 400 details at their field after", async () => {
    const { page, problems } = await openPage(
      browser,
      `${url}/_sandbox/console/#/operations/createShort`,
    );
    const before = (await requestsOf(CONSOLE_KEY)).length;
    await page.getByRole("textbox", { name: /^start\b/ }).fill("0");
    await page.getByRole("textbox", { name: /^end\b/ }).fill("5000");
    await page.getByRole("button", { name: "Send request" }).click();
    const end = page.getByRole("textbox", { name: /^end\b/ });
    await expect(end.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/nothing was sent/);
    // Focus went to the field to fix, and its description says why.
    await expect(end.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page.getByText(/must be 1 to 1,200 seconds/).count()).resolves.toBe(1);
    expect((await requestsOf(CONSOLE_KEY)).length).toBe(before);

    await end.fill("600");
    await page.getByRole("textbox", { name: /^start\b/ }).fill("abc");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText("start must be a number").count()).resolves.toBe(1);
    await page.getByRole("textbox", { name: /^start\b/ }).fill("0");

    // Valid for the schema, refused by the API: an unknown music track.
    await page.getByRole("combobox", { name: /^music\b/ }).selectOption("true");
    await page.getByRole("textbox", { name: /^musicName\b/ }).fill("No Such Track");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByTestId("response-status").textContent()).resolves.toMatch(/^400/);
    const musicName = page.getByRole("textbox", { name: /^musicName\b/ });
    await expect(musicName.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByText(/musicName no such musicName/).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("copies a request as an ssemble command and a curl command that do the same thing", async () => {
    const { page, problems } = await openPage(
      browser,
      `${url}/_sandbox/console/#/operations/createShort`,
    );
    await page.getByRole("button", { name: "Example: allOverlays" }).click();
    await page
      .getByRole("textbox", { name: /^url\b/ })
      .fill("https://www.youtube.com/watch?v=copied001");
    await page.getByRole("button", { name: "ssemble command", exact: true }).click();
    const command = (await page.getByTestId("snippet-ssemble").textContent()) ?? "";
    expect(command).toMatch(
      /^ssemble --base-url http:\/\/127\.0\.0\.1:\d+ --api-key "\$SSEMBLE_SANDBOX_KEY" create /,
    );
    await page.getByRole("button", { name: "Copy ssemble command" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /^ssemble command copied$/ })
      .waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(command);
    await page.getByRole("button", { name: "curl", exact: true }).click();
    const curl = (await page.getByTestId("snippet-curl").textContent()) ?? "";
    expect(curl).toContain('"X-API-Key: $SSEMBLE_SANDBOX_KEY"');
    // Whatever key the console uses, no copy carries it.
    const typed = `sk_ssemble_${"typedByHand".padEnd(32, "0")}`;
    await page.getByRole("textbox", { name: "API key" }).fill(typed);
    for (const format of ["curl", "TypeScript", "ssemble command"]) {
      await page.getByRole("button", { name: format, exact: true }).click();
      const text = (await page.locator("[data-testid^=snippet-]").textContent()) ?? "";
      expect(text, format).not.toContain(typed);
      expect(text, format).toContain("SSEMBLE_SANDBOX_KEY");
    }

    // Run both as a user would paste them: the console's key in $SSEMBLE_SANDBOX_KEY, and a real key in
    // $SSEMBLE_API_KEY that must not reach the sandbox.
    const key = `sk_ssemble_${"copied".padEnd(32, "0")}`;
    const real = `sk_ssemble_${"realProductionKey".padEnd(32, "0")}`;
    const env = {
      ...process.env,
      SSEMBLE_SANDBOX_KEY: key,
      SSEMBLE_API_KEY: real,
      PATH: process.env.PATH ?? "",
    };
    const shell = (line: string) =>
      run("bash", ["-c", `ssemble() { "${process.execPath}" "${CLI_BIN}" "$@"; }\n${line}`], {
        env,
      });
    await shell(command);
    await shell(curl);
    const bodies = ((await requestsOf(key)) as { body?: string }[]).map((r) =>
      JSON.parse(r.body ?? "null"),
    );
    expect(bodies).toHaveLength(2);
    expect(await requestsOf(real)).toEqual([]);
    expect(bodies[0]).toEqual(bodies[1]);
    const body = bodies[0] as Record<string, unknown>;
    expect(body.url).toBe("https://www.youtube.com/watch?v=copied001");
    expect(body.memeHook).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("has no serious accessibility violation, in light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { page, problems } = await openPage(
        browser,
        `${url}/_sandbox/console/#/operations/listShorts`,
        scheme,
      );
      await page.getByRole("button", { name: "Send request" }).click();
      await page.getByTestId("response-status").waitFor();
      expect(await axeViolations(page)).toEqual([]);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(scheme === "dark" ? "rgb(21, 20, 27)" : "rgb(255, 255, 255)");
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it("reaches every operation and sends it with the keyboard alone", async () => {
    const { page, problems } = await openPage(browser, `${url}/_sandbox/console/`);
    const link = page.getByRole("link", { name: /Get the status of a job/ });
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/#\/operations\/getShortStatus$/);
    // Focus moved to the new view's heading, not left on a link of the old one.
    await page.waitForFunction(() => document.activeElement?.tagName === "H2");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      "Get the status of a job",
    );
    const id = page.getByRole("textbox", { name: /^id\b/ });
    await id.focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("0123456789abcdef01234567");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("response-status").textContent()).resolves.toMatch(/^404/);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
