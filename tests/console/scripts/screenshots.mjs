// @ts-check
// pnpm --filter @ssemble/console-tests screenshots: the pictures in packages/console/README.md, taken from the
// real console on a real sandbox in Debian's Chromium, in the light and the dark theme. Run again after a change
// to how the console looks.
import { createServer } from "node:http";
import { createSandbox } from "@ssemble/sandbox";
import { launchChromium } from "@ssemble/testkit/chromium";

const OUT = new URL("../../../packages/console/docs/", import.meta.url);
const sandbox = createSandbox({ clock: { mode: "manual" } });
const url = await sandbox.listen({ port: 0 });
const receiver = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(204).end());
});
await new Promise((resolve) => receiver.listen(0, "127.0.0.1", () => resolve(undefined)));
const hook = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (receiver.address()).port}/webhooks`;
const browser = await launchChromium();

for (const scheme of /** @type {const} */ (["light", "dark"])) {
  const context = await browser.newContext({
    colorScheme: scheme,
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  await page.goto(`${url}/_sandbox/console/#/operations/createShort?example=allOverlays`);
  await page.getByRole("textbox", { name: /^webhookUrl\b/ }).fill(hook);
  await page.getByRole("button", { name: "Send request" }).click();
  await page.getByTestId("response-status").waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: new URL(`form-${scheme}.png`, OUT).pathname });
  await page.getByRole("link", { name: /^Follow job / }).click();
  await page
    .getByRole("combobox", { name: "Advance by" })
    .selectOption({ label: "18 seconds (a whole job)" });
  await page.getByRole("button", { name: "Advance clock" }).click();
  await page.getByRole("heading", { name: /completed/ }).waitFor();
  await page.getByRole("cell", { name: "HTTP 204" }).first().waitFor();
  await page.screenshot({ path: new URL(`job-${scheme}.png`, OUT).pathname, fullPage: true });
  await context.close();
}
await browser.close();
await sandbox.close();
receiver.close();
console.log(`screenshots written to ${OUT.pathname}`);
