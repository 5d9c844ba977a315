// @ts-check
// Runs one release step in the repository root, echoing it, and stops the flow when it fails.
import { spawnSync } from "node:child_process";
import { repoRoot } from "../src/paths.mjs";

/**
 * @param {string} title
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string }} [options]
 */
export function step(title, command, args, { cwd = repoRoot } = {}) {
  console.log(`\n▶ ${title}: ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(
      `\n✖ ${title} failed (exit ${result.status ?? result.signal}). Nothing was published.`,
    );
    process.exit(result.status || 1);
  }
}
