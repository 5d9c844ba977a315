// @ts-check
// pnpm --filter @ssemble/console-tests bench: what the console costs a browser, measured, never asserted.
//  1. Size, min+gz: the page the sandbox serves (console.js + console.css), and the same app with a sandbox
//     living in the page (@ssemble/console/app + @ssemble/sandbox/browser, bundled the way the docs bundle it),
//     against the budget of 60 kB for the console itself.
//  2. Time to an interactive form in headless Chromium from the sandbox server on 127.0.0.1: navigation start to
//     the create form's "Send request" button being enabled, median of RUNS cold loads (a fresh browser context
//     each), against a bare page from a node:http server on the same machine, measured in the same run.
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { consoleFiles } from "@ssemble/console";
import { createSandbox } from "@ssemble/sandbox";
import { launchChromium } from "@ssemble/testkit/chromium";
import { build } from "esbuild";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BUDGET = 60_000;
const kb = (/** @type {number} */ n) => `${(n / 1000).toFixed(1)} kB`;
const gz = (/** @type {Uint8Array | string} */ b) => gzipSync(b, { level: 9 }).byteLength;
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

// 1. Sizes.
const files = consoleFiles();
const js = files.find((f) => f.name === "console.js")?.body ?? new Uint8Array();
const css = files.find((f) => f.name === "console.css")?.body ?? new Uint8Array();
const inPage = await build({
  stdin: {
    contents: [
      'import { mount, pageSandbox } from "@ssemble/console/app";',
      'import { createBrowserSandbox } from "@ssemble/sandbox/browser";',
      "const sandbox = createBrowserSandbox();",
      "mount(document.body, { targets: [pageSandbox(sandbox.fetch)] });",
    ].join("\n"),
    resolveDir: new URL(".", import.meta.url).pathname,
    loader: "js",
  },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  logLevel: "warning",
});
const inPageJs = inPage.outputFiles[0]?.contents ?? new Uint8Array();
const own = gz(js) + gz(css);
console.log("size (min+gz)");
console.log(
  `  console (served by the sandbox): JS ${kb(gz(js))} + CSS ${kb(gz(css))} = ${kb(own)}, ${((own / BUDGET) * 100).toFixed(0)}% of the 60 kB budget`,
);
console.log(
  `  with the in-page sandbox (docs):  JS ${kb(gz(inPageJs))} + CSS ${kb(gz(css))} = ${kb(gz(inPageJs) + gz(css))} (${(gz(inPageJs) / gz(js)).toFixed(2)}x the console's JS)`,
);

// 2. Time to an interactive form.
const sandbox = createSandbox({ clock: { mode: "manual" } });
const url = await sandbox.listen({ port: 0 });
const bare = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(
    '<!doctype html><html lang="en"><title>bare</title><form><button type="submit">Send request</button></form></html>',
  );
});
await new Promise((resolve) => bare.listen(0, "127.0.0.1", () => resolve(undefined)));
const bareUrl = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (bare.address()).port}/`;
const browser = await launchChromium();

/** @param {string} target */
async function timeToInteractive(target) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Noted by the page itself, at the mutation that makes the button usable (not when the test next looks).
  await page.addInitScript(() => {
    const w = /** @type {{ interactiveAt?: number }} */ (/** @type {unknown} */ (window));
    const check = () => {
      const b = [...document.querySelectorAll("button")].find(
        (x) => x.textContent === "Send request",
      );
      if (b && !b.disabled && w.interactiveAt === undefined) w.interactiveAt = performance.now();
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
    });
    document.addEventListener("DOMContentLoaded", check);
  });
  await page.goto(target);
  await page.waitForFunction(
    () =>
      /** @type {{ interactiveAt?: number }} */ (/** @type {unknown} */ (window)).interactiveAt !==
      undefined,
  );
  const ms = await page.evaluate(
    () => /** @type {{ interactiveAt: number }} */ (/** @type {unknown} */ (window)).interactiveAt,
  );
  await context.close();
  return ms;
}

const consoleTimes = [];
const bareTimes = [];
// One warm-up of each: the first Chromium page pays for process start-up.
await timeToInteractive(`${url}/_sandbox/console/#/operations/createShort`);
await timeToInteractive(bareUrl);
for (let i = 0; i < RUNS; i++) {
  consoleTimes.push(await timeToInteractive(`${url}/_sandbox/console/#/operations/createShort`));
  bareTimes.push(await timeToInteractive(bareUrl));
}
await browser.close();
await sandbox.close();
bare.close();
const c = median(consoleTimes);
const b = median(bareTimes);
console.log(
  `time to an interactive create form (median of ${RUNS} cold loads, headless Chromium, 127.0.0.1)`,
);
console.log(
  `  console: ${c.toFixed(0)} ms (min ${Math.min(...consoleTimes).toFixed(0)}, max ${Math.max(...consoleTimes).toFixed(0)})`,
);
console.log(
  `  bare page with one button: ${b.toFixed(0)} ms; the console is ${(c / b).toFixed(1)}x, +${(c - b).toFixed(0)} ms`,
);
