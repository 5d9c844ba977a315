// packages/client/README.md publishes the matrix these tests run, rendered from test/matrix.ts: a row added,
// removed or changed in its verdict without the README following fails here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import {
  compilerOf,
  libOf,
  otherRuntimes,
  serverRuntimes,
  type TypeScriptCase,
  typeScriptCases,
} from "./matrix.js";

const README = fileURLToPath(new URL("../../../packages/client/README.md", import.meta.url));

const verdict = (c: TypeScriptCase) =>
  c.verdict === "works" ? "compiles, and runs on Node.js 20.19.0" : `**fails**: ${c.verdict.why}`;

function renderMatrix(): string {
  return [
    "| Runtime | Tested with |",
    "| --- | --- |",
    ...[...serverRuntimes, ...otherRuntimes].map((r) => `| ${r.name} | ${r.tested} |`),
    "",
    "| TypeScript project | `module` / `moduleResolution` | TypeScript | `lib` / `types` | Result |",
    "| --- | --- | --- | --- | --- |",
    ...typeScriptCases.map(
      (c) =>
        `| ${c.name} | \`${c.module}\` / \`${c.moduleResolution}\` | ${compilerOf(c).version} | ` +
        `${libOf(c).join(", ")} / ${c.types?.length ? c.types.join(", ") : "none"} | ${verdict(c)} |`,
    ),
  ].join("\n");
}

it("the client README publishes the measured matrix", () => {
  const readme = readFileSync(README, "utf8");
  const published = /<!-- ecosystem:matrix -->\n([\s\S]*?)\n<!-- \/ecosystem:matrix -->/.exec(
    readme,
  )?.[1];
  const table = renderMatrix();
  expect(published, `packages/client/README.md should hold:\n${table}`).toBe(table);
});
