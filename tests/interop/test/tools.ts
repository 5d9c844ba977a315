// Where the tools live and how to run them: each generator with what it needs to turn the bundle into
// TypeScript, and how a call site names the create body's type in what it wrote.
import { execFile } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const TOOLS_DIR = fileURLToPath(new URL("../tools/", import.meta.url));
export const BUNDLE = fileURLToPath(new URL("../../../spec/dist/openapi.json", import.meta.url));
const bin = (name: string) => join(TOOLS_DIR, "node_modules", ".bin", name);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool's bin in `cwd`; never throws, the caller asserts on the result. */
export function run(name: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      bin(name),
      args,
      { cwd, timeout: 110_000, maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH ?? "" } },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

export interface Generator {
  name: string;
  /** The exact version installed (tools/package.json pins it). */
  pkg: string;
  /** Writes its output into `dir`. */
  generate(dir: string): Promise<Run>;
  /** TypeScript that declares `type Body` as the generator's type for the create body (what a caller writes). */
  body: string;
}

/** What @ssemble/types publishes: openapi-typescript with the spec's `not: {}` mapped to `never`. */
const TYPES_FILE = fileURLToPath(
  new URL("../../../packages/types/src/generated/openapi.ts", import.meta.url),
);

export const GENERATORS: Generator[] = [
  {
    name: "@ssemble/types (openapi-typescript with its transform)",
    pkg: "openapi-typescript",
    generate: async (dir) => {
      copyFileSync(TYPES_FILE, join(dir, "out", "openapi.ts"));
      return { code: 0, stdout: "", stderr: "" };
    },
    body: 'import type { components } from "./out/openapi";\ntype Body = components["schemas"]["CreateShortRequest"];',
  },
  {
    name: "openapi-typescript (its CLI, no options)",
    pkg: "openapi-typescript",
    generate: (dir) => run("openapi-typescript", [BUNDLE, "-o", "out/openapi.ts"], dir),
    body: 'import type { components } from "./out/openapi";\ntype Body = components["schemas"]["CreateShortRequest"];',
  },
  {
    name: "orval",
    pkg: "orval",
    generate: (dir) => run("orval", ["--input", BUNDLE, "--output", "out/api.ts"], dir),
    body: 'import type { CreateShortRequest as Body } from "./out/api";',
  },
  {
    name: "openapi-zod-client",
    pkg: "openapi-zod-client",
    generate: (dir) => run("openapi-zod-client", [BUNDLE, "-o", "out/zod.ts"], dir),
    body: 'import type { z } from "zod";\nimport { schemas } from "./out/zod";\ntype Body = z.input<typeof schemas.CreateShortRequest>;',
  },
  {
    name: "typed-openapi",
    pkg: "typed-openapi",
    generate: (dir) => run("typed-openapi", [BUNDLE, "-o", "out/typed.ts"], dir),
    body: 'import type { Schemas } from "./out/typed";\ntype Body = Schemas.CreateShortRequest;',
  },
  {
    name: "@hey-api/openapi-ts",
    pkg: "@hey-api/openapi-ts",
    generate: (dir) => run("openapi-ts", ["-i", BUNDLE, "-o", "out/hey"], dir),
    body: 'import type { CreateShortRequest as Body } from "./out/hey";',
  },
  {
    name: "kubb (plugin-oas, plugin-ts)",
    pkg: "@kubb/cli",
    generate: (dir) => {
      writeFileSync(
        join(dir, "kubb.config.ts"),
        [
          'import { defineConfig } from "@kubb/core";',
          'import { pluginOas } from "@kubb/plugin-oas";',
          'import { pluginTs } from "@kubb/plugin-ts";',
          `export default defineConfig({ input: { path: ${JSON.stringify(BUNDLE)} }, output: { path: "./out/kubb" }, plugins: [pluginOas(), pluginTs()] });`,
        ].join("\n"),
      );
      return run("kubb", ["generate", "--config", "kubb.config.ts"], dir);
    },
    body: 'import type { CreateShortRequest as Body } from "./out/kubb/types";',
  },
  {
    name: "openapi-typescript-codegen",
    pkg: "openapi-typescript-codegen",
    generate: (dir) => run("openapi", ["--input", BUNDLE, "--output", "out/codegen"], dir),
    body: 'import type { CreateShortRequest as Body } from "./out/codegen";',
  },
];
