// The supported matrix, as data: the runtimes the scenario runs on and the TypeScript configurations the typed
// consumer is compiled under, each with its verdict. The tests hold every row to its verdict, and
// packages/client/README.md publishes the table rendered from these rows (readme.test.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { bunBin, denoBin, nodeBin, RUNTIMES_DIR, type TscAlias, tscBin } from "./runtimes.js";

const pinned = (
  JSON.parse(readFileSync(join(RUNTIMES_DIR, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  }
).dependencies;
/** The exact version runtimes/package.json pins for a dependency (`npm:pkg@1.2.3` or `1.2.3`). */
export const versionOf = (dep: string) => pinned[dep]?.replace(/^npm:.*@/, "") ?? "?";

export interface ServerRuntime {
  name: string;
  /** What the README says was run. */
  tested: string;
  /** What the runtime says it is, as consumer/scenario.mjs reports it. */
  version: RegExp;
  command: string;
  args: (mockHost: string) => string[];
  env?: Record<string, string>;
  /** The package manager that installs its project (default npm). */
  installer?: "bun";
}

export const serverRuntimes: ServerRuntime[] = [
  {
    name: "Node.js 20.19",
    tested: `${versionOf("node-20.19")}, the lowest \`engines\` allows`,
    version: /^node v20\.19\.0$/,
    command: nodeBin("node-20.19"),
    args: () => ["server.mjs"],
  },
  {
    name: "Node.js 20.20",
    tested: versionOf("node-20.20"),
    version: /^node v20\.20\.\d+$/,
    command: nodeBin("node-20.20"),
    args: () => ["server.mjs"],
  },
  {
    name: "Node.js 22",
    tested: versionOf("node-22"),
    version: /^node v22\.\d+\.\d+$/,
    command: nodeBin("node-22"),
    args: () => ["server.mjs"],
  },
  {
    name: "Node.js 24",
    tested: versionOf("node-24"),
    version: /^node v24\.\d+\.\d+$/,
    command: nodeBin("node-24"),
    args: () => ["server.mjs"],
  },
  {
    name: "Bun",
    tested: `${versionOf("bun")}, the project installed by \`bun install\``,
    installer: "bun",
    version: /^bun 1\.\d+\.\d+$/,
    command: bunBin,
    args: () => ["server.mjs"],
    env: { DO_NOT_TRACK: "1" },
  },
  {
    name: "Deno",
    // `deno install` cannot install a local tarball (it links the .tgz itself), so Deno runs on the node_modules
    // npm made, which Deno supports as is.
    tested: `${versionOf("deno")}, on npm's \`node_modules\`, with \`--allow-net\` for the API's host only`,
    version: /^deno 2\.\d+\.\d+$/,
    command: denoBin,
    // Only what the scenario needs: the mock's host and its one variable.
    args: (mockHost) => [
      "run",
      `--allow-net=${mockHost}`,
      "--allow-env=SSEMBLE_BASE_URL",
      "server.mjs",
    ],
    // Deno's own cache in the project (this run needs nothing in it), never the user's ~/.cache/deno.
    env: { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: ".deno" },
  },
];

/** Rows the browser and workerd tests stand for. */
export const otherRuntimes = [
  {
    name: "Chromium (a page bundled with esbuild)",
    tested: "Debian's Chromium; refused without `dangerouslyAllowBrowser`, working with it",
  },
  {
    name: "Cloudflare workerd",
    tested: `${versionOf("workerd")}, a module worker bundled with esbuild`,
  },
];

export interface TypeScriptCase {
  name: string;
  /** The consumer project's package.json `type`. */
  type: "module" | "commonjs";
  module: string;
  moduleResolution: string;
  /** consumer/typed.ts (static imports) or consumer/typed-dynamic.ts (`await import()`). */
  entry: "typed" | "typed-dynamic";
  /** An older compiler from runtimes/ (default: the workspace's TypeScript). */
  tsc?: TscAlias;
  lib?: string[];
  types?: string[];
  skipLibCheck?: boolean;
  dependencies?: Record<string, string>;
  /**
   * Compiles and runs on Node.js 20.19.0, or fails to compile: every error line matches one of `errors`, and each
   * of them matches at least one line, so the failure is this one and no other.
   */
  verdict: "works" | { errors: RegExp[]; why: string };
}

const DOM = ["ES2022", "DOM"];

export const typeScriptCases: TypeScriptCase[] = [
  {
    name: "ESM, node16",
    type: "module",
    module: "node16",
    moduleResolution: "node16",
    entry: "typed",
    verdict: "works",
  },
  {
    name: "ESM, nodenext",
    type: "module",
    module: "nodenext",
    moduleResolution: "nodenext",
    entry: "typed",
    verdict: "works",
  },
  {
    name: "ESM, bundler",
    type: "module",
    module: "esnext",
    moduleResolution: "bundler",
    entry: "typed",
    verdict: "works",
  },
  {
    name: "CommonJS, commonjs + node10",
    type: "commonjs",
    module: "commonjs",
    moduleResolution: "node10",
    entry: "typed",
    verdict: "works",
  },
  {
    name: "CommonJS, nodenext",
    type: "commonjs",
    module: "nodenext",
    moduleResolution: "nodenext",
    entry: "typed",
    verdict: "works",
  },
  {
    name: "CommonJS, node20",
    type: "commonjs",
    module: "node20",
    moduleResolution: "nodenext",
    entry: "typed",
    verdict: "works",
  },
  {
    name: "CommonJS, node16",
    type: "commonjs",
    module: "node16",
    moduleResolution: "node16",
    entry: "typed",
    verdict: {
      errors: [
        /^typed\.ts\(\d+,\d+\): error TS1479: .*the referenced file is an ECMAScript module/,
        /^typed\.ts\(\d+,\d+\): error TS1541: Type-only import of an ECMAScript module/,
      ],
      why: "TS1479 (and TS1541 for `import type`): a CommonJS file under node16 cannot `require` an ES module",
    },
  },
  {
    name: "CommonJS, node16, with `await import()`",
    type: "commonjs",
    module: "node16",
    moduleResolution: "node16",
    entry: "typed-dynamic",
    verdict: "works",
  },
  {
    name: "ESM, node16, TypeScript 5.4",
    type: "module",
    module: "node16",
    moduleResolution: "node16",
    entry: "typed",
    tsc: "typescript-5.4",
    verdict: "works",
  },
  {
    name: "CommonJS, nodenext, TypeScript 5.8",
    type: "commonjs",
    module: "nodenext",
    moduleResolution: "nodenext",
    entry: "typed",
    tsc: "typescript-5.8",
    verdict: "works",
  },
  {
    name: "CommonJS, nodenext, TypeScript 5.7",
    type: "commonjs",
    module: "nodenext",
    moduleResolution: "nodenext",
    entry: "typed",
    tsc: "typescript-5.7",
    verdict: {
      errors: [/^typed\.ts\(\d+,\d+\): error TS1479: /, /^typed\.ts\(\d+,\d+\): error TS1541: /],
      why: "TS1479: before TypeScript 5.8, nodenext cannot `require` an ES module either",
    },
  },
  {
    name: "ESM, node16, TypeScript 5.3",
    type: "module",
    module: "node16",
    moduleResolution: "node16",
    entry: "typed",
    tsc: "typescript-5.3",
    verdict: {
      errors: [
        /^node_modules\/(openapi-fetch|openapi-typescript-helpers)\/dist\/index\.d\.mts\(\d+,\d+\): error TS2344: /,
      ],
      why: "TS2344 inside openapi-fetch's declarations",
    },
  },
  {
    name: "ESM, node16, TypeScript 5.3, `skipLibCheck`",
    type: "module",
    module: "node16",
    moduleResolution: "node16",
    entry: "typed",
    tsc: "typescript-5.3",
    skipLibCheck: true,
    verdict: "works",
  },
  {
    name: "ESM, node16, `lib` without DOM, with `@types/node`",
    type: "module",
    module: "node16",
    moduleResolution: "node16",
    entry: "typed",
    lib: ["ES2022"],
    types: ["node"],
    dependencies: { "@types/node": "20.19.43" },
    verdict: "works",
  },
  {
    name: "ESM, node16, `lib` without DOM, no `@types/node`",
    type: "module",
    module: "node16",
    moduleResolution: "node16",
    entry: "typed",
    lib: ["ES2022"],
    verdict: {
      errors: [
        /^node_modules\/(@ssemble\/client|openapi-fetch)\/dist\/.*error TS2304: Cannot find name '(AbortSignal|Headers|Request|RequestInit|Response|URL)'/,
        // openapi-fetch indexes globalThis for fetch, which without those types has no such member
        /^node_modules\/openapi-fetch\/dist\/index\.d\.mts\(\d+,\d+\): error TS7017: /,
      ],
      why: "TS2304: no `fetch` types (`Response`, `AbortSignal`)",
    },
  },
];

const require = createRequire(import.meta.url);
const workspaceTsc = require.resolve("typescript/bin/tsc");
const workspaceTs = (require("typescript/package.json") as { version: string }).version;

/** The compiler a case runs, and its version. */
export const compilerOf = (c: TypeScriptCase) => ({
  bin: c.tsc ? tscBin(c.tsc) : workspaceTsc,
  version: c.tsc ? versionOf(c.tsc) : workspaceTs,
});
export const libOf = (c: TypeScriptCase) => c.lib ?? DOM;
