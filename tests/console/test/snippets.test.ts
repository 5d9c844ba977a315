// The TypeScript the console copies, for every operation, compiled with tsc against the real @ssemble/client:
// a copied snippet that does not compile is a broken promise. Taken from the page, as a person would copy it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Sandbox } from "@ssemble/sandbox";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openPage, startSandbox } from "./helpers.js";

const run = promisify(execFile);
const HERE = fileURLToPath(new URL("..", import.meta.url));
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

let sandbox: Sandbox;
let url: string;
let browser: Browser;
let dir = "";

beforeAll(async () => {
  ({ sandbox, url } = await startSandbox());
  browser = await launchChromium();
  // Inside this package, so that @ssemble/client and @types/node resolve as in a project that installed them.
  dir = mkdtempSync(join(HERE, ".snippets-"));
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the TypeScript the console copies", () => {
  it("compiles against @ssemble/client for every operation, with its example values", async () => {
    const { page, problems } = await openPage(browser, `${url}/_sandbox/console/`);
    const links = page.getByRole("navigation", { name: "Operations" }).getByRole("link");
    const count = await links.count();
    expect(count).toBe(9);
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      await links.nth(i).click();
      await page.getByRole("button", { name: "TypeScript", exact: true }).click();
      const text = (await page.getByTestId("snippet-typescript").textContent()) ?? "";
      expect(text).toContain("createSsembleClient");
      const file = join(dir, `snippet-${i}.ts`);
      writeFileSync(file, `${text}\nexport {};\n`);
      files.push(file);
    }
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: ["node"],
          skipLibCheck: true,
        },
        files: files.map((f) => f.slice(dir.length + 1)),
      }),
    );
    const result = await run(process.execPath, [TSC, "-p", join(dir, "tsconfig.json")], {
      cwd: dir,
    }).then(
      () => ({ ok: true, output: "" }),
      (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? String(error) }),
    );
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
