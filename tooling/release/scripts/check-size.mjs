#!/usr/bin/env node
// @ts-check
// Fails when a package's minified+gzipped browser bundle exceeds its budget in size-budget.json.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../src/paths.mjs";
import { measureBundle } from "../src/size.mjs";

/** @type {Record<string, { entry: string, limitBytes: number }>} */
const budgets = JSON.parse(readFileSync(new URL("../size-budget.json", import.meta.url), "utf8"));
let over = 0;
for (const [name, { entry, limitBytes }] of Object.entries(budgets)) {
  const file = join(repoRoot, entry);
  if (!existsSync(file)) {
    console.error(`${name}: ${entry} does not exist; build it first (pnpm build).`);
    over++;
    continue;
  }
  const { minified, gzipped } = await measureBundle(file);
  const ok = gzipped <= limitBytes;
  if (!ok) over++;
  console.log(
    `${ok ? "ok  " : "OVER"} ${name}: ${kB(gzipped)} min+gz (${kB(minified)} minified),` +
      ` budget ${kB(limitBytes)} (${((gzipped / limitBytes) * 100).toFixed(1)}%)`,
  );
}
process.exitCode = over ? 1 : 0;

/** @param {number} bytes */
function kB(bytes) {
  return `${(bytes / 1024).toFixed(2)} kB (${bytes} B)`;
}
