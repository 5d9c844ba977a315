// @ts-check
// Runs a command and keeps its output to itself unless it fails: `pnpm -s ssemble ...` builds the CLI first, and
// that build's banner and task lines must not appear before the command's own output.
// Usage: node scripts/quiet.mjs <command> [args...]
import { spawnSync } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/quiet.mjs <command> [args...]");
  process.exit(2);
}
// Both streams are kept; a failure shows what the command wrote, its standard output first.
const result = spawnSync(command, args, {
  stdio: ["ignore", "pipe", "pipe"],
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
  shell: false,
});
if (result.error) {
  console.error(`${command}: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  process.stderr.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exit(result.status ?? 1);
}
