// What the built package ships for servers (dist, as published): the page's files and only those, its policy,
// and the licences of the code it bundles.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONSOLE_CSP, consoleCsp, consoleFiles } from "../dist/index.js";

describe("@ssemble/console", () => {
  it("serves the page's files, not the module for other pages", () => {
    const names = consoleFiles()
      .map((f) => f.name)
      .sort();
    expect(names).toEqual(["console.css", "console.js", "favicon.svg", "index.html"]);
    const html = new TextDecoder().decode(
      consoleFiles().find((f) => f.name === "index.html")?.body,
    );
    // Everything the page loads is one of those files, by a relative URL.
    for (const [, src] of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(names).toContain(src);
  });

  it("runs under a policy with no inline script and no eval, wider only where asked", () => {
    expect(CONSOLE_CSP).toContain("script-src 'self';");
    expect(CONSOLE_CSP).not.toMatch(/unsafe|\*/);
    expect(consoleCsp(["http://127.0.0.1:*"])).toContain("connect-src 'self' http://127.0.0.1:*;");
  });

  it("ships the licences of the code its page bundles", () => {
    const notices = readFileSync(
      new URL("../dist/THIRD-PARTY-NOTICES.md", import.meta.url),
      "utf8",
    );
    for (const name of ["preact", "eventsource-parser", "ajv"])
      expect(notices).toContain(`## ${name} `);
  });
});
