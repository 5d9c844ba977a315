// A fresh consumer project per test: the consumer/ sources and the packed tarballs, installed with npm into a
// directory outside the workspace, so that nothing can resolve through pnpm's workspace links.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { BUN_CACHE, bunBin } from "./runtimes.js";

const CONSUMER = fileURLToPath(new URL("../consumer/", import.meta.url));

export interface ProjectOptions {
  /** The package.json `type` (default "module"). */
  type?: "module" | "commonjs";
  /** More dependencies from the registry, such as `@types/node`. */
  dependencies?: Record<string, string>;
  /** The package manager that installs the project (default npm). */
  installer?: "npm" | "bun";
}

const NPM_INSTALL = [
  "install",
  "--no-audit",
  "--no-fund",
  "--no-package-lock",
  "--prefer-offline",
  "--loglevel=error",
];

/** @returns the project's directory, with node_modules installed */
export function createProject(name: string, options: ProjectOptions = {}): string {
  const dir = join(inject("projectsDir"), name);
  mkdirSync(dir);
  const packed = Object.fromEntries(
    Object.entries(inject("tarballs")).map(([pkg, tgz]) => [pkg, `file:${tgz}`]),
  );
  const manifest = {
    name: `ssemble-ecosystem-${name}`,
    private: true,
    type: options.type ?? "module",
    dependencies: { ...packed, ...options.dependencies },
    // The packed client depends on @ssemble/types at a version that is not on the registry yet.
    overrides: packed,
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(CONSUMER, dir, { recursive: true });
  // Bounded: a stalled registry fails the test instead of blocking the worker (and vitest's timeouts) forever.
  const timeout = 120_000;
  if (options.installer === "bun") {
    // Bun's cache beside the runtimes (kept between runs, like npm's), never the user's ~/.bun.
    execFileSync(bunBin, ["install", "--no-save", "--silent"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, BUN_INSTALL_CACHE_DIR: BUN_CACHE },
      timeout,
    });
  } else {
    execFileSync("npm", NPM_INSTALL, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], timeout });
  }
  return dir;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program in the project with only PATH, HOME and the mock's URL in its environment, plus `env`. Returns
 * how it ended, whatever its exit code; throws only if it could not start or ran past 60 s.
 */
export function run(
  dir: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Run {
  const result = spawnSync(command, args, {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dir,
      SSEMBLE_BASE_URL: inject("mockUrl"),
      ...env,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.error) throw new Error(`${command} ${args.join(" ")}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
