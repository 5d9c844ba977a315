// Installs the pinned runtimes (runtimes/package-lock.json, `npm ci`, apart from the workspace), packs
// @ssemble/types and @ssemble/client the way the registry will see them, and starts the real Prism mock on a
// free loopback port. Everything but the runtimes is removed on teardown.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort, startPrism } from "@ssemble/prism";
import { PUBLISHED, pack } from "@ssemble/release/packages";
import type { TestProject } from "vitest/node";
import { RUNTIMES_DIR } from "./runtimes.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Package name -> packed tarball, for @ssemble/types and @ssemble/client. */
    tarballs: Record<string, string>;
    /** Where each test makes its consumer projects (a temp dir, removed on teardown). */
    projectsDir: string;
    /** Base URL of the Prism mock. */
    mockUrl: string;
  }
}

const PACKED = ["@ssemble/types", "@ssemble/client"];

/**
 * `npm ci` into a staging directory, then one rename into place, so that two runs at once (two terminals on one
 * checkout) never share a half-written tree: the stamp is only ever read from a complete one.
 */
function installRuntimes() {
  const lock = readFileSync(join(RUNTIMES_DIR, "package-lock.json"));
  const digest = createHash("sha256").update(lock).digest("hex");
  const target = join(RUNTIMES_DIR, "node_modules");
  const installed = () => {
    const stamp = join(target, ".installed-from");
    return existsSync(stamp) && readFileSync(stamp, "utf8") === digest;
  };
  if (installed()) return;
  const started = Date.now();
  const staging = mkdtempSync(join(RUNTIMES_DIR, ".install-"));
  try {
    for (const file of ["package.json", "package-lock.json"]) {
      copyFileSync(join(RUNTIMES_DIR, file), join(staging, file));
    }
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: staging,
      stdio: ["ignore", "ignore", "inherit"],
      timeout: 600_000,
    });
    writeFileSync(join(staging, "node_modules", ".installed-from"), digest);
    if (!installed()) {
      rmSync(target, { recursive: true, force: true });
      try {
        renameSync(join(staging, "node_modules"), target);
      } catch (error) {
        // Another run renamed its complete tree into place first: that one will do.
        if (!installed()) throw error;
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  console.log(`ecosystem runtimes installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject) {
  installRuntimes();
  const packDir = mkdtempSync(join(tmpdir(), "ssemble-ecosystem-tarballs-"));
  const projectsDir = mkdtempSync(join(tmpdir(), "ssemble-ecosystem-"));
  const cleanup: Array<() => Promise<void> | void> = [
    () => rmSync(packDir, { recursive: true, force: true }),
    () => rmSync(projectsDir, { recursive: true, force: true }),
  ];
  try {
    const tarballs = Object.fromEntries(
      PUBLISHED.filter((pkg) => PACKED.includes(pkg.name)).map((pkg) => [
        pkg.name,
        pack(pkg, packDir),
      ]),
    );
    const prism = await startPrism({ port: await findFreePort(), verboseLevel: "warn" });
    cleanup.push(() => prism.stop());
    project.provide("tarballs", tarballs);
    project.provide("projectsDir", projectsDir);
    project.provide("mockUrl", prism.url);
  } catch (error) {
    for (const step of cleanup.reverse()) await step();
    throw error;
  }
  return async () => {
    for (const step of cleanup.reverse()) await step();
  };
}
