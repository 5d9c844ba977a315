// Installs the pinned tools of tools/package-lock.json with `npm ci`, apart from the workspace, so that the
// workspace's own `pnpm install` stays lean. Skipped when tools/node_modules already holds this lockfile.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TOOLS_DIR } from "./tools.js";

export default function setup() {
  const lock = readFileSync(join(TOOLS_DIR, "package-lock.json"));
  const digest = createHash("sha256").update(lock).digest("hex");
  const stamp = join(TOOLS_DIR, "node_modules", ".installed-from");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return;
  const started = Date.now();
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: TOOLS_DIR,
    stdio: ["ignore", "ignore", "inherit"],
  });
  writeFileSync(stamp, digest);
  console.log(`interop tools installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
