// What every console test needs: a real sandbox server, Debian's Chromium, and a page that fails the test on any
// console error (a Content-Security-Policy violation is one) or uncaught exception.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createSandbox, type Sandbox } from "@ssemble/sandbox";
import { launchChromium } from "@ssemble/testkit/chromium";
import type { Browser, Page } from "playwright-core";

export const CONSOLE_KEY = `sk_ssemble_${"console".padEnd(32, "0")}`;

export async function startSandbox(): Promise<{ sandbox: Sandbox; url: string }> {
  const sandbox = createSandbox({ clock: { mode: "manual" } });
  const url = await sandbox.listen({ port: 0 });
  return { sandbox, url };
}

export interface WatchedPage {
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export async function openPage(
  browser: Browser,
  url: string,
  scheme: "light" | "dark" = "light",
): Promise<WatchedPage> {
  const context = await browser.newContext({
    colorScheme: scheme,
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  // A control that never appears fails the step in 10 s, naming it, rather than the whole test at 30.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on("console", (m) => {
    // An API answer of 4xx/5xx is logged by Chromium as a failed resource: an answer, not a page problem.
    if (
      m.type() === "error" &&
      !/^Failed to load resource: the server responded with a status of [45]\d\d/.test(m.text())
    )
      problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page: ${e.message}`));
  // Reported by the page itself too, so a violation with no console line still counts.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  return { page, problems };
}

export { launchChromium };

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations on the page as it is now (rules: WCAG 2.x A and AA). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (an injected <script> would be).
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(o: unknown): Promise<{
            passes: unknown[];
            violations: {
              id: string;
              impact: string;
              nodes: { target: string[] }[];
              help: string;
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run({
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
      },
    });
    // No rule passing would mean axe looked at nothing.
    if (result.passes.length === 0) throw new Error("axe-core checked nothing");
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).join(", ")}`);
}
