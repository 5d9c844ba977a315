// The console's live views against the sandbox server, as a person uses them: create a job with a webhook, watch
// it move as the clock advances, see it complete with clips playing and its delivery journaled, send the event
// again; fail another; the workspace, its magic keys and the request journal.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Sandbox } from "@ssemble/sandbox";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openPage, startSandbox } from "./helpers.js";

let sandbox: Sandbox;
let url: string;
let browser: Browser;
let receiver: Server;
let hook: string;
const received: unknown[] = [];

beforeAll(async () => {
  ({ sandbox, url } = await startSandbox());
  browser = await launchChromium();
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe("the console's live views", () => {
  it("follows a job from the form to its clips, its webhook and a resend", async () => {
    const { page, problems } = await openPage(
      browser,
      `${url}/_sandbox/console/#/operations/createShort`,
    );
    await page
      .getByRole("textbox", { name: /^url\b/ })
      .fill("https://www.youtube.com/watch?v=live00001");
    await page.getByRole("textbox", { name: /^webhookUrl\b/ }).fill(hook);
    await page.getByRole("button", { name: "Send request" }).click();
    await page.getByRole("link", { name: /^Follow job / }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f]{24}$/);
    const id = /#\/jobs\/([0-9a-f]{24})$/.exec(page.url())?.[1] ?? "";
    await page.getByText("Live", { exact: true }).waitFor();
    await expect(page.getByRole("heading", { name: /^Job / }).textContent()).resolves.toContain(
      "queued",
    );

    // The clock is manual: nothing moves until it is advanced, and then the page follows without a reload.
    await page.getByRole("combobox", { name: "Advance by" }).selectOption({ label: "5 seconds" });
    await page.getByRole("button", { name: "Advance clock" }).click();
    await page.getByRole("heading", { name: /processing/ }).waitFor();
    const progress = page.getByRole("progressbar", { name: "Progress" });
    expect(Number(await progress.getAttribute("value"))).toBeGreaterThan(0);
    await expect(page.locator(".timeline .current").textContent()).resolves.toMatch(
      /transcribing_audio/,
    );

    await page
      .getByRole("combobox", { name: "Advance by" })
      .selectOption({ label: "18 seconds (a whole job)" });
    await page.getByRole("button", { name: "Advance clock" }).click();
    await page.getByRole("heading", { name: /completed/ }).waitFor();
    // Clips play from the sandbox (fetched as blobs: the page's CSP allows no other media origin).
    const video = page.getByRole("region", { name: "Clips" }).locator("video").first();
    await video.waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector("video");
      return v?.src.startsWith("blob:") === true && v.readyState >= 1;
    });
    expect(await page.locator("video").count()).toBeGreaterThan(0);
    // The completion event reached the receiver and is in the journal.
    const deliveries = page.getByRole("region", { name: "Webhook deliveries" });
    await deliveries.getByRole("cell", { name: "HTTP 204" }).first().waitFor();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ event: "shorts.completed", requestId: id });

    await page.getByRole("button", { name: "Resend event" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /Sent again: attempt 2, 204/ })
      .waitFor();
    expect(received).toHaveLength(2);
    await deliveries.getByRole("cell", { name: "2 (resent)" }).waitFor();
    await deliveries.getByText("Event payload").first().click();
    await expect(
      deliveries.getByRole("list", { name: "Event payload" }).first().textContent(),
    ).resolves.toContain("shorts.completed");

    // The jobs list shows it done.
    await page.getByRole("link", { name: "Jobs", exact: true }).click();
    const row = page.getByRole("row", { name: new RegExp(id) });
    await expect(row.getByRole("progressbar").getAttribute("value")).resolves.toBe("100");
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("fails a job with a reason, its remaining steps skipped", async () => {
    const { page, problems } = await openPage(
      browser,
      `${url}/_sandbox/console/#/operations/createShort?example=minimal`,
    );
    await page.getByRole("button", { name: "Send request" }).click();
    await page.getByRole("link", { name: /^Follow job / }).click();
    await page.getByRole("textbox", { name: "Failure reason" }).fill("Source went private");
    await page.getByRole("button", { name: "Fail job" }).click();
    await page.getByRole("heading", { name: /failed/ }).waitFor();
    await expect(page.locator(".timeline .ended").textContent()).resolves.toMatch(
      /failed: Source went private/,
    );
    expect(await page.locator(".timeline .skipped").count()).toBe(5);
    // An ended job offers no way to end it again.
    expect(await page.getByRole("button", { name: "Complete job" }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows strings from the API as text, never as HTML", async () => {
    const { page, problems } = await openPage(
      browser,
      `${url}/_sandbox/console/#/operations/createShort?example=minimal`,
    );
    const payload = '<img src=x onerror="window.__injected=1"><b id="injected">bold</b>';
    await page.getByRole("combobox", { name: /^ctaEnabled\b/ }).selectOption("true");
    await page.getByRole("textbox", { name: /^ctaText\b/ }).fill(payload.slice(0, 200));
    await page.getByRole("button", { name: "Send request" }).click();
    await page.getByTestId("response-status").waitFor();
    await page.getByRole("link", { name: "Requests", exact: true }).click();
    const row = page.getByRole("row").nth(1);
    await row.getByText("Body").click();
    // The text is there, as text; no element was made from it and no handler ran.
    await expect(row.locator("pre").textContent()).resolves.toContain('<b id=\\"injected\\">');
    expect(await page.locator("#injected").count()).toBe(0);
    expect(await page.locator("main img").count()).toBe(0);
    expect(
      await page.evaluate(() => (window as { __injected?: number }).__injected),
    ).toBeUndefined();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("runs the clock, and shows the workspace, a magic key at work and the request journal", async () => {
    const { page, problems } = await openPage(browser, `${url}/_sandbox/console/#/workspace`);
    // Running at x1000, the clock's time moves on its own (ticks from the event stream).
    const before = await page.getByTestId("clock-now").textContent();
    await page.getByRole("combobox", { name: "Speed" }).selectOption("1000");
    await page.getByRole("button", { name: "Run clock" }).click();
    await page.getByText(/running ×1000/).waitFor();
    await page.waitForFunction(
      (t) => document.querySelector("[data-testid=clock-now]")?.textContent !== t,
      before,
    );
    await page.getByRole("button", { name: "Pause clock" }).click();
    await page.getByText("paused (manual clock)").waitFor();

    const credits = page.getByRole("textbox", { name: "Credits" });
    await credits.fill("-3");
    await page.getByRole("button", { name: "Save workspace" }).click();
    await page.getByText("must be an integer >= 0").waitFor();
    await expect(credits.getAttribute("aria-invalid")).resolves.toBe("true");
    await credits.fill("7");
    await page.getByRole("button", { name: "Save workspace" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(sandbox.workspace(`sk_ssemble_${"console".padEnd(32, "0")}`).settings().credits).toBe(7);

    await page.getByRole("button", { name: "Use the nocredits key" }).click();
    await expect(page.getByRole("textbox", { name: "API key" }).inputValue()).resolves.toMatch(
      /^sk_ssemble_nocredits0+$/,
    );
    await page.getByRole("link", { name: "Create a job from sandbox-slow" }).click();
    await expect(page.getByRole("textbox", { name: /^url\b/ }).inputValue()).resolves.toContain(
      "sandbox-slow",
    );
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByTestId("response-status").textContent()).resolves.toMatch(/^403/);

    await page.getByRole("link", { name: "Requests", exact: true }).click();
    const first = page.getByRole("row").nth(1);
    await expect(first.textContent()).resolves.toMatch(/createShort.*POST \/shorts\/create.*403/s);
    await first.getByText("Body").click();
    await expect(first.locator("pre").textContent()).resolves.toContain("sandbox-slow");
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
