#!/usr/bin/env node
// @ts-check
// pnpm release: build, every check, then `changeset publish`.
// pnpm release --dry-run: the same checks, then `pnpm pack` and `pnpm publish --dry-run` of every package (CI).
// --skip-check skips `pnpm run check` when the caller (CI) has just run it.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readChangesets } from "../src/changesets.mjs";
import { defaults, repoRoot } from "../src/paths.mjs";
import { PUBLISHED } from "./packages.mjs";
import { step } from "./run.mjs";

const { values } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    "skip-check": { type: "boolean", default: false },
  },
});
const dryRun = values["dry-run"];
const here = new URL("..", import.meta.url).pathname;
const node = process.execPath;

step("Build", "pnpm", ["run", "build"]);
if (!values["skip-check"]) step("Every check and test", "pnpm", ["run", "check"]);
step("Breaking-change gate", node, [join(here, "src/cli.mjs"), "gate"]);
step("publint and arethetypeswrong on each tarball", node, [
  join(here, "scripts/check-packages.mjs"),
]);
step("Size budget", node, [join(here, "scripts/check-size.mjs")]);

if (dryRun) {
  const out = join(here, "artifacts/tarballs");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const pkg of PUBLISHED) {
    step(`Pack ${pkg.name}`, "pnpm", ["pack", "--pack-destination", out], { cwd: pkg.dir });
    step(`Publish ${pkg.name} (dry run)`, "pnpm", ["publish", "--dry-run", "--no-git-checks"], {
      cwd: pkg.dir,
    });
  }
  console.log(`\n✔ Dry run complete; tarballs in ${out}`);
} else {
  // Publishing unversioned changes would ship them under the previous version's changelog.
  const pending = readChangesets(join(repoRoot, defaults.changesets));
  if (pending.length) {
    console.error(
      `\n✖ ${pending.length} changeset(s) not versioned yet: run version-packages and commit first.`,
    );
    process.exit(1);
  }
  const current = join(repoRoot, defaults.current);
  const released = join(repoRoot, defaults.released);
  const same =
    existsSync(released) &&
    JSON.stringify(JSON.parse(readFileSync(current, "utf8"))) ===
      JSON.stringify(JSON.parse(readFileSync(released, "utf8")));
  if (!same) {
    console.error(
      "\n✖ spec/released/openapi.json differs from the bundle: run version-packages and commit first.",
    );
    process.exit(1);
  }
  step("Publish", "pnpm", ["exec", "changeset", "publish"]);
}
