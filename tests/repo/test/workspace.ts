// The repository as these rules see it: tracked files, workspace packages and their manifests.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { workspaceDirs } from "@ssemble/release/paths";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface Manifest {
  name: string;
  exports?: string | Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  /** Relative to the root, e.g. `tooling/prism`; `""` for the root itself. */
  dir: string;
  manifest: Manifest;
}

/** Every file git tracks (CI runs on a clean clone, so this is exactly what CI sees). */
export const trackedFiles = (): string[] =>
  execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && existsSync(join(ROOT, file)));

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as Manifest;

/** The packages pnpm-workspace.yaml names, with their manifests. */
export function workspacePackages(): WorkspacePackage[] {
  return workspaceDirs(ROOT).map((dir) => ({ dir, manifest: readManifest(dir) }));
}

/** The package a file belongs to: the deepest workspace package containing it, else the root. */
export function packageOf(file: string, packages: readonly WorkspacePackage[]): WorkspacePackage {
  let best: WorkspacePackage = { dir: "", manifest: readManifest("") };
  for (const pkg of packages) {
    if (file.startsWith(`${pkg.dir}/`) && pkg.dir.length > best.dir.length) best = pkg;
  }
  return best;
}
