// Builds the throwaway consumer project: the packed tarballs installed with npm into a directory under the
// OS temp dir, outside the workspace, so nothing can resolve through pnpm's workspace links.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const consumerSources = fileURLToPath(new URL("../consumer/", import.meta.url));

const tsconfig = (module: string, moduleResolution: string) => ({
  compilerOptions: {
    module,
    moduleResolution,
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    noEmit: true,
    // Check the published .d.ts files too, not only the consumer's code.
    skipLibCheck: false,
  },
  files: ["typed.ts"],
});

/**
 * @param tarballs package name -> packed .tgz
 * @returns the project directory, with node_modules installed
 */
export function createConsumerProject(tarballs: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ssemble-consumer-"));
  const deps = Object.fromEntries([...tarballs].map(([name, tgz]) => [name, `file:${tgz}`]));
  const manifest = {
    name: "ssemble-consumer-smoke",
    private: true,
    type: "module",
    dependencies: deps,
    // The packed client depends on @ssemble/types at a version that is not on the registry yet.
    overrides: deps,
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(consumerSources, dir, { recursive: true });
  writeFileSync(
    join(dir, "tsconfig.node16.json"),
    JSON.stringify(tsconfig("Node16", "Node16"), null, 2),
  );
  writeFileSync(
    join(dir, "tsconfig.bundler.json"),
    JSON.stringify(tsconfig("ESNext", "Bundler"), null, 2),
  );
  execFileSync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--prefer-offline",
      "--loglevel=error",
    ],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
  );
  return dir;
}
